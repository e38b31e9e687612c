import type { ActivityAas, ActivityRow, ActivitySample } from '@shared/types/activity';
import { describe, expect, it } from 'vitest';
import {
  brushRange,
  bucketFor,
  bucketScale,
  gapRuns,
  mergeSample,
  missedTicks,
  niceMax,
  orderSeries,
  seriesColor,
  stack,
} from './chart-model';
import { dimensionKey, matches } from './dimensions';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);

function row(over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    instId: 1,
    conId: 0,
    sid: 10,
    serial: 1,
    user: 'APP',
    background: false,
    state: 'WAITING',
    waitClass: 'User I/O',
    event: 'db file sequential read',
    sqlId: 'abc123def456g',
    sqlChildNumber: 0,
    planHashValue: 1,
    sqlExecId: 1,
    sqlExecStart: T0,
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
    ...over,
  };
}

/** 6 buckets of 10 s from T0, waitClass, a sample every second */
function aas(over: Partial<ActivityAas> = {}): ActivityAas {
  return {
    connId: 'demo',
    source: 'sampler',
    dimension: 'waitClass',
    from: T0,
    to: T0 + 60_000,
    bucketSec: 10,
    buckets: [0, 1, 2, 3, 4, 5].map((i) => T0 + i * 10_000),
    series: [
      { key: 'CPU', waitClass: 'CPU', values: [1, 1, 1, 1, 1, 0.5], total: 0.917 },
      { key: 'User I/O', waitClass: 'User I/O', values: [2, 2, 2, 2, 2, 1], total: 1.833 },
    ],
    samplesPerBucket: [10, 10, 10, 10, 10, 5],
    intervalSec: 1,
    cpuCount: 4,
    resolution: 'samples',
    newestSampleAt: T0 + 54_000,
    at: T0 + 55_000,
    ...over,
  };
}

const sample = (t: number, rows: ActivityRow[], intervalSec = 1): ActivitySample => ({
  t,
  intervalSec,
  rows,
});

describe('bucketFor', () => {
  it('gives about 360 buckets of a nice length for each range', () => {
    expect(bucketFor(5 * 60_000)).toBe(1);
    expect(bucketFor(60 * 60_000)).toBe(10);
    expect(bucketFor(24 * 3_600_000)).toBe(240);
  });
});

describe('mergeSample', () => {
  it('adds a sample to its bucket: one row = interval / bucket seconds of AAS, in its own series', () => {
    const next = mergeSample(
      aas(),
      sample(T0 + 55_000, [row(), row({ sid: 11 }), row({ state: 'ON CPU' })]),
      [],
      12,
    );
    expect(next.series.find((s) => s.key === 'User I/O')!.values[5]).toBeCloseTo(1.2);
    expect(next.series.find((s) => s.key === 'CPU')!.values[5]).toBeCloseTo(0.6);
    expect(next.samplesPerBucket[5]).toBe(6);
    expect(next.newestSampleAt).toBe(T0 + 55_000);
    expect(next.from).toBe(T0);
  });

  it('slides the window when the sample starts a new bucket, keeping the range length', () => {
    const next = mergeSample(aas(), sample(T0 + 61_000, [row()]), [], 12);
    expect(next.buckets).toHaveLength(6);
    expect(next.from).toBe(T0 + 10_000);
    expect(next.to).toBe(T0 + 70_000);
    expect(next.buckets[5]).toBe(T0 + 60_000);
    expect(next.samplesPerBucket).toEqual([10, 10, 10, 10, 5, 1]);
    expect(next.series.find((s) => s.key === 'User I/O')!.values).toEqual([2, 2, 2, 2, 1, 0.1]);
  });

  it('slides several buckets at once after a gap (the empty buckets stay empty)', () => {
    const next = mergeSample(aas(), sample(T0 + 85_000, [row()]), [], 12);
    expect(next.from).toBe(T0 + 30_000);
    expect(next.samplesPerBucket).toEqual([10, 10, 5, 0, 0, 1]);
  });

  it('never counts the same second twice, ignores older samples and roll-up answers', () => {
    const a = aas();
    expect(mergeSample(a, sample(T0 + 54_000, [row()]), [], 12)).toBe(a);
    expect(mergeSample(a, sample(T0 - 1000, [row()]), [], 12)).toBe(a);
    const r = aas({ resolution: 'rollup' });
    expect(mergeSample(r, sample(T0 + 55_000, [row()]), [], 12)).toBe(r);
  });

  it('applies the filters like main and puts keys beyond the drawn series into (other)', () => {
    const filtered = mergeSample(
      aas(),
      sample(T0 + 55_000, [row(), row({ user: 'BATCH' })]),
      [{ dimension: 'user', value: 'BATCH' }],
      12,
    );
    expect(filtered.series.find((s) => s.key === 'User I/O')!.values[5]).toBeCloseTo(1.1);
    const full = mergeSample(
      aas(),
      sample(T0 + 55_000, [row({ waitClass: 'Commit', event: 'log file sync' })]),
      [],
      2,
    );
    expect(full.series.map((s) => s.key)).toEqual(['CPU', 'User I/O', '(other)']);
    expect(full.series[2]!.values[5]).toBeCloseTo(0.1);
    const room = mergeSample(
      aas(),
      sample(T0 + 55_000, [row({ waitClass: 'Commit', event: 'log file sync' })]),
      [],
      12,
    );
    expect(room.series.map((s) => s.key)).toEqual(['CPU', 'User I/O', 'Commit']);
    expect(room.series[2]!.waitClass).toBe('Commit');
  });

  it('weighs rows by the sampling interval in force', () => {
    const next = mergeSample(aas(), sample(T0 + 55_000, [row()], 5), [], 12);
    expect(next.series.find((s) => s.key === 'User I/O')!.values[5]).toBeCloseTo(1.5);
    expect(next.intervalSec).toBe(5);
  });
});

