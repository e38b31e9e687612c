import type { CacheMeta } from '@shared/cache';
import type { Channel, RequestOf, ResponseOf } from '@shared/contract';
import { TmsError } from '@shared/errors';
import { useCallback, useEffect, useRef, useState } from 'react';
import { recordFailure, recordServed } from '../state/serving';
import { call } from './client';

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
  /** auto-refresh period; paused while the window is hidden */
  refreshMs?: number;
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
  useEffect(() => {
    if (!refreshMs || requestKey === null) return;
    let timer: ReturnType<typeof setInterval> | undefined;
    const start = () => {
      if (timer === undefined) timer = setInterval(() => void load(false), refreshMs);
    };
    const stop = () => {
      if (timer !== undefined) clearInterval(timer);
      timer = undefined;
    };
    const onVisibility = () => {
      if (document.hidden) stop();
      else {
        void load(false);
        start();
      }
    };
    if (!document.hidden) start();
    document.addEventListener('visibilitychange', onVisibility);
    return () => {
      stop();
      document.removeEventListener('visibilitychange', onVisibility);
    };
  }, [load, refreshMs, requestKey]);

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
