/**
 * The Redis (L2) client, configured so that NOTHING hangs while Redis is down:
 * - no offline queue: a command sent while disconnected fails at once;
 * - `commandTimeout` (default 500 ms): a stuck server fails a command instead of blocking a read;
 * - `connectTimeout`, `maxRetriesPerRequest: 1`;
 * - a capped exponential reconnect strategy that keeps retrying in the background forever;
 * - `lazyConnect`: creating the client does no I/O; call `connectInBackground(client)` at start-up;
 * - an 'error' listener (an unhandled 'error' event would crash main) that never prints a password.
 *
 * Standalone (`redis://`, `rediss://` = TLS, ACL `user:password@`, `/db`), Sentinel or Cluster.
 */
import type { ConnectionOptions } from 'node:tls';
import { TmsError } from '@shared/errors';
import { Cluster, type ClusterOptions, Redis, type RedisOptions } from 'ioredis';

export interface RedisEndpoint {
  host: string;
  port: number;
}

export interface RedisConfig {
  /** false → no client at all; the cache runs L1 → source (REDIS_ENABLED=false). */
  enabled: boolean;
  /**
   * `redis://[user[:password]@]host[:port][/db]` or `rediss://...` (TLS). For Sentinel and Cluster only the
   * credentials, db and TLS of the URL are used (the nodes come from `sentinels` / `startupNodes`).
   */
  url: string;
  /** Sentinel mode: sentinel addresses + master group name. */
  sentinels?: RedisEndpoint[];
  name?: string;
  sentinelPassword?: string;
  /** Cluster mode: seed nodes. */
  startupNodes?: RedisEndpoint[];
  /** per-command timeout (default 500 ms) */
  commandTimeoutMs?: number;
  /** TCP connect timeout (default 2000 ms) */
  connectTimeoutMs?: number;
  /** reconnect backoff cap (default 5000 ms) */
  maxReconnectDelayMs?: number;
  /** extra TLS options (CA, client cert) for rediss:// */
  tls?: ConnectionOptions;
  /** CLIENT SETNAME (default 'tms-console') */
  connectionName?: string;
}

export type RedisClient = Redis | Cluster;
export type RedisMode = 'standalone' | 'sentinel' | 'cluster';

export const DEFAULT_REDIS_URL = 'redis://localhost:6379';
export const DEFAULT_COMMAND_TIMEOUT_MS = 500;
export const DEFAULT_CONNECT_TIMEOUT_MS = 2000;
export const DEFAULT_MAX_RECONNECT_DELAY_MS = 5000;

export function redisModeOf(config: RedisConfig): RedisMode {
  if (config.startupNodes && config.startupNodes.length > 0) return 'cluster';
  if (config.sentinels && config.sentinels.length > 0) return 'sentinel';
  return 'standalone';
}

/** `redis://user:secret@host` → `redis://user:***@host`. Never throws; unparsable text is masked whole. */
export function redactRedisUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/]*)@/i, (_m, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    if (colon < 0) return `${scheme}***@`; // `redis://password@host` form
    return `${scheme}${userinfo.slice(0, colon)}:***@`;
  });
}

/** Remove every listed secret (and any URL userinfo) from a message. */
export function redactSecrets(message: string, secrets: readonly (string | undefined)[]): string {
  let out = message.replace(/([a-z][a-z0-9+.-]*:\/\/)[^@\s/]*@/gi, '$1***@');
  for (const secret of secrets) {
    if (secret && secret.length >= 3) out = out.split(secret).join('***');
  }
  return out;
}

interface UrlParts {
  host: string;
  port: number;
  username?: string;
  password?: string;
  db?: number;
  tls: boolean;
}

export function parseRedisUrl(url: string): UrlParts {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new TmsError('VALIDATION', `REDIS_URL is not a valid URL: ${redactRedisUrl(url)}`, {
      details: { url: redactRedisUrl(url) },
    });
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new TmsError(
      'VALIDATION',
      `REDIS_URL must start with redis:// or rediss:// (TLS), not ${parsed.protocol}//`,
      { details: { url: redactRedisUrl(url) } },
    );
  }
  const dbText = parsed.pathname.replace(/^\//, '');
  let db: number | undefined;
  if (dbText !== '') {
    db = Number(dbText);
    if (!Number.isInteger(db) || db < 0 || db > 15_999) {
      throw new TmsError('VALIDATION', `The database number in REDIS_URL is not valid: "${dbText}".`);
    }
  }
  const username = parsed.username ? decodeUserinfo(parsed.username, url) : undefined;
  const password = parsed.password ? decodeUserinfo(parsed.password, url) : undefined;
  // `redis://secret@host` (no colon) is the legacy password-only form
  const legacyPassword =
    username !== undefined && password === undefined && !url.includes(`${parsed.username}:`);
  const host = parsed.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost';
  return {
    host,
    port: parsed.port ? Number(parsed.port) : 6379,
    ...(legacyPassword ? { password: username } : {}),
    ...(!legacyPassword && username !== undefined ? { username } : {}),
    ...(!legacyPassword && password !== undefined ? { password } : {}),
    ...(db !== undefined ? { db } : {}),
    tls: parsed.protocol === 'rediss:',
  };
}

