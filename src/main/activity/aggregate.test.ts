import type { ActivitySample } from '@shared/types/activity';
import { describe, expect, it } from 'vitest';
import { aasFromRollups, aasFromSamples, chooseBucketSec, topFromRollups, topFromSamples } from './aggregate';
import { episodesIn, mergeParts, toEpisode, treeAt } from './blocking';
import { rollupOf } from './rollup';
import { row } from './testing/rows';

const T0 = 1_764_000_000_000; // a whole minute
const sample = (sec: number, rows: ReturnType<typeof row>[], intervalSec = 1): ActivitySample => ({
  t: T0 + sec * 1000,
  intervalSec,
  rows,
});

describe('AAS by dimension', () => {
  // 60 one-second samples: 2 sessions on CPU the whole minute, 1 in User I/O for the first 30 s
  const samples = Array.from({ length: 60 }, (_, s) =>
    sample(s, [
      row({ sid: 1, state: 'ON CPU', waitClass: null, event: null, sqlId: 'aaaaaaaaaaaaa' }),
      row({ sid: 2, state: 'ON CPU', waitClass: null, event: null, sqlId: 'bbbbbbbbbbbbb' }),
      ...(s < 30 ? [row({ sid: 3, sqlId: 'aaaaaaaaaaaaa' })] : []),
    ]),
  );
  const q = {
    from: T0,
    to: T0 + 60_000,
    bucketSec: 30,
    dimension: 'waitClass' as const,
    maxSeries: 10,
    filters: [],
  };

  it('is rows × interval / bucket seconds, per wait class (CPU for ON CPU)', () => {
    const r = aasFromSamples(samples, q);
    expect(r.buckets).toEqual([T0, T0 + 30_000]);
    const cpu = r.series.find((s) => s.key === 'CPU')!;
    const io = r.series.find((s) => s.key === 'User I/O')!;
    expect(cpu.values).toEqual([2, 2]);
    expect(io.values).toEqual([1, 0]);
    expect(io.total).toBe(0.5);
    expect(r.samplesPerBucket).toEqual([30, 30]);
  });

  it('filters and folds the tail into (other)', () => {
    const bySql = aasFromSamples(samples, { ...q, dimension: 'sqlId', maxSeries: 1 });
    expect(bySql.series.map((s) => s.key)).toEqual(['aaaaaaaaaaaaa', '(other)']);
    expect(bySql.series[0]!.total).toBe(1.5);
    const onlyIo = aasFromSamples(samples, {
      ...q,
      filters: [{ dimension: 'waitClass', value: 'User I/O' }],
    });
    expect(onlyIo.series.map((s) => s.key)).toEqual(['User I/O']);
  });

  it('a 5 s interval makes each row count 5 seconds', () => {
    const five = [sample(0, [row()], 5), sample(5, [row()], 5)];
    const r = aasFromSamples(five, { ...q, to: T0 + 10_000, bucketSec: 10 });
    expect(r.series[0]!.values).toEqual([1]);
  });

  it('roll-ups give the same AAS as the samples they summarise', () => {
    const rolled = aasFromRollups([rollupOf(T0, samples)], { ...q, bucketSec: 60 });
    const raw = aasFromSamples(samples, { ...q, bucketSec: 60 });
    expect(rolled.series).toEqual(raw.series);
    const top = topFromRollups([rollupOf(T0, samples)], T0, T0 + 60_000, 5);
    expect(top.topSql.map((t) => [t.sqlId, t.aas])).toEqual(
      topFromSamples(samples, T0, T0 + 60_000, 5, []).topSql.map((t) => [t.sqlId, t.aas]),
    );
  });

  it('picks about 120 buckets, never shorter than the interval', () => {
    expect(chooseBucketSec(5 * 60_000, 1)).toBe(5);
    expect(chooseBucketSec(60 * 60_000, 1)).toBe(30);
    expect(chooseBucketSec(24 * 3_600_000, 60)).toBe(900);
    expect(chooseBucketSec(5 * 60_000, 15)).toBe(15);
    expect(chooseBucketSec(5 * 60_000, 2, 3)).toBe(4);
  });
});

describe('top tables', () => {
  it('ranks SQL, sessions and events with AAS, share and plans seen', () => {
    const s = [
      sample(0, [
        row({ sid: 1, planHashValue: 11 }),
        row({ sid: 2, planHashValue: 22 }),
        row({ sid: 3, sqlId: 'ccccccccccccc', state: 'ON CPU', waitClass: null, event: null }),
      ]),
      sample(1, [row({ sid: 1, planHashValue: 11 })]),
    ];
    const top = topFromSamples(s, T0, T0 + 2000, 10, []);
    expect(top.totalRows).toBe(4);
    expect(top.topSql[0]).toMatchObject({ sqlId: 'a1b2c3d4e5f6g', aas: 1.5, pct: 75 });
    expect(top.topSql[0]!.planHashValues.sort()).toEqual([11, 22]);
    expect(top.topSessions[0]).toMatchObject({ sid: 1, aas: 1 });
    expect(top.topEvents.map((e) => [e.event, e.waitClass])).toEqual([
      ['db file sequential read', 'User I/O'],
      ['CPU', 'CPU'],
    ]);
  });
});

describe('blocking history', () => {
  const waiter = (sid: number, blocker: number) =>
    row({
      sid,
      event: 'enq: TX - row lock contention',
      waitClass: 'Application',
      blockingInstance: 1,
      blockingSession: blocker,
      finalBlockingInstance: 1,
      finalBlockingSession: 50,
    });
  // an idle root 50 (not sampled) blocks 60; 60 blocks 61 and 62; the chain clears after 3 s; back at 10 s
  const samples = [
    sample(0, [waiter(60, 50)]),
    sample(1, [waiter(60, 50), waiter(61, 60)]),
    sample(2, [waiter(60, 50), waiter(61, 60), waiter(62, 60)]),
    sample(3, [row({ sid: 99 })]),
    sample(10, [waiter(60, 50)]),
  ];

  it('makes one episode per contiguous run of the same root', () => {
    const parts = episodesIn(samples);
    expect(parts).toHaveLength(2);
    const e = toEpisode(parts[0]!, T0 + 10_000);
    expect(e).toMatchObject({
      firstSeen: T0,
      lastSeen: T0 + 2000,
      durationSec: 3,
      samples: 3,
      maxWaiters: 3,
      waitedSec: 6,
      ongoing: false,
    });
    expect(e.root).toMatchObject({ instId: 1, sid: 50, serial: 0 });
    expect(e.id).toBe(`1.50.0@${T0}`);
    expect(toEpisode(parts[1]!, T0 + 10_000).ongoing).toBe(true);
  });

  it('builds the tree: root (not sampled) → 60 → 61, 62', () => {
    const p = episodesIn(samples)[0]!;
    const [root] = treeAt(p.root, p.peak.rows);
    expect(root!.session.sid).toBe(50);
    expect(root!.state).toBeNull();
    expect(root!.waiters.map((w) => w.session.sid)).toEqual([60]);
    expect(root!.waiters[0]!.waiters.map((w) => w.session.sid).sort()).toEqual([61, 62]);
  });

  it('merges minute parts that touch, keeps apart those that do not', () => {
    const a = episodesIn(samples.slice(0, 2));
    const b = episodesIn(samples.slice(2, 3));
    expect(mergeParts([...a, ...b])).toHaveLength(1);
    expect(mergeParts([...a, ...b])[0]!.maxWaiters).toBe(3);
    expect(mergeParts(episodesIn(samples))).toHaveLength(2);
  });
});
