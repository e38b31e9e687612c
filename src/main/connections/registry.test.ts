import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmsError } from '@shared/errors';
import type { ConnectionState } from '@shared/types/connections';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayRegistry } from './registry';
import { memorySecretBox } from './secrets';
import { ConnectionStore } from './store';
import { FakeFactory } from './testing/fakes';

const PASSWORD = 'Reg1stry-Pw';
let dir: string;
let store: ConnectionStore;
let factory: FakeFactory;
let states: ConnectionState[];
let now: number;
let registry: GatewayRegistry;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-registry-'));
  store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  await store.add({
    id: 'prod',
    name: 'Prod',
    user: 'monitor',
    password: PASSWORD,
    connect: { method: 'easy', connectString: 'dbhost:1521/PROD' },
  });
  factory = new FakeFactory();
  states = [];
  now = 1_000_000;
  registry = new GatewayRegistry({
    connections: store,
    factory,
    demo: { seed: 7, latencyScale: 0, sessionCount: 50 },
    oracle: { poolMax: 3 },
    onState: (s) => states.push(s),
    now: () => now,
  });
  store.setHooks({ onConnectionChanged: (id) => registry.close(id) });
});
afterEach(async () => {
  await registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

const oraErr = (code: string, message: string) => new TmsError(code as never, message, { retryable: true });

describe('GatewayRegistry', () => {
  it('opens lazily, one gateway per connection, reused', async () => {
    expect(factory.created).toHaveLength(0);
    expect(registry.isOpen('prod')).toBe(false);
    await registry.use('prod', (g) => g.sessions());
    await registry.use('prod', (g) => g.locks());
    expect(factory.created).toHaveLength(1);
    expect(registry.openIds()).toEqual(['prod']);
  });

  it('demo connection → demo target with the configured options', async () => {
    await registry.use('demo', (g) => g.health());
    expect(factory.latest('demo')!.target).toEqual({
      kind: 'demo',
      connId: 'demo',
      demo: { seed: 7, latencyScale: 0, sessionCount: 50 },
    });
  });

  it('oracle target: connect attributes, pool settings, password read only through the getter', async () => {
    registry.get('prod');
    const t = factory.latest('prod')!.target;
    if (t.kind !== 'oracle') throw new Error('expected oracle');
    expect(t.params).toMatchObject({
      user: 'monitor',
      connectString: 'dbhost:1521/PROD',
      poolMax: 3,
      connectTimeoutSec: 10,
      diagnosticsPackLicensed: false,
    });
    expect(JSON.stringify(t)).not.toContain(PASSWORD);
    expect(await t.params.password()).toBe(PASSWORD);
  });

  it('unknown connection → NOT_FOUND, no gateway', async () => {
    await expect(registry.use('nope', (g) => g.sessions())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(factory.created).toHaveLength(0);
  });

  it('edit closes the pool; the next use opens a new one with the new settings', async () => {
    await registry.use('prod', (g) => g.sessions());
    const first = factory.latest('prod')!;
    await store.update('prod', { connect: { method: 'easy', connectString: 'dbhost2:1521/PROD' } });
    expect(first.closed).toBe(true);
    expect(registry.isOpen('prod')).toBe(false);
    expect(states.at(-1)).toMatchObject({ connId: 'prod', status: 'closed' });
    await registry.use('prod', (g) => g.sessions());
    const second = factory.latest('prod')!;
    expect(second).not.toBe(first);
    expect(second.target.kind === 'oracle' && second.target.params.connectString).toBe('dbhost2:1521/PROD');
  });

  it('a name-only edit keeps the pool', async () => {
    await registry.use('prod', (g) => g.sessions());
    await store.update('prod', { name: 'Production' });
    expect(registry.isOpen('prod')).toBe(true);
  });

  it('delete closes the pool; closeAll drains everything', async () => {
    await registry.use('prod', (g) => g.sessions());
    await registry.use('demo', (g) => g.sessions());
    await store.delete('prod');
    expect(factory.latest('prod')!.closed).toBe(true);
    await registry.closeAll();
    expect(factory.latest('demo')!.closed).toBe(true);
    expect(() => registry.get('demo')).toThrow(/shutting down/);
  });

  it('states: connecting → connected, emitted on transitions only', async () => {
    await registry.use('prod', (g) => g.sessions());
    await registry.use('prod', (g) => g.sessions());
    expect(states.map((s) => s.status)).toEqual(['connecting', 'connected']);
    expect(registry.state('prod').status).toBe('connected');
  });

  it('a logon warning (ORA-28002) keeps the connection up and is reported with its state', async () => {
    factory.onCreate = (g) => {
      g.warning = {
        code: 'ORACLE_AUTH',
        message: 'The password of MONITOR expires within 5 day(s) (ORA-28002).',
        retryable: false,
        details: { oracleCode: 'ORA-28002', warning: true, days: 5 },
      };
    };
    await expect(registry.use('prod', (g) => g.sessions())).resolves.toBeDefined();
    expect(states.at(-1)).toMatchObject({ status: 'connected', warning: { details: { days: 5 } } });
    expect(registry.state('prod').warning?.details?.oracleCode).toBe('ORA-28002');
    const test = await registry.test({ connId: 'prod' });
    expect(test.ok).toBe(true);
    expect(test.warning?.details?.oracleCode).toBe('ORA-28002');
    // the password was changed: the warning goes away with the next call
    for (const g of factory.created) g.warning = null;
    const before = states.length;
    await registry.use('prod', (g) => g.sessions());
    expect(registry.state('prod').warning).toBeUndefined();
    expect(states.length).toBe(before + 1);
  });

  it('the Diagnostics Pack opt-in is refused with the reason when CONTROL_MANAGEMENT_PACK_ACCESS is NONE', async () => {
    factory.onCreate = (g) => {
      g.packValue = 'NONE';
    };
    const draft = store.draft({ name: 'x', id: 'prod', diagnosticsPackLicensed: true });
    await expect(registry.assertDiagnosticsAllowed(draft)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('NONE'),
    });
    expect((await registry.test({ connId: 'prod' })).packAccess?.diagnosticsAllowed).toBe(false);
    factory.onCreate = (g) => {
      g.packValue = 'DIAGNOSTIC';
    };
    await expect(registry.assertDiagnosticsAllowed(draft)).resolves.toMatchObject({ value: 'DIAGNOSTIC' });
  });

  it('check privileges runs on the connection and carries its id', async () => {
    const report = await registry.checkPrivileges('prod');
    expect(report).toMatchObject({ connId: 'prod', dictionary: 'dba', kill: { available: true } });
    expect(factory.latest('prod')!.closed).toBe(false); // the connection's own pool, kept open
  });

  it('bad credentials: no further logon attempts until edited', async () => {
    factory.onCreate = (g) => {
      g.fail = () => oraErr('ORACLE_AUTH', 'Oracle rejected the user name or password (ORA-01017).');
    };
    await expect(registry.use('prod', (g) => g.sessions())).rejects.toMatchObject({ code: 'ORACLE_AUTH' });
    const first = factory.latest('prod')!;
    expect(first.closed).toBe(true);
    const e = await registry
      .use('prod', (g) => g.sessions())
      .then(
        () => {
          throw new Error('expected a failure');
        },
        (x: unknown) => x as TmsError,
      );
    expect(e.code).toBe('ORACLE_AUTH');
    expect(e.message).toMatch(/will not try this connection again/);
    expect(e.retryable).toBe(false);
    expect(factory.created).toHaveLength(1); // no new pool, no new logon
    expect(first.calls).toHaveLength(1);
    expect(states.at(-1)).toMatchObject({ status: 'failed', error: { code: 'ORACLE_AUTH' } });
    factory.onCreate = undefined;
    await store.update('prod', { password: 'fixed' });
    await registry.use('prod', (g) => g.sessions());
    expect(registry.state('prod').status).toBe('connected');
  });

  it('a successful test lifts the auth block', async () => {
    factory.onCreate = (g) => {
      g.fail = (r) => (r === 'sessions' ? oraErr('ORACLE_AUTH', 'locked (ORA-28000)') : undefined);
    };
    await expect(registry.use('prod', (g) => g.sessions())).rejects.toMatchObject({ code: 'ORACLE_AUTH' });
    const result = await registry.test({ connId: 'prod' });
    expect(result.ok).toBe(true);
    factory.onCreate = undefined;
    await registry.use('prod', (g) => g.sessions());
  });

  it('listener down: fail fast during the backoff window, then retry; success resets', async () => {
    let down = true;
    factory.onCreate = (g) => {
      g.fail = () =>
        down ? oraErr('ORACLE_UNREACHABLE', 'No Oracle listener answered at dbhost:1521') : undefined;
    };
    await expect(registry.use('prod', (g) => g.sessions())).rejects.toMatchObject({
      code: 'ORACLE_UNREACHABLE',
    });
    const g = factory.latest('prod')!;
    const fast = await registry
      .use('prod', (x) => x.sessions())
      .then(
        () => {
          throw new Error('expected a failure');
        },
        (x: unknown) => x as TmsError,
      );
    expect(fast.details?.retryAfterMs).toBe(2000);
    expect(g.calls).toHaveLength(1);
    now += 2001;
    await expect(registry.use('prod', (x) => x.sessions())).rejects.toMatchObject({
      code: 'ORACLE_UNREACHABLE',
    });
    const second = await registry
      .use('prod', (x) => x.sessions())
      .then(
        () => {
          throw new Error('expected a failure');
        },
        (x: unknown) => x as TmsError,
      );
    expect(second.details?.retryAfterMs).toBe(4000);
    // repeated identical failures do not flood the state channel
    expect(states.filter((s) => s.status === 'failed')).toHaveLength(1);
    down = false;
    now += 4001;
    await registry.use('prod', (x) => x.sessions());
    expect(registry.state('prod').status).toBe('connected');
    await registry.use('prod', (x) => x.sessions());
  });

  it('query errors that are not connection failures pass through untouched', async () => {
    factory.onCreate = (g) => {
      g.fail = (r) => (r === 'locks' ? oraErr('ORACLE_PRIVILEGE', 'ORA-00942') : undefined);
    };
    await registry.use('prod', (g) => g.sessions());
    await expect(registry.use('prod', (g) => g.locks())).rejects.toMatchObject({ code: 'ORACLE_PRIVILEGE' });
    expect(registry.state('prod').status).toBe('connected');
    await registry.use('prod', (g) => g.sessions());
  });

  it('test: throwaway gateway with a short timeout and one connection, closed at once; errors classified', async () => {
    const r = await registry.test({ connId: 'prod' }, [{ code: 'jdbcConverted' }]);
    expect(r).toMatchObject({ ok: true, version: '19.0.0.0.0', notes: [{ code: 'jdbcConverted' }] });
    const g = factory.latest('prod')!;
    expect(g.closed).toBe(true);
    expect(g.target.kind === 'oracle' && g.target.params).toMatchObject({ connectTimeoutSec: 5, poolMax: 1 });
    expect(registry.isOpen('prod')).toBe(false);

    factory.onCreate = (x) => {
      x.fail = () => oraErr('ORACLE_CONFIG', 'The listener does not know that service name (NJS-518).');
    };
    const bad = await registry.test({
      draft: store.draft({ name: 'x', user: 'u', connect: { method: 'easy', connectString: 'h/s' } }),
    });
    expect(bad.ok).toBe(false);
    expect(bad.error).toMatchObject({ code: 'ORACLE_CONFIG' });
    expect(factory.created.at(-1)!.closed).toBe(true);
  });

  it('test reports missing grants as ORACLE_PRIVILEGE with the grants', async () => {
    factory.onCreate = (g) => {
      g.test = async () => ({
        ok: false,
        roundTripMs: 1,
        health: null,
        access: [{ view: 'V$SQLSTATS', ok: false, grant: 'GRANT SELECT ON SYS.V_$SQLSTATS TO monitor;' }],
        canKillSessions: false,
      });
    };
    const r = await registry.test({ connId: 'prod' });
    expect(r.error).toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { grants: ['GRANT SELECT ON SYS.V_$SQLSTATS TO monitor;'] },
    });
  });

  it('query counts survive closing the pool', async () => {
    await registry.use('prod', (g) => g.sessions());
    await registry.use('prod', (g) => g.sessions());
    await store.update('prod', { password: 'x' });
    await registry.use('prod', (g) => g.locks());
    const [c] = registry.queryCounts('prod');
    expect(c).toMatchObject({ connId: 'prod', kind: 'oracle', total: 3, open: true });
    expect(c!.counts.sessions).toBe(2);
    expect(c!.counts.locks).toBe(1);
  });

  it('recentlyUsed ignores untouched calls', async () => {
    await registry.use('demo', (g) => g.ddlWatermark(), { touch: false });
    expect(registry.recentlyUsed(60_000)).toEqual([]);
    await registry.use('prod', (g) => g.sessions());
    now += 30_000;
    expect(registry.recentlyUsed(60_000)).toEqual(['prod']);
    now += 31_000;
    expect(registry.recentlyUsed(60_000)).toEqual([]);
  });
});
