import type { LockRow, LockSession } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import type { CatalogQuery } from './catalog';
import { buildLockTree, CatalogGateway, downsample, type QueryExecutor } from './catalog-gateway';
import { DemoDatabase } from './demo/database';
import type { RawRow } from './mappers';
import { emptyPoint, mapColumn, typeDisplay } from './mappers';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
const oraErr = (code: string, text: string) => Object.assign(new Error(`${code}: ${text}`), { code });

/** The demo database, except for the views named in `denied` (ORA-00942) and a scripted kill outcome. */
class ScriptedExecutor implements QueryExecutor {
  readonly db = new DemoDatabase({ seed: 1, sessionCount: 60, now: () => T0 });
  constructor(
    private readonly denied: string[],
    private readonly killError?: Error,
  ) {}
  async run(q: CatalogQuery, binds?: Record<string, string | number>): Promise<RawRow[]> {
    if (q.views.some((v) => this.denied.includes(v)))
      throw oraErr('ORA-00942', 'table or view does not exist');
    return this.db.run(q, binds);
  }
  async killSession(): Promise<void> {
    if (this.killError) throw this.killError;
  }
  async ping(): Promise<void> {}
  async close(): Promise<void> {}
}

const session = (sid: number, blocker: number | null, wait = 10): LockSession => ({
  instId: 1,
  conId: 0,
  sid,
  serial: sid * 10,
  username: 'APP',
  status: 'ACTIVE',
  machine: null,
  program: null,
  sqlId: null,
  prevSqlId: null,
  event: blocker === null ? null : 'enq: TX - row lock contention',
  waitClass: null,
  secondsInWait: wait,
  lastCallEt: wait,
  blockingSession: blocker,
  blockingInstance: blocker === null ? null : 1,
  rowWaitObj: null,
});

describe('CatalogGateway over a scripted executor', () => {
  it('a missing grant names the view and the GRANT to run', async () => {
    const gw = new CatalogGateway(new ScriptedExecutor(['GV$LOCK']), {
      kind: 'oracle',
      user: 'TMS_MONITOR',
      now: () => T0,
    });
    await expect(gw.locks()).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      message: expect.stringContaining('GRANT SELECT ON SYS.GV_$LOCK TO TMS_MONITOR;'),
    });
    // the connection test reports it per view instead of failing
    const t = await gw.test();
    expect(t.ok).toBe(false);
    const lock = t.access.find((a) => a.view === 'GV$LOCK')!;
    expect(lock.ok).toBe(false);
    expect(lock.grant).toContain('SYS.GV_$LOCK');
    expect(t.access.filter((a) => !a.ok)).toHaveLength(1);
    expect(t.health?.instanceName).toBe('PRODCDB1');
  });

  it('ORA-00031 on kill means "marked for kill", not a failure', async () => {
    const gw = new CatalogGateway(new ScriptedExecutor([], oraErr('ORA-00031', 'session marked for kill')), {
      kind: 'oracle',
    });
    const r = await gw.killSession(12, 345);
    expect(r.outcome).toBe('marked');
  });

  it('ORA-01031 on kill asks for ALTER SYSTEM', async () => {
    const gw = new CatalogGateway(new ScriptedExecutor([], oraErr('ORA-01031', 'insufficient privileges')), {
      kind: 'oracle',
      user: 'U',
    });
    await expect(gw.killSession(12, 345)).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      message: expect.stringContaining('GRANT ALTER SYSTEM TO U;'),
    });
  });

  it('wait-event counters that go down (instance restart) fall back to since-startup rates', async () => {
    let t = T0;
    const rows = [
      {
        EVENT: 'log file sync',
        WAIT_CLASS: 'Commit',
        TOTAL_WAITS: 1000,
        TOTAL_TIMEOUTS: 0,
        TIME_WAITED_MICRO: 2e6,
      },
    ];
    const exec: QueryExecutor = {
      run: async (q) => (q.id === 'wait-events.uptime' ? [{ UPTIME_SEC: 100 }] : rows.map((r) => ({ ...r }))),
      killSession: async () => {},
      ping: async () => {},
      close: async () => {},
    };
    const gw = new CatalogGateway(exec, { kind: 'oracle', now: () => t });
    expect((await gw.waitEvents()).sinceStartup).toBe(true);
    t += 10_000;
    rows[0]!.TOTAL_WAITS = 1500;
    rows[0]!.TIME_WAITED_MICRO = 3e6;
    const b = await gw.waitEvents();
    expect(b.sinceStartup).toBe(false);
    expect(b.events[0]!.waitsPerSec).toBe(50);
    expect(b.events[0]!.avgWaitMs).toBe(2);
    t += 10_000;
    rows[0]!.TOTAL_WAITS = 10;
    rows[0]!.TIME_WAITED_MICRO = 1e4;
    const c = await gw.waitEvents();
    expect(c.sinceStartup).toBe(true);
    expect(c.intervalSec).toBe(100);
  });
});

