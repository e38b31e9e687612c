/** V$SESSION ⨝ V$PROCESS: the session list and the dashboard's session counts. */

import { sessionRow } from './session-row';
import type { ViewHandlers } from './view';

export const SESSION_VIEWS: ViewHandlers = {
  'sessions.list': ({ world, t }) =>
    [...world.sessions.values()].sort((a, b) => a.sid - b.sid).map((s) => sessionRow(world, s, t)),
  'dashboard.session-counts': ({ world, t, bind }) => {
    const own = String(bind('consoleModule'));
    const rows = [...world.sessions.values()]
      .filter((s) => s.module !== own)
      .map((s) => sessionRow(world, s, t));
    return [
      {
        TOTAL: rows.length,
        ACTIVE: rows.filter((r) => r.STATUS === 'ACTIVE').length,
        INACTIVE: rows.filter((r) => r.STATUS === 'INACTIVE').length,
        BLOCKED: rows.filter((r) => r.BLOCKING_SESSION !== null).length,
      },
    ];
  },
};
