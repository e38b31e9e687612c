/**
 * V$ACTIVE_SESSION_HISTORY (Diagnostics Pack opt-in only) from the session model: the model changes
 * every 15 s, so each 15 s interval of the window contributes 15 one-second samples per active
 * (non-Idle or ON CPU) session.
 */
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import { sessionRow } from './session-row';
import type { ViewHandlers } from './view';

function ash(w: DemoWorld, id: string, minutes: number, t: number): RawRow[] {
  const byMinute = new Map<string, { minute: number; cls: string; n: number }>();
  const bySql = new Map<string, number>();
  const bySession = new Map<number, { serial: number; user: string; n: number }>();
  const end = Math.floor(t / 15_000) * 15_000;
  for (let at = end - minutes * 60_000 + 15_000; at <= end; at += 15_000) {
    const minute = Math.floor(at / 60_000) * 60_000;
    for (const s of w.sessions.values()) {
      const r = sessionRow(w, s, at);
      if (r.STATUS !== 'ACTIVE' || (r.STATE === 'WAITING' && r.WAIT_CLASS === 'Idle')) continue;
      const cls = r.STATE === 'WAITING' ? String(r.WAIT_CLASS) : 'CPU';
      const key = `${minute}|${cls}`;
      const m = byMinute.get(key) ?? { minute, cls, n: 0 };
      m.n += 15;
      byMinute.set(key, m);
      if (r.SQL_ID) bySql.set(String(r.SQL_ID), (bySql.get(String(r.SQL_ID)) ?? 0) + 15);
      const x = bySession.get(s.sid) ?? { serial: s.serial, user: s.username, n: 0 };
      x.n += 15;
      bySession.set(s.sid, x);
    }
  }
  if (id === 'ash.by-minute') {
    return [...byMinute.values()]
      .sort((a, b) => a.minute - b.minute)
      .map((m) => ({ MINUTE_START: new Date(m.minute), WAIT_CLASS: m.cls, SAMPLES: m.n }));
  }
  if (id === 'ash.top-sql') {
    return [...bySql.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 10)
      .map(([sqlId, n]) => ({ SQL_ID: sqlId, SAMPLES: n }));
  }
  return [...bySession.entries()]
    .sort((a, b) => b[1].n - a[1].n)
    .slice(0, 10)
    .map(([sid, x]) => ({ SESSION_ID: sid, SERIAL_NO: x.serial, USERNAME: x.user, SAMPLES: x.n }));
}

export const ASH_VIEWS: ViewHandlers = Object.fromEntries(
  ['ash.by-minute', 'ash.top-sql', 'ash.top-sessions'].map((id) => [
    id,
    ({ world, t, bind }) => ash(world, id, Number(bind('minutes')), t),
  ]),
);
