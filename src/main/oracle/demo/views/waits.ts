/**
 * GV$WAITCLASSMETRIC (last 60 s per class and instance, foreground and all), GV$SYSTEM_EVENT
 * (cumulative since each instance's startup) and GV$INSTANCE uptimes, all from the wait model, so the
 * dashboard's stacks, realtime AAS and the wait-events rates agree for the same minute.
 */
import type { RawRow } from '../../mappers';
import { CLASS_SHARE } from '../world/profiles';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

function waitClassMetric(w: DemoWorld, t: number): RawRow[] {
  const end = Math.floor(t / 60_000) * 60_000;
  const rows: RawRow[] = [];
  for (const instId of w.instanceIds) {
    const classes = w.waits.classMinute(instId, end);
    for (const cls of Object.keys(CLASS_SHARE)) {
      const c = classes.get(cls) ?? { fg: 0, bg: 0, fgWaitsPerSec: 0, bgWaitsPerSec: 0 };
      rows.push({
        INST_ID: instId,
        WAIT_CLASS: cls,
        TIME_WAITED: Math.round((c.fg + c.bg) * 6001),
        TIME_WAITED_FG: Math.round(c.fg * 6001),
        WAIT_COUNT: Math.round((c.fgWaitsPerSec + c.bgWaitsPerSec) * 60.01),
        WAIT_COUNT_FG: Math.round(c.fgWaitsPerSec * 60.01),
        END_TIME: new Date(end),
        INTSIZE_CSEC: 6001,
      });
    }
  }
  return rows;
}

function systemEvents(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  for (const instId of w.instanceIds) {
    const totals = w.waits.totalsAt(instId, t);
    w.waits.events.forEach((e, i) => {
      const x = totals[i];
      if (!x) return;
      rows.push({
        INST_ID: instId,
        EVENT: e.event,
        WAIT_CLASS: e.cls,
        TOTAL_WAITS: x.waits,
        TOTAL_TIMEOUTS: x.timeouts,
        TIME_WAITED_MICRO: x.micro,
        TOTAL_WAITS_FG: x.waitsFg,
        TIME_WAITED_MICRO_FG: x.microFg,
      });
    });
  }
  return rows;
}

/** V$CON_SYSTEM_EVENT: one set per container the session sees (a PDB: itself), per instance. */
function conSystemEvents(w: DemoWorld, t: number): RawRow[] {
  const rows: RawRow[] = [];
  const visible = w.visibleConIds;
  for (const instId of w.instanceIds) {
    for (const c of w.containers) {
      if (!visible.has(c.conId) || c.conId === 0) continue;
      const totals = w.waits.totalsAt(instId, t, c.conId);
      w.waits.events.forEach((e, i) => {
        const x = totals[i];
        if (!x) return;
        rows.push({
          INST_ID: instId,
          CON_ID: c.conId,
          EVENT: e.event,
          WAIT_CLASS: e.cls,
          TOTAL_WAITS: x.waits,
          TOTAL_TIMEOUTS: x.timeouts,
          TIME_WAITED_MICRO: x.micro,
          TOTAL_WAITS_FG: x.waitsFg,
          TIME_WAITED_MICRO_FG: x.microFg,
        });
      });
    }
  }
  return rows;
}

export const WAIT_VIEWS: ViewHandlers = {
  'wait-events.con-system-event': ({ world, t }) => conSystemEvents(world, t),
  'dashboard.waitclassmetric': ({ world, t }) => waitClassMetric(world, t),
  'wait-events.system-event': ({ world, t }) => systemEvents(world, t),
  'wait-events.uptime': ({ world, t }) =>
    world.instanceIds.map((instId) => {
      const startup = world.instanceStartup.get(instId) ?? world.startupTime;
      return {
        INST_ID: instId,
        STARTUP_TIME: new Date(startup),
        UPTIME_SEC: Math.round((t - startup) / 1000),
        DB_NOW: new Date(Math.floor(t / 1000) * 1000),
      };
    }),
};
