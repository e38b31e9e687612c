/**
 * GV$SYSMETRIC_HISTORY (whole database per instance) and GV$CON_SYSMETRIC_HISTORY (per visible
 * container per instance): the last hour of 60 s points for the trend metrics.
 */
import { TREND_METRIC_NAMES } from '../../catalog';
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import { NOT_PER_CONTAINER } from './metrics';
import type { ViewHandlers } from './view';

const r3 = (v: number) => Math.round(v * 1000) / 1000;

function lastHour(t: number): number[] {
  const last = Math.floor(t / 60_000) * 60_000;
  return Array.from({ length: 60 }, (_, i) => last - (59 - i) * 60_000);
}

function history(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  for (const end of lastHour(t)) {
    for (const instId of w.instanceIds) {
      const m = w.instanceMetrics(end, instId, 2);
      for (const name of TREND_METRIC_NAMES) {
        rows.push({ INST_ID: instId, END_TIME: new Date(end), METRIC_NAME: name, VALUE: r3(m[name] ?? 0) });
      }
    }
  }
  return rows;
}

function conHistory(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  const visible = w.visibleConIds;
  for (const end of lastHour(t)) {
    for (const instId of w.instanceIds) {
      for (const c of w.containers) {
        if (!visible.has(c.conId) || c.conId === 0) continue;
        const m = w.containerMetrics(end, c, instId, 2);
        for (const name of TREND_METRIC_NAMES) {
          if (NOT_PER_CONTAINER.has(name)) continue;
          rows.push({
            INST_ID: instId,
            CON_ID: c.conId,
            END_TIME: new Date(end),
            METRIC_NAME: name,
            VALUE: r3(m[name] ?? 0),
          });
        }
      }
    }
  }
  return rows;
}

export const TREND_VIEWS: ViewHandlers = {
  'trend.sysmetric-history': ({ world, t }) => history(world, t),
  'trend.con-sysmetric-history': ({ world, t }) => conHistory(world, t),
};
