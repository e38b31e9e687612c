/**
 * The Activity chart's model, pure and fast: main sends AAS already bucketed (activity:aas), the renderer
 * (1) merges each pushed sample into the newest buckets (live mode, no polling), (2) stacks the series
 * and (3) turns them into one SVG path per series. Nothing here walks raw samples of a whole range.
 */
import type { AasSeries, ActivityAas, ActivityDimension, ActivitySample } from '@shared/types/activity';
import { sortWaitClasses, waitClassColor } from '../../components/waitClasses';
import { dimensionKey, matches, OTHER_KEY, type RowFilter, rowClass } from './dimensions';

/** Ranges the view offers (ms): 5 min to 24 h, the contract's limits. */
export const RANGES_MS = [5 * 60_000, 15 * 60_000, 60 * 60_000, 6 * 3_600_000, 24 * 3_600_000] as const;
const NICE_STEPS = [1, 2, 3, 5, 10, 15, 20, 30, 60, 120, 180, 240, 300, 600, 900, 1800, 3600];
/** about this many buckets across the chart: fine enough to read, few enough to draw in a few ms */
export const TARGET_BUCKETS = 360;

/** The bucket asked of main for a range: ≈ 360 points, a nice step (main rounds it to the interval). */
export function bucketFor(rangeMs: number): number {
  const ideal = rangeMs / 1000 / TARGET_BUCKETS;
  return NICE_STEPS.find((s) => s >= ideal) ?? 3600;
}

/**
 * Adds one pushed sample to an AAS answer (same dimension and filters): slides the window when the
 * sample starts a new bucket, adds `intervalSec / bucketSec` per matching row to its key's series.
 * A key outside the drawn series goes to '(other)' (created when needed), like main's top-N cut.
 * Returns the same object when the sample does not belong to it (older than the range, or roll-ups).
 */
export function mergeSample(
  aas: ActivityAas,
  sample: ActivitySample,
  filters: readonly RowFilter[],
  maxSeries: number,
): ActivityAas {
  if (aas.resolution !== 'samples' || aas.buckets.length === 0) return aas;
  const step = aas.bucketSec * 1000;
  if (sample.t < aas.from) return aas;
  // a second already counted (a repeated push) is not counted twice
  if (aas.newestSampleAt !== null && sample.t <= aas.newestSampleAt) return aas;
  let buckets = aas.buckets;
  let series = aas.series;
  let samplesPerBucket = aas.samplesPerBucket;
  let from = aas.from;
  let to = aas.to;
  // slide: append buckets up to the sample's, drop as many from the front (the range length stays)
  const slide = Math.floor((sample.t - to) / step) + 1;
  if (slide > 0) {
    const n = buckets.length;
    const k = Math.min(slide, n);
    const fresh = Array.from({ length: k }, (_, i) => to + (slide - k + i) * step);
    buckets = [...buckets.slice(k), ...fresh];
    samplesPerBucket = [...samplesPerBucket.slice(k), ...new Array<number>(k).fill(0)];
    series = series.map((s) => ({ ...s, values: [...s.values.slice(k), ...new Array<number>(k).fill(0)] }));
    to += slide * step;
    from = to - n * step;
  } else {
    series = series.map((s) => ({ ...s, values: [...s.values] }));
    samplesPerBucket = [...samplesPerBucket];
  }
  const b = Math.floor((sample.t - from) / step);
  if (b < 0 || b >= buckets.length) return aas;
  samplesPerBucket[b]! += 1;
  const add = sample.intervalSec / aas.bucketSec;
  const index = new Map(series.map((s, i) => [s.key, i]));
  for (const row of sample.rows) {
    if (!matches(row, filters)) continue;
    const key = dimensionKey(row, aas.dimension);
    let i = index.get(key);
    if (i === undefined) {
      const named = series.filter((s) => s.key !== OTHER_KEY).length;
      if (named < maxSeries && !index.has(OTHER_KEY)) {
        series.push({
          key,
          waitClass: seriesClass(aas.dimension, key, rowClass(row)),
          values: new Array<number>(buckets.length).fill(0),
          total: 0,
        });
        i = series.length - 1;
        index.set(key, i);
      } else {
        i = index.get(OTHER_KEY);
        if (i === undefined) {
          series.push({
            key: OTHER_KEY,
            waitClass: null,
            values: new Array<number>(buckets.length).fill(0),
            total: 0,
          });
          i = series.length - 1;
          index.set(OTHER_KEY, i);
        }
      }
    }
    series[i]!.values[b]! += add;
  }
  const rangeSec = (to - from) / 1000;
  series = series.map((s) => ({
    ...s,
    total: s.values.reduce((a, v) => a + v, 0) * (aas.bucketSec / rangeSec),
  }));
  return {
    ...aas,
    from,
    to,
    buckets,
    series,
    samplesPerBucket,
    intervalSec: sample.intervalSec,
    newestSampleAt: sample.t,
    at: Date.now(),
  };
}

