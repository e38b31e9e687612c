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
