/**
 * The key browser: SCAN pages (bounded COUNT, a per-page time budget, every master), confined to `tms:`
 * unless asked otherwise; details only for the rows shown (TYPE, PTTL, MEMORY USAGE with default sampling,
 * the configured TTL of the key's resource, the cached value's age from the engine's envelope via a short
 * GETRANGE); a capped value viewer; delete one key (UNLINK, `tms:` only). Never KEYS.
 */

import type { KeyDetails, KeyPage, KeyValue } from '@shared/contract/cache';
import { TmsError } from '@shared/errors';
import type { ChainableCommander } from 'ioredis';
import { parseKey as defaultParseKey, type ParsedKey, parseActivityKey } from '../keys';
import type { TtlPolicyReader } from '../types';
import { ConcurrencyLimit } from './limit';
import {
  assertInNamespace,
  isCluster,
  isInNamespace,
  type RedisClient,
  redisUnavailable,
  userGlobInNamespace,
} from './namespace';
import { KeyScanner } from './scanner';

// the tree builder is pure and shared with the renderer's key browser
export { buildKeyTree, type KeyTreeNode } from '@shared/cache-tree';

export type { KeyDetails, KeyPage, KeyValue };

export interface ScanKeysRequest {
  cursor?: string;
  /** a glob typed by the user, applied inside `tms:` (`demo:*` → `tms:demo:*`) */
  pattern?: string;
  /** browse the whole Redis (read-only) instead of `tms:` */
  includeForeign?: boolean;
  type?: string;
  limit?: number;
  count?: number;
  budgetMs?: number;
}

export interface KeyBrowserOptions {
  redis: RedisClient;
  ttl: TtlPolicyReader;
  parseKey?: (key: string) => ParsedKey | null;
  now?: () => number;
  /**
   * How many key-browser requests run against Redis at once (default 4); the others queue (FIFO, at most
   * `maxQueued`, default 1000, then a retryable "busy"). A page's time budget starts when it runs.
   */
  concurrency?: number;
  maxQueued?: number;
}