/** percent-decoding of a URL's user or password; a malformed escape is a typed error, never a URIError */
function decodeUserinfo(part: string, url: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    throw new TmsError(
      'VALIDATION',
      'REDIS_URL has a malformed percent-escape in its user name or password.',
      {
        details: { url: redactRedisUrl(url) },
      },
    );
  }
}

function parseEndpoints(text: string, defaultPort: number, what: string): RedisEndpoint[] {
  const out: RedisEndpoint[] = [];
  for (const raw of text.split(/[,\s]+/)) {
    const item = raw.trim();
    if (!item) continue;
    const m = /^(?:\[([^\]]+)\]|([^:]+))(?::(\d{1,5}))?$/.exec(item);
    const port = m?.[3] ? Number(m[3]) : defaultPort;
    if (!m || port < 1 || port > 65_535) {
      throw new TmsError('VALIDATION', `${what} has an invalid address "${item}" (expected host:port).`);
    }
    out.push({ host: (m[1] ?? m[2])!, port });
  }
  return out;
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > max) {
    throw new TmsError('VALIDATION', `${name} must be a whole number between 1 and ${max}, got "${raw}".`);
  }
  return n;
}

/**
 * Read the Redis settings from the environment:
 * REDIS_ENABLED (default true; 'false'/'0'/'no'/'off' disable), REDIS_URL (default redis://localhost:6379),
 * REDIS_SENTINELS ("h1:26379,h2:26379") + REDIS_SENTINEL_NAME (+ optional REDIS_SENTINEL_PASSWORD),
 * REDIS_CLUSTER_NODES ("h1:7000,h2:7001"), REDIS_COMMAND_TIMEOUT_MS, REDIS_CONNECT_TIMEOUT_MS.
 */
export function parseRedisConfig(env: NodeJS.ProcessEnv = process.env): RedisConfig {
  const enabledRaw = (env.REDIS_ENABLED ?? '').trim().toLowerCase();
  const enabled = !['false', '0', 'no', 'off'].includes(enabledRaw);
  const url = env.REDIS_URL?.trim() || DEFAULT_REDIS_URL;
  const config: RedisConfig = {
    enabled,
    url,
    commandTimeoutMs: positiveInt(env, 'REDIS_COMMAND_TIMEOUT_MS', DEFAULT_COMMAND_TIMEOUT_MS, 60_000),
    connectTimeoutMs: positiveInt(env, 'REDIS_CONNECT_TIMEOUT_MS', DEFAULT_CONNECT_TIMEOUT_MS, 120_000),
  };
  if (!enabled) return config;
  parseRedisUrl(url); // validate early, with a redacted message
  const cluster = env.REDIS_CLUSTER_NODES?.trim();
  const sentinels = env.REDIS_SENTINELS?.trim();
  if (cluster && sentinels) {
    throw new TmsError('VALIDATION', 'Set either REDIS_CLUSTER_NODES or REDIS_SENTINELS, not both.');
  }
  if (cluster) {
    config.startupNodes = parseEndpoints(cluster, 6379, 'REDIS_CLUSTER_NODES');
    if (config.startupNodes.length === 0) throw new TmsError('VALIDATION', 'REDIS_CLUSTER_NODES is empty.');
  }
  if (sentinels) {
    config.sentinels = parseEndpoints(sentinels, 26_379, 'REDIS_SENTINELS');
    const name = env.REDIS_SENTINEL_NAME?.trim();
    if (!name) {
      throw new TmsError(
        'VALIDATION',
        'REDIS_SENTINELS is set but REDIS_SENTINEL_NAME (the master name) is not.',
      );
    }
    config.name = name;
    if (env.REDIS_SENTINEL_PASSWORD) config.sentinelPassword = env.REDIS_SENTINEL_PASSWORD;
  }
  return config;
}

