/**
 * What the terminal says about Redis: one line at start (which Redis, password hidden, and whether L2 is
 * on), then one line per change (gone: running on the in-process cache; back: L2 on). The raw client
 * errors behind a change are not repeated here: while Redis is down they are news to nobody.
 */
import type { RedisState } from '@shared/contract/app';
import { type RedisConfig, redactRedisUrl, redisModeOf } from './client';

/** `redis://tms:***@db:6379/0`, `Sentinel "mymaster" via s1:26379,s2:26379`, `Cluster n1:7000,n2:7001` */
export function describeRedis(config: RedisConfig): string {
  const url = redactRedisUrl(config.url);
  switch (redisModeOf(config)) {
    case 'sentinel':
      return `Sentinel "${config.name ?? 'mymaster'}" via ${config.sentinels!.map((s) => `${s.host}:${s.port}`).join(',')} (${url})`;
    case 'cluster':
      return `Cluster ${config.startupNodes!.map((n) => `${n.host}:${n.port}`).join(',')} (${url})`;
    default:
      return url;
  }
}

export interface AvailabilityLineOptions {
  config: RedisConfig;
  /** the state now */
  state: () => RedisState;
  /** subscribe to state changes; returns the unsubscribe */
  onChange: (listener: (state: RedisState) => void) => () => void;
  print: (line: string) => void;
  /** resolves when the first line should be written even without an answer (about the connect timeout) */
  settled: Promise<void>;
  /** the latest client error (already redacted), put in plain words in the "not reachable" line */
  lastError?: () => string | undefined;
}

/**
 * Is this error what any Redis command gives while Redis is away (refused, closed, not writeable, timed
 * out)? Such errors are expected then, and the availability line already said so.
 */
export function isRedisOutageError(error: unknown): boolean {
  const text = error instanceof Error ? `${error.name} ${error.message}` : String(error);
  return /Stream isn't writeable|enableOfflineQueue|Connection is closed|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|ENOTFOUND|EAI_AGAIN|Command timed out|MaxRetriesPerRequest|ClusterAllFailed|Failed to refresh slots|None of the sentinels|All sentinels are unreachable/i.test(
    text,
  );
}

/** A Redis client error in words a DBA can act on (never the library's text itself). */
export function plainRedisReason(message: string | undefined): string | undefined {
  if (!message) return undefined;
  if (/ECONNREFUSED/.test(message)) return 'connection refused';
  if (/ENOTFOUND|EAI_AGAIN/.test(message)) return 'host not found';
  if (/ETIMEDOUT|timed? ?out/i.test(message)) return 'no answer in time';
  if (/ECONNRESET|EPIPE|closed/i.test(message)) return 'connection closed by the server';
  if (/WRONGPASS|invalid (username-)?password/i.test(message)) return 'user name or password rejected';
  if (/NOAUTH|Authentication required/i.test(message)) return 'Redis needs a password: set it in REDIS_URL';
  if (/NOPERM/.test(message)) return 'the Redis user lacks a permission';
  if (/certificate|SSL|TLS|EPROTO/i.test(message)) return 'TLS handshake failed';
  if (/LOADING/.test(message)) return 'Redis is loading its data';
  return undefined;
}

type Shown = 'off' | 'on' | 'down';

function shownOf(state: RedisState): Shown {
  if (!state.enabled) return 'off';
  return state.connected ? 'on' : 'down';
}

/** Starts reporting; returns a function that stops it. */
export function reportRedisAvailability(options: AvailabilityLineOptions): () => void {
  const { config, print } = options;
  const where = describeRedis(config);
  if (!config.enabled) {
    print('Redis: off (REDIS_ENABLED=false): running on the in-process cache (L1) only.');
    return () => {};
  }
  let last: Shown | undefined;
  let everOn = false;
  let stopped = false;
  const show = (state: RedisState, first: boolean): void => {
    const now = shownOf(state);
    if (stopped || now === last) return;
    const wasDown = last === 'down';
    last = now;
    if (now === 'on') {
      print(`Redis: ${where}: ${everOn ? 'answers again: ' : wasDown ? 'answers: ' : ''}L2 cache on.`);
      everOn = true;
    } else if (now === 'down') {
      const reason = plainRedisReason(options.lastError?.());
      const why = reason ? ` (${reason})` : '';
      print(
        first || !everOn
          ? `Redis: ${where} is not reachable${why}: running on the in-process cache (L1); L2 turns on when it answers.`
          : `Redis: ${where} stopped answering${why}: running on the in-process cache (L1) until it is back.`,
      );
    } else
      print(`Redis: ${where}: L2 cache switched off (cache panel): running on the in-process cache (L1).`);
  };
  let started = false;
  const unsubscribe = options.onChange((state) => {
    // before the first line, only a connection is news (an early failure waits for `settled`)
    if (!started && !state.connected) return;
    show(state, !started);
    started = true;
  });
  void options.settled.then(() => {
    if (started) return;
    started = true;
    show(options.state(), true);
  });
  return () => {
    stopped = true;
    unsubscribe();
  };
}
