/**
 * Issue 17, MonitoringService.cancelSql / stopPreview over the demo database: validation before the
 * connection is touched, write-through invalidation of what a cancel makes stale (sessions, locks,
 * dashboard — for every console, through invalidateResources), and a preview that never touches the cache.
 */
import { TmsError } from '@shared/errors';
import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import type { OracleGateway } from '../oracle/gateway';
import { CANCEL_INVALIDATES, type GatewayAccess, MonitoringService } from './monitoring';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
let gw: DemoGateway;
let cache: MemoryReadThroughCache;
let monitoring: MonitoringService;
let touched: string[];

beforeEach(() => {
  gw = new DemoGateway({ seed: 5, sessionCount: 80, latencyScale: 0, now: () => T0 });
  cache = new MemoryReadThroughCache();
  touched = [];
  const gateways: GatewayAccess = {
    use: <T>(connId: string, fn: (g: OracleGateway) => Promise<T>) => {
      if (connId !== 'demo') throw new TmsError('NOT_FOUND', 'no such connection');
      return fn(gw);
    },
    touch: (connId) => {
      if (connId !== 'demo') throw new TmsError('NOT_FOUND', 'no such connection');
      touched.push(connId);
    },
  };
  monitoring = new MonitoringService({ cache, gateways });
});

const activeSession = async () => {
  const r = (await gw.sessions()).sessions.find(
    (x) => x.status === 'ACTIVE' && x.sqlId && !x.blockingSession,
  );
  if (!r) throw new Error('no active session');
  return r;
};

describe('cancel SQL through the monitoring service', () => {
  it('cancels, then drops sessions, locks and dashboard of that connection', async () => {
    expect(CANCEL_INVALIDATES).toEqual(['sessions', 'locks', 'dashboard', 'session', 'longops']);
    await monitoring.sessions('demo');
    await monitoring.schemas('demo');
    const r = await activeSession();
    const res = await monitoring.cancelSql('demo', { sid: r.sid, serial: r.serial, sqlId: r.sqlId! });
    expect(res).toMatchObject({ outcome: 'cancelled', sid: r.sid, sqlId: r.sqlId });
    expect(cache.invalidations).toEqual(CANCEL_INVALIDATES.map((r) => `tms:demo:${r}:*`));
    expect([...cache.store.keys()]).toEqual(['tms:demo:schemas']);
    const after = (await monitoring.sessions('demo')).data.sessions.find((x) => x.sid === r.sid);
    expect(after).toMatchObject({ status: 'INACTIVE', sqlId: null });
  });

  it('a session that had gone (ORA-00030) still invalidates; a privilege error does not', async () => {
    await expect(monitoring.cancelSql('demo', { sid: 99_999, serial: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(cache.invalidations).toHaveLength(CANCEL_INVALIDATES.length);
    gw = new DemoGateway({ seed: 5, sessionCount: 80, latencyScale: 0, now: () => T0, privileges: 'least' });
    const s = [...gw.database.world.sessions.values()][0]!;
    await expect(monitoring.cancelSql('demo', { sid: s.sid, serial: s.serial })).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
    });
    expect(cache.invalidations).toHaveLength(CANCEL_INVALIDATES.length);
  });

  it('validates sid / serial# / inst_id / SQL_ID before touching the connection', async () => {
    for (const bad of [
      { sid: 0, serial: 1 },
      { sid: 1, serial: -1 },
      { sid: 1.5, serial: 1 },
      { sid: 1, serial: 1, instId: 0 },
      { sid: 1, serial: 1, sqlId: 'NOT-AN-ID' },
    ]) {
      await expect(monitoring.cancelSql('demo', bad)).rejects.toMatchObject({ code: 'VALIDATION' });
    }
    await expect(monitoring.stopPreview('demo', { sid: 0, serial: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(touched).toEqual([]);
    await expect(monitoring.cancelSql('ghost', { sid: 1, serial: 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(cache.invalidations).toEqual([]);
  });

  it('the preview is read from Oracle every time and never cached', async () => {
    const r = await activeSession();
    const a = await monitoring.stopPreview('demo', { sid: r.sid, serial: r.serial });
    const b = await monitoring.stopPreview('demo', { sid: r.sid, serial: r.serial });
    expect(a.state).toBe('same');
    expect(b.state).toBe('same');
    expect(gw.queryCounts()['stop-preview']).toBe(2);
    expect(cache.reads).toEqual([]);
    expect(touched).toEqual(['demo', 'demo']);
  });
});
