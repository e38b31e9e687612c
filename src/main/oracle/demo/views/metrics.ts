/**
 * GV$SYSMETRIC (group 2 = 60 s, group 3 = 15 s; CON_ID 0 rows: the whole database on each instance)
 * and GV$CON_SYSMETRIC (60 s only; one set per container the session may see, per instance).
 */
import { METRIC } from '../../catalog';
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

/** Metrics V$CON_SYSMETRIC does not keep per container in the demo: they are host / instance-wide. */
export const NOT_PER_CONTAINER = new Set<string>([METRIC.hostCpu, METRIC.bufferHit]);

const r3 = (v: number) => Math.round(v * 1000) / 1000;

function sysmetricRows(w: DemoWorld, t: number, groups: number[]): RawRow[] {
  const rows: RawRow[] = [];
  for (const instId of w.instanceIds) {
    for (const g of groups) {
      const step = g === 2 ? 60_000 : 15_000;
      const end = Math.floor(t / step) * step;
      const values = w.instanceMetrics(end, instId, g);
      for (const [name, value] of Object.entries(values)) {
        // group 3 (15 s) publishes no 'Average Active Sessions' here: the gateway falls back to group 2
        if (g === 3 && name === METRIC.aas) continue;
        rows.push({
          INST_ID: instId,
          METRIC_NAME: name,
          VALUE: r3(value),
          GROUP_ID: g,
          END_TIME: new Date(end),
          INTSIZE_CSEC: g === 2 ? 6001 : 1500,
        });
      }
    }
  }
  return rows;
}

export function conSysmetricRows(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  const end = Math.floor(t / 60_000) * 60_000;
  const visible = w.visibleConIds;
  for (const instId of w.instanceIds) {
    for (const c of w.containers) {
      if (!visible.has(c.conId) || c.conId === 0) continue;
      const values = w.containerMetrics(end, c, instId, 2);
      for (const [name, value] of Object.entries(values)) {
        if (NOT_PER_CONTAINER.has(name)) continue;
        rows.push({
          INST_ID: instId,
          CON_ID: c.conId,
          METRIC_NAME: name,
          VALUE: r3(value),
          END_TIME: new Date(end),
          INTSIZE_CSEC: 6001,
        });
      }
    }
  }
  return rows;
}

export const METRIC_VIEWS: ViewHandlers = {
  'dashboard.sysmetric': ({ world, t }) => sysmetricRows(world, t, [2]),
  'realtime.sysmetric': ({ world, t }) => sysmetricRows(world, t, [2, 3]),
  'dashboard.con-sysmetric': ({ world, t }) => conSysmetricRows(world, t),
  'realtime.con-sysmetric': ({ world, t }) => conSysmetricRows(world, t),
};
