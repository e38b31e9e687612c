/**
 * A Redis (ioredis) failure in words a DBA can act on, with a stable reason the renderer words in
 * the chosen language. ioredis' own text ("Stream isn't writeable and enableOfflineQueue options is
 * false", "Connection is closed.") never reaches the screen.
 */
export const REDIS_FAILURE_REASONS = [
  'offline', // not connected right now (offline queue off, stream closed, connection closed)
  'refused', // nothing listens at the address
  'unresolved', // host name unknown
  'timeout', // connect or command timed out
  'auth', // NOAUTH / WRONGPASS
  'readonly', // connected to a replica
  'oom', // maxmemory reached with a noeviction policy
  'cluster', // cluster down or slots not covered
  'loading', // Redis is loading its dataset
  'unknown',
] as const;
export type RedisFailureReason = (typeof REDIS_FAILURE_REASONS)[number];

const MESSAGES: Record<RedisFailureReason, string> = {
  offline:
    'Redis is not connected right now; the console keeps working from its in-process cache and Oracle, and reconnects on its own.',
  refused:
    'Nothing answers at the Redis address (connection refused): check that redis-server runs and REDIS_URL points at it.',
  unresolved: 'The Redis host name cannot be resolved: check REDIS_URL, DNS or VPN.',
  timeout: 'Redis did not answer in time: it may be overloaded or the network slow.',
  auth: 'Redis refused the console: the password or ACL user in REDIS_URL is wrong or missing.',
  readonly: 'The console is connected to a read-only Redis replica: point REDIS_URL at the primary.',
  oom: 'Redis is out of memory (maxmemory with a noeviction policy): raise maxmemory or use an eviction policy.',
  cluster: 'The Redis cluster is down or does not cover every slot right now.',
  loading: 'Redis is still loading its data after a restart; try again in a moment.',
  unknown: 'Redis returned an unexpected error.',
};

function textOf(error: unknown): string {
  if (error instanceof Error) return `${(error as { code?: unknown }).code ?? ''} ${error.message}`;
  return String(error);
}

export function redisFailureReason(error: unknown): RedisFailureReason {
  const text = textOf(error);
  if (/NOAUTH|WRONGPASS|invalid password|AUTH failed/i.test(text)) return 'auth';
  if (/ECONNREFUSED/.test(text)) return 'refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(text)) return 'unresolved';
  if (/ETIMEDOUT|timed? ?out/i.test(text)) return 'timeout';
  if (/READONLY/.test(text)) return 'readonly';
  if (/\bOOM\b/.test(text)) return 'oom';
  if (/CLUSTERDOWN|slot|ClusterAllFailed|no reachable master/i.test(text)) return 'cluster';
  if (/LOADING/.test(text)) return 'loading';
  if (
    /enableOfflineQueue|isn't writeable|Connection is closed|connection lost|ECONNRESET|EPIPE|closed/i.test(
      text,
    )
  )
    return 'offline';
  return 'unknown';
}

export interface RedisFailure {
  reason: RedisFailureReason;
  /** English sentence (the renderer words `reason` in the chosen language) */
  message: string;
}

export function describeRedisFailure(error: unknown): RedisFailure {
  const reason = redisFailureReason(error);
  return { reason, message: MESSAGES[reason] };
}
