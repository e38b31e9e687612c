import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmsError } from '@shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayRegistry } from '../connections/registry';
import { memorySecretBox } from '../connections/secrets';
import { ConnectionStore } from '../connections/store';
import { FakeFactory, MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import type { GatewayFactory } from '../oracle/gateway';
import { DdlWatcher } from './ddl-watcher';
import { KILL_INVALIDATES, MonitoringService, topSqlKeyParam } from './monitoring';

let dir: string;
let store: ConnectionStore;
let factory: FakeFactory;
let registry: GatewayRegistry;
let cache: MemoryReadThroughCache;
let monitoring: MonitoringService;
let now: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-monitoring-'));
  store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  await store.add({
    id: 'prod',
    name: 'Prod',
    user: 'm',
    password: 'p',
    connect: { method: 'easy', connectString: 'h/s' },
  });
  factory = new FakeFactory();
  now = 5_000_000;
  registry = new GatewayRegistry({ connections: store, factory, now: () => now });
  cache = new MemoryReadThroughCache();
  monitoring = new MonitoringService({ cache, gateways: registry });
});
afterEach(async () => {
  await registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('MonitoringService reads through the cache with the plan keys', () => {
  it('every resource has its key spec and answers Cached<T>', async () => {
    await monitoring.dashboard('prod');
    await monitoring.realtime('prod');
    await monitoring.sessions('prod');
    await monitoring.locks('prod');
    await monitoring.waitEvents('prod');
    await monitoring.topSql('prod', { limit: 50, orderBy: 'elapsed' });
    await monitoring.topSql('prod', { limit: 50, orderBy: 'cpu' });
    await monitoring.sqlDetail('prod', 'abcdefghij123');
    await monitoring.sqlText('prod', 'abcdefghij123');
    await monitoring.schemas('prod');
    await monitoring.tables('prod', 'HR');
    await monitoring.columns('prod', 'HR', 'EMPLOYEES');
    await monitoring.trend('prod', '24h');
    await monitoring.health('prod');
    expect(cache.reads.map((r) => r.spec)).toEqual([
      { resource: 'dashboard', connId: 'prod' },
      { resource: 'realtime', connId: 'prod' },
      { resource: 'sessions', connId: 'prod' },
      { resource: 'locks', connId: 'prod' },
      { resource: 'wait-events', connId: 'prod' },
      { resource: 'top-sql', connId: 'prod', params: ['50'] },
      { resource: 'top-sql', connId: 'prod', params: ['50.cpu'] },
      { resource: 'sql', connId: 'prod', params: ['abcdefghij123'] },
      { resource: 'sql-text', connId: 'prod', params: ['abcdefghij123'] },
      { resource: 'schemas', connId: 'prod' },
      { resource: 'tables', connId: 'prod', params: ['HR'] },
      { resource: 'columns', connId: 'prod', params: ['HR', 'EMPLOYEES'] },
      { resource: 'trend', connId: 'prod', params: ['24h'] },
      { resource: 'health', connId: 'prod' },
    ]);
    const g = factory.latest('prod')!;
    expect(
      g.calls.find((c) => c.resource === 'top-sql' && (c.args[0] as { orderBy: string }).orderBy === 'cpu'),
    ).toBeTruthy();
    expect(g.calls.find((c) => c.resource === 'columns')!.args).toEqual(['HR', 'EMPLOYEES']);
  });

  it('issue 15: indexes and constraints are UNSUPPORTED (not a TypeError) when a gateway lacks them', async () => {
    await expect(monitoring.indexes('prod', 'HR', 'EMPLOYEES')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
    await expect(monitoring.constraints('prod', 'HR', 'EMPLOYEES')).rejects.toMatchObject({
      code: 'UNSUPPORTED',
    });
    expect(cache.store.size).toBe(0); // nothing cached for a read that could not run
  });

  it('a second read is served from the cache (no Oracle query); refresh bypasses it', async () => {
    const first = await monitoring.sessions('prod');
    expect(first.cache.origin).toBe('oracle');
    const second = await monitoring.sessions('prod');
    expect(second.cache.origin).toBe('l1');
    expect(second.data).toEqual(first.data);
    expect(registry.queryCounts('prod')[0]!.counts.sessions).toBe(1);
    const refreshed = await monitoring.sessions('prod', { refresh: true });
    expect(refreshed.cache.origin).toBe('oracle');
    expect(cache.reads.at(-1)!.bypass).toBe(true);
    expect(registry.queryCounts('prod')[0]!.counts.sessions).toBe(2);
  });

  it('topSqlKeyParam keeps the plan key for the default order', () => {
    expect(topSqlKeyParam(100, 'elapsed')).toBe('100');
    expect(topSqlKeyParam(100, 'gets')).toBe('100.gets');
  });

  it('SQL no longer in the shared pool → NOT_FOUND, and nothing cached', async () => {
    await expect(monitoring.sqlPlan('prod', 'abcdefghij123')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(cache.store.size).toBe(0);
  });

  it('unknown connection → NOT_FOUND before the cache is read', async () => {
    await expect(monitoring.sessions('ghost')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(cache.reads).toEqual([]);
  });

  it('kill → gateway kill, then sessions, locks and dashboard of that connection are invalidated', async () => {
    await monitoring.sessions('prod');
    await monitoring.locks('prod');
    await monitoring.dashboard('prod');
    await monitoring.schemas('prod');
    const r = await monitoring.killSession('prod', 123, 4567);
    expect(r).toMatchObject({ sid: 123, serial: 4567, outcome: 'killed' });
    expect(factory.latest('prod')!.killed).toEqual([[123, 4567]]);
    expect(cache.invalidations).toEqual([
      'tms:prod:sessions:*',
      'tms:prod:locks:*',
      'tms:prod:dashboard:*',
      'tms:prod:session:*',
      'tms:prod:longops:*',
      'tms:prod:temp-usage:*',
    ]);
    expect([...cache.store.keys()]).toEqual(['tms:prod:schemas']);
    expect((await monitoring.sessions('prod')).cache.origin).toBe('oracle');
  });

  it('RAC: kill passes the instance; an outcome that leaves the list stale invalidates it', async () => {
    await monitoring.killSession('prod', 12, 34, 2);
    expect(factory.latest('prod')!.killed).toEqual([[12, 34, 2]]);
    expect(cache.invalidations).toHaveLength(KILL_INVALIDATES.length);
    await registry.close('prod');
    factory.onCreate = (g) => {
      g.fail = (r) =>
        r === 'kill-session'
          ? new TmsError('ORACLE_ERROR', 'connection broke mid-kill', {
              details: { sessionListStale: true, killOutcome: 'unknown' },
            })
          : undefined;
    };
    await expect(monitoring.killSession('prod', 1, 1, 1)).rejects.toMatchObject({ code: 'ORACLE_ERROR' });
    expect(cache.invalidations).toHaveLength(2 * KILL_INVALIDATES.length);
    await expect(monitoring.killSession('prod', 1, 1, 0)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('kill of a session that had already gone still invalidates; other errors do not', async () => {
    factory.onCreate = (g) => {
      g.fail = (r) => (r === 'kill-session' ? new TmsError('NOT_FOUND', 'ORA-00030') : undefined);
    };
    await expect(monitoring.killSession('prod', 1, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(cache.invalidations).toHaveLength(KILL_INVALIDATES.length);
    factory.onCreate = undefined;
    await registry.close('prod');
    factory.onCreate = (g) => {
      g.fail = (r) => (r === 'kill-session' ? new TmsError('ORACLE_PRIVILEGE', 'ORA-01031') : undefined);
    };
    await expect(monitoring.killSession('prod', 1, 1)).rejects.toMatchObject({ code: 'ORACLE_PRIVILEGE' });
    expect(cache.invalidations).toHaveLength(KILL_INVALIDATES.length);
    await expect(monitoring.killSession('prod', 0, 1)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(monitoring.killSession('ghost', 1, 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(cache.invalidations).toHaveLength(KILL_INVALIDATES.length);
  });
});

describe('DdlWatcher', () => {
  it('polls recently used connections at most once per interval; a change invalidates their metadata', async () => {
    const watcher = new DdlWatcher({
      gateways: registry,
      cache,
      intervalMs: 60_000,
      activeWindowMs: 300_000,
      now: () => now,
    });
    expect(await watcher.tick()).toEqual([]); // nothing used yet
    await monitoring.schemas('prod');
    await monitoring.tables('prod', 'HR');
    await monitoring.sessions('prod');
    expect(await watcher.tick()).toEqual([]); // first token only remembered
    const g = factory.latest('prod')!;
    expect(g.counts['ddl-watermark']).toBe(1);
    expect(await watcher.tick()).toEqual([]); // not due yet
    expect(g.counts['ddl-watermark']).toBe(1);

    g.watermark = 'w2';
    now += 60_000;
    expect(await watcher.tick()).toEqual(['prod']);
    expect(cache.invalidations).toEqual([
      'tms:prod:schemas:*',
      'tms:prod:tables:*',
      'tms:prod:columns:*',
      'tms:prod:indexes:*',
      'tms:prod:constraints:*',
    ]);
    expect([...cache.store.keys()]).toEqual(['tms:prod:sessions']);
    expect(watcher.lastToken('prod')).toBe('w2');

    now += 60_000;
    expect(await watcher.tick()).toEqual([]); // unchanged
  });

  it('its own polls do not keep a connection active; idle connections stop being polled', async () => {
    const watcher = new DdlWatcher({
      gateways: registry,
      cache,
      intervalMs: 60_000,
      activeWindowMs: 120_000,
      now: () => now,
    });
    await monitoring.sessions('prod');
    await watcher.tick();
    for (let i = 0; i < 5; i++) {
      now += 60_000;
      await watcher.tick();
    }
    expect(factory.latest('prod')!.counts['ddl-watermark']).toBe(3); // t0, +60 s, +120 s
  });

  it('a failed invalidation is retried on the next round; poll errors are reported', async () => {
    const errors: string[] = [];
    let failInvalidate = true;
    const flaky = {
      invalidateResources: async (connId: string, r: readonly never[]) => {
        if (failInvalidate) throw new Error('redis down');
        return cache.invalidateResources(connId, r);
      },
    };
    const watcher = new DdlWatcher({
      gateways: registry,
      cache: flaky,
      now: () => now,
      onError: (m) => errors.push(m),
    });
    await monitoring.sessions('prod');
    await watcher.tick();
    factory.latest('prod')!.watermark = 'w2';
    now += 60_000;
    expect(await watcher.tick()).toEqual([]);
    expect(errors).toHaveLength(1);
    failInvalidate = false;
    now += 60_000;
    expect(await watcher.tick()).toEqual(['prod']);
  });
});

describe('with the demo database', () => {
  it('serves every resource through the cache, counts Oracle queries, kill removes the session', async () => {
    const demoFactory: GatewayFactory = {
      create: (t) =>
        new DemoGateway(t.kind === 'demo' ? { ...t.demo, latencyScale: 0 } : { latencyScale: 0 }),
    };
    const reg = new GatewayRegistry({
      connections: store,
      factory: demoFactory,
      demo: { seed: 1, sessionCount: 60 },
    });
    const svc = new MonitoringService({ cache, gateways: reg });
    try {
      const dash = await svc.dashboard('demo');
      expect(dash.cache.origin).toBe('oracle');
      expect(dash.data.sessions.total).toBeGreaterThan(0);
      await svc.realtime('demo');
      await svc.waitEvents('demo');
      await svc.locks('demo');
      await svc.health('demo');
      await svc.trend('demo', '1h');
      const top = await svc.topSql('demo', { limit: 10, orderBy: 'cpu' });
      expect(top.data.rows.length).toBeGreaterThan(0);
      const sqlId = top.data.rows[0]!.sqlId;
      expect((await svc.sqlText('demo', sqlId)).data.text.length).toBeGreaterThan(0);
      await svc.sqlDetail('demo', sqlId);
      await svc.sqlPlan('demo', sqlId);
      const schemas = await svc.schemas('demo');
      const schema = schemas.data.rows[0]!.username;
      const tables = await svc.tables('demo', schema);
      if (tables.data.rows[0]) await svc.columns('demo', schema, tables.data.rows[0].tableName);
      // issue 15: a table's indexes and constraints go through the cache too (a second read: no query)
      const orders = await svc.indexes('demo', 'SALES', 'ORDERS');
      expect(orders.data.rows.map((i) => i.indexName)).toContain('ORDERS_CUST_IX');
      await svc.indexes('demo', 'SALES', 'ORDERS');
      await svc.constraints('demo', 'SALES', 'ORDERS');
      expect(reg.queryCounts('demo')[0]!.counts.indexes).toBe(1);
      expect(reg.queryCounts('demo')[0]!.counts.constraints).toBe(1);

      const sessions = await svc.sessions('demo');
      const victim = sessions.data.sessions[0]!;
      await svc.sessions('demo'); // cache hit
      const [counts] = reg.queryCounts('demo');
      expect(counts!.counts.sessions).toBe(1);
      expect(counts!.counts.dashboard).toBe(1);

      await svc.killSession('demo', victim.sid, victim.serial);
      const after = await svc.sessions('demo');
      expect(after.cache.origin).toBe('oracle');
      expect(after.data.sessions.some((s) => s.sid === victim.sid && s.serial === victim.serial)).toBe(false);
      expect(reg.queryCounts('demo')[0]!.counts.sessions).toBe(2);
    } finally {
      await reg.closeAll();
    }
  });
});

describe('with the real cache engine (L1 only)', () => {
  it('every key spec the service builds is accepted by the engine, ages and origins come back', async () => {
    const { CacheEngine } = await import('../cache/engine');
    let clock = 1_000_000;
    const engine = new CacheEngine({
      redis: null,
      consoleId: 'test',
      clock: () => clock,
      ttl: { ttlFor: () => ({ ttl: 30, l1Ttl: 10, grace: 30 }) },
    });
    const demoFactory: GatewayFactory = {
      create: (t) =>
        new DemoGateway(t.kind === 'demo' ? { ...t.demo, latencyScale: 0 } : { latencyScale: 0 }),
    };
    const reg = new GatewayRegistry({
      connections: store,
      factory: demoFactory,
      demo: { seed: 2, sessionCount: 40 },
    });
    const svc = new MonitoringService({ cache: engine, gateways: reg });
    try {
      const top = await svc.topSql('demo', { limit: 5, orderBy: 'gets' });
      expect(top.cache.key).toBe('tms:demo:top-sql:5.gets');
      expect((await svc.topSql('demo', { limit: 5, orderBy: 'elapsed' })).cache.key).toBe(
        'tms:demo:top-sql:5',
      );
      const sqlId = top.data.rows[0]!.sqlId;
      expect((await svc.sqlDetail('demo', sqlId)).cache.key).toBe(`tms:demo:sql:${sqlId}`);
      expect((await svc.trend('demo', '7d')).cache.key).toBe('tms:demo:trend:7d');
      const schema = (await svc.schemas('demo')).data.rows[0]!.username;
      const tables = await svc.tables('demo', schema);
      expect(tables.cache.key).toBe(`tms:demo:tables:${schema}`);
      const table = tables.data.rows[0]?.tableName ?? 'T';
      expect((await svc.columns('demo', schema, table)).cache.key).toBe(
        `tms:demo:columns:${schema}:${table}`,
      );
      const first = await svc.sessions('demo');
      expect(first.cache.origin).toBe('oracle');
      clock += 3000;
      const hit = await svc.sessions('demo');
      expect(hit.cache.origin).toBe('l1');
      expect(hit.cache.storedAt).toBe(first.cache.storedAt);
      const victim = first.data.sessions[0]!;
      await svc.killSession('demo', victim.sid, victim.serial);
      expect((await svc.sessions('demo')).cache.origin).toBe('oracle');
    } finally {
      await reg.closeAll();
      await (engine as unknown as { close?: () => Promise<void> }).close?.();
    }
  });
});
