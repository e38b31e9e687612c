import { memo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useTimeDisplay } from './TimeDisplay';
import { displayInstant } from './units';

export interface Series {
  key: string;
  label: string;
  color: string;
}

export interface TimeChartProps {
  /** rows with `t` (epoch ms) and one number (or null) per series key */
  data: Array<Record<string, number | null>>;
  series: Series[];
  /** stacked areas (wait classes) instead of lines */
  stacked?: boolean;
  height?: number;
  lang: string;
  /** y-axis and tooltip formatting */
  format?: (value: number) => string;
  /** x-axis labels: time of day (default) or date + time for long periods */
  withDate?: boolean;
  testId?: string;
}

function timeLabel(t: number, lang: string, withDate: boolean): string {
  // local time, or the database host's clock (header toggle)
  const { at, timeZone } = displayInstant(t);
  const d = new Date(at);
  const zone = timeZone ? { timeZone } : {};
  return withDate
    ? d.toLocaleString(lang, {
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        ...zone,
      })
    : d.toLocaleTimeString(lang, {
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hour12: false,
        ...zone,
      });
}

const defaultFormat = (v: number) =>
  Math.abs(v) >= 100 ? Math.round(v).toLocaleString() : String(Math.round(v * 100) / 100);

/** A time series chart (recharts) for realtime samples and trends; no animation (steady screenshots). */
export const TimeChart = memo(function TimeChart({
  data,
  series,
  stacked,
  height = 200,
  lang,
  format = defaultFormat,
  withDate = false,
  testId,
}: TimeChartProps) {
  // re-render (despite memo) when the header switches between local and database time
  useTimeDisplay();
  const common = {
    data,
    margin: { top: 8, right: 12, bottom: 0, left: 0 },
  };
  const axes = (
    <>
      <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={['dataMin', 'dataMax']}
        tickFormatter={(t: number) => timeLabel(t, lang, withDate)}
        minTickGap={40}
        fontSize={11}
      />
      <YAxis width={56} fontSize={11} tickFormatter={(v: number) => format(v)} />
      <Tooltip
        labelFormatter={(t) => timeLabel(Number(t), lang, true)}
        formatter={(v) => (typeof v === 'number' ? format(v) : String(v))}
        contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
      />
      <Legend wrapperStyle={{ fontSize: 11 }} />
    </>
  );
  return (
    <div className="chart" data-testid={testId} style={{ height }}>
      <ResponsiveContainer width="100%" height="100%">
        {stacked ? (
          <AreaChart {...common}>
            {axes}
            {series.map((s) => (
              <Area
                key={s.key}
                dataKey={s.key}
                name={s.label}
                stackId="1"
                type="monotone"
                stroke={s.color}
                fill={s.color}
                fillOpacity={0.85}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </AreaChart>
        ) : (
          <LineChart {...common}>
            {axes}
            {series.map((s) => (
              <Line
                key={s.key}
                dataKey={s.key}
                name={s.label}
                type="monotone"
                stroke={s.color}
                strokeWidth={2}
                dot={data.length < 3}
                isAnimationActive={false}
                connectNulls
              />
            ))}
          </LineChart>
        )}
      </ResponsiveContainer>
    </div>
  );
});
