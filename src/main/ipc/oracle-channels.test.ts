import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNELS, type EventName } from '@shared/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { keyFileSecretBox } from '../connections/secrets';
import { FakeFactory, MemoryReadThroughCache } from '../connections/testing/fakes';
import { AppEvents } from '../events';
import { KILL_INVALIDATES } from '../services/monitoring';
import { createOracleServices, type OracleServices } from '../services/oracle-services';
import { createDispatcher, type Dispatch } from './dispatcher';
import { connectionsHandlers } from './handlers/connections';
import { monitorHandlers } from './handlers/monitor';

const PASSWORD = 'Int3gration-Pw';
const ctx = { transport: 'electron' as const };
let dir: string;
let services: OracleServices;
let cache: MemoryReadThroughCache;
let factory: FakeFactory;
let dispatch: Dispatch;
let handlers: Record<string, unknown>;
let emitted: { name: EventName; payload: unknown }[];
const logged: unknown[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-oracle-services-'));
  cache = new MemoryReadThroughCache();
  factory = new FakeFactory();
  const events = new AppEvents();
  emitted = [];
  events.onAny((name, payload) => emitted.push({ name, payload }));
  services = await createOracleServices({
    dataDir: dir,
    secretBox: keyFileSecretBox(dir),
    cache,
    events,
    demoOptions: { seed: 3, latencyScale: 0, sessionCount: 20 },
    gatewayFactory: factory,
    ddl: { enabled: false },
    logError: (m, e) => logged.push([m, e]),
  });
  const { store, registry, monitoring, countingSince } = services;
  handlers = {
    ...connectionsHandlers({ store, registry }),
    ...monitorHandlers({ monitoring, registry, countingSince }),
  };
  dispatch = createDispatcher(handlers);
});
afterEach(async () => {
  await services.close();
  rmSync(dir, { recursive: true, force: true });
});

async function ok<T = unknown>(channel: string, request: unknown): Promise<T> {
  const r = await dispatch(channel, request, ctx);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.data as T;
}
async function fails(channel: string, request: unknown): Promise<string> {
  const r = await dispatch(channel, request, ctx);
  expect(r.ok, `${channel} ${JSON.stringify(request)}`).toBe(false);
  return r.ok ? '' : r.error.code;
}

const addReq = {
  name: 'Prod',
  user: 'monitor',
  password: PASSWORD,
  connect: { method: 'easy', connectString: 'jdbc:oracle:thin:@//dbhost:1521/PROD' },
};

describe('connections:* and monitor:* over the dispatcher (createOracleServices)', () => {
  it('every connections:* and monitor:* channel has a handler', () => {
    const mine = CHANNELS.filter((c) => c.startsWith('connections:') || c.startsWith('monitor:'));
    expect(Object.keys(handlers).sort()).toEqual([...mine].sort());
  });

  it('add → list → setActive → read → edit (cache + pool dropped) → delete', async () => {
    const saved = await ok<{ profile: { id: string }; notes: { code: string }[] }>('connections:add', addReq);
    expect(saved.profile.id).toBe('prod');
    expect(saved.notes.map((n) => n.code)).toContain('jdbcConverted');
    const list = await ok<{ connections: { id: string }[]; activeId: string; secretStore: { kind: string } }>(
      'connections:list',
      {},
    );
    expect(list.connections.map((c) => c.id)).toEqual(['demo', 'prod']);
    expect(list.secretStore.kind).toBe('key-file');
    await ok('connections:setActive', { id: 'prod' });
    expect(await ok<{ id: string }>('connections:active', {})).toMatchObject({ id: 'prod' });

    const s = await ok<{ cache: { origin: string } }>('monitor:sessions', { connId: 'prod' });
    expect(s.cache.origin).toBe('oracle');
    expect(
      (await ok<{ cache: { origin: string } }>('monitor:sessions', { connId: 'prod' })).cache.origin,
    ).toBe('l1');
    const top = await ok<{ data: { limit: number; orderBy: string } }>('monitor:topSql', { connId: 'prod' });
    expect(top.data).toMatchObject({ limit: 50, orderBy: 'elapsed' });
    const gw = factory.latest('prod')!;

    await ok('connections:update', {
      id: 'prod',
      patch: { connect: { method: 'easy', connectString: 'dbhost2/PROD' } },
    });
    expect(gw.closed).toBe(true);
    expect(cache.invalidations).toContain('tms:prod:*');
    expect(cache.invalidations).toContain('tms:-:connections');
    expect(
      (await ok<{ cache: { origin: string } }>('monitor:sessions', { connId: 'prod' })).cache.origin,
    ).toBe('oracle');

    const del = await ok<{ activeId: string }>('connections:delete', { id: 'prod' });
    expect(del.activeId).toBe('demo');
    expect(await fails('monitor:sessions', { connId: 'prod' })).toBe('NOT_FOUND');

    const names = emitted.map(
      (e) =>
        `${e.name}:${(e.payload as { reason?: string; status?: string }).reason ?? (e.payload as { status: string }).status}`,
    );
    expect(names).toEqual([
      'connections:changed:added',
      'connections:changed:active',
      'connections:state:connecting',
      'connections:state:connected',
      'connections:state:closed',
      'connections:changed:updated',
      'connections:state:connecting',
      'connections:state:connected',
      'connections:state:closed',
      'connections:changed:deleted',
    ]);
  });

  it('test a saved id and an unsaved input; queryCounts', async () => {
    await ok('connections:add', addReq);
    const saved = await ok<{ ok: boolean; version: string }>('connections:test', { id: 'prod' });
    expect(saved).toMatchObject({ ok: true, version: '19.0.0.0.0' });
    const draft = await ok<{ ok: boolean; notes: { code: string }[] }>('connections:test', {
      input: { user: 'x', connect: { method: 'easy', connectString: 'jdbc:oracle:thin:@h:1521:ORCL' } },
    });
    expect(draft.ok).toBe(true);
    expect(draft.notes.map((n) => n.code)).toContain('sidConverted');
    const preview = await ok<{ method: string }>('connections:normalise', {
      connect: { method: 'easy', connectString: 'jdbc:oracle:thin:@h:1521:ORCL' },
    });
    expect(preview.method).toBe('descriptor');
    await ok('monitor:dashboard', { connId: 'demo' });
    const counts = await ok<{ total: number; connections: { connId: string }[] }>('monitor:queryCounts', {});
    expect(counts.connections.map((c) => c.connId)).toEqual(['demo', 'prod']);
    expect(counts.total).toBe(2); // the demo dashboard + the saved test's probe
  });

  it('kill over IPC invalidates sessions, locks and dashboard', async () => {
    await ok('monitor:sessions', { connId: 'demo' });
    const r = await ok<{ outcome: string }>('monitor:killSession', { connId: 'demo', sid: 10, serial: 20 });
    expect(r.outcome).toBe('killed');
    expect(cache.invalidations).toEqual(KILL_INVALIDATES.map((r) => `tms:demo:${r}:*`));
    expect(cache.invalidations.slice(0, 3)).toEqual([
      'tms:demo:sessions:*',
      'tms:demo:locks:*',
      'tms:demo:dashboard:*',
    ]);
  });

  it('the demo connection cannot be edited or deleted over IPC', async () => {
    expect(await fails('connections:update', { id: 'demo', patch: { name: 'x' } })).toBe('UNSUPPORTED');
    expect(await fails('connections:delete', { id: 'demo' })).toBe('UNSUPPORTED');
  });

  it('no password in files, events, answers or logs', async () => {
    await ok('connections:add', addReq);
    await ok('connections:test', { id: 'prod' });
    const answers = JSON.stringify([
      await ok('connections:list', {}),
      await ok('connections:get', { id: 'prod' }),
    ]);
    expect(answers).not.toContain(PASSWORD);
    expect(JSON.stringify(emitted)).not.toContain(PASSWORD);
    expect(JSON.stringify(logged)).not.toContain(PASSWORD);
    for (const f of readdirSync(dir)) expect(readFileSync(join(dir, f), 'utf8')).not.toContain(PASSWORD);
  });
});

