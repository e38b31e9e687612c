/**
 * Average Active Sessions as a stacked area (one SVG path per series), the CPU-count line, gaps where no
 * sampler ran, a hover read-out and a drag brush that selects a time range. Plain SVG: 1 h or 24 h is
 * ≈ 360 buckets × ≤ 13 series whatever the samples behind them, drawn in a few milliseconds.
 */
import type { ActivityAas, ActivityDimension } from '@shared/types/activity';
import { memo, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { chartTime, num } from '../../components/units';
import { brushRange, bucketAt, bucketScale, gapRuns, orderSeries, seriesColor, stack } from './chart-model';
import { aasText } from './format';

export interface TimeRange {
  from: number;
  to: number;
}

export interface AasChartProps {
  aas: ActivityAas;
  dimension: ActivityDimension;
  lang: string;
  /** how a series key is shown (e.g. '(other)' translated) */
  labelOf: (key: string) => string;
  /** the brushed range, drawn over the chart */
  selection: TimeRange | null;
  /** a drag selects a range; a click without drag clears it (null); absent = no brush */
  onSelect?: (range: TimeRange | null) => void;
  /** a legend item clicked: narrow to that value */
  onSeriesClick?: (key: string) => void;
  height?: number;
  cpuLabel: string;
  aasUnit: string;
  gapLabel: string;
  /** what the legend's numbers are (AAS averaged over the whole range) */
  avgLabel: string;
  testId?: string;
}

const PAD = { left: 44, right: 8, top: 8, bottom: 22 };

function useWidth(ref: React.RefObject<HTMLDivElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver(() => setWidth(el.clientWidth));
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return width;
}

/** the app's chart clock (local or database time as the header says) */
function timeLabel(t: number, lang: string, withDate: boolean, withSeconds: boolean): string {
  return chartTime(t, lang, { withDate, withSeconds });
}

export const AasChart = memo(function AasChart({
  aas,
  dimension,
  lang,
  labelOf,
  selection,
  onSelect,
  onSeriesClick,
  height = 260,
  cpuLabel,
  aasUnit,
  gapLabel,
  avgLabel,
  testId = 'aas-chart',
}: AasChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const width = useWidth(box);
  const w = Math.max(10, width - PAD.left - PAD.right);
  const h = Math.max(10, height - PAD.top - PAD.bottom);
  const ordered = useMemo(() => orderSeries(dimension, aas.series), [dimension, aas.series]);
  const colors = useMemo(() => ordered.map((s, i) => seriesColor(dimension, s, i)), [ordered, dimension]);
  const stacked = useMemo(() => stack(aas, ordered, colors, w, h), [aas, ordered, colors, w, h]);
  const gaps = useMemo(() => gapRuns(aas), [aas]);
  const [hover, setHover] = useState<number | null>(null);
  const [drag, setDrag] = useState<{ x0: number; x1: number } | null>(null);
  const n = aas.buckets.length;
  const dx = n > 0 ? w / n : w;
  const span = aas.to - aas.from;
  const xOfTime = (t: number) => ((t - aas.from) / span) * w;
  const yOf = (v: number) => h - (v / stacked.yMax) * h;

  useEffect(() => {
    // benchmarks and e2e: when a chart answer was drawn
    performance.mark('tms:activity:drawn', { detail: { buckets: stacked.totals.length } });
  }, [stacked]);

  const localX = (e: React.PointerEvent) => {
    const rect = (e.currentTarget as SVGElement).getBoundingClientRect();
    return Math.max(0, Math.min(w, e.clientX - rect.left - PAD.left));
  };

  const yTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => f * stacked.yMax);
  const xTickCount = Math.max(2, Math.min(8, Math.floor(w / 110)));
  const withDate = span > 12 * 3_600_000;
  const withSeconds = span <= 15 * 60_000;
  const xTicks = Array.from({ length: xTickCount + 1 }, (_, i) => aas.from + (span * i) / xTickCount);
  const scale = useMemo(() => bucketScale(aas), [aas]);
  const totalSamples = useMemo(() => aas.samplesPerBucket.reduce((a, b) => a + b, 0), [aas]);

  return (
    <div
      className="aas-chart"
      ref={box}
      data-testid={testId}
      data-dimension={aas.dimension}
      data-buckets={n}
      data-series={ordered.length}
      data-samples={totalSamples}
      data-from={aas.from}
      data-to={aas.to}
    >
      {width > 0 && (
        <svg
          width={width}
          height={height}
          role="img"
          aria-label={`AAS ${aas.dimension}`}
          onPointerDown={(e) => {
            if (!onSelect) return;
            (e.currentTarget as SVGElement).setPointerCapture?.(e.pointerId);
            const x = localX(e);
            setDrag({ x0: x, x1: x });
          }}
          onPointerMove={(e) => {
            const x = localX(e);
            setHover(bucketAt(x, w, n));
            if (drag) setDrag({ ...drag, x1: x });
          }}
          onPointerUp={(e) => {
            if (!drag || !onSelect) return;
            const x1 = localX(e);
            setDrag(null);
            if (Math.abs(x1 - drag.x0) < 4) onSelect(null);
            else onSelect(brushRange(aas, drag.x0, x1, w));
          }}
          onPointerLeave={() => setHover(null)}
        >
          <g transform={`translate(${PAD.left},${PAD.top})`}>
            {yTicks.map((v) => (
              <g key={v}>
                <line x1={0} x2={w} y1={yOf(v)} y2={yOf(v)} className="aas-grid" />
                <text x={-6} y={yOf(v) + 4} textAnchor="end" className="aas-axis">
                  {num(v, lang)}
                </text>
              </g>
            ))}
            {gaps.map(([a, b]) => (
              <rect
                key={a}
                x={a * dx}
                width={(b - a + 1) * dx}
                y={0}
                height={h}
                className="aas-gap"
                data-testid="aas-gap"
              >
                <title>{gapLabel}</title>
              </rect>
            ))}
            {stacked.layers.map((l) => (
              <path
                key={l.key}
                d={l.path}
                fill={l.color}
                stroke={l.color}
                strokeWidth={0.5}
                data-series={l.key}
              />
            ))}
            {aas.cpuCount !== null && (
              <g data-testid="aas-cpu-line">
                <line x1={0} x2={w} y1={yOf(aas.cpuCount)} y2={yOf(aas.cpuCount)} className="aas-cpu-line" />
                <text x={w - 4} y={yOf(aas.cpuCount) - 4} textAnchor="end" className="aas-cpu-label">
                  {cpuLabel} {aas.cpuCount}
                </text>
              </g>
            )}
            {selection && (
              <rect
                x={Math.max(0, xOfTime(selection.from))}
                width={Math.max(2, Math.min(w, xOfTime(selection.to)) - Math.max(0, xOfTime(selection.from)))}
                y={0}
                height={h}
                className="aas-selection"
                data-testid="aas-selection"
              />
            )}
            {drag && (
              <rect
                x={Math.min(drag.x0, drag.x1)}
                width={Math.abs(drag.x1 - drag.x0)}
                y={0}
                height={h}
                className="aas-brush"
              />
            )}
            {hover !== null && (
              <line x1={(hover + 0.5) * dx} x2={(hover + 0.5) * dx} y1={0} y2={h} className="aas-hover" />
            )}
            <line x1={0} x2={w} y1={h} y2={h} className="aas-axis-line" />
            {xTicks.map((t, i) => (
              <text
                key={t}
                x={(i / xTickCount) * w}
                y={h + 15}
                textAnchor={i === 0 ? 'start' : i === xTickCount ? 'end' : 'middle'}
                className="aas-axis"
              >
                {timeLabel(t, lang, withDate, withSeconds)}
              </text>
            ))}
          </g>
        </svg>
      )}
      {hover !== null && n > 0 && (
        <div
          className="aas-tooltip"
          data-testid="aas-tooltip"
          style={{ left: Math.min(width - 240, PAD.left + (hover + 0.5) * dx + 12) }}
        >
          <div className="muted">
            {timeLabel(aas.buckets[hover]!, lang, true, true)} · {aas.bucketSec} s
          </div>
          {aas.samplesPerBucket[hover] === 0 ? (
            <div className="muted">{gapLabel}</div>
          ) : (
            [...ordered]
              .map((s, i) => ({ s, i, v: (s.values[hover] ?? 0) * scale[hover]! }))
              .filter((x) => x.v > 0)
              .reverse()
              .map(({ s, i, v }) => (
                <div key={s.key} className="aas-tip-row">
                  <span className="dot" style={{ background: colors[i] }} />
                  <span className="ellipsis">{labelOf(s.key)}</span>
                  <span className="num">
                    {aasText(v, lang)} {aasUnit}
                  </span>
                </div>
              ))
          )}
          <div className="aas-tip-row aas-tip-total">
            <span />
            <span>Σ</span>
            <span className="num">
              {aasText(stacked.totals[hover] ?? 0, lang)} {aasUnit}
            </span>
          </div>
        </div>
      )}
      <div className="aas-legend" data-testid="aas-legend">
        <span className="muted small">{avgLabel}:</span>
        {ordered.map((s, i) => (
          <button
            type="button"
            key={s.key}
            className="aas-legend-item"
            data-testid="aas-legend-item"
            data-key={s.key}
            disabled={!onSeriesClick}
            onClick={() => onSeriesClick?.(s.key)}
            title={`${labelOf(s.key)}: ${aasText(s.total, lang)} ${aasUnit} (${avgLabel})`}
          >
            <span className="dot" style={{ background: colors[i] }} />
            <span className="ellipsis">{labelOf(s.key)}</span>
            <span className="muted num">{aasText(s.total, lang)}</span>
          </button>
        ))}
      </div>
    </div>
  );
});
