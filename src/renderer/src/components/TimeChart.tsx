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
import { chartTime, num, timeOfDay } from './units';

export interface Series {
  key: string;
  label: string;
  color: string;
  /** drawn against a second axis on the right (a series of another magnitude, e.g. physical vs logical reads) */
  axis?: 'right';
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
  /**
   * rows may carry a backfilled part of each series under `<key><historySuffix>`: drawn dashed,
   * without a legend entry of its own
   */
  historySuffix?: string;
  /** name of the dashed part in the tooltip, e.g. "1 min average" */
  historyLabel?: string;
}

function timeLabel(t: number, lang: string, withDate: boolean): string {
  // local time, or the database host's clock (header toggle)
  return withDate ? chartTime(t, lang, { withDate: true, withSeconds: false }) : timeOfDay(t, lang);
}

function valueCount(data: TimeChartProps['data'], key: string): number {
  let n = 0;
  for (const r of data) if (typeof r[key] === 'number') n++;
  return n;
}

function present(data: TimeChartProps['data'], key: string, suffix: string | undefined): boolean {
  return data.some(
    (r) => typeof r[key] === 'number' || (suffix ? typeof r[key + suffix] === 'number' : false),
  );
}

/** A time series chart (recharts) for realtime samples and trends; no animation (steady screenshots). */
export const TimeChart = memo(function TimeChart({
  data,
  series,
  stacked,
  height = 200,
  lang,
  format,
  withDate = false,
  testId,
  historySuffix,
  historyLabel,
}: TimeChartProps) {
  const fmt = format ?? ((v: number) => num(v, lang));
  // a series with nothing to draw gets no legend entry (a legend without a line misleads)
  const shown = series.filter((s) => present(data, s.key, historySuffix));
  const right = shown.some((s) => s.axis === 'right');
  const hasHistory =
    historySuffix !== undefined && shown.some((s) => present(data, s.key + historySuffix, undefined));
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
      <YAxis yAxisId="left" width={56} fontSize={11} tickFormatter={(v: number) => fmt(v)} />
      {right && (
        <YAxis
          yAxisId="right"
          orientation="right"
          width={56}
          fontSize={11}
          tickFormatter={(v: number) => fmt(v)}
        />
      )}
      <Tooltip
        labelFormatter={(t) => timeLabel(Number(t), lang, true)}
        formatter={(v) => (typeof v === 'number' ? fmt(v) : String(v))}
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
            {shown.map((s) => (
              <Area
                key={s.key}
                yAxisId={s.axis ?? 'left'}
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
            {/* history first: the live lines are drawn over it */}
            {hasHistory &&
              shown.map((s) => (
                <Line
                  key={`${s.key}${historySuffix}`}
                  yAxisId={s.axis ?? 'left'}
                  dataKey={`${s.key}${historySuffix}`}
                  name={historyLabel ? `${s.label} · ${historyLabel}` : s.label}
                  legendType="none"
                  type="linear"
                  stroke={s.color}
                  strokeWidth={1.5}
                  strokeDasharray="4 3"
                  dot={false}
                  isAnimationActive={false}
                  connectNulls
                />
              ))}
            {shown.map((s) => (
              <Line
                key={s.key}
                yAxisId={s.axis ?? 'left'}
                dataKey={s.key}
                name={s.label}
                type="linear"
                stroke={s.color}
                strokeWidth={2}
                // a series with a single point of its own (the first live sample) shows as a dot
                dot={valueCount(data, s.key) < 2}
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
