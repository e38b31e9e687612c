/**
 * The gateway contract: behaviour every OracleGateway must show, registered as vitest tests.
 * demo.test.ts runs it against the demo database; oracledb-gateway.test.ts against a real Oracle
 * when ORACLE_TEST_CONNECT_STRING / ORACLE_TEST_USER / ORACLE_TEST_PASSWORD are set.
 */
import { TmsError } from '@shared/errors';
import { GATEWAY_RESOURCES, TOP_SQL_ORDERS, type TopSqlOrder, type TopSqlRow } from '@shared/types/oracle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROBED_VIEWS } from './catalog';
import { CONSOLE_MODULE, type OracleGateway } from './gateway';

export interface ContractOptions {
  /** the demo guarantees data (sessions, blocking chains, tables); a real database may be empty */
  expectData: boolean;
}

const SORT_FIELD: Record<TopSqlOrder, keyof TopSqlRow> = {
  elapsed: 'elapsedMs',
  cpu: 'cpuMs',
  gets: 'bufferGets',
  diskReads: 'diskReads',
  executions: 'executions',
  rows: 'rowsProcessed',
  elapsedPerExec: 'elapsedMsPerExec',
  cpuPerExec: 'cpuMsPerExec',
  getsPerExec: 'bufferGetsPerExec',
};

async function expectTms(p: Promise<unknown>, code: string): Promise<void> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(TmsError);
  expect((err as TmsError).code).toBe(code);
}

const finiteOrNull = (v: number | null) => v === null || Number.isFinite(v);