function seriesClass(dimension: ActivityDimension, key: string, cls: string): string | null {
  if (dimension === 'waitClass') return key;
  if (dimension === 'event') return cls;
  return null;
}

/** Colours: wait classes (and events by their class) in Oracle's colours, other dimensions a palette. */
const PALETTE = [
  '#4e79a7',
  '#f28e2b',
  '#e15759',
  '#76b7b2',
  '#59a14f',
  '#edc948',
  '#b07aa1',
  '#ff9da7',
  '#9c755f',
  '#86bcb6',
  '#d37295',
  '#a0cbe8',
];
export function seriesColor(dimension: ActivityDimension, s: AasSeries, index: number): string {
  if (s.key === OTHER_KEY) return '#b8b8b8';
  if (dimension === 'waitClass' || dimension === 'event') {
    if (dimension === 'event' && s.waitClass) {
      // events of one class share its hue, told apart by lightness
      return shade(waitClassColor(s.waitClass, index), index);
    }
    return waitClassColor(s.waitClass ?? s.key, index);
  }
  return PALETTE[index % PALETTE.length]!;
}

function shade(hex: string, index: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  const f = 1 - (index % 4) * 0.18;
  const c = (v: number) => Math.max(0, Math.min(255, Math.round(v * f + (1 - f) * 255 * 0.15)));
  const r = c((n >> 16) & 255);
  const g = c((n >> 8) & 255);
  const b = c(n & 255);
  return `#${((1 << 24) | (r << 16) | (g << 8) | b).toString(16).slice(1)}`;
}

/** The drawing order: wait classes as OEM stacks them (CPU at the bottom), else by total, '(other)' on top. */
export function orderSeries(dimension: ActivityDimension, series: readonly AasSeries[]): AasSeries[] {
  const other = series.filter((s) => s.key === OTHER_KEY);
  const rest = series.filter((s) => s.key !== OTHER_KEY);
  if (dimension === 'waitClass') {
    const order = sortWaitClasses(rest.map((s) => s.key));
    return [...order.map((k) => rest.find((s) => s.key === k)!), ...other];
  }
  return [...[...rest].sort((a, b) => b.total - a.total || a.key.localeCompare(b.key)), ...other];
}

/**
 * The value drawn for a bucket: main divides by the whole bucket; the newest bucket is still filling, so
 * it is scaled to the seconds sampled so far (else live AAS would seem to drop at every bucket start).
 */
export function bucketScale(aas: ActivityAas): number[] {
  const expected = aas.bucketSec / Math.max(1, aas.intervalSec);
  return aas.buckets.map((start, i) => {
    const n = aas.samplesPerBucket[i] ?? 0;
    const filling = aas.newestSampleAt !== null && start + aas.bucketSec * 1000 > aas.newestSampleAt;
    return filling && n > 0 && n < expected ? expected / n : 1;
  });
}

export interface StackedLayer {
  key: string;
  color: string;
  /** the SVG path ('M…Z'), in chart pixels */
  path: string;
}

export interface Stacked {
  layers: StackedLayer[];
  /** the stack's top per bucket (AAS) */
  totals: Float64Array;
  /** the y-axis maximum (nice number ≥ the highest stack and the CPU line) */
  yMax: number;
}

