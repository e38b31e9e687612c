/** V$SYSMETRIC: group 2 (60 s) and group 3 (15 s) rows from the world's metric function. */
import { METRIC } from '../../catalog';
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

function sysmetricRows(w: DemoWorld, t: number, groups: number[]): RawRow[] {
  const rows: RawRow[] = [];
  for (const g of groups) {
    const step = g === 2 ? 60_000 : 15_000;
    const end = Math.floor(t / step) * step;
    const values = w.metricsAt(end, g);
    for (const [name, value] of Object.entries(values)) {
      // group 3 (15 s) publishes no 'Average Active Sessions' here: the gateway falls back to group 2
      if (g === 3 && name === METRIC.aas) continue;
      rows.push({
        METRIC_NAME: name,
        VALUE: Math.round(value * 1000) / 1000,
        GROUP_ID: g,
        END_TIME: new Date(end),
        INTSIZE_CSEC: g === 2 ? 6001 : 1500,
      });
    }
  }
  return rows;
}

export const METRIC_VIEWS: ViewHandlers = {
  'dashboard.sysmetric': ({ world, t }) => sysmetricRows(world, t, [2]),
  'realtime.sysmetric': ({ world, t }) => sysmetricRows(world, t, [2, 3]),
};