/** Capped exponential backoff with jitter; never gives up (returns a delay, never null). */
export function reconnectDelay(times: number, maxDelayMs = DEFAULT_MAX_RECONNECT_DELAY_MS): number {
  const base = Math.min(maxDelayMs, 50 * 2 ** Math.min(Math.max(times - 1, 0), 16));
  return Math.max(10, Math.min(maxDelayMs, Math.round(base * (0.8 + Math.random() * 0.4))));
}

/** The passwords in a Redis configuration (URL password, Sentinel password), for the secret registry. */
export function redisSecretsOf(config: RedisConfig): string[] {
  const out: string[] = [];
  if (config.sentinelPassword) out.push(config.sentinelPassword);
  try {
    const { password } = parseRedisUrl(config.url);
    if (password) out.push(password);
  } catch {
    // an unparsable URL is refused elsewhere, and shown only through redactRedisUrl
  }
  return out;
}

/** The ioredis options for the standalone/sentinel client (exported for tests and the bench). */
export function buildRedisOptions(config: RedisConfig): RedisOptions {
  const url = parseRedisUrl(config.url);
  const maxDelay = config.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS;
  const tls = url.tls ? { ...(config.tls ?? {}) } : config.tls;
  const options: RedisOptions = {
    lazyConnect: true,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 1,
    commandTimeout: config.commandTimeoutMs ?? DEFAULT_COMMAND_TIMEOUT_MS,
    connectTimeout: config.connectTimeoutMs ?? DEFAULT_CONNECT_TIMEOUT_MS,
    retryStrategy: (times: number) => reconnectDelay(times, maxDelay),
    enableReadyCheck: true,
    autoResendUnfulfilledCommands: false,
    connectionName: config.connectionName ?? 'tms-console',
    ...(url.username !== undefined ? { username: url.username } : {}),
    ...(url.password !== undefined ? { password: url.password } : {}),
    ...(url.db !== undefined ? { db: url.db } : {}),
    ...(tls ? { tls } : {}),
  };
  if (redisModeOf(config) === 'sentinel') {
    options.sentinels = config.sentinels!.map((s) => ({ host: s.host, port: s.port }));
    options.name = config.name;
    if (config.sentinelPassword) options.sentinelPassword = config.sentinelPassword;
    options.sentinelRetryStrategy = (times: number) => reconnectDelay(times, maxDelay);
    if (tls) options.enableTLSForSentinelMode = true;
  } else {
    options.host = url.host;
    options.port = url.port;
  }
  return options;
}

/** The ioredis Cluster options (exported for tests). */
export function buildClusterOptions(config: RedisConfig): ClusterOptions {
  const node = buildRedisOptions({ ...config, sentinels: undefined });
  const maxDelay = config.maxReconnectDelayMs ?? DEFAULT_MAX_RECONNECT_DELAY_MS;
  return {
    lazyConnect: true,
    enableOfflineQueue: false,
    enableReadyCheck: true,
    clusterRetryStrategy: (times: number) => reconnectDelay(times, maxDelay),
    slotsRefreshTimeout: Math.max(1000, node.connectTimeout ?? DEFAULT_CONNECT_TIMEOUT_MS),
    redisOptions: {
      maxRetriesPerRequest: node.maxRetriesPerRequest,
      commandTimeout: node.commandTimeout,
      connectTimeout: node.connectTimeout,
      autoResendUnfulfilledCommands: false,
      connectionName: node.connectionName,
      ...(node.username !== undefined ? { username: node.username } : {}),
      ...(node.password !== undefined ? { password: node.password } : {}),
      ...(node.tls ? { tls: node.tls } : {}),
    },
  };
}

export interface ClientHooks {
  /** Called with a REDACTED message; throttled (first error, then at most once per `errorLogIntervalMs`). */
  onError?: (message: string) => void;
  errorLogIntervalMs?: number;
}

const secretsOf = (config: RedisConfig): string[] => {
  const out: string[] = [];
  try {
    const { password } = parseRedisUrl(config.url);
    if (password) out.push(password);
  } catch {
    // invalid URL: nothing to extract
  }
  if (config.sentinelPassword) out.push(config.sentinelPassword);
  return out;
};

function secretsOfClient(client: RedisClient): string[] {
  const o = client instanceof Cluster ? client.options.redisOptions : client.options;
  const out: string[] = [];
  if (o?.password) out.push(o.password);
  const sentinel = (o as RedisOptions | undefined)?.sentinelPassword;
  if (sentinel) out.push(sentinel);
  return out;
}

