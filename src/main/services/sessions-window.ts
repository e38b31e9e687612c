/**
 * The sessions view's window (issue 15): filter, sort and page one cached sessions snapshot in main.
 * The snapshot is read through the cache as before (one Oracle read per TTL, whatever windows are
 * asked); this file only derives from it: the filter lists with counts, the blocking sessions (for
 * the highlight and the "blocking only" filter) and the rows of one window.
 */
import type { FacetCount, SessionSortKey, SessionsFilter, SessionsWindow } from '@shared/contract/monitor';
import type { SessionRow, SessionsSnapshot } from '@shared/types/oracle';
import { type SortValue, searchText, windowRows } from './row-window';

export interface SessionsWindowQuery {
  filter: SessionsFilter;
  sort: { key: SessionSortKey; desc: boolean } | null;
  offset: number;
  limit: number;
}

/** Number fields a DBA types into the filter (SID 123, SERIAL# 4567); text fields are all searched. */
const SEARCHED_NUMBERS = [
  'sid',
  'serial',
  'instId',
  'blockingSession',
] as const satisfies readonly (keyof SessionRow)[];

/** The wait class a DBA sees: 'CPU' for a session on CPU (its WAIT_CLASS is the last wait's). */
export function shownWaitClass(s: SessionRow): string | null {
  return s.onCpu ? 'CPU' : s.waitClass;
}

/** The event a DBA sees: 'ON CPU' for a session on CPU. */
function shownEvent(s: SessionRow): string | null {
  return s.onCpu ? 'ON CPU' : s.event;
}

const sessionKey = (instId: number, sid: number) => `${instId}:${sid}`;

interface Derived {
  /** `inst:sid` of every session another session waits on */
  blockers: Set<string>;
  blockedCount: number;
  statuses: FacetCount[];
  waitClasses: FacetCount[];
}

const derivedBySnapshot = new WeakMap<readonly SessionRow[], Derived>();

function facet(counts: Map<string, number>): FacetCount[] {
  return [...counts.entries()]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
}

function derive(sessions: readonly SessionRow[]): Derived {
  let d = derivedBySnapshot.get(sessions);
  if (d) return d;
  const blockers = new Set<string>();
  const statuses = new Map<string, number>();
  const waitClasses = new Map<string, number>();
  let blockedCount = 0;
  for (const s of sessions) {
    if (s.blockingSession !== null) {
      blockedCount++;
      // BLOCKING_INSTANCE is null on some versions for a local blocker: the waiter's instance then
      blockers.add(sessionKey(s.blockingInstance ?? s.instId, s.blockingSession));
    }
    statuses.set(s.status, (statuses.get(s.status) ?? 0) + 1);
    const wc = shownWaitClass(s);
    if (wc) waitClasses.set(wc, (waitClasses.get(wc) ?? 0) + 1);
  }
  d = { blockers, blockedCount, statuses: facet(statuses), waitClasses: facet(waitClasses) };
  derivedBySnapshot.set(sessions, d);
  return d;
}

function sortValueOf(key: SessionSortKey): (s: SessionRow) => SortValue {
  if (key === 'event') return shownEvent;
  if (key === 'waitClass') return shownWaitClass;
  return (s) => s[key];
}

/** One window of the snapshot for the query (the snapshot is not modified: it is the cache's frozen value). */
export function sessionsWindow(snapshot: SessionsSnapshot, q: SessionsWindowQuery): SessionsWindow {
  const sessions = snapshot.sessions;
  const d = derive(sessions);
  const isBlocker = (s: SessionRow) => d.blockers.has(sessionKey(s.instId, s.sid));
  const text = q.filter.text.trim().toLowerCase();
  const { status, waitClass, blockingOnly, conId } = q.filter;
  const filtered = text !== '' || status !== null || waitClass !== null || blockingOnly || conId !== null;
  const haystack = text ? searchText(sessions, SEARCHED_NUMBERS) : [];
  const w = windowRows(sessions, {
    key: JSON.stringify([text, status, waitClass, blockingOnly, conId, q.sort]),
    match: filtered
      ? (s, i) =>
          (conId === null || s.conId === conId) &&
          (status === null || s.status === status) &&
          (waitClass === null || shownWaitClass(s) === waitClass) &&
          (!blockingOnly || s.blockingSession !== null || isBlocker(s)) &&
          (!text || haystack[i]!.includes(text))
      : undefined,
    sortValue: q.sort ? sortValueOf(q.sort.key) : undefined,
    desc: q.sort?.desc,
    offset: q.offset,
    limit: q.limit,
  });
  return {
    sampledAt: snapshot.sampledAt,
    total: sessions.length,
    matched: w.matched,
    offset: w.offset,
    rows: w.rows,
    blocker: w.rows.map(isBlocker),
    statuses: d.statuses,
    waitClasses: d.waitClasses,
    blockedCount: d.blockedCount,
    blockerCount: d.blockers.size,
    hiddenOwnSessions: snapshot.hiddenOwnSessions,
    instanceScope: snapshot.instanceScope,
  };
}
