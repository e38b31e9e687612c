/**
 * Issue 17: cancel SQL against errors as node-oracledb thin presents them (driver-errors.ts), and the
 * demo's model of it (ORA-01013 in the cancelled session: it stays, idle), version gating, privileges,
 * RAC, and the stop dialogs' preview (undo of the session's transaction, exact statements).
 */
import { LARGE_ROLLBACK_BYTES } from '@shared/types/interventions';
import { describe, expect, it } from 'vitest';
import { CatalogGateway } from './catalog-gateway';
import { STOP_PREVIEW } from './catalog-interventions';
import { DemoGateway } from './demo/demo-gateway';
import { LARGE_TXN_BLOCKS } from './demo/views/interventions';
import type { DemoSession } from './demo/world/model';
import { njsError, serverError } from './driver-errors';
import { OracledbExecutor } from './oracledb-gateway';
import { FakePool, poolProvider } from './testing/fake-pool';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

describe('cancel SQL: every answer Oracle (through the driver) can give', () => {
  const gatewayFor = (pool: FakePool, killMethod?: 'alter-system' | 'rds' | `procedure:${string}`) =>
    new CatalogGateway(new OracledbExecutor(poolProvider(pool)), {
      kind: 'oracle',
      user: 'TMS_MONITOR',
      ...(killMethod ? { killMethod } : {}),
    });
  const failing = (err: () => unknown, healthy = true) =>
    new FakePool([
      {
        execute: () => {
          throw err();
        },
        healthy,
      },
    ]);

  it('done: sends the exact statement once (RAC @inst_id, SQL_ID), the connection goes back to the pool', async () => {
    const pool = new FakePool([{}]);
    const r = await gatewayFor(pool).cancelSql(12, 345, 2, 'abcdefghij123');
    expect(pool.handedOut[0]?.executed.at(-1)?.sql).toBe(
      "ALTER SYSTEM CANCEL SQL '12, 345, @2, abcdefghij123'",
    );
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: false });
    expect(r).toMatchObject({
      outcome: 'cancelled',
      sid: 12,
      serial: 345,
      instId: 2,
      sqlId: 'abcdefghij123',
    });
    expect(r.message).toContain('ORA-01013');
  });

  it('RDS: rdsadmin_util.cancel with binds', async () => {
    const pool = new FakePool([{}]);
    await gatewayFor(pool, 'rds').cancelSql(12, 345, undefined, 'abcdefghij123');
    expect(pool.handedOut[0]?.executed.at(-1)).toEqual({
      sql: 'BEGIN rdsadmin.rdsadmin_util.cancel(sid => :sid, serial => :serial, sql_id => :sqlId); END;',
      binds: { sid: 12, serial: 345, sqlId: 'abcdefghij123' },
    });
  });

  it('a procedure kill method: UNSUPPORTED before anything reaches Oracle', async () => {
    const pool = new FakePool([{}]);
    const gw = gatewayFor(pool, 'procedure:DBA_TOOLS.TMS_KILL_SESSION');
    await expect(gw.cancelSql(12, 345)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(pool.handedOut).toHaveLength(0);
    expect(gw.queryCounts()['cancel-sql']).toBe(0);
  });

  it('bad values: VALIDATION, nothing sent', async () => {
    const pool = new FakePool([{}]);
    const gw = gatewayFor(pool);
    await expect(gw.cancelSql(0, 1)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(gw.cancelSql(1, 1, 0)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(gw.cancelSql(1, 1, 1, "x'--")).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(pool.handedOut).toHaveLength(0);
  });

  it('no such session (ORA-00030): NOT_FOUND, the session list is stale', async () => {
    const pool = failing(() => serverError(30, 'User session ID does not exist.'));
    await expect(gatewayFor(pool).cancelSql(12, 345)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { oracleCode: 'ORA-00030', sessionListStale: true },
    });
  });

  it.each([
    ['alter-system', 'GRANT ALTER SYSTEM TO TMS_MONITOR;'],
    ['rds', 'GRANT EXECUTE ON rdsadmin.rdsadmin_util TO TMS_MONITOR;'],
  ] as const)('insufficient privileges (ORA-01031) with %s names the grant', async (method, grant) => {
    const pool = failing(() => serverError(1031, 'insufficient privileges'));
    const e = await gatewayFor(pool, method)
      .cancelSql(12, 345)
      .catch((x: unknown) => x);
    expect(e).toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { reason: 'oracle.cancelPrivilege', grant: expect.stringContaining(grant) },
    });
    expect((e as Error).message).toMatch(/^Cancelling SQL/);
  });

  it('before 18c (ORA-02065 illegal option for ALTER SYSTEM): UNSUPPORTED', async () => {
    const pool = failing(() => serverError(2065, 'illegal option for ALTER SYSTEM'));
    await expect(gatewayFor(pool).cancelSql(12, 345)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      details: { reason: 'oracle.cancelUnsupported', oracleCode: 'ORA-02065' },
    });
  });

  it('the connection broke mid-cancel: outcome unknown, list stale, never retried', async () => {
    const pool = failing(() => njsError(500), false);
    await expect(gatewayFor(pool).cancelSql(12, 345)).rejects.toMatchObject({
      retryable: false,
      details: { sessionListStale: true, cancelOutcome: 'unknown' },
    });
    expect(pool.handedOut).toHaveLength(1);
  });
});

