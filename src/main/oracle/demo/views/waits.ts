/** V$WAITCLASSMETRIC (last 60 s per class), V$SYSTEM_EVENT (cumulative since startup) and uptime. */
import { METRIC } from '../../catalog';
import type { RawRow } from '../../mappers';
import { CLASS_SHARE, SYSTEM_EVENTS } from '../world/profiles';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

function waitClassMetric(w: DemoWorld, t: number): RawRow[] {
  const end = Math.floor(t / 60_000) * 60_000;
  const waiting = [...w.sessions.values()].filter((s) => s.pinned?.blockingSession != null);
  const aas = (w.metricsAt(end, 2)[METRIC.aas] ?? 0) - waiting.length;
  return Object.entries(CLASS_SHARE).map(([cls, share]) => {
    const classAas = aas * share + waiting.filter((s) => s.pinned?.waitClass === cls).length;
    return {
      WAIT_CLASS: cls,
      TIME_WAITED: Math.round(classAas * 6001),
      WAIT_COUNT: Math.round(classAas * 60 * 800),
      INTSIZE_CSEC: 6001,
    };
  });
}

/** Cumulative since startup: the integral of rate * (1 + 0.3 sin(daily)), so always increasing. */
function systemEvents(w: DemoWorld, t: number): RawRow[] {
  const e = Math.max(1, (t - w.startupTime) / 1000);
  const P = 86_400;
  const integral = e + ((0.3 * P) / (2 * Math.PI)) * (1 - Math.cos((2 * Math.PI * e) / P));
  const scale = w.baseAas / 10.9;
  return SYSTEM_EVENTS.filter(([, cls]) => cls !== 'Idle').map(([event, cls, rate, avgMs, timeoutShare]) => {
    const waits = Math.floor(rate * scale * integral);
    return {
      EVENT: event,
      WAIT_CLASS: cls,
      TOTAL_WAITS: waits,
      TOTAL_TIMEOUTS: Math.floor(waits * timeoutShare),
      TIME_WAITED_MICRO: Math.floor(waits * avgMs * 1000),
    };
  });
}

export const WAIT_VIEWS: ViewHandlers = {
  'dashboard.waitclassmetric': ({ world, t }) => waitClassMetric(world, t),
  'wait-events.system-event': ({ world, t }) => systemEvents(world, t),
  'wait-events.uptime': ({ world, t }) => [{ UPTIME_SEC: Math.round((t - world.startupTime) / 1000) }],
};
