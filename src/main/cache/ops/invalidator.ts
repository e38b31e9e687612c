/**
 * L2 namespace invalidation: SCAN (bounded COUNT, every master) + UNLINK in batches.
 * Never KEYS, never FLUSH*, never a key outside `tms:`. On a cluster every UNLINK names one key and runs
 * in a pipeline on the master that owns it (no CROSSSLOT); on a standalone server UNLINK takes a batch.
 */

import { TmsError } from '@shared/errors';
import type { Redis } from 'ioredis';
import {
  assertInNamespace,
  isCluster,
  isPatternInNamespace,
  keptBy,
  literalHeadOf,
  NAMESPACE,
  prefixPattern,
  type RedisClient,
  redisUnavailable,
} from './namespace';
import { DEFAULT_SCAN_COUNT, KeyScanner } from './scanner';

export interface InvalidatorOptions {
  /** SCAN COUNT hint (default 500) */
  scanCount?: number;
  /** keys per UNLINK call / pipeline (default 500) */
  batchSize?: number;
}

export class NamespaceInvalidator {
  readonly #client: RedisClient;
  readonly #scanner: KeyScanner;
  readonly #scanCount: number;
  readonly #batchSize: number;

  constructor(client: RedisClient, options: InvalidatorOptions = {}) {
    this.#client = client;
    this.#scanner = new KeyScanner(client);
    this.#scanCount = options.scanCount ?? DEFAULT_SCAN_COUNT;
    this.#batchSize = Math.max(1, options.batchSize ?? 500);
  }

  /** UNLINK exact keys (each must be under `tms:`). Returns how many existed. */
  async invalidateKeys(keys: readonly string[]): Promise<number> {
    for (const k of keys) assertInNamespace(k);
    if (keys.length === 0) return 0;
    if (isCluster(this.#client)) {
      // the cluster client routes each single-key UNLINK to its master
      let removed = 0;
      for (let i = 0; i < keys.length; i += this.#batchSize) {
        const chunk = keys.slice(i, i + this.#batchSize);
        try {
          const results = await Promise.all(chunk.map((k) => this.#client.unlink(k)));
          removed += results.reduce((a, b) => a + b, 0);
        } catch (error) {
          throw redisUnavailable('delete keys', error);
        }
      }
      return removed;
    }
    return this.#unlinkOnNode(this.#client, keys);
  }

  /**
   * Every key that starts with the literal `prefix` (glob characters in it are escaped).
   * Exact-prefix safety is the caller's: pass `tms:demo:` (with the trailing colon) for a connection.
   * Settings and counters (`tms:config:`, `tms:stats:`) and a connection's records (`tms:<c>:activity:`,
   * `tms:<c>:alerts:`) are kept unless the prefix itself points inside them.
   */
  async invalidatePrefix(prefix: string): Promise<number> {
    assertInNamespace(prefix, 'prefix');
    const kept = keptBy(prefix);
    return this.#sweep(prefixPattern(prefix), (k) => k.startsWith(prefix) && !kept(k));
  }

  /** A key and everything below it: `base` itself and `base:*` (so `tms:d:sql` never takes `tms:d:sql-text`). */
  async invalidateTree(base: string): Promise<number> {
    assertInNamespace(base, 'key');
    const withColon = `${base}:`;
    const kept = keptBy(withColon);
    return this.#sweep(prefixPattern(base), (k) => (k === base || k.startsWith(withColon)) && !kept(k));
  }

  /** A SCAN MATCH glob inside `tms:` (e.g. `tms:*:sessions`). */
  async invalidatePattern(pattern: string): Promise<number> {
    if (!isPatternInNamespace(pattern)) {
      throw new TmsError('FORBIDDEN', `Refusing to delete "${pattern}": patterns must start with "tms:".`, {
        details: { pattern },
      });
    }
    const kept = keptBy(literalHeadOf(pattern));
    return this.#sweep(pattern, (k) => k.startsWith(NAMESPACE) && !kept(k));
  }

  /** Every cached value under `tms:` (settings, counters and the connections' records are kept). */
  async invalidateAll(): Promise<number> {
    const kept = keptBy(NAMESPACE);
    return this.#sweep(`${NAMESPACE}*`, (k) => k.startsWith(NAMESPACE) && !kept(k));
  }

  async #sweep(match: string, accept: (key: string) => boolean): Promise<number> {
    let removed = 0;
    const pending = new Map<Redis, string[]>();
    const flush = async (node: Redis) => {
      const batch = pending.get(node);
      if (!batch || batch.length === 0) return;
      pending.set(node, []);
      removed += await this.#unlinkOnNode(node, batch);
    };
    for await (const { node, keys } of this.#scanner.scanNodes({ match, count: this.#scanCount })) {
      const batch = pending.get(node.client) ?? [];
      for (const k of keys) if (accept(k)) batch.push(k);
      pending.set(node.client, batch);
      if (batch.length >= this.#batchSize) await flush(node.client);
    }
    for (const node of pending.keys()) await flush(node);
    return removed;
  }

  /** UNLINK on one node: a multi-key UNLINK for standalone, one key per command in a pipeline for a cluster node. */
  async #unlinkOnNode(node: Redis, keys: readonly string[]): Promise<number> {
    let removed = 0;
    const clusterNode = isCluster(this.#client);
    try {
      for (let i = 0; i < keys.length; i += this.#batchSize) {
        const chunk = keys.slice(i, i + this.#batchSize);
        if (!clusterNode) {
          removed += await node.unlink(...chunk);
          continue;
        }
        const pipeline = node.pipeline();
        for (const k of chunk) pipeline.unlink(k);
        const results = (await pipeline.exec()) ?? [];
        for (const [err, n] of results) {
          // a slot that moved since the scan: its key is gone from this node, nothing to count
          if (!err) removed += Number(n);
        }
      }
    } catch (error) {
      throw redisUnavailable('delete keys', error);
    }
    return removed;
  }
}
