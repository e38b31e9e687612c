/** GV$SESSION ⨝ GV$PROCESS: the session list and the dashboard's per-instance, per-container counts. */
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import { sessionRow } from './session-row';
import type { ViewHandlers } from './view';

/** Sessions the console's session may see (its PDB; from the root what CONTAINER_DATA allows), every instance. */
export function visibleSessionRows(w: DemoWorld, t: number): RawRow[] {
  const visible = w.visibleConIds;
  return [...w.sessions.values()]
    .filter((s) => visible.has(s.conId))
    .sort((a, b) => a.instId - b.instId || a.sid - b.sid)
    .map((s) => sessionRow(w, s, t));
}

export const SESSION_VIEWS: ViewHandlers = {
  'sessions.list': ({ world, t }) => visibleSessionRows(world, t),
  'dashboard.session-counts': ({ world, t, bind }) => {
    const own = String(bind('consoleModule'));
    const groups = new Map<string, RawRow[]>();
    for (const r of visibleSessionRows(world, t)) {
      if (r.MODULE === own) continue;
      const k = `${r.INST_ID}:${r.CON_ID}`;
      const list = groups.get(k);
      if (list) list.push(r);
      else groups.set(k, [r]);
    }
    return [...groups.values()].map((rows) => ({
      INST_ID: rows[0]?.INST_ID,
      CON_ID: rows[0]?.CON_ID,
      TOTAL: rows.length,
      ACTIVE: rows.filter((r) => r.STATUS === 'ACTIVE').length,
      INACTIVE: rows.filter((r) => r.STATUS === 'INACTIVE').length,
      BLOCKED: rows.filter((r) => r.BLOCKING_SESSION !== null).length,
    }));
  },
};
