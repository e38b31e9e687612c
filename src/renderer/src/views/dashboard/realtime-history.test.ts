import type { RealtimeMetrics } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import { addRealtimeSample, historyOf, REALTIME_WINDOW_MS } from './realtime-history';

function sample(sampledAt: number, aas = 1): RealtimeMetrics {
  return {
    sampledAt,
    scopes: {},
    instanceScope: 'instance',
    metricEndTime: sampledAt,
    intervalSec: 15,
    averageActiveSessions: aas,
    hostCpuPct: 10,
    dbCpuPerSec: 0.5,
    executionsPerSec: 100,
    userCallsPerSec: 200,
    logicalReadsPerSec: 1000,
    physicalReadsPerSec: 10,
    redoBytesPerSec: 1024,
    userCommitsPerSec: 5,
    currentLogons: 50,
  };
}

describe('realtime history (client-side rolling window)', () => {
  it('keeps samples in time order and ignores a repeated sample (a cached answer)', () => {
    addRealtimeSample('a', sample(2000));
    addRealtimeSample('a', sample(1000));
    addRealtimeSample('a', sample(2000, 99));
    expect(historyOf('a').realtime.map((s) => s.sampledAt)).toEqual([1000, 2000]);
    expect(historyOf('a').realtime[1]!.averageActiveSessions).toBe(1);
  });

  it('two reads of one V$SYSMETRIC interval are one point (the chart would draw them at one time)', () => {
    const t0 = 20_000_000;
    addRealtimeSample('d', { ...sample(t0 + 3_000), metricEndTime: t0 });
    addRealtimeSample('d', { ...sample(t0 + 9_000, 7), metricEndTime: t0 });
    addRealtimeSample('d', { ...sample(t0 + 16_000), metricEndTime: t0 + 15_000 });
    expect(historyOf('d').realtime.map((s) => s.metricEndTime)).toEqual([t0, t0 + 15_000]);
    expect(historyOf('d').realtime[0]!.averageActiveSessions).toBe(1);
    // without an interval end (a source without one), the read time is the point
    addRealtimeSample('e', { ...sample(t0), metricEndTime: null });
    addRealtimeSample('e', { ...sample(t0 + 1_000), metricEndTime: null });
    expect(historyOf('e').realtime).toHaveLength(2);
  });

  it('drops samples older than the window and keeps connections apart', () => {
    const t0 = 10_000_000;
    addRealtimeSample('b', sample(t0));
    addRealtimeSample('b', sample(t0 + 60_000));
    addRealtimeSample('b', sample(t0 + REALTIME_WINDOW_MS + 30_000));
    expect(historyOf('b').realtime.map((s) => s.sampledAt)).toEqual([
      t0 + 60_000,
      t0 + REALTIME_WINDOW_MS + 30_000,
    ]);
    expect(historyOf('c').realtime).toEqual([]);
  });
});
