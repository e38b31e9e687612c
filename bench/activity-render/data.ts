/**
 * Synthetic activity as main answers it (activity:aas): 360 buckets, 12 series + '(other)', the shape
 * of the demo's day (a CPU burst, an I/O batch, a blocking episode), and pushed samples for live merge.
 */
import type {
  ActivityAas,
  ActivityDimension,
  ActivityRow,
  ActivitySample,
} from '../../src/shared/types/activity';

const CLASSES = [
  'CPU',
  'User I/O',
  'Application',
  'Concurrency',
  'Commit',
  'System I/O',
  'Configuration',
  'Network',
  'Other',
  'Scheduler',
  'Administrative',
  'Cluster',
];

function rnd(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export function aasAnswer(
  rangeMs: number,
  bucketSec: number,
  dimension: ActivityDimension,
  seed: number,
): ActivityAas {
  const r = rnd(seed);
  const n = Math.ceil(rangeMs / 1000 / bucketSec);
  const to = Math.ceil(Date.now() / (bucketSec * 1000)) * bucketSec * 1000;
  const from = to - n * bucketSec * 1000;
  const buckets = Array.from({ length: n }, (_, i) => from + i * bucketSec * 1000);
  const keys =
    dimension === 'waitClass'
      ? CLASSES
      : Array.from(
          { length: 12 },
          (_, i) => `${(seed * 7919 + i * 104729).toString(36).padStart(13, 'a').slice(0, 13)}`,
        );
  const series = [...keys, '(other)'].map((key, k) => {
    const values = buckets.map((_, i) => {
      const wave = 1 + Math.sin((i / n) * Math.PI * (4 + k)) * 0.6;
      const burst = k === 0 && i % 120 > 20 && i % 120 < 35 ? 8 : 0;
      return Math.max(0, (6 / (k + 1)) * wave * (0.7 + 0.6 * r()) + burst);
    });
    return {
      key,
      waitClass: dimension === 'waitClass' ? key : null,
      values,
      total: values.reduce((a, b) => a + b, 0) / n,
    };
  });
  return {
    connId: 'bench',
    source: 'sampler',
    dimension,
    from,
    to,
    bucketSec,
    buckets,
    series,
    samplesPerBucket: buckets.map((_, i) => (i > n * 0.3 && i < n * 0.31 ? 0 : bucketSec)),
    intervalSec: 1,
    cpuCount: 16,
    resolution: rangeMs > 3_600_000 ? 'rollup' : 'samples',
    newestSampleAt: to - 1000,
    at: Date.now(),
  };
}

export function pushedSample(t: number, rows: number, seed: number): ActivitySample {
  const r = rnd(seed);
  const out: ActivityRow[] = [];
  for (let i = 0; i < rows; i++) {
    const cpu = r() < 0.4;
    const cls = CLASSES[1 + Math.floor(r() * 8)]!;
    out.push({
      instId: 1,
      conId: 0,
      sid: 100 + i,
      serial: 1,
      user: 'APP',
      background: false,
      state: cpu ? 'ON CPU' : 'WAITING',
      waitClass: cpu ? null : cls,
      event: cpu ? null : `${cls} event`,
      sqlId: 'abcdefghijklm',
      sqlChildNumber: 0,
      planHashValue: 1,
      sqlExecId: i,
      sqlExecStart: t,
      module: 'M',
      action: null,
      program: 'P',
      machine: 'H',
      service: 'S',
      blockingInstance: null,
      blockingSession: null,
      finalBlockingInstance: null,
      finalBlockingSession: null,
      currentObj: null,
      waitSec: 0,
    });
  }
  return { t, intervalSec: 1, rows: out };
}