function attachErrorListener(client: RedisClient, secrets: string[], hooks: ClientHooks): void {
  const log = hooks.onError ?? ((message: string) => console.warn(`[redis] ${message}`));
  const interval = hooks.errorLogIntervalMs ?? 30_000;
  let lastLogged = 0;
  let suppressed = 0;
  const onError = (error: unknown) => {
    const now = Date.now();
    if (now - lastLogged < interval) {
      suppressed++;
      return;
    }
    const raw = error instanceof Error ? error.message : String(error);
    const text = redactSecrets(raw, secrets);
    log(suppressed > 0 ? `${text} (${suppressed} similar errors suppressed)` : text);
    lastLogged = now;
    suppressed = 0;
  };
  client.on('error', onError);
  if (client instanceof Cluster) client.on('node error', onError);
  // once back, the next failure is news again
  client.on('ready', () => {
    lastLogged = 0;
  });
}

/**
 * Create the L2 client (no I/O yet: `lazyConnect`). Call `connectInBackground(client)` to start connecting;
 * reconnection then continues in the background for as long as the client lives.
 */
export function createRedisClient(config: RedisConfig, hooks: ClientHooks = {}): RedisClient {
  if (!config.enabled) {
    throw new TmsError('UNSUPPORTED', 'Redis is disabled (REDIS_ENABLED=false): no L2 client is created.');
  }
  const client: RedisClient =
    redisModeOf(config) === 'cluster'
      ? new Cluster(
          config.startupNodes!.map((n) => ({ host: n.host, port: n.port })),
          buildClusterOptions(config),
        )
      : new Redis(buildRedisOptions(config));
  attachErrorListener(client, secretsOf(config), hooks);
  return client;
}

/** `createRedisClient` when enabled, else null (the engine then runs L1 → source). */
export function createRedisClientIfEnabled(config: RedisConfig, hooks: ClientHooks = {}): RedisClient | null {
  return config.enabled ? createRedisClient(config, hooks) : null;
}

/** Start connecting without waiting or throwing; failures are retried by the reconnect strategy. */
export function connectInBackground(client: RedisClient): void {
  if (client.status === 'wait') client.connect().catch(() => {});
}

/** Resolves true once the client is ready, false after `timeoutMs` (never rejects). */
export function waitUntilReady(client: RedisClient, timeoutMs: number): Promise<boolean> {
  if (client.status === 'ready') return Promise.resolve(true);
  connectInBackground(client);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      client.off('ready', onReady);
      resolve(false);
    }, timeoutMs);
    const onReady = () => {
      clearTimeout(timer);
      resolve(true);
    };
    client.once('ready', onReady);
  });
}

/**
 * A second connection for pub/sub (a subscribed connection can run no other command). Unlike the data
 * client it keeps an offline queue and no command timeout, so SUBSCRIBE waits for Redis to come back and
 * `autoResubscribe` restores subscriptions after a reconnect. Carries its own error listener.
 */
export function subscriberFor(client: RedisClient, hooks: ClientHooks = {}): RedisClient {
  let sub: RedisClient;
  if (client instanceof Cluster) {
    sub = client.duplicate(undefined, {
      enableOfflineQueue: true,
      redisOptions: {
        ...(client.options.redisOptions ?? {}),
        commandTimeout: undefined,
        maxRetriesPerRequest: null,
        connectionName: 'tms-console-sub',
      },
    });
  } else {
    sub = client.duplicate({
      enableOfflineQueue: true,
      commandTimeout: undefined,
      maxRetriesPerRequest: null,
      autoResubscribe: true,
      connectionName: 'tms-console-sub',
    });
  }
  attachErrorListener(sub, secretsOfClient(client), hooks);
  return sub;
}

/** Quit gracefully (bounded), then force-disconnect; resolves once the client has ended. Never throws. */
export async function closeRedisClient(client: RedisClient, timeoutMs = 500): Promise<void> {
  if (client.status === 'end') return;
  const ended = new Promise<void>((resolve) => client.once('end', () => resolve()));
  if (client.status === 'ready') {
    await Promise.race([client.quit().catch(() => {}), new Promise((r) => setTimeout(r, timeoutMs))]);
  }
  if ((client.status as string) !== 'end') client.disconnect();
  await Promise.race([ended, new Promise((r) => setTimeout(r, timeoutMs))]);
}
