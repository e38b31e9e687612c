import type { RealtimeMetrics, TrendPoint } from '@shared/types/oracle';

/** The realtime charts' metrics: one key per line, the same names for live samples and backfill. */
export const REALTIME_KEYS = [
  'aas',
  'dbCpu',
  'hostCpu',
  'executions',
  'userCalls',
  'commits',
  'logicalReads',
  'physicalReads',
  'redo',
] as const;
export type RealtimeKey = (typeof REALTIME_KEYS)[number];

/** Suffix of the backfilled part of a series (drawn dashed: one-minute averages, not 15 s samples). */
export const HISTORY_SUFFIX = '__hist';

export type ChartRow = Record<string, number | null>;

function liveValues(s: RealtimeMetrics): Record<RealtimeKey, number | null> {
  return {
    aas: s.averageActiveSessions,
    dbCpu: s.dbCpuPerSec,
    hostCpu: s.hostCpuPct,
    executions: s.executionsPerSec,
    userCalls: s.userCallsPerSec,
    commits: s.userCommitsPerSec,
    logicalReads: s.logicalReadsPerSec,
    physicalReads: s.physicalReadsPerSec,
    redo: s.redoBytesPerSec,
  };
}

function historyValues(p: TrendPoint): Record<RealtimeKey, number | null> {
  return {
    aas: p.averageActiveSessions,
    dbCpu: p.dbCpuPerSec,
    hostCpu: p.hostCpuPct,
    executions: p.executionsPerSec,
    userCalls: p.userCallsPerSec,
    commits: p.userCommitsPerSec ?? null,
    logicalReads: p.logicalReadsPerSec,
    physicalReads: p.physicalReadsPerSec,
    redo: p.redoBytesPerSec,
  };
}

/**
 * The realtime chart rows: the last minutes of the 1 h trend (V$SYSMETRIC_HISTORY, 60 s averages)
 * before the first live sample, then the live 15 s samples. Backfilled values go under
 * `<key>__hist` and live ones under `<key>`, so the chart draws history dashed and live solid;
 * the first live row also carries the history keys, so the two parts meet at one point instead of
 * leaving a gap or a jump between two unrelated lines. Every key of every row is present (null when
 * unknown), so the legend and the lines agree.
 */
export function realtimeChartRows(
  live: readonly RealtimeMetrics[],
  history: readonly TrendPoint[],
  windowMs: number,
  now: number,
): ChartRow[] {
  const liveRows = live.map((s) => ({ t: s.metricEndTime ?? s.sampledAt, v: liveValues(s) }));
  const firstLive = liveRows[0]?.t ?? now;
  const cutoff = firstLive - windowMs;
  const before = history.filter((p) => p.t < firstLive && p.t >= cutoff).sort((a, b) => a.t - b.t);
  const rows: ChartRow[] = [];
  for (const p of before) {
    const row: ChartRow = { t: p.t };
    const v = historyValues(p);
    for (const k of REALTIME_KEYS) {
      row[k] = null;
      row[k + HISTORY_SUFFIX] = v[k];
    }
    rows.push(row);
  }
  liveRows.forEach((s, i) => {
    const row: ChartRow = { t: s.t };
    for (const k of REALTIME_KEYS) {
      row[k] = s.v[k];
      // the join: history's dashed line ends where the live line starts
      row[k + HISTORY_SUFFIX] = i === 0 && before.length > 0 ? s.v[k] : null;
    }
    rows.push(row);
  });
  return rows;
}

/** Whether a series has anything to draw (a legend entry without a line misleads). */
export function hasValues(rows: readonly ChartRow[], key: string): boolean {
  return rows.some((r) => typeof r[key] === 'number' || typeof r[key + HISTORY_SUFFIX] === 'number');
}
