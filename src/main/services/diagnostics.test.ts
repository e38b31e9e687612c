import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import type { OracleGateway } from '../oracle/gateway';
import { AlertLogService, LongOpsService } from './diagnostics';
import type { GatewayAccess } from './monitoring';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

function setup(gateway: OracleGateway = new DemoGateway({ latencyScale: 0, now: () => T0 })) {
  const cache = new MemoryReadThroughCache();
  let uses = 0;
  const touched: string[] = [];
  const gateways: GatewayAccess = {
    use: (_connId, fn) => {
      uses++;
      return fn(gateway);
    },
    touch: (connId) => {
      if (connId !== 'prod') throw new TmsError('NOT_FOUND', 'no such connection');
      touched.push(connId);
    },
  };
  return {
    cache,
    touched,
    uses: () => uses,
    alertLog: new AlertLogService({ cache, gateways }),
    longOps: new LongOpsService({ cache, gateways }),
  };
}

describe('AlertLogService', () => {
  it('reads through the cache under alert-log:{minutes}; a second read is a cache hit; refresh bypasses', async () => {
    const s = setup();
    const a = await s.alertLog.entries('prod', { minutes: 60 });
    expect(a.cache.key).toBe('tms:prod:alert-log:60');
    expect(a.cache.origin).toBe('oracle');
    const b = await s.alertLog.entries('prod', { minutes: 60 });
    expect(b.cache.origin).toBe('l1');
    expect(s.uses()).toBe(1);
    await s.alertLog.entries('prod', { minutes: 240 });
    expect(s.uses()).toBe(2);
    const c = await s.alertLog.entries('prod', { minutes: 60 }, { refresh: true });
    expect(c.cache.origin).toBe('oracle');
    expect(s.cache.reads.map((r) => r.spec)).toContainEqual({
      resource: 'alert-log',
      connId: 'prod',
      params: [240],
    });
  });

  it('refuses a window outside the whitelist before touching Oracle or the cache', async () => {
    const s = setup();
    expect(() => s.alertLog.entries('prod', { minutes: 17 })).toThrow(TmsError);
    expect(s.uses()).toBe(0);
    expect(s.cache.reads).toEqual([]);
  });

  it('an unknown connection is NOT_FOUND', () => {
    const s = setup();
    expect(() => s.alertLog.entries('nope', { minutes: 60 })).toThrow(/no such connection/);
  });

  it('oraErrorsSince: the smallest window covering T, only entries with ORA- codes after T', async () => {
    const s = setup();
    const since = T0 - 200 * 60_000;
    const r = await s.alertLog.oraErrorsSince('prod', since, T0);
    expect(r.minutes).toBe(240);
    expect(r.complete).toBe(true);
    expect(r.entries.length).toBeGreaterThan(0);
    expect(r.entries.every((e) => e.time > since && e.oraCodes.length > 0)).toBe(true);
    const old = await s.alertLog.oraErrorsSince('prod', T0 - 3 * 86_400_000, T0);
    expect(old.minutes).toBe(1440);
    expect(old.complete).toBe(false);
  });

  it('a gateway without the method answers UNSUPPORTED', async () => {
    const bare = { ...({} as OracleGateway) };
    const s = setup(bare);
    await expect(s.alertLog.entries('prod', { minutes: 60 })).rejects.toMatchObject({ code: 'UNSUPPORTED' });
  });
});

describe('LongOpsService', () => {
  it("reads through the cache under longops (realtime tier: a killed session's op goes within 15 s)", async () => {
    const s = setup();
    const a = await s.longOps.list('prod');
    expect(a.cache.key).toBe('tms:prod:longops');
    expect(a.data.ops.length).toBeGreaterThan(0);
    expect((await s.longOps.list('prod')).cache.origin).toBe('l1');
    expect((await s.longOps.list('prod', { refresh: true })).cache.origin).toBe('oracle');
  });
});
