import { type CacheMeta, refreshAheadMs } from '@shared/cache';

/** First re-poll while an answer is due (its refresh is under way): the refresh-ahead window, 250 ms-1 s. */
function firstRetryMs(ttlSeconds: number): number {
  return Math.min(1000, Math.max(250, refreshAheadMs(ttlSeconds)));
}

/** epoch ms where the answer's refresh-ahead window starts (storedAt + ttl − ahead) */
function dueAt(meta: CacheMeta): number {
  return meta.storedAt + meta.ttlSeconds * 1000 - refreshAheadMs(meta.ttlSeconds);
}

/** The answer is stale, or in its refresh-ahead window: a newer value is (being) fetched. */
export function isDue(meta: CacheMeta, now: number): boolean {
  return meta.ttlSeconds > 0 && (meta.stale || now >= dueAt(meta));
}

/**
 * When to ask again so that what a view shows is never older than its TTL (issue 15): at the start of
 * the answer's refresh-ahead window, where the read makes the cache refresh the value in the background.
 * An answer already in that window, or stale, is asked for again shortly (`attempt` counts such answers
 * in a row: the refresh-ahead window (250 ms-1 s), then twice as long each time, at most `fallbackMs`). Without cache metadata, or with caching switched
 * off for the resource (ttl 0), the view's own cadence applies.
 */
export function nextPollDelay(
  meta: CacheMeta | undefined,
  now: number,
  fallbackMs: number,
  attempt = 0,
): number {
  if (!meta || !(meta.ttlSeconds > 0)) return fallbackMs;
  if (!isDue(meta, now)) return dueAt(meta) - now;
  return Math.min(fallbackMs, firstRetryMs(meta.ttlSeconds) * 2 ** Math.min(attempt, 10));
}