const AGE_PROBE_BYTES = 1024;
/** the engine's envelope `{"$tms":1,"at":<ms>,"ttl":<s>,"grace":<s>,"by":"…","v":…}` (or a plain `storedAt`) */
const ENVELOPE_AT = /^\{"\$tms":\d+,"at":(\d{10,16})/;
const STORED_AT = /"storedAt"\s*:\s*(\d{10,16})/;
const ENVELOPE_META =
  /^\{"\$tms":\d+,"at":\d+,"ttl":(\d+(?:\.\d+)?),"grace":(\d+(?:\.\d+)?),"by":("(?:[^"\\]|\\.)*")/;
const MAX_ITEM_CHARS = 4096;

export class KeyBrowser {
  readonly #redis: RedisClient;
  readonly #scanner: KeyScanner;
  readonly #ttl: TtlPolicyReader;
  readonly #parseKey: (key: string) => ParsedKey | null;
  readonly #now: () => number;
  readonly #limit: ConcurrencyLimit;

  constructor(options: KeyBrowserOptions) {
    this.#limit = new ConcurrencyLimit({
      max: options.concurrency ?? 4,
      maxQueued: options.maxQueued ?? 1000,
      what: 'The key browser',
    });
    this.#redis = options.redis;
    this.#scanner = new KeyScanner(options.redis);
    this.#ttl = options.ttl;
    this.#parseKey = options.parseKey ?? defaultParseKey;
    this.#now = options.now ?? Date.now;
  }

  /** requests running / waiting (tests, diagnostics) */
  get load(): { active: number; queued: number } {
    return { active: this.#limit.active, queued: this.#limit.queued };
  }

  scanKeys(request: ScanKeysRequest = {}): Promise<KeyPage> {
    return this.#limit.run(() => this.#scanKeys(request));
  }

  async #scanKeys(request: ScanKeysRequest): Promise<KeyPage> {
    const match = request.includeForeign
      ? request.pattern?.trim() || '*'
      : userGlobInNamespace(request.pattern ?? '');
    const page = await this.#scanner.scanPage({
      match,
      cursor: request.cursor,
      type: request.type,
      limit: request.limit ?? 200,
      count: request.count ?? 500,
      budgetMs: request.budgetMs ?? 250,
      allowOutsideNamespace: request.includeForeign === true,
    });
    page.keys.sort();
    let foreignKeys = 0;
    for (const key of page.keys) if (!isInNamespace(key)) foreignKeys++;
    return { ...page, match, foreignKeys };
  }

  /**
   * TYPE, PTTL, MEMORY USAGE and the value's age, for the rows on screen only. Keys outside `tms:` only when
   * the DBA asked for them (`includeForeign`); each row says whether it is one.
   */
  async keyDetails(keys: readonly string[], options: ForeignOption = {}): Promise<KeyDetails[]> {
    assertReadable(keys, options);
    if (keys.length === 0) return [];
    return this.#limit.run(() => this.#keyDetails(keys));
  }

  async #keyDetails(keys: readonly string[]): Promise<KeyDetails[]> {
    const queue = (p: ChainableCommander, key: string) => {
      p.type(key);
      p.pttl(key);
      p.call('MEMORY', 'USAGE', key);
      p.getrange(key, 0, AGE_PROBE_BYTES - 1); // WRONGTYPE for non-strings: ignored
    };
    let rows: [Error | null, unknown][][];
    try {
      if (isCluster(this.#redis)) {
        rows = await Promise.all(
          keys.map(async (key) => {
            const p = this.#redis.pipeline();
            queue(p, key);
            return ((await p.exec()) ?? []) as [Error | null, unknown][];
          }),
        );
      } else {
        const p = this.#redis.pipeline();
        for (const key of keys) queue(p, key);
        const flat = ((await p.exec()) ?? []) as [Error | null, unknown][];
        rows = keys.map((_, i) => flat.slice(i * 4, i * 4 + 4));
      }
    } catch (error) {
      throw redisUnavailable('read key details', error);
    }
    const now = this.#now();
    return keys.map((key, i) => {
      const [type, pttl, memory, head] = rows[i]!;
      const parsed = this.#parseKey(key);
      const headText = head && !head[0] ? String(head[1] ?? '') : '';
      const storedAt = storedAtOf(headText);
      const meta = envelopeMetaOf(headText);
      return {
        key,
        foreign: !isInNamespace(key),
        type: type && !type[0] ? String(type[1]) : 'none',
        pttlMs: pttl && !pttl[0] ? Number(pttl[1]) : -2,
        memoryBytes: memory && !memory[0] && memory[1] !== null ? Number(memory[1]) : null,
        resource: parsed?.resource ?? null,
        connId: parsed?.connId ?? parseActivityKey(key)?.connId ?? null,
        configuredTtl: parsed ? this.#ttl.ttlFor(parsed.resource) : null,
        storedAt,
        ageMs: storedAt !== null ? Math.max(0, now - storedAt) : null,
        writtenTtl: meta?.ttl ?? null,
        writtenGrace: meta?.grace ?? null,
        writtenBy: meta?.by ?? null,
      };
    });
  }

  /** The value, capped: strings to maxBytes, aggregates to maxItems elements (outside `tms:` only when asked). */
  async getValue(
    key: string,
    options: { maxBytes?: number; maxItems?: number } & ForeignOption = {},
  ): Promise<KeyValue> {
    assertReadable([key], options);
    return this.#limit.run(() => this.#getValue(key, options));
  }

  async #getValue(key: string, options: { maxBytes?: number; maxItems?: number }): Promise<KeyValue> {
    const maxBytes = Math.max(1, Math.min(4 * 1024 * 1024, options.maxBytes ?? 256 * 1024));
    const maxItems = Math.max(1, Math.min(10_000, options.maxItems ?? 500));
    const r = this.#redis;
    try {
      const [type, pttl] = await Promise.all([r.type(key), r.pttl(key)]);
      const base = { key, foreign: !isInNamespace(key), type, pttlMs: pttl, exists: type !== 'none' };
      switch (type) {
        case 'none':
          return { ...base, size: 0, truncated: false };
        case 'string': {
          const [size, head] = await Promise.all([r.strlen(key), r.getrange(key, 0, maxBytes - 1)]);
          const truncated = size > maxBytes;
          const value: KeyValue = { ...base, size, truncated, text: head };
          if (!truncated) {
            try {
              value.json = JSON.parse(head);
            } catch {
              // not JSON: shown as text
            }
          }
          return value;
        }
        case 'hash': {
          const size = await r.hlen(key);
          const entries: KeyValue['entries'] = [];
          let cursor = '0';
          do {
            const [next, flat] = await r.hscan(key, cursor, 'COUNT', Math.min(maxItems, 1000));
            for (let i = 0; i + 1 < flat.length && entries.length < maxItems; i += 2) {
              entries.push({ field: cap(flat[i]!), value: cap(flat[i + 1]!) });
            }
            cursor = next;
          } while (cursor !== '0' && entries.length < maxItems);
          return { ...base, size, truncated: size > entries.length, entries };
        }
        case 'list': {
          const [size, items] = await Promise.all([r.llen(key), r.lrange(key, 0, maxItems - 1)]);
          return {
            ...base,
            size,
            truncated: size > items.length,
            entries: items.map((v) => ({ value: cap(v) })),
          };
        }
        case 'set': {
          const size = await r.scard(key);
          const members: string[] = [];
          let cursor = '0';
          do {
            const [next, batch] = await r.sscan(key, cursor, 'COUNT', Math.min(maxItems, 1000));
            for (const m of batch) if (members.length < maxItems) members.push(m);
            cursor = next;
          } while (cursor !== '0' && members.length < maxItems);
          return {
            ...base,
            size,
            truncated: size > members.length,
            entries: members.map((v) => ({ value: cap(v) })),
          };
        }
        case 'zset': {
          const [size, flat] = await Promise.all([
            r.zcard(key),
            r.call('ZRANGE', key, 0, maxItems - 1, 'WITHSCORES') as Promise<unknown[]>,
          ]);
          const entries: KeyValue['entries'] = [];
          // RESP3 replies [[member, score], ...]; RESP2 a flat [member, score, ...]
          const pairs: unknown[] = flat;
          if (pairs.every((p) => Array.isArray(p))) {
            for (const [m, sc] of pairs as [unknown, unknown][])
              entries.push({ value: cap(String(m)), score: Number(sc) });
          } else {
            for (let i = 0; i + 1 < flat.length; i += 2)
              entries.push({ value: cap(String(flat[i])), score: Number(flat[i + 1]) });
          }
          return { ...base, size, truncated: size > entries.length, entries };
        }
        default:
          return { ...base, size: 0, truncated: true };
      }
    } catch (error) {
      throw redisUnavailable('read the value', error);
    }
  }

  /** UNLINK one key under `tms:`. Returns 1 when it existed. */
  async deleteKey(key: string): Promise<number> {
    assertInNamespace(key);
    try {
      return await this.#limit.run(() => this.#redis.unlink(key));
    } catch (error) {
      throw redisUnavailable('delete the key', error);
    }
  }
}