export function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const m of [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

/**
 * Stacks the series and builds one closed path per layer (step-free polyline through bucket centres;
 * buckets without samples are gaps: the path goes to 0 there, the gap band is drawn by the chart).
 * O(buckets × series): 360 × 13 points for any range.
 */
export function stack(
  aas: ActivityAas,
  ordered: readonly AasSeries[],
  colors: readonly string[],
  width: number,
  height: number,
): Stacked {
  const n = aas.buckets.length;
  const scale = bucketScale(aas);
  const missed = missedTicks(aas);
  const base = new Float64Array(n);
  const tops: Float64Array[] = [];
  const v = new Float64Array(n);
  for (const s of ordered) {
    for (let i = 0; i < n; i++) v[i] = (s.values[i] ?? 0) * scale[i]!;
    // a missed tick is drawn between its neighbours, not as a drop to 0
    for (const [a, b] of missed) {
      for (let i = a; i <= b; i++) {
        const f = (i - a + 1) / (b - a + 2);
        v[i] = v[a - 1]! * (1 - f) + v[b + 1]! * f;
      }
    }
    const top = new Float64Array(n);
    for (let i = 0; i < n; i++) top[i] = base[i]! + v[i]!;
    tops.push(top);
    base.set(top);
  }
  let highest = 0;
  for (let i = 0; i < n; i++) highest = Math.max(highest, base[i]!);
  const yMax = niceMax(Math.max(highest, aas.cpuCount ?? 0) * 1.05);
  const dx = n > 0 ? width / n : width;
  const y = (v: number) => height - (v / yMax) * height;
  const layers: StackedLayer[] = [];
  let lower: Float64Array = new Float64Array(n);
  for (let k = 0; k < ordered.length; k++) {
    const top = tops[k]!;
    let up = '';
    let down = '';
    for (let i = 0; i < n; i++) {
      const x = ((i + 0.5) * dx).toFixed(1);
      up += `${i === 0 ? 'M' : 'L'}${x},${y(top[i]!).toFixed(1)}`;
    }
    for (let i = n - 1; i >= 0; i--) {
      down += `L${((i + 0.5) * dx).toFixed(1)},${y(lower[i]!).toFixed(1)}`;
    }
    layers.push({ key: ordered[k]!.key, color: colors[k]!, path: `${up}${down}Z` });
    lower = top;
  }
  return { layers, totals: base, yMax };
}

/** Bucket index under an x pixel. */
export function bucketAt(x: number, width: number, n: number): number {
  return Math.max(0, Math.min(n - 1, Math.floor((x / width) * n)));
}

/** A brushed pixel span → a time range on bucket boundaries (at least one bucket). */
export function brushRange(
  aas: ActivityAas,
  x0: number,
  x1: number,
  width: number,
): { from: number; to: number } {
  const n = aas.buckets.length;
  const a = bucketAt(Math.min(x0, x1), width, n);
  const b = bucketAt(Math.max(x0, x1), width, n);
  const step = aas.bucketSec * 1000;
  return { from: aas.buckets[a]!, to: aas.buckets[b]! + step };
}

/**
 * Runs of empty buckets between sampled ones lasting at most two intervals: a sampler tick that was
 * late or skipped (a second never written), drawn by interpolation. Longer runs are gaps.
 */
export function missedTicks(aas: ActivityAas): Array<[number, number]> {
  const limit = 2 * Math.max(1, aas.intervalSec);
  return emptyRuns(aas).filter(
    ([a, b]) => a > 0 && b < aas.buckets.length - 1 && (b - a + 1) * aas.bucketSec <= limit,
  );
}

/** Gaps: no sample for longer than two intervals (no sampler ran), as [first, last] index runs. */
export function gapRuns(aas: ActivityAas): Array<[number, number]> {
  const missed = new Set(missedTicks(aas).map(([a]) => a));
  return emptyRuns(aas).filter(([a]) => !missed.has(a));
}

function emptyRuns(aas: ActivityAas): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let start = -1;
  const newest = aas.newestSampleAt ?? Number.POSITIVE_INFINITY;
  aas.samplesPerBucket.forEach((n, i) => {
    // the buckets after the newest sample are the future, not a gap
    const gap = n === 0 && aas.buckets[i]! <= newest;
    if (gap && start < 0) start = i;
    if (!gap && start >= 0) {
      out.push([start, i - 1]);
      start = -1;
    }
  });
  if (start >= 0) out.push([start, aas.samplesPerBucket.length - 1]);
  return out;
}
