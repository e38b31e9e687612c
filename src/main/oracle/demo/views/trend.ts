/** V$SYSMETRIC_HISTORY: the last hour of 60 s points for the trend metrics. */
import { TREND_METRIC_NAMES } from '../../catalog';
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

function history(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  const last = Math.floor(t / 60_000) * 60_000;
  for (let i = 59; i >= 0; i--) {
    const end = last - i * 60_000;
    const m = w.metricsAt(end, 2);
    for (const name of TREND_METRIC_NAMES) {
      rows.push({
        END_TIME: new Date(end),
        METRIC_NAME: name,
        VALUE: Math.round((m[name] ?? 0) * 1000) / 1000,
      });
    }
  }
  return rows;
}

export const TREND_VIEWS: ViewHandlers = {
  'trend.sysmetric-history': ({ world, t }) => history(world, t),
};