export interface ForeignOption {
  /** the DBA asked to browse keys outside `tms:` (read-only) */
  includeForeign?: boolean;
}

/** Keys of other applications are read only when the DBA asked for them. */
function assertReadable(keys: readonly string[], options: ForeignOption): void {
  if (options.includeForeign === true) return;
  const outside = keys.find((key) => !isInNamespace(key));
  if (outside !== undefined) {
    throw new TmsError(
      'FORBIDDEN',
      'This key is outside "tms:": turn on "Outside tms:" in the key browser to read keys of other applications.',
    );
  }
}

/** The TTL, grace and writing console recorded in the engine's envelope head; null when it is not one. */
export function envelopeMetaOf(head: string): { ttl: number; grace: number; by: string } | null {
  const m = ENVELOPE_META.exec(head);
  if (!m) return null;
  let by = '';
  try {
    by = String(JSON.parse(m[3]!));
  } catch {
    by = '';
  }
  return { ttl: Number(m[1]), grace: Number(m[2]), by };
}

function cap(text: string): string {
  return text.length > MAX_ITEM_CHARS ? `${text.slice(0, MAX_ITEM_CHARS)}…` : text;
}

/** `at` (epoch ms) from the first bytes of the engine's JSON envelope (or a `storedAt` field); null when absent. */
export function storedAtOf(head: string): number | null {
  const m = ENVELOPE_AT.exec(head) ?? STORED_AT.exec(head);
  if (!m) return null;
  let n = Number(m[1]);
  if (n < 1e12) n *= 1000; // seconds → ms
  return Number.isFinite(n) ? n : null;
}
