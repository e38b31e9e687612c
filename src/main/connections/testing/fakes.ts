/**
 * Test doubles for the connections and monitoring tests: a scripted gateway + factory, and a tiny
 * in-memory ReadThroughCache that records the key specs it is asked for (the real engine is tested
 * with the cache). Not used by production code.
 */
import type { Cached, ResourceName } from '@shared/cache';
import type { AppError } from '@shared/errors';
import {
  type ConnectionTestResult,
  GATEWAY_RESOURCES,
  type GatewayResource,
  type HealthInfo,
  type QueryCounts,
} from '@shared/types/oracle';
import type { CacheKeySpec, ReadOptions, ReadThroughCache } from '../../cache/types';
import type { GatewayFactory, GatewayTarget, OracleGateway } from '../../oracle/gateway';

export class FakeGateway implements OracleGateway {
  readonly kind: 'demo' | 'oracle';
  readonly counts: QueryCounts = Object.fromEntries(GATEWAY_RESOURCES.map((r) => [r, 0])) as QueryCounts;
  readonly calls: { resource: GatewayResource; args: unknown[] }[] = [];
  closed = false;
  /** return an error to throw for a call */
  fail?: (resource: GatewayResource) => unknown;
  watermark = 'w1';
  killed: number[][] = [];

  constructor(readonly target: GatewayTarget) {
    this.kind = target.kind;
  }

  async #call<T>(resource: GatewayResource, args: unknown[], value: T): Promise<T> {
    if (this.closed) throw new Error('NJS-065: connection pool was closed');
    this.counts[resource]++;
    this.calls.push({ resource, args });
    const error = this.fail?.(resource);
    if (error) throw error;
    return value;
  }

  dashboard = () =>
    this.#call('dashboard', [], { resource: 'dashboard', n: this.counts.dashboard + 1 } as never);
  realtime = () => this.#call('realtime', [], { resource: 'realtime' } as never);
  sessions = () => this.#call('sessions', [], { resource: 'sessions', n: this.counts.sessions + 1 } as never);
  locks = () => this.#call('locks', [], { resource: 'locks' } as never);
  waitEvents = () => this.#call('wait-events', [], { resource: 'wait-events' } as never);
  topSql = (q: { limit: number; orderBy: string }) =>
    this.#call('top-sql', [q], {
      resource: 'top-sql',
      limit: q.limit,
      orderBy: q.orderBy,
      rows: [],
    } as never);
  sqlDetail = (sqlId: string) => this.#call('sql', [sqlId], { sqlId } as never);
  sqlText = (sqlId: string) =>
    this.#call('sql-text', [sqlId], { sqlId, text: 'select 1 from dual', length: 18 });
  sqlPlan = (sqlId: string) => this.#call('sql-plan', [sqlId], null);
  schemas = () =>
    this.#call('schemas', [], {
      dictionary: 'dba' as const,
      rows: [{ username: 'HR', userId: 1, created: null }],
    });
  tables = (schema: string) =>
    this.#call('tables', [schema], { dictionary: 'dba' as const, rows: [] as never[] });
  columns = (schema: string, table: string) =>
    this.#call('columns', [schema, table], { dictionary: 'dba' as const, rows: [] as never[] });
  trend = (period: '1h' | '24h' | '7d') =>
    this.#call('trend', [period], { period, stepSec: 60, source: 'synthetic', points: [] } as never);
  health = () => this.#call('health', [], { version: '19.0.0.0.0', demo: this.kind === 'demo' } as never);
  ddlWatermark = () =>
    this.#call('ddl-watermark', [], { maxLastDdlTime: 1, objectCount: 1, token: this.watermark } as never);
  /** CONTROL_MANAGEMENT_PACK_ACCESS the fake database reports */
  packValue: 'NONE' | 'DIAGNOSTIC' | 'DIAGNOSTIC+TUNING' = 'DIAGNOSTIC+TUNING';
  packAccess = async () => ({
    value: this.packValue,
    diagnosticsAllowed: this.packValue !== 'NONE',
    code: this.packValue === 'NONE' ? ('none' as const) : ('allowed' as const),
    reason:
      this.packValue === 'NONE' ? 'CONTROL_MANAGEMENT_PACK_ACCESS is NONE on this database.' : 'allowed',
  });
  privileges = async () => ({
    checkedAt: 0,
    user: 'M',
    roles: [],
    systemPrivileges: [],
    views: [],
    dictionary: 'dba' as const,
    kill: { method: 'alter-system', available: true },
    sessionsPerUser: null,
    packAccess: await this.packAccess(),
    features: [],
  });
  /** a logon warning the gateway reports (ORA-28002) */
  warning: AppError | null = null;
  logonWarning = () => this.warning;
  killSession = (sid: number, serial: number, instId?: number) => {
    this.killed.push(instId === undefined ? [sid, serial] : [sid, serial, instId]);
    return this.#call('kill-session', instId === undefined ? [sid, serial] : [sid, serial, instId], {
      sid,
      serial,
      outcome: 'killed' as const,
      message: 'killed',
    });
  };
  ping = () => this.#call('ping', [], 1);
  test = (): Promise<ConnectionTestResult> =>
    this.#call('ping', [], {
      ok: true,
      roundTripMs: 1,
      health: { version: '19.0.0.0.0' } as HealthInfo,
      access: [],
      canKillSessions: true,
    });
  queryCounts = () => ({ ...this.counts });
  totalQueries = () => Object.values(this.counts).reduce((a, b) => a + b, 0);
  close = async () => {
    this.closed = true;
  };
}

