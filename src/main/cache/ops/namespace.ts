/**
 * The `tms:` namespace rules shared by every cache operation: what may be scanned or deleted,
 * and how a literal prefix becomes a SCAN MATCH pattern that cannot reach further than intended.
 */

import { TmsError } from '@shared/errors';
import type { Cluster, Redis } from 'ioredis';
import { describeRedisFailure } from '../../redis/failure';
import { RECORD_SEGMENTS } from '../keys';

/** What every operation accepts: a standalone/sentinel client or an ioredis Cluster. */
export type RedisClient = Redis | Cluster;

export const NAMESPACE = 'tms:';
/**
 * Keys under `tms:` that hold settings, counters or the engine's short stampede locks, not cached data:
 * never removed by invalidateAll (nor by a prefix that does not point inside them).
 */
export const RESERVED_PREFIXES = ['tms:config:', 'tms:stats:', 'tms:bus:', 'tms:lock:'] as const;
export const TTL_CONFIG_KEY = 'tms:config:ttl';
export const CACHE_CONFIG_KEY = 'tms:config:cache';
export const STATS_TOTAL_KEY = 'tms:stats:total';
export const statsMinuteKey = (epochMinute: number): string => `tms:stats:m:${epochMinute}`;
export const BUS_INVALIDATE_CHANNEL = 'tms:bus:invalidate';
export const BUS_CONFIG_CHANNEL = 'tms:bus:config';

export function isCluster(client: RedisClient): client is Cluster {
  return (client as { isCluster?: boolean }).isCluster === true;
}

export function isInNamespace(key: string): boolean {
  return key.startsWith(NAMESPACE);
}

export function isReserved(key: string): boolean {
  return RESERVED_PREFIXES.some((p) => key.startsWith(p));
}

const RECORD_KEY = new RegExp(`^${NAMESPACE}[^:]+:(?:${RECORD_SEGMENTS.join('|')}):`);

/** A connection's records (keys.ts RECORD_SEGMENTS): not cached reads, kept by a connection's clear. */
export function isRecord(key: string): boolean {
  // tms:lock:activity:… is the sampler's lease (reserved), not a record
  return RECORD_KEY.test(key) && !isReserved(key);
}

/**
 * Kept by a broad deletion whose literal head is `head`: settings, counters and records, unless the
 * head itself points inside them.
 */
export function keptBy(head: string): (key: string) => boolean {
  const keepReserved = !isReserved(head);
  const keepRecords = !isRecord(head);
  return (key) => (keepReserved && isReserved(key)) || (keepRecords && isRecord(key));
}

/** Throws unless `key` (or prefix) lies inside `tms:`. */
export function assertInNamespace(keyOrPrefix: string, what = 'key'): void {
  if (!isInNamespace(keyOrPrefix)) {
    throw new TmsError(
      'FORBIDDEN',
      `Refusing to touch the ${what} "${keyOrPrefix}": only keys under "tms:" are managed.`,
      {
        details: { key: keyOrPrefix },
      },
    );
  }
}

/** Escape the glob characters of SCAN MATCH (`* ? [ ] \`) so a literal string matches only itself. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/** MATCH pattern for every key that starts with the literal prefix. */
export function prefixPattern(prefix: string): string {
  return `${escapeGlob(prefix)}*`;
}

/** true when the (glob) pattern contains an unescaped glob metacharacter in its literal head */
export function literalHeadOf(pattern: string): string {
  let head = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) {
      head += pattern[i + 1];
      i++;
      continue;
    }
    if (c === '*' || c === '?' || c === '[') break;
    head += c;
  }
  return head;
}

/** A MATCH pattern is confined to `tms:` when its literal head (before any glob char) starts with `tms:`. */
export function isPatternInNamespace(pattern: string): boolean {
  return literalHeadOf(pattern).startsWith(NAMESPACE);
}

/**
 * A user's glob typed in the key browser, applied INSIDE the namespace: `demo:*` → `tms:demo:*`.
 * Only `*` and `?` are honoured; `[`, `]` and `\` are taken literally. A pattern that already starts with
 * `tms:` is not prefixed twice. Empty → everything under `tms:`.
 */
export function userGlobInNamespace(userPattern: string): string {
  let p = userPattern.trim();
  if (p.startsWith(NAMESPACE)) p = p.slice(NAMESPACE.length);
  const escaped = p.replace(/[[\]\\]/g, (c) => `\\${c}`);
  if (escaped === '') return `${NAMESPACE}*`;
  // a plain word without glob chars is a "contains/prefix" search: add a trailing * for convenience
  return /[*?]/.test(escaped) ? `${NAMESPACE}${escaped}` : `${NAMESPACE}${escaped}*`;
}

/** Turn a Redis failure into the error the UI shows. */
export function redisUnavailable(action: string, cause: unknown): TmsError {
  if (cause instanceof TmsError) return cause;
  // ioredis' own text never reaches the DBA: a reason the renderer words, and an English sentence
  const failure = describeRedisFailure(cause);
  return new TmsError('REDIS_UNAVAILABLE', `Could not ${action}. ${failure.message}`, {
    retryable: true,
    cause,
    details: { reason: `redis.${failure.reason}`, action },
  });
}
