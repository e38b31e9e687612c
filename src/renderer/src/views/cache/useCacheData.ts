import type {
  CacheStatsSnapshot,
  HitRatioLowEvent,
  L2Status,
  RedisInfoView,
  TtlPolicySnapshot,
} from '@shared/contract/cache';
import { TmsError } from '@shared/errors';
import { useCallback, useEffect, useState } from 'react';
import { call, subscribe } from '../../api/client';

export function asError(e: unknown): TmsError {
  return e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
}

/** The stats snapshot: one read at mount, then the `cache:stats` event (every 3 s) keeps it live. */
export function useCacheStats() {
  const [snap, setSnap] = useState<CacheStatsSnapshot>();
  const [error, setError] = useState<TmsError>();
  const [lowEvent, setLowEvent] = useState<HitRatioLowEvent>();
  useEffect(() => {
    let alive = true;
    call('cache:stats', {})
      .then((s) => alive && setSnap((prev) => (prev && prev.at > s.at ? prev : s)))
      .catch((e) => alive && setError(asError(e)));
    const offStats = subscribe('cache:stats', (s) => {
      setSnap(s);
      setError(undefined);
    });
    const offLow = subscribe('cache:hitRatioLow', setLowEvent);
    return () => {
      alive = false;
      offStats();
      offLow();
    };
  }, []);
  return { snap, error, lowEvent, setSnap };
}

/** Redis INFO summary + L2 status, polled while the panel is open; the L2 events update it at once. */
export function useRedisInfo(pollMs = 5000) {
  const [view, setView] = useState<RedisInfoView>();
  const [error, setError] = useState<TmsError>();
  const load = useCallback(async () => {
    try {
      setView(await call('cache:redisInfo', {}));
      setError(undefined);
    } catch (e) {
      setError(asError(e));
    }
  }, []);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (!document.hidden) void load();
    }, pollMs);
    const setL2 = (l2: L2Status) => setView((v) => (v ? { ...v, l2 } : v));
    const offL2 = subscribe('cache:l2State', (l2) => {
      setL2(l2);
      void load();
    });
    const offState = subscribe('app:redisState', () => void load());
    return () => {
      clearInterval(timer);
      offL2();
      offState();
    };
  }, [load, pollMs]);
  return { view, error, reload: load, setView };
}

/** The shared TTL policy; `cache:ttlPolicyChanged` brings changes made by any console. */
export function useTtlPolicy() {
  const [policy, setPolicy] = useState<TtlPolicySnapshot>();
  const [error, setError] = useState<TmsError>();
  useEffect(() => {
    call('cache:ttlPolicy', {})
      .then(setPolicy)
      .catch((e) => setError(asError(e)));
    return subscribe('cache:ttlPolicyChanged', setPolicy);
  }, []);
  return { policy, error, setPolicy };
}
