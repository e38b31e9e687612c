import { memo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { formatNumber } from '../../components/format';
import { timeOfDay } from '../../components/units';
import type { HitChartRow } from './cache-model';

export interface HitChartSeries {
  key: 'hit' | 'l1' | 'l2';
  label: string;
  color: string;
}

/** the app's one time format (24 h, local or database time as the header says) */
const time = (t: number, lang: string) => timeOfDay(t, lang);

/** The last 30 minutes of hit ratios (0-100 %), one point per minute; minutes without lookups are gaps. */
export const HitChart = memo(function HitChart({
  rows,
  series,
  lang,
  height = 220,
}: {
  rows: HitChartRow[];
  series: HitChartSeries[];
  lang: string;
  height?: number;
}) {
  return (
    <div className="chart" data-testid="hit-chart" style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={rows} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={['dataMin', 'dataMax']}
            tickFormatter={(t: number) => time(t, lang)}
            minTickGap={40}
            fontSize={11}
          />
          <YAxis width={48} fontSize={11} domain={[0, 100]} tickFormatter={(v: number) => `${v} %`} />
          <Tooltip
            labelFormatter={(t) => time(Number(t), lang)}
            formatter={(v) => (typeof v === 'number' ? `${formatNumber(v, lang, 1)} %` : String(v))}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
          />
          <Legend wrapperStyle={{ fontSize: 11 }} />
          {series.map((s) => (
            <Line
              key={s.key}
              dataKey={s.key}
              name={s.label}
              type="monotone"
              stroke={s.color}
              strokeWidth={2}
              dot={{ r: 2.5, fill: s.color }}
              isAnimationActive={false}
              connectNulls={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
});