export function registerGatewayContract(
  name: string,
  make: () => OracleGateway | Promise<OracleGateway>,
  opts: ContractOptions,
): void {
  describe(`OracleGateway contract: ${name}`, () => {
    let gw: OracleGateway;
    beforeAll(async () => {
      gw = await make();
    });
    afterAll(async () => {
      await gw.close();
      await gw.close(); // idempotent
    });

    it('pings and reports health', async () => {
      expect(await gw.ping()).toBeGreaterThanOrEqual(0);
      const h = await gw.health();
      expect(h.instanceName).not.toBe('');
      expect(h.version).toMatch(/^\d+\.\d+/);
      expect(h.uptimeSec).toBeGreaterThan(0);
      expect(h.status).not.toBe('');
      expect(h.diagnosticsPackLicensed).toBe(false);
    });

    it('test() probes every view the console reads', async () => {
      const t = await gw.test();
      expect(t.access.map((a) => a.view)).toEqual([...PROBED_VIEWS]);
      for (const a of t.access) if (!a.ok) expect(a.grant).toMatch(/GRANT/);
      if (opts.expectData) expect(t.ok).toBe(true);
    });

    it('dashboard: V$SYSMETRIC values, session counts and non-Idle wait classes', async () => {
      const d = await gw.dashboard();
      expect(d.sessions.total).toBeGreaterThanOrEqual(d.sessions.active);
      expect(d.sessions.total).toBeGreaterThanOrEqual(d.sessions.blocked);
      for (const v of [d.averageActiveSessions, d.dbCpuPerSec, d.executionsPerSec, d.bufferCacheHitPct]) {
        expect(finiteOrNull(v)).toBe(true);
      }
      if (d.hostCpuPct !== null) expect(d.hostCpuPct).toBeGreaterThanOrEqual(0);
      if (d.hostCpuPct !== null) expect(d.hostCpuPct).toBeLessThanOrEqual(100);
      expect(d.waitClasses.map((w) => w.waitClass)).not.toContain('Idle');
      if (d.dbCpuPerSec !== null) expect(d.waitClasses.map((w) => w.waitClass)).toContain('CPU');
      const aas = d.waitClasses.map((w) => w.aas);
      expect([...aas].sort((a, b) => b - a)).toEqual(aas);
      if (opts.expectData) {
        expect(d.averageActiveSessions).not.toBeNull();
        expect(d.metricEndTime).not.toBeNull();
        expect(d.intervalSec).toBeGreaterThan(30);
      }
    });

    it('realtime: a short-interval sample', async () => {
      const r = await gw.realtime();
      expect(r.sampledAt).toBeGreaterThan(0);
      for (const v of [r.averageActiveSessions, r.hostCpuPct, r.executionsPerSec, r.currentLogons]) {
        expect(finiteOrNull(v)).toBe(true);
      }
      if (opts.expectData) {
        // V$CON_SYSMETRIC keeps a PDB's own values at 60 s only; elsewhere the 15 s group
        expect(r.intervalSec).toBeLessThanOrEqual(r.scopes.averageActiveSessions === 'pdb' ? 61 : 20);
        expect(r.averageActiveSessions).not.toBeNull();
      }
    });

    it("sessions: user sessions with process info, the console's own hidden", async () => {
      const s = await gw.sessions();
      if (opts.expectData) expect(s.sessions.length).toBeGreaterThan(50);
      const sids = new Set<number>();
      for (const row of s.sessions) {
        expect(row.sid).toBeGreaterThan(0);
        expect(sids.has(row.sid)).toBe(false);
        sids.add(row.sid);
        expect(row.module).not.toBe(CONSOLE_MODULE);
        expect(row.onCpu).toBe(row.state !== 'WAITING');
        expect(row.logonTime).toBeGreaterThan(0);
        if (row.blockingSession !== null) expect(row.blockingSessionStatus).toBe('VALID');
      }
      expect(s.hiddenOwnSessions).toBeGreaterThanOrEqual(opts.expectData ? 1 : 0);
    });

    it('locks: a consistent blocker -> waiter tree with lock modes', async () => {
      const l = await gw.locks();
      const visit = (n: (typeof l.roots)[number], parent: number | null): number => {
        if (parent !== null) expect(n.session.blockingSession).toBe(parent);
        for (const lock of n.locks) expect(lock.sid).toBe(n.session.sid);
        const below = n.waiters.reduce((acc, w) => acc + 1 + visit(w, n.session.sid), 0);
        expect(n.totalWaiters).toBe(below);
        return below;
      };
      const inTree = l.roots.reduce((acc, r) => acc + visit(r, null), 0);
      expect(inTree).toBeLessThanOrEqual(l.blockedCount);
      for (const lock of l.locks) {
        expect(lock.modeHeld > 0 || lock.modeRequested > 0).toBe(true);
        expect(lock.modeHeldName).not.toBe('');
      }
      if (opts.expectData) {
        expect(l.roots.length).toBeGreaterThanOrEqual(3);
        const tx = l.locks.find((x) => x.lockType === 'TX' && x.modeHeld === 6);
        expect(tx?.modeHeldName).toBe('Exclusive (X)');
        expect(tx?.lockTypeName).toBe('Transaction enqueue');
      }
    });

    it('wait events: since startup first, then rates between polls', async () => {
      const a = await gw.waitEvents();
      const b = await gw.waitEvents();
      expect(b.sinceStartup).toBe(false);
      for (const snap of [a, b]) {
        expect(snap.intervalSec).toBeGreaterThan(0);
        for (const e of snap.events) {
          expect(e.waitClass).not.toBe('Idle');
          expect(e.waitsPerSec).toBeGreaterThanOrEqual(0);
          expect(e.timeWaitedMsPerSec).toBeGreaterThanOrEqual(0);
        }
        const pct = snap.classes.reduce((acc, c) => acc + c.pctOfWaitTime, 0);
        if (snap.classes.some((c) => c.timeWaitedMsPerSec > 0))
          expect(Math.round(pct)).toBeGreaterThanOrEqual(99);
      }
      if (opts.expectData) {
        expect(a.sinceStartup).toBe(true);
        expect(a.events.length).toBeGreaterThan(5);
        expect(a.events.map((e) => e.event)).toContain('db file sequential read');
      }
    });

    it.each(TOP_SQL_ORDERS.map((o) => [o]))('top SQL ordered by %s', async (orderBy) => {
      const r = await gw.topSql({ limit: 10, orderBy });
      expect(r.rows.length).toBeLessThanOrEqual(10);
      const field = SORT_FIELD[orderBy];
      const values = r.rows.map((x) => Number(x[field]));
      for (let i = 1; i < values.length; i++) {
        expect(values[i]!).toBeLessThanOrEqual(values[i - 1]! * 1.001 + 0.01);
      }
      for (const x of r.rows) {
        expect(x.sqlId).toMatch(/^[0-9a-z]{13}$/);
        expect(x.sqlTextSnippet.length).toBeLessThanOrEqual(200);
      }
      if (opts.expectData) expect(r.rows.length).toBe(10);
    });

    it('top SQL rejects a bad limit or order', async () => {
      await expectTms(gw.topSql({ limit: 0, orderBy: 'elapsed' }), 'VALIDATION');
      await expectTms(gw.topSql({ limit: 201, orderBy: 'elapsed' }), 'VALIDATION');
      await expectTms(
        gw.topSql({ limit: 10, orderBy: 'elapsed; DROP TABLE x' as TopSqlOrder }),
        'VALIDATION',
      );
    });

    it('SQL detail, full text and plan of a top statement', async () => {
      const top = (await gw.topSql({ limit: 5, orderBy: 'elapsed' })).rows;
      if (top.length === 0) return;
      const sqlId = top[0]!.sqlId;
      const d = await gw.sqlDetail(sqlId);
      const text = await gw.sqlText(sqlId);
      const plan = await gw.sqlPlan(sqlId);
      if (opts.expectData) {
        expect(d?.sqlId).toBe(sqlId);
        expect(d?.children.length).toBeGreaterThan(0);
        expect(d?.stats.executions).toBeGreaterThan(0);
        expect(text?.text.length).toBeGreaterThan(10);
        expect(text?.text.startsWith(top[0]!.sqlTextSnippet.slice(0, 50))).toBe(true);
        expect(plan?.lines.join('\n')).toContain(sqlId);
      }
      if (plan?.rows.length) {
        expect(plan.rows[0]!.id).toBe(0);
        for (const r of plan.rows.slice(1)) expect(r.parentId).not.toBeNull();
      }
    });

    it('unknown SQL_IDs give null; malformed ones are rejected', async () => {
      expect(await gw.sqlDetail('0000000000000')).toBeNull();
      expect(await gw.sqlText('0000000000000')).toBeNull();
      expect(await gw.sqlPlan('0000000000000')).toBeNull();
      await expectTms(gw.sqlText("x' OR 1=1 --"), 'VALIDATION');
    });

    it('schemas, tables and columns', async () => {
      const schemas = await gw.schemas();
      expect(['dba', 'all']).toContain(schemas.dictionary);
      const names = schemas.rows.map((s) => s.username);
      expect(names).not.toContain('SYS');
      expect(names).not.toContain('SYSTEM');
      if (opts.expectData) expect(names).toEqual(expect.arrayContaining(['HR', 'SALES', 'APP_OWNER']));
      for (const schema of names.slice(0, 3)) {
        const tables = (await gw.tables(schema)).rows;
        for (const t of tables) expect(t.owner).toBe(schema);
        const first = tables[0];
        if (!first) continue;
        const cols = (await gw.columns(schema, first.tableName)).rows;
        expect(cols.length).toBeGreaterThan(0);
        expect(cols.map((c) => c.columnId)).toEqual([...cols.map((c) => c.columnId)].sort((a, b) => a - b));
        for (const c of cols) expect(c.typeDisplay).not.toBe('');
      }
      if (opts.expectData) {
        const orders = (await gw.columns('SALES', 'ORDERS')).rows.find((c) => c.columnName === 'ORDER_TOTAL');
        expect(orders?.typeDisplay).toBe('NUMBER(14,2)');
        expect((await gw.tables('NO_SUCH_SCHEMA')).rows).toEqual([]);
      }
      await expectTms(gw.tables(''), 'VALIDATION');
    });

    it('trends per period', async () => {
      for (const period of ['1h', '24h', '7d'] as const) {
        const s = await gw.trend(period);
        expect(s.period).toBe(period);
        const ts = s.points.map((p) => p.t);
        expect([...ts].sort((a, b) => a - b)).toEqual(ts);
        if (opts.expectData) expect(s.points.length).toBeGreaterThan(period === '1h' ? 30 : 40);
      }
      await expectTms(gw.trend('1y' as '1h'), 'VALIDATION');
    });

    it('DDL watermark is stable without DDL', async () => {
      const a = await gw.ddlWatermark();
      const b = await gw.ddlWatermark();
      expect(b.token).toBe(a.token);
      // the dictionary the watermark was read from is part of the token (DBA_OBJECTS or ALL_OBJECTS)
      expect(a.token).toMatch(/^(dba|all):/);
      expect(a.token.endsWith(`:${a.maxLastDdlTime ?? 'none'}:${a.objectCount}`)).toBe(true);
    });

    it('kill validates sid and serial# before anything reaches Oracle', async () => {
      const before = gw.queryCounts()['kill-session'];
      await expectTms(gw.killSession(0, 1), 'VALIDATION');
      await expectTms(gw.killSession(12, 1.5), 'VALIDATION');
      await expectTms(gw.killSession(-3, 7), 'VALIDATION');
      expect(gw.queryCounts()['kill-session']).toBe(before);
    });

    it('counts its Oracle queries per resource', async () => {
      const before = gw.queryCounts();
      await gw.sessions();
      await gw.sessions();
      await gw.schemas();
      const after = gw.queryCounts();
      expect(after.sessions - before.sessions).toBe(2);
      expect(after.schemas - before.schemas).toBe(1);
      expect(Object.keys(after).sort()).toEqual([...GATEWAY_RESOURCES].sort());
      expect(gw.totalQueries()).toBe(Object.values(after).reduce((x, y) => x + y, 0));
    });
  });
}
