import type { RealtimeMetrics, TrendPoint } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import { HISTORY_SUFFIX, hasValues, REALTIME_KEYS, realtimeChartRows } from './realtime-rows';

function live(t: number, v = 1): RealtimeMetrics {
  return {
    sampledAt: t + 500,
    metricEndTime: t,
    intervalSec: 15,
    averageActiveSessions: v,
    hostCpuPct: v,
    dbCpuPerSec: v,
    executionsPerSec: v,
    userCallsPerSec: v,
    logicalReadsPerSec: 1000 * v,
    physicalReadsPerSec: v,
    redoBytesPerSec: v,
    userCommitsPerSec: v,
    currentLogons: 10,
    scopes: {},
    instanceScope: 'instance',
  };
}

function point(t: number, v = 2): TrendPoint {
  return {
    t,
    averageActiveSessions: v,
    hostCpuPct: v,
    dbCpuPerSec: v,
    executionsPerSec: v,
    logicalReadsPerSec: v,
    physicalReadsPerSec: v,
    redoBytesPerSec: v,
    userCallsPerSec: v,
    userCommitsPerSec: v,
  };
}

const MIN = 60_000;

describe('realtime chart rows (backfill + live)', () => {
  const rows = realtimeChartRows(
    [live(20 * MIN), live(20 * MIN + 15_000, 3)],
    [point(2 * MIN), point(18 * MIN), point(19 * MIN), point(20 * MIN), point(21 * MIN)],
    15 * MIN,
    21 * MIN,
  );

  it('backfills only the window before the first live sample, in time order', () => {
    expect(rows.map((r) => r.t)).toEqual([18 * MIN, 19 * MIN, 20 * MIN, 20 * MIN + 15_000]);
  });

  it('keeps backfill and live apart and joins them at the first live sample (no gap, no jump)', () => {
    expect(rows[0]!.aas).toBeNull();
    expect(rows[0]![`aas${HISTORY_SUFFIX}`]).toBe(2);
    const join = rows[2]!;
    expect(join.aas).toBe(1);
    expect(join[`aas${HISTORY_SUFFIX}`]).toBe(1);
    expect(rows[3]![`aas${HISTORY_SUFFIX}`]).toBeNull();
  });

  it('backfills commits too: no legend entry without a line for the first 15 minutes', () => {
    expect(rows[0]![`commits${HISTORY_SUFFIX}`]).toBe(2);
    for (const k of REALTIME_KEYS) expect(hasValues(rows.slice(0, 2), k)).toBe(true);
  });

  it('says when a series has nothing to draw', () => {
    const none = realtimeChartRows([{ ...live(MIN), userCommitsPerSec: null }], [], 15 * MIN, MIN);
    expect(hasValues(none, 'commits')).toBe(false);
    expect(hasValues(none, 'aas')).toBe(true);
  });
});
