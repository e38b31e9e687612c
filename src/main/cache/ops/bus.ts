/**
 * The invalidation bus: Redis pub/sub between every console sharing the Redis. Invalidations carry
 * keys and prefixes, never values; a console drops its L1 copies on a message from another console.
 * The bus subscribes on its own connection (`client.duplicate()`); when that connection is lost and comes
 * back, messages may have been missed, so the whole L1 is cleared. Configuration changes (TTL policy,
 * hit-ratio threshold) travel on a second channel so every console reloads them.
 */
import { z } from 'zod';
import type { LocalCacheControl } from '../types';
import { BUS_CONFIG_CHANNEL, BUS_INVALIDATE_CHANNEL, isCluster, type RedisClient } from './namespace';

const MAX_ITEMS = 10_000;
const keyText = z.string().min(1).max(2048);

const invalidationSchema = z
  .object({
    v: z.literal(1),
    origin: z.string().min(1).max(200),
    /** exact keys */
    keys: z.array(keyText).max(MAX_ITEMS).optional(),
    /** literal prefixes (e.g. `tms:demo:`) */
    prefixes: z.array(keyText).max(MAX_ITEMS).optional(),
    all: z.boolean().optional(),
  })
  .strict();
export type InvalidationMessage = z.infer<typeof invalidationSchema>;
export type InvalidationScope = Omit<InvalidationMessage, 'v' | 'origin'>;

export const CONFIG_KINDS = ['ttlPolicy', 'cacheConfig'] as const;
export type ConfigKind = (typeof CONFIG_KINDS)[number];
const configSchema = z
  .object({ v: z.literal(1), origin: z.string().min(1).max(200), kind: z.enum(CONFIG_KINDS) })
  .strict();
export type ConfigMessage = z.infer<typeof configSchema>;

export interface InvalidationBusOptions {
  redis: RedisClient;
  consoleId: string;
  local: LocalCacheControl;
  /**
   * the subscriber connection, e.g. `subscriberFor(redis)` from src/main/redis/client.ts (offline queue on,
   * no command timeout); default `redis.duplicate()`. The bus closes it on stop().
   */
  subscriber?: RedisClient;
  /** start() waits at most this long for the first SUBSCRIBE (default 500 ms); it goes on in the background */
  startTimeoutMs?: number;
  onError?: (error: unknown) => void;
}

type Listener<T> = (value: T) => void;

function duplicate(client: RedisClient): RedisClient {
  return isCluster(client) ? client.duplicate() : client.duplicate();
}

/** Apply an invalidation to a local cache. */
export function applyLocally(local: LocalCacheControl, scope: InvalidationScope): void {
  if (scope.all) {
    local.clearLocal();
    return;
  }
  for (const k of scope.keys ?? []) local.dropLocal(k);
  for (const p of scope.prefixes ?? []) local.dropLocalPrefix(p);
}

export class InvalidationBus {
  readonly consoleId: string;
  readonly #redis: RedisClient;
  readonly #local: LocalCacheControl;
  readonly #onError: (error: unknown) => void;
  #subscriber: RedisClient | undefined;
  readonly #givenSubscriber: RedisClient | undefined;
  readonly #startTimeoutMs: number;
  #lost = false;
  #started = false;
  #stopped = false;
  readonly #remote = new Set<Listener<InvalidationMessage>>();
  readonly #config = new Set<Listener<ConfigMessage>>();
  readonly #resubscribed = new Set<Listener<void>>();
  /** how many times a lost subscription came back (the L1 was cleared each time) */
  resubscriptions = 0;

  constructor(options: InvalidationBusOptions) {
    this.consoleId = options.consoleId;
    this.#redis = options.redis;
    this.#local = options.local;
    this.#givenSubscriber = options.subscriber;
    this.#startTimeoutMs = options.startTimeoutMs ?? 500;
    this.#onError = options.onError ?? (() => {});
  }