export class FakeFactory implements GatewayFactory {
  readonly created: FakeGateway[] = [];
  /** applied to every new gateway */
  onCreate?: (g: FakeGateway) => void;
  create(target: GatewayTarget): FakeGateway {
    const g = new FakeGateway(target);
    this.onCreate?.(g);
    this.created.push(g);
    return g;
  }
  latest(connId: string): FakeGateway | undefined {
    return this.created.filter((g) => g.target.connId === connId).at(-1);
  }
}

/** Key text for assertions: `tms:{connId}:{resource}:{params...}` (not the engine's exact encoding). */
export function specKey(spec: CacheKeySpec): string {
  return ['tms', spec.connId ?? '-', spec.resource, ...(spec.params ?? []).map(String)].join(':');
}

/** A minimal read-through cache: fresh forever until invalidated; records every call. */
export class MemoryReadThroughCache implements ReadThroughCache {
  readonly store = new Map<string, { value: unknown; storedAt: number }>();
  readonly reads: { spec: CacheKeySpec; bypass: boolean; origin: 'l1' | 'oracle' }[] = [];
  readonly invalidations: string[] = [];
  now = () => Date.now();

  async getOrFetch<T>(
    spec: CacheKeySpec,
    fetch: () => Promise<T>,
    options: ReadOptions = {},
  ): Promise<Cached<T>> {
    const key = specKey(spec);
    const hit = this.store.get(key);
    if (hit && !options.bypass) {
      this.reads.push({ spec, bypass: false, origin: 'l1' });
      return {
        data: hit.value as T,
        cache: { key, origin: 'l1', storedAt: hit.storedAt, ttlSeconds: 30, stale: false },
      };
    }
    const value = await fetch();
    const storedAt = this.now();
    this.store.set(key, { value, storedAt });
    this.reads.push({ spec, bypass: Boolean(options.bypass), origin: 'oracle' });
    return { data: value, cache: { key, origin: 'oracle', storedAt, ttlSeconds: 30, stale: false } };
  }

  async invalidate(spec: CacheKeySpec): Promise<number> {
    const key = specKey(spec);
    this.invalidations.push(key);
    return this.store.delete(key) ? 1 : 0;
  }

  async invalidateResources(connId: string, resources: readonly ResourceName[]): Promise<number> {
    let n = 0;
    for (const r of resources) {
      this.invalidations.push(`tms:${connId}:${r}:*`);
      const prefix = `tms:${connId}:${r}`;
      for (const k of [...this.store.keys()]) {
        if (k === prefix || k.startsWith(`${prefix}:`)) {
          this.store.delete(k);
          n++;
        }
      }
    }
    return n;
  }

  async invalidateConnection(connId: string): Promise<number> {
    this.invalidations.push(`tms:${connId}:*`);
    let n = 0;
    for (const k of [...this.store.keys()]) {
      if (k.startsWith(`tms:${connId}:`)) {
        this.store.delete(k);
        n++;
      }
    }
    return n;
  }
}
