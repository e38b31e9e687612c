import { type CacheMeta, refreshAheadMs } from '@shared/cache';

/** Re-poll delays while an answer is due (its refresh is under way): 1 s, 2 s, 4 s ... */
const RETRY_FIRST_MS = 1000;

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
 * in a row: 1 s, 2 s, 4 s ... at most `fallbackMs`). Without cache metadata, or with caching switched
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
  return Math.min(fallbackMs, RETRY_FIRST_MS * 2 ** Math.min(attempt, 10));
}