describe('dimensions', () => {
  it('computes the keys main uses', () => {
    expect(dimensionKey(row({ state: 'ON CPU' }), 'event')).toBe('CPU');
    expect(dimensionKey(row({ sqlId: null }), 'sqlId')).toBe('(null)');
    expect(dimensionKey(row({ blockingSession: 42, blockingInstance: 2 }), 'blockingSession')).toBe('2.42');
    expect(dimensionKey(row(), 'blockingSession')).toBe('(not blocked)');
    expect(dimensionKey(row({ instId: 2, sid: 5, serial: 9 }), 'session')).toBe('2.5.9');
    expect(dimensionKey(row({ conId: 3 }), 'pdb')).toBe('3');
    expect(
      matches(row(), [
        { dimension: 'module', value: 'M' },
        { dimension: 'user', value: 'APP' },
      ]),
    ).toBe(true);
    expect(matches(row(), [{ dimension: 'module', value: 'X' }])).toBe(false);
  });
});

describe('drawing', () => {
  it('scales the newest, still-filling bucket to the seconds sampled so far', () => {
    expect(bucketScale(aas())).toEqual([1, 1, 1, 1, 1, 2]);
    expect(bucketScale(aas({ newestSampleAt: T0 + 70_000 }))).toEqual([1, 1, 1, 1, 1, 1]);
  });

  it('stacks CPU at the bottom, other classes above, (other) on top, with the y axis above the CPU line', () => {
    const ordered = orderSeries('waitClass', [
      { key: '(other)', waitClass: null, values: [], total: 9 },
      { key: 'User I/O', waitClass: 'User I/O', values: [], total: 5 },
      { key: 'CPU', waitClass: 'CPU', values: [], total: 1 },
    ]);
    expect(ordered.map((s) => s.key)).toEqual(['CPU', 'User I/O', '(other)']);
    const a = aas();
    const o = orderSeries('waitClass', a.series);
    const st = stack(a, o, ['#0', '#1'], 600, 100);
    expect(Array.from(st.totals)).toEqual([3, 3, 3, 3, 3, 3]);
    expect(st.yMax).toBe(5);
    expect(st.layers.map((l) => l.key)).toEqual(['CPU', 'User I/O']);
    // CPU layer: top at 1 AAS → y = 100 - 1/5*100 = 80, closed on the base line (y = 100)
    expect(st.layers[0]!.path.startsWith('M50.0,80.0L150.0,80.0')).toBe(true);
    expect(st.layers[0]!.path).toContain('L50.0,100.0Z');
    // the User I/O layer sits on top of CPU
    expect(st.layers[1]!.path.startsWith('M50.0,40.0')).toBe(true);
    expect(st.layers[1]!.path).toContain('L50.0,80.0Z');
  });

  it('picks nice axis maxima', () => {
    expect(niceMax(0)).toBe(1);
    expect(niceMax(3.1)).toBe(4);
    expect(niceMax(17)).toBe(20);
    expect(niceMax(240)).toBe(250);
  });

  it('brushes to bucket boundaries and finds gaps (not the future)', () => {
    expect(brushRange(aas(), 110, 250, 600)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 });
    expect(brushRange(aas(), 250, 110, 600)).toEqual({ from: T0 + 10_000, to: T0 + 30_000 });
    const g = aas({ samplesPerBucket: [10, 0, 0, 10, 0, 0], newestSampleAt: T0 + 35_000 });
    expect(gapRuns(g)).toEqual([[1, 2]]);
  });

  it('draws a missed tick (≤ 2 intervals without a sample) between its neighbours, longer holes as gaps', () => {
    const a = aas({
      bucketSec: 1,
      samplesPerBucket: [1, 0, 1, 0, 0, 0, 1, 1],
      buckets: [0, 1, 2, 3, 4, 5, 6, 7].map((i) => T0 + i * 1000),
      to: T0 + 8000,
      newestSampleAt: T0 + 7000,
      series: [{ key: 'CPU', waitClass: 'CPU', values: [2, 0, 4, 0, 0, 0, 1, 1], total: 1 }],
    });
    expect(missedTicks(a)).toEqual([[1, 1]]);
    expect(gapRuns(a)).toEqual([[3, 5]]);
    const st = stack(a, a.series, ['#0'], 800, 100);
    expect(Array.from(st.totals)).toEqual([2, 3, 4, 0, 0, 0, 1, 1]);
  });

  it('colours wait classes in Oracle colours and other dimensions from a palette', () => {
    expect(seriesColor('waitClass', { key: 'CPU', waitClass: 'CPU', values: [], total: 0 }, 0)).toBe(
      '#35c387',
    );
    expect(
      seriesColor('waitClass', { key: 'User I/O', waitClass: 'User I/O', values: [], total: 0 }, 1),
    ).toBe('#0252d7');
    expect(seriesColor('sqlId', { key: '(other)', waitClass: null, values: [], total: 0 }, 3)).toBe(
      '#b8b8b8',
    );
    expect(seriesColor('sqlId', { key: 'x', waitClass: null, values: [], total: 0 }, 0)).not.toBe(
      seriesColor('sqlId', { key: 'y', waitClass: null, values: [], total: 0 }, 1),
    );
  });
});
