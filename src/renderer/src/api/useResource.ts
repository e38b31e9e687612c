import type { CacheMeta } from '@shared/cache';
import type { Channel, RequestOf, ResponseOf } from '@shared/contract';
import { TmsError } from '@shared/errors';
import { useCallback, useEffect, useRef, useState } from 'react';
import { recordFailure, recordServed } from '../state/serving';
import { call, subscribe } from './client';
import { isDue, nextPollDelay } from './poll-schedule';

function originOf(value: unknown): CacheMeta['origin'] | undefined {
  const cache = (value as { cache?: Partial<CacheMeta> } | undefined)?.cache;
  return typeof cache?.origin === 'string' ? cache.origin : undefined;
}

export interface ResourceState<T> {
  data: T | undefined;
  error: TmsError | undefined;
  /** first load, nothing to show yet */
  loading: boolean;
  /** a reload or manual refresh is under way (data stays on screen) */
  refreshing: boolean;
  /** manual refresh: bypasses the cache (the plan's "manual refresh" invalidation rule) */
  refresh: () => Promise<void>;
  /** read again through the cache */
  reload: () => Promise<void>;
}

export interface ResourceOptions {
  /**
   * auto-refresh on: the next read is timed by the answer's cache metadata (storedAt + TTL, see
   * nextPollDelay), so what is shown is never older than its TTL; this period applies without metadata
   * (or with caching off). Paused while the window is hidden.
   */
  refreshMs?: number;
}

/** The cache metadata of a `Cached<T>` answer (undefined for other answers). */
export function cacheMetaOf(value: unknown): CacheMeta | undefined {
  const meta = (value as { cache?: Partial<CacheMeta> } | null | undefined)?.cache;
  return meta && typeof meta.storedAt === 'number' && typeof meta.ttlSeconds === 'number'
    ? (meta as CacheMeta)
    : undefined;
}

/**
 * Auto-refresh timed by the last answer: one timer, re-armed for every answer (`answerSeq` changes;
 * nextPollDelay), paused while the window is hidden and resumed with an immediate read when it shows.
 */
export function usePollSchedule(
  fallbackMs: number | undefined,
  meta: CacheMeta | undefined,
  answerSeq: number,
  poll: () => Promise<void>,
): void {
  // answers in a row that were already due (their refresh still under way): backs the re-poll off
  const attempts = useRef({ storedAt: -1, count: 0 });
  const metaRef = useRef(meta);
  metaRef.current = meta;
  const [visible, setVisible] = useState(() => !document.hidden);
  useEffect(() => {
    const onVisibility = () => {
      setVisible(!document.hidden);
      if (!document.hidden && fallbackMs) void poll();
    };
    document.addEventListener('visibilitychange', onVisibility);
    // a TTL policy change (this console or another) re-times the refresh at once: the next answer carries
    // the new TTL, so the label and the schedule follow it
    const off = fallbackMs ? subscribe('cache:ttlPolicyChanged', () => void poll()) : () => undefined;
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      off();
    };
  }, [fallbackMs, poll]);
  // Re-armed for each answer (answerSeq) and whenever the metadata on screen changes: a view may commit
  // an answer's count and its metadata in separate renders (a page drawn in a transition), and a timer
  // armed on the older metadata would wait out the older TTL (a 30 s wait after the policy fell to 4 s).
  const storedAt = meta?.storedAt;
  const ttlSeconds = meta?.ttlSeconds;
  const stale = meta?.stale;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the metadata's fields are the triggers; the timer reads the whole of it through metaRef
  useEffect(() => {
    if (!fallbackMs || !visible) return;
    const m = metaRef.current;
    const now = Date.now();
    const a = attempts.current;
    if (m && isDue(m, now)) {
      a.count = a.storedAt === m.storedAt ? a.count + 1 : 0;
      a.storedAt = m.storedAt;
    } else {
      a.storedAt = -1;
      a.count = 0;
    }
    const timer = setTimeout(() => void poll(), nextPollDelay(m, now, fallbackMs, a.count));
    return () => clearTimeout(timer);
  }, [answerSeq, storedAt, ttlSeconds, stale, fallbackMs, visible, poll]);
}

/**
 * Reads one contract channel, keeps the last answer on screen while reloading, auto-refreshes on the
 * plan's cadence (paused when the window is hidden) and offers a cache-bypassing manual refresh.
 * `request` null = not ready to ask yet (e.g. no connection chosen).
 */
export function useResource<C extends Channel>(
  channel: C,
  request: RequestOf<C> | null,
  options: ResourceOptions = {},
): ResourceState<ResponseOf<C>> {
  const [data, setData] = useState<ResponseOf<C>>();
  const [error, setError] = useState<TmsError>();
  const [loading, setLoading] = useState(request !== null);
  const [refreshing, setRefreshing] = useState(false);
  /** counts answers and errors: each one re-arms the auto-refresh */
  const [answers, setAnswers] = useState(0);
  const requestKey = request === null ? null : JSON.stringify(request);
  const latest = useRef(0);

  const load = useCallback(
    async (bypass: boolean) => {
      if (requestKey === null) return;
      const seq = ++latest.current;
      setRefreshing(true);
      const base = JSON.parse(requestKey) as Record<string, unknown>;
      const body = (bypass ? { ...base, refresh: true } : base) as RequestOf<C>;
      const connId = typeof base.connId === 'string' ? base.connId : undefined;
      try {
        const value = await call(channel, body);
        if (connId) recordServed(connId, Date.now(), originOf(value));
        if (seq !== latest.current) return;
        setData(value);
        setError(undefined);
      } catch (e) {
        const error = e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
        if (connId) recordFailure(connId, Date.now(), error.code);
        if (seq !== latest.current) return;
        setError(error);
      } finally {
        if (seq === latest.current) {
          setLoading(false);
          setRefreshing(false);
          setAnswers((n) => n + 1);
        }
      }
    },
    [channel, requestKey],
  );

  useEffect(() => {
    setData(undefined);
    setError(undefined);
    setLoading(requestKey !== null);
    void load(false);
  }, [load, requestKey]);

  const refreshMs = options.refreshMs;
  const meta = cacheMetaOf(data);
  const reloadQuietly = useCallback(() => load(false), [load]);
  usePollSchedule(requestKey === null ? undefined : refreshMs, meta, answers, reloadQuietly);

  // The shell's "refresh view" (keyboard shortcut, app menu) reaches every mounted resource.
  useEffect(() => {
    if (requestKey === null) return;
    const onRefresh = () => void load(true);
    window.addEventListener('tms:refresh-view', onRefresh);
    return () => window.removeEventListener('tms:refresh-view', onRefresh);
  }, [load, requestKey]);

  return {
    data,
    error,
    loading,
    refreshing,
    refresh: useCallback(() => load(true), [load]),
    reload: useCallback(() => load(false), [load]),
  };
}