describe('lock tree', () => {
  const lock = (sid: number, held: number, req: number): LockRow => ({
    instId: 1,
    sid,
    lockType: 'TX',
    lockTypeName: 'Transaction enqueue',
    id1: 1,
    id2: 2,
    modeHeld: held,
    modeHeldName: '',
    modeRequested: req,
    modeRequestedName: '',
    ctimeSec: 1,
    block: held ? 1 : 0,
  });

  it('nests waiters under their blockers and counts them', () => {
    const t = buildLockTree(
      [session(1, null), session(2, 1, 30), session(3, 1, 5), session(4, 2, 50)],
      [lock(1, 6, 0), lock(2, 0, 6), lock(3, 0, 6), lock(4, 0, 6)],
      T0,
    );
    expect(t.roots).toHaveLength(1);
    expect(t.roots[0]!.totalWaiters).toBe(3);
    expect(t.roots[0]!.maxWaitSec).toBe(50);
    expect(t.roots[0]!.waiters.map((w) => w.session.sid)).toEqual([2, 3]);
    expect(t.blockedCount).toBe(3);
  });

  it('adds a placeholder for a blocker outside the result (other instance) and breaks cycles', () => {
    const t = buildLockTree([session(5, 99), session(6, 7), session(7, 6)], [], T0);
    const sids = t.roots.map((r) => r.session.sid).sort();
    expect(sids).toEqual([6, 99]);
    expect(t.roots.find((r) => r.session.sid === 99)!.session.status).toBe('UNKNOWN');
    expect(t.roots.find((r) => r.session.sid === 6)!.totalWaiters).toBe(1);
  });
});

describe('mappers', () => {
  it('formats Oracle column types', () => {
    expect(typeDisplay('VARCHAR2', 400, null, null, 100, 'C')).toBe('VARCHAR2(100 CHAR)');
    expect(typeDisplay('VARCHAR2', 20, null, null, 20, 'B')).toBe('VARCHAR2(20 BYTE)');
    expect(typeDisplay('NUMBER', 22, 10, 2, 0, null)).toBe('NUMBER(10,2)');
    expect(typeDisplay('NUMBER', 22, 6, 0, 0, null)).toBe('NUMBER(6)');
    expect(typeDisplay('NUMBER', 22, null, null, 0, null)).toBe('NUMBER');
    expect(typeDisplay('NUMBER', 22, null, 0, 0, null)).toBe('INTEGER');
    expect(typeDisplay('RAW', 16, null, null, 0, null)).toBe('RAW(16)');
    expect(
      mapColumn({ COLUMN_ID: 1, COLUMN_NAME: 'X', DATA_TYPE: 'DATE', DATA_LENGTH: 7, NULLABLE: 'N' })
        .nullable,
    ).toBe(false);
  });

  it('downsamples to buckets by mean', () => {
    const p = (t: number, v: number) => ({ ...emptyPoint(t), averageActiveSessions: v });
    const out = downsample([p(60_000, 1), p(120_000, 3), p(360_000, 5)], 300_000);
    expect(out.map((x) => [x.t, x.averageActiveSessions])).toEqual([
      [300_000, 2],
      [600_000, 5],
    ]);
  });
});