  /** Subscribe. Resolves once subscribed, or right away (retrying in the background) when Redis is down. */
  async start(): Promise<void> {
    if (this.#started) return;
    this.#started = true;
    const sub = this.#givenSubscriber ?? duplicate(this.#redis);
    this.#subscriber = sub;
    sub.on('error', (e: unknown) => this.#onError(e));
    sub.on('close', () => {
      if (!this.#stopped) this.#lost = true;
    });
    sub.on('end', () => {
      if (!this.#stopped) this.#lost = true;
    });
    sub.on('ready', () => {
      if (this.#stopped || !this.#lost) return;
      this.#lost = false;
      // ioredis resubscribes on reconnect (autoResubscribe); subscribe again anyway (idempotent).
      sub.subscribe(BUS_INVALIDATE_CHANNEL, BUS_CONFIG_CHANNEL).catch((e: unknown) => this.#onError(e));
      this.resubscriptions++;
      this.#local.clearLocal();
      for (const l of this.#resubscribed) this.#safe(() => l());
    });
    sub.on('message', (channel: string, message: string) => this.#onMessage(channel, message));
    const subscribed = sub.subscribe(BUS_INVALIDATE_CHANNEL, BUS_CONFIG_CHANNEL).then(
      () => true,
      (error: unknown) => {
        this.#onError(error);
        return false;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), this.#startTimeoutMs);
      timer.unref?.();
    });
    // Redis down at start-up: do not hold the app; the next 'ready' subscribes (again) and clears L1
    if (!(await Promise.race([subscribed, timedOut]))) this.#lost = true;
    clearTimeout(timer);
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    const sub = this.#subscriber;
    this.#subscriber = undefined;
    if (!sub) return;
    sub.removeAllListeners('message');
    if (sub.status === 'ready') {
      await Promise.race([sub.quit().catch(() => {}), new Promise((r) => setTimeout(r, 500))]);
    }
    if (sub.status !== 'end') sub.disconnect();
  }

  /** Tell every other console to drop these L1 entries. Never throws: false when Redis did not take it. */
  async publishInvalidation(scope: InvalidationScope): Promise<boolean> {
    const message: InvalidationMessage = { v: 1, origin: this.consoleId, ...scope };
    return this.#publish(BUS_INVALIDATE_CHANNEL, JSON.stringify(message));
  }

  async publishConfig(kind: ConfigKind): Promise<boolean> {
    const message: ConfigMessage = { v: 1, origin: this.consoleId, kind };
    return this.#publish(BUS_CONFIG_CHANNEL, JSON.stringify(message));
  }

  /** Called after another console's invalidation was applied to our L1. */
  onRemoteInvalidation(listener: Listener<InvalidationMessage>): () => void {
    this.#remote.add(listener);
    return () => this.#remote.delete(listener);
  }

  /** Another console changed shared configuration. */
  onConfigChanged(listener: Listener<ConfigMessage>): () => void {
    this.#config.add(listener);
    return () => this.#config.delete(listener);
  }

  /** The subscription was lost and is back: L1 has been cleared; reload anything else that may be stale. */
  onResubscribed(listener: Listener<void>): () => void {
    this.#resubscribed.add(listener);
    return () => this.#resubscribed.delete(listener);
  }

  async #publish(channel: string, payload: string): Promise<boolean> {
    try {
      await this.#redis.publish(channel, payload);
      return true;
    } catch (error) {
      this.#onError(error);
      return false;
    }
  }

  #onMessage(channel: string, raw: string): void {
    let data: unknown;
    try {
      data = JSON.parse(raw);
    } catch {
      return; // not ours
    }
    if (channel === BUS_INVALIDATE_CHANNEL) {
      const parsed = invalidationSchema.safeParse(data);
      if (!parsed.success || parsed.data.origin === this.consoleId) return;
      applyLocally(this.#local, parsed.data);
      for (const l of this.#remote) this.#safe(() => l(parsed.data));
    } else if (channel === BUS_CONFIG_CHANNEL) {
      const parsed = configSchema.safeParse(data);
      if (!parsed.success || parsed.data.origin === this.consoleId) return;
      for (const l of this.#config) this.#safe(() => l(parsed.data));
    }
  }

  #safe(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.#onError(error);
    }
  }
}
