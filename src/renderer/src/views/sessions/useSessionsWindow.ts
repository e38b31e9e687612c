import type { CacheMeta } from '@shared/cache';
import type { SessionsFilter, SessionsWindow, SessionsWindowRequest } from '@shared/contract/monitor';
import { TmsError } from '@shared/errors';
import type { SessionRow } from '@shared/types/oracle';
import { startTransition, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { call, takeArrivedPrefetch } from '../../api/client';
import { cacheMetaOf, usePollSchedule } from '../../api/useResource';
import { SESSIONS_PAGE, type SessionsSort, sessionsPageRequest } from './first-page';

/** Pages kept around the visible ones (further ones are dropped, asked again when scrolled back to). */
const KEEP_PAGES = 6;

export type { SessionsSort } from './first-page';

export interface WindowRow {
  row: SessionRow;
  blocker: boolean;
}

/** Totals and filter lists of the snapshot the loaded pages come from (no rows). */
export type SessionsSummary = Omit<SessionsWindow, 'rows' | 'blocker' | 'offset'>;

export interface SessionsWindowState {
  summary: SessionsSummary | undefined;
  meta: CacheMeta | undefined;
  /** the row at a position of the filtered, sorted list, when its page is loaded */
  rowAt: (index: number) => WindowRow | undefined;
  error: TmsError | undefined;
  loading: boolean;
  refreshing: boolean;
  /** rows on screen (with overscan): their pages are loaded, and refreshed on the TTL schedule */
  setRange: (first: number, last: number) => void;
  refresh: () => Promise<void>;
  reload: () => Promise<void>;
}

interface Pages {
  /** query the pages answer (connId + filter + sort) */
  query: string;
  storedAt: number;
  map: Map<number, WindowRow[]>;
}

function windowRows(w: SessionsWindow): WindowRow[] {
  return w.rows.map((row, i) => ({ row, blocker: w.blocker[i] === true }));
}

function summaryOf(w: SessionsWindow): SessionsSummary {
  const { rows: _r, blocker: _b, offset: _o, ...rest } = w;
  return rest;
}

/**
 * The sessions list, a window at a time (issue 15): main filters, sorts and pages the cached snapshot;
 * this hook asks for the pages on screen and keeps them while they come from one snapshot. An answer
 * from a newer snapshot replaces every page (rows of two samples are never mixed on screen).
 */
export function useSessionsWindow(
  connId: string,
  filter: SessionsFilter,
  sort: SessionsSort | null,
  refreshMs: number,
): SessionsWindowState {
  const query = useMemo(
    () => (connId ? JSON.stringify({ connId, filter, sort }) : ''),
    [connId, filter, sort],
  );
  // start-up: the first page's answer, when it arrived before this view's first render, is on screen
  // in that render (no empty pass, no second request)
  const [first] = useState(() =>
    connId
      ? takeArrivedPrefetch('monitor:sessionsWindow', sessionsPageRequest(connId, filter, sort, 0))
      : undefined,
  );
  const [pages, setPages] = useState<Pages>(() =>
    first
      ? { query, storedAt: first.cache.storedAt, map: new Map([[0, windowRows(first.data)]]) }
      : { query: '', storedAt: -1, map: new Map() },
  );
  const [summary, setSummary] = useState<SessionsSummary | undefined>(() =>
    first ? summaryOf(first.data) : undefined,
  );
  const [meta, setMeta] = useState<CacheMeta | undefined>(() => (first ? cacheMetaOf(first) : undefined));
  const [error, setError] = useState<TmsError>();
  const [refreshing, setRefreshing] = useState(false);
  const [answers, setAnswers] = useState(first ? 1 : 0);
  // pages on screen, in pages (not rows): scrolling within a page re-renders nothing here
  const [range, setRangeState] = useState({ first: 0, last: 0 });
  const inflight = useRef(new Set<string>());
  const pagesRef = useRef(pages);
  pagesRef.current = pages;
  /** the query on screen now: answers of an earlier one (filter typed on, sort changed) are dropped */
  const queryRef = useRef(query);
  queryRef.current = query;

  const wanted = useMemo(() => {
    const out: number[] = [];
    for (let p = range.first; p <= range.last; p++) out.push(p);
    return out;
  }, [range]);
  const wantedRef = useRef(wanted);
  wantedRef.current = wanted;

  const fetchPage = useCallback(
    async (page: number, opts: { bypass?: boolean; force?: boolean } = {}) => {
      if (!query) return;
      const flightKey = `${query}|${page}`;
      if (inflight.current.has(flightKey) && !opts.force) return;
      inflight.current.add(flightKey);
      const {
        connId: c,
        filter: f,
        sort: s,
      } = JSON.parse(query) as {
        connId: string;
        filter: SessionsFilter;
        sort: SessionsSort | null;
      };
      const base = sessionsPageRequest(c, f, s, page);
      const request: SessionsWindowRequest = opts.bypass ? { ...base, refresh: true } : base;
      try {
        const answer = await call('monitor:sessionsWindow', request);
        const current = pagesRef.current;
        const storedAt = answer.cache.storedAt;
        // a late answer of an older query or an older snapshot is dropped (the newer one is on screen)
        if (queryRef.current !== query) return;
        if (current.query === query && storedAt < current.storedAt) return;
        const w = answer.data;
        const rows = windowRows(w);
        // A page arriving while rows are on screen (the DBA scrolls) is drawn in a transition: React
        // renders it in slices between frames, so it does not hold up the frame that scrolls. The first
        // rows of a query are drawn at once (a transition would let other work go first).
        const onScreen = current.query === query && current.map.size > 0;
        const draw = onScreen ? startTransition : (update: () => void) => update();
        draw(() => {
          setPages((prev) => {
            const same = prev.query === query && prev.storedAt === storedAt;
            const map = same ? new Map(prev.map) : new Map<number, WindowRow[]>();
            map.set(page, rows);
            if (map.size > KEEP_PAGES) {
              const keep = new Set(wantedRef.current);
              for (const p of [...map.keys()]
                .sort((a, b) => Math.abs(a - page) - Math.abs(b - page))
                .slice(KEEP_PAGES))
                if (!keep.has(p)) map.delete(p);
            }
            const next = { query, storedAt, map };
            pagesRef.current = next;
            return next;
          });
          // one summary object per snapshot and query: page answers of the same snapshot re-render nothing else
          if (!(current.query === query && current.storedAt === storedAt)) {
            setSummary(summaryOf(w));
            setMeta(cacheMetaOf(answer));
          } else {
            // same snapshot, but the TTL policy may have changed since: the label and the schedule follow it
            const next = cacheMetaOf(answer);
            setMeta((prev) => (prev && next && prev.ttlSeconds === next.ttlSeconds ? prev : next));
          }
        });
        setError(undefined);
      } catch (e) {
        if (queryRef.current === query)
          setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
      } finally {
        inflight.current.delete(flightKey);
        setAnswers((n) => n + 1);
      }
    },
    [query],
  );

  // a new query (connection, filter, sort): start from the first page on screen
  useEffect(() => {
    inflight.current.clear();
    setError(undefined);
    if (!query) setSummary(undefined);
  }, [query]);

  // pages on screen that are not loaded (or belong to another query) are asked for, then the next page
  // in each direction once they are there (scrolling rarely meets an empty line)
  useEffect(() => {
    if (!query) return;
    const loaded = pages.query === query ? pages.map : new Map<number, WindowRow[]>();
    const missing = wanted.filter((p) => !loaded.has(p));
    for (const p of missing) void fetchPage(p);
    if (missing.length > 0 || !summary || pages.query !== query) return;
    const lastPage = Math.floor(Math.max(0, summary.matched - 1) / SESSIONS_PAGE);
    for (const p of [wanted[0]! - 1, wanted[wanted.length - 1]! + 1])
      if (p >= 0 && p <= lastPage && !loaded.has(p)) void fetchPage(p);
  }, [query, pages, wanted, fetchPage, summary]);

  /** read the pages on screen again (through the cache, or bypassing it) */
  const readVisible = useCallback(
    async (bypass: boolean) => {
      const [first, ...others] = wantedRef.current;
      if (first === undefined) return;
      setRefreshing(true);
      try {
        // the manual refresh goes to Oracle once; the other pages then read the fresh snapshot
        await fetchPage(first, { bypass, force: true });
        await Promise.all(others.map((p) => fetchPage(p, { force: true })));
      } finally {
        setRefreshing(false);
      }
    },
    [fetchPage],
  );
  const reload = useCallback(() => readVisible(false), [readVisible]);
  const refresh = useCallback(() => readVisible(true), [readVisible]);
  usePollSchedule(query ? refreshMs : undefined, meta, answers, reload);

  useEffect(() => {
    if (!query) return;
    const onRefresh = () => void refresh();
    window.addEventListener('tms:refresh-view', onRefresh);
    return () => window.removeEventListener('tms:refresh-view', onRefresh);
  }, [query, refresh]);

  const setRange = useCallback((firstRow: number, lastRow: number) => {
    const first = Math.floor(firstRow / SESSIONS_PAGE);
    const last = Math.floor(Math.max(firstRow, lastRow) / SESSIONS_PAGE);
    setRangeState((r) => (r.first === first && r.last === last ? r : { first, last }));
  }, []);

  const map = pages.query === query ? pages.map : undefined;
  const rowAt = useCallback(
    (index: number) => map?.get(Math.floor(index / SESSIONS_PAGE))?.[index % SESSIONS_PAGE],
    [map],
  );
  return {
    summary,
    meta,
    rowAt,
    error,
    loading: !summary && !error,
    refreshing,
    setRange,
    refresh,
    reload,
  };
}
