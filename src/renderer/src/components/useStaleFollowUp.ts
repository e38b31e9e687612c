import type { CacheMeta } from '@shared/cache';
import { useEffect } from 'react';

/**
 * A `stale` answer (served past its TTL while the cache refreshes it in the background) is followed by
 * one quiet re-read shortly after, so the view moves on to the fresh value without waiting a full
 * auto-refresh period.
 */
export function useStaleFollowUp(
  meta: CacheMeta | undefined,
  reload: () => Promise<void>,
  delayMs = 1500,
): void {
  const stale = meta?.origin === 'stale';
  const key = meta ? `${meta.key}:${meta.storedAt}` : '';
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` re-arms the timer for each new stale answer
  useEffect(() => {
    if (!stale) return;
    const timer = setTimeout(() => void reload(), delayMs);
    return () => clearTimeout(timer);
  }, [stale, key, reload, delayMs]);
}
