import { Cell, Pie, PieChart, ResponsiveContainer, Tooltip } from 'recharts';
import { waitClassColor } from './waitClasses';

export interface WaitClassDonutProps<T extends { waitClass: string }> {
  slices: readonly T[];
  /** the numeric field each slice is sized by */
  valueKey: keyof T & string;
  size: number;
  /** tooltip text for a slice's value (with its unit) */
  format: (value: number) => string;
}

/** Share by wait class in Enterprise Manager colours (dashboard and wait-events views). */
export function WaitClassDonut<T extends { waitClass: string }>({
  slices,
  valueKey,
  size,
  format,
}: WaitClassDonutProps<T>) {
  return (
    <div className="chart" style={{ height: size, width: size, flexShrink: 0 }}>
      <ResponsiveContainer width="100%" height="100%">
        <PieChart>
          <Pie
            data={slices as T[]}
            dataKey={valueKey}
            nameKey="waitClass"
            innerRadius="45%"
            outerRadius="80%"
            isAnimationActive={false}
          >
            {slices.map((s, i) => (
              <Cell key={s.waitClass} fill={waitClassColor(s.waitClass, i)} />
            ))}
          </Pie>
          <Tooltip
            formatter={(v) => format(Number(v))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
          />
        </PieChart>
      </ResponsiveContainer>
    </div>
  );
}
