/**
 * Cluster-aware SCAN. A standalone client is scanned directly; an ioredis Cluster is scanned master by
 * master (`cluster.nodes('master')`: SCAN only covers the shard it runs on). COUNT is bounded, MATCH is
 * confined to `tms:` unless the caller explicitly allows otherwise. Never KEYS.
 */

import { TmsError } from '@shared/errors';
import type { Redis } from 'ioredis';
import { isCluster, isPatternInNamespace, type RedisClient, redisUnavailable } from './namespace';

export const DEFAULT_SCAN_COUNT = 500;
export const MAX_SCAN_COUNT = 2000;

export interface ScanOptions {
  /** SCAN MATCH pattern; must start with `tms:` unless allowOutsideNamespace */
  match: string;
  /** COUNT hint per SCAN call (bounded to 1..2000) */
  count?: number;
  /** SCAN TYPE filter (costly on big keyspaces: the filter runs after retrieval) */
  type?: string;
  allowOutsideNamespace?: boolean;
}

export interface ScanPageRequest extends ScanOptions {
  /** composite cursor from a previous page; empty/undefined = start */
  cursor?: string;
  /** stop once this many keys are collected (default 200) */
  limit?: number;
  /** stop after this many ms even with fewer keys (default 250): a partial page + cursor */
  budgetMs?: number;
  /** hard cap on SCAN calls per page (default 200) */
  maxCalls?: number;
}

export interface ScanPage {
  keys: string[];
  /** null when every master has been scanned to the end */
  cursor: string | null;
  /** SCAN calls issued for this page */
  calls: number;
  /** true when the page stopped on the time budget or the call cap rather than the limit */
  partial: boolean;
  /** how many masters are scanned in total (1 for standalone) */
  nodes: number;
}

export interface ScanNode {
  id: string;
  client: Redis;
}

const clampCount = (count: number | undefined): number =>
  Math.max(1, Math.min(MAX_SCAN_COUNT, Math.floor(count ?? DEFAULT_SCAN_COUNT)));

function nodeId(node: Redis): string {
  const { host, port } = node.options;
  return `${host ?? '127.0.0.1'}:${port ?? 6379}`;
}

export class KeyScanner {
  readonly #client: RedisClient;

  constructor(client: RedisClient) {
    this.#client = client;
  }

  get client(): RedisClient {
    return this.#client;
  }

  /** The nodes to scan, in a stable order (masters sorted by address for a cluster). */
  nodes(): ScanNode[] {
    if (!isCluster(this.#client)) return [{ id: nodeId(this.#client), client: this.#client }];
    const masters = this.#client.nodes('master');
    if (masters.length === 0) {
      throw new TmsError('REDIS_UNAVAILABLE', 'The Redis cluster has no reachable master right now.', {
        retryable: true,
      });
    }
    return masters
      .map((client) => ({ id: nodeId(client), client }))
      .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  #checkPattern(options: ScanOptions): void {
    if (!options.allowOutsideNamespace && !isPatternInNamespace(options.match)) {
      throw new TmsError(
        'FORBIDDEN',
        `Refusing to scan "${options.match}": patterns must start with "tms:".`,
        {
          details: { match: options.match },
        },
      );
    }
  }

  async #scanOnce(node: Redis, cursor: string, options: ScanOptions): Promise<[string, string[]]> {
    const args: (string | number)[] = [cursor, 'MATCH', options.match, 'COUNT', clampCount(options.count)];
    if (options.type) args.push('TYPE', options.type);
    try {
      const reply = (await node.call('SCAN', ...args)) as [string | Buffer, (string | Buffer)[]];
      return [String(reply[0]), reply[1].map(String)];
    } catch (error) {
      throw redisUnavailable('scan keys', error);
    }
  }

  /** Every matching key, node by node, one batch per SCAN call (empty batches skipped; duplicates possible). */
  async *scanNodes(options: ScanOptions): AsyncGenerator<{ node: ScanNode; keys: string[] }> {
    this.#checkPattern(options);
    for (const node of this.nodes()) {
      let cursor = '0';
      do {
        const [next, keys] = await this.#scanOnce(node.client, cursor, options);
        cursor = next;
        if (keys.length > 0) yield { node, keys };
      } while (cursor !== '0');
    }
  }

  /** Every matching key across all masters, in batches. */
  async *scan(options: ScanOptions): AsyncGenerator<string[]> {
    for await (const { keys } of this.scanNodes(options)) yield keys;
  }

  /**
   * One page for the key browser: bounded by `limit` keys, a time budget and a call cap, whichever comes
   * first. The composite cursor is `host:port@nodeCursor` (the node being scanned and its SCAN cursor).
   */
  async scanPage(request: ScanPageRequest): Promise<ScanPage> {
    this.#checkPattern(request);
    const nodes = this.nodes();
    const limit = Math.max(1, Math.min(10_000, request.limit ?? 200));
    const budgetMs = Math.max(1, request.budgetMs ?? 250);
    const maxCalls = Math.max(1, request.maxCalls ?? 200);
    let [index, cursor] = this.#decodeCursor(request.cursor, nodes);
    const started = Date.now();
    const seen = new Set<string>();
    let calls = 0;
    let stoppedEarly = false;
    while (index < nodes.length) {
      const [next, keys] = await this.#scanOnce(nodes[index]!.client, cursor, request);
      calls++;
      for (const k of keys) seen.add(k);
      if (next === '0') {
        index++;
        cursor = '0';
      } else {
        cursor = next;
      }
      if (index >= nodes.length || seen.size >= limit) break;
      if (calls >= maxCalls || Date.now() - started >= budgetMs) {
        stoppedEarly = true;
        break;
      }
    }
    return {
      keys: [...seen],
      cursor: index >= nodes.length ? null : `${nodes[index]!.id}@${cursor}`,
      calls,
      partial: stoppedEarly,
      nodes: nodes.length,
    };
  }

  #decodeCursor(cursor: string | undefined, nodes: ScanNode[]): [number, string] {
    if (!cursor || cursor === '0') return [0, '0'];
    const at = cursor.lastIndexOf('@');
    const id = at > 0 ? cursor.slice(0, at) : '';
    const nodeCursor = at > 0 ? cursor.slice(at + 1) : '';
    if (!/^\d{1,20}$/.test(nodeCursor)) {
      throw new TmsError('VALIDATION', 'The scan cursor is malformed: start the scan again.');
    }
    const index = nodes.findIndex((n) => n.id === id);
    if (index < 0) {
      throw new TmsError(
        'CONFLICT',
        'The Redis topology changed since the previous page: start the scan again.',
        {
          details: { node: id },
        },
      );
    }
    return [index, nodeCursor];
  }
}
