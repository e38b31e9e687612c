import type { DashboardMetrics, RealtimeMetrics } from '@shared/types/oracle';
import { useSyncExternalStore } from 'react';

/** How much realtime history the dashboard keeps client-side (OEM's Performance Hub shows a similar window). */
export const REALTIME_WINDOW_MS = 15 * 60_000;

interface History {
  realtime: RealtimeMetrics[];
  dashboard: DashboardMetrics[];
}

/**
 * A rolling window of samples per connection, kept outside React so it survives leaving and
 * re-entering the dashboard. Samples are keyed by the metric interval they describe: a cached answer
 * (L1/L2) or a fresh read that repeats an interval is not added twice.
 */
const store = new Map<string, History>();
const listeners = new Set<() => void>();
const EMPTY: History = { realtime: [], dashboard: [] };

interface Sample {
  sampledAt: number;
  metricEndTime: number | null;
}

/**
 * A sample is the V$SYSMETRIC interval it describes (its END_TIME), not the moment it was read: two
 * reads of one interval (a TTL shorter than the interval, a manual refresh) are one point, where the
 * charts draw it (two points at one time collapsed a line to a dot).
 */
function pointTime(s: Sample): number {
  return s.metricEndTime ?? s.sampledAt;
}

function trim<T extends Sample>(list: T[], sample: T): T[] {
  const at = pointTime(sample);
  if (list.some((s) => pointTime(s) === at)) return list;
  const next = [...list, sample].sort((a, b) => pointTime(a) - pointTime(b));
  const cutoff = pointTime(next[next.length - 1]!) - REALTIME_WINDOW_MS;
  return next.filter((s) => pointTime(s) >= cutoff);
}

function update(connId: string, change: (h: History) => History): void {
  const before = store.get(connId) ?? EMPTY;
  const after = change(before);
  if (after === before) return;
  store.set(connId, after);
  for (const l of listeners) l();
}

export function addRealtimeSample(connId: string, sample: RealtimeMetrics): void {
  update(connId, (h) => {
    const realtime = trim(h.realtime, sample);
    return realtime === h.realtime ? h : { ...h, realtime };
  });
}

export function addDashboardSample(connId: string, sample: DashboardMetrics): void {
  update(connId, (h) => {
    const dashboard = trim(h.dashboard, sample);
    return dashboard === h.dashboard ? h : { ...h, dashboard };
  });
}

/** current window of a connection (tests, debugging) */
export function historyOf(connId: string): History {
  return store.get(connId) ?? EMPTY;
}

export function useHistory(connId: string): History {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => store.get(connId) ?? EMPTY,
  );
}