describe('stop preview statement', () => {
  it('reads GV$SESSION ⨝ GV$TRANSACTION by bind variables; no DATE reaches the driver', () => {
    expect(STOP_PREVIEW.binds).toEqual(['sid', 'inst_id']);
    expect(STOP_PREVIEW.sql).toMatch(
      /LEFT JOIN gv\$transaction t ON t\.inst_id = s\.inst_id AND t\.addr = s\.taddr/,
    );
    expect(STOP_PREVIEW.sql).toContain('s.sid = :sid');
    expect(STOP_PREVIEW.sql).not.toMatch(/'\s*\|\|/); // nothing concatenated
    expect(STOP_PREVIEW.views).toEqual([
      'GV$SESSION',
      'GV$TRANSACTION',
      'GV$SQL',
      'GV$PARAMETER',
      'V$INSTANCE',
    ]);
    expect(STOP_PREVIEW.sql).not.toMatch(/\bs\.sql_exec_start\b(?!\))/);
  });
});

describe('cancel and preview in the demo database', () => {
  const demo = (world: 'pdb' | 'pdb-rac' | 'legacy-12c' = 'pdb', extra: object = {}) =>
    new DemoGateway({ world, seed: 5, sessionCount: 80, latencyScale: 0, now: () => T0, ...extra });
  const rowOf = async (gw: DemoGateway, s: DemoSession) =>
    (await gw.sessions()).sessions.find((r) => r.sid === s.sid && r.instId === s.instId);
  const activeSession = async (gw: DemoGateway) => {
    const snap = await gw.sessions();
    const r = snap.sessions.find((x) => x.status === 'ACTIVE' && x.sqlId && x.blockingSession === null);
    const s = r && gw.database.world.session(r.instId, r.sid);
    if (!r || !s) throw new Error('no active session in the demo');
    return { r, s };
  };

  it('cancel ends the current call: the session stays, INACTIVE, SQL_ID cleared, the SQL_ID now the previous one', async () => {
    const gw = demo();
    const { r, s } = await activeSession(gw);
    const res = await gw.cancelSql(s.sid, s.serial, undefined, r.sqlId ?? undefined);
    expect(res.outcome).toBe('cancelled');
    const after = await rowOf(gw, s);
    expect(after).toMatchObject({ status: 'INACTIVE', sqlId: null, prevSqlId: r.sqlId, serial: s.serial });
    expect(gw.queryCounts()['cancel-sql']).toBe(1);
  });

  it('a named SQL_ID the session is not running: accepted, nothing happens', async () => {
    const gw = demo();
    const { r, s } = await activeSession(gw);
    const other = gw.database.sqlIds().find((id) => id !== r.sqlId)!;
    await gw.cancelSql(s.sid, s.serial, undefined, other);
    expect((await rowOf(gw, s))?.status).toBe('ACTIVE');
  });

  it('a waiter in a lock chain stops waiting; its blocker keeps its transaction', async () => {
    const gw = demo();
    const before = await gw.locks();
    const waiter = before.roots[0]?.waiters[0];
    expect(waiter).toBeDefined();
    const w = waiter!.session;
    await gw.cancelSql(w.sid, w.serial);
    const s = gw.database.world.session(w.instId, w.sid)!;
    expect(await rowOf(gw, s)).toMatchObject({ status: 'INACTIVE', blockingSession: null });
    const rootSid = before.roots[0]!.session.sid;
    const p = await gw.stopPreview(rootSid, before.roots[0]!.session.serial);
    expect(p.transaction).not.toBeNull();
  });

  it('wrong serial#: ORA-00030 → NOT_FOUND; RAC reaches instance 2 by @2', async () => {
    const gw = demo('pdb-rac');
    const s = [...gw.database.world.sessions.values()].find((x) => x.instId === 2 && !x.pinned)!;
    await expect(gw.cancelSql(s.sid, s.serial + 1, 2)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(gw.cancelSql(s.sid, s.serial, 2)).resolves.toMatchObject({ instId: 2 });
    const p = await gw.stopPreview(s.sid, s.serial, 2);
    expect(p.killStatement).toBe(`ALTER SYSTEM KILL SESSION '${s.sid},${s.serial},@2' IMMEDIATE`);
    expect(p.session?.instId).toBe(2);
  });

  it('12.1 world: ORA-02065 → UNSUPPORTED, and the preview offers no cancel statement', async () => {
    const gw = demo('legacy-12c');
    expect((await gw.health()).version).toBe('12.1.0.2.0');
    const { s } = await activeSession(gw);
    await expect(gw.cancelSql(s.sid, s.serial)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    const p = await gw.stopPreview(s.sid, s.serial);
    expect(p).toMatchObject({ state: 'same', version: '12.1.0.2.0', cancelStatement: null });
  });

  it.each(['least', 'bare'] as const)(
    '%s privileges: cancel is refused naming GRANT ALTER SYSTEM',
    async (privileges) => {
      const gw = demo('pdb', { privileges });
      const { s } = await activeSession(gw).catch(() => ({
        s: [...gw.database.world.sessions.values()][0]!,
      }));
      await expect(gw.cancelSql(s.sid, s.serial)).rejects.toMatchObject({
        code: 'ORACLE_PRIVILEGE',
        details: { grant: expect.stringContaining('GRANT ALTER SYSTEM TO') },
      });
    },
  );

  it('preview: the batch job holding a table exclusively has a large rollback; the statement is exact', async () => {
    const gw = demo();
    const batch = [...gw.database.world.sessions.values()].find((x) =>
      gw.database.world.locks.some((l) => l.sid === x.sid && l.type === 'TM' && l.lmode === 6),
    )!;
    expect(batch).toBeDefined();
    const p = await gw.stopPreview(batch.sid, batch.serial);
    expect(p.state).toBe('same');
    expect(p.transaction).toMatchObject({ usedUblk: LARGE_TXN_BLOCKS, blockSize: 8192, largeRollback: true });
    expect(p.transaction!.undoBytes).toBeGreaterThan(LARGE_ROLLBACK_BYTES);
    expect(p.session?.username).toBe(batch.username);
    expect(p.killStatement).toBe(`ALTER SYSTEM KILL SESSION '${batch.sid},${batch.serial}' IMMEDIATE`);
    const sqlId = p.session?.sqlId;
    expect(p.cancelStatement).toBe(
      `ALTER SYSTEM CANCEL SQL '${batch.sid}, ${batch.serial}${sqlId ? `, ${sqlId}` : ''}'`,
    );
    if (sqlId) expect(p.session?.sqlTextExcerpt).toBeTruthy();
  });

  it('preview: a reused SID is "changed", an unknown one "gone" (no cancel offered)', async () => {
    const gw = demo();
    const s = [...gw.database.world.sessions.values()][3]!;
    const changed = await gw.stopPreview(s.sid, s.serial + 7);
    expect(changed).toMatchObject({ state: 'changed', cancelStatement: null, transaction: null });
    expect(changed.session?.serial).toBe(s.serial);
    const gone = await gw.stopPreview(99_999, 1);
    expect(gone).toMatchObject({ state: 'gone', session: null, cancelStatement: null });
    expect(gone.killStatement).toBe("ALTER SYSTEM KILL SESSION '99999,1' IMMEDIATE");
  });
});