describe('malformed requests are rejected by the contract (VALIDATION), before any handler runs', () => {
  const long = 'x'.repeat(5000);
  const cases: [string, unknown][] = [
    ['connections:list', { extra: 1 }],
    ['connections:get', {}],
    ['connections:get', { id: 'Bad Id' }],
    ['connections:get', { id: 'a'.repeat(64) }],
    ['connections:add', { name: '' }],
    ['connections:add', { ...addReq, name: 'x\u0000y' }],
    ['connections:add', { ...addReq, password: long }],
    ['connections:add', { ...addReq, connect: { method: 'easy', connectString: long } }],
    ['connections:add', { ...addReq, connect: { method: 'ldap', url: 'x' } }],
    ['connections:add', { ...addReq, connect: { method: 'tns', tnsAlias: 'A' } }],
    ['connections:add', { ...addReq, connect: { method: 'easy', connectString: 'h/s', extra: 1 } }],
    ['connections:add', { ...addReq, kind: 'mysql' }],
    ['connections:add', { ...addReq, isAdmin: true }],
    ['connections:update', { id: 'prod', name: 'x' }],
    ['connections:update', { id: 'prod', patch: { clearPassword: 'yes' } }],
    ['connections:delete', { id: 42 }],
    ['connections:test', {}],
    ['connections:test', { id: 'prod', input: { user: 'x' } }],
    ['connections:setActive', { id: '' }],
    ['connections:normalise', { connect: 'h/s' }],
    ['monitor:sessions', {}],
    ['monitor:sessions', { connId: 'demo', refresh: 'yes' }],
    ['monitor:sessions', { connId: 'demo', extra: true }],
    ['monitor:dashboard', { connId: '../etc' }],
    ['monitor:topSql', { connId: 'demo', limit: 0 }],
    ['monitor:topSql', { connId: 'demo', limit: 1.5 }],
    ['monitor:topSql', { connId: 'demo', limit: 100000 }],
    ['monitor:topSql', { connId: 'demo', orderBy: 'sql_text; drop table x' }],
    ['monitor:sqlDetail', { connId: 'demo', sqlId: 'ABCDEFGHIJ123' }],
    ['monitor:sqlText', { connId: 'demo', sqlId: 'short' }],
    ['monitor:sqlPlan', { connId: 'demo', sqlId: "abc' or 1=1--" }],
    ['monitor:tables', { connId: 'demo' }],
    ['monitor:tables', { connId: 'demo', schema: '' }],
    ['monitor:tables', { connId: 'demo', schema: 'a'.repeat(129) }],
    ['monitor:columns', { connId: 'demo', schema: 'HR', table: 'T\nX' }],
    ['monitor:trend', { connId: 'demo', period: '30d' }],
    ['monitor:killSession', { connId: 'demo', sid: 0, serial: 1 }],
    ['monitor:killSession', { connId: 'demo', sid: 1, serial: -1 }],
    ['monitor:killSession', { connId: 'demo', sid: '1', serial: 1 }],
    ['monitor:killSession', { connId: 'demo', sid: 1.5, serial: 1 }],
    ['monitor:queryCounts', { connId: 'NOPE!' }],
  ];
  it.each(cases)('%s %j', async (channel, request) => {
    expect(await fails(channel, request)).toBe('VALIDATION');
    expect(factory.created).toHaveLength(0);
  });
});
