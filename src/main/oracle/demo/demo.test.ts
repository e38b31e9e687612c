import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { CONSOLE_MODULE } from '../gateway';
import { registerGatewayContract } from '../gateway.contract';
import { DEMO_LATENCY_MS, DemoGateway } from './demo-gateway';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

/** A clock tests move by hand. */
function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

registerGatewayContract('demo database', () => new DemoGateway({ latencyScale: 0 }), { expectData: true });

describe('demo database', () => {
  it('is deterministic from its seed', async () => {
    const a = new DemoGateway({ seed: 42, latencyScale: 0, now: () => T0 });
    const b = new DemoGateway({ seed: 42, latencyScale: 0, now: () => T0 });
    const c = new DemoGateway({ seed: 43, latencyScale: 0, now: () => T0 });
    expect(await a.sessions()).toEqual(await b.sessions());
    expect(await a.topSql({ limit: 20, orderBy: 'cpu' })).toEqual(
      await b.topSql({ limit: 20, orderBy: 'cpu' }),
    );
    expect(await a.dashboard()).toEqual(await b.dashboard());
    expect((await c.sessions()).sessions.map((s) => s.sid)).not.toEqual(
      (await a.sessions()).sessions.map((s) => s.sid),
    );
  });

  it('has hundreds of realistic sessions by default, and scales to 10 000', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const { sessions, hiddenOwnSessions } = await gw.sessions();
    expect(sessions.length).toBe(320);
    expect(hiddenOwnSessions).toBe(2);
    const users = new Set(sessions.map((s) => s.username));
    for (const u of ['APP_OWNER', 'HR', 'BATCH_USR', 'REPORT_RO']) expect(users).toContain(u);
    const programs = new Set(sessions.map((s) => s.program));
    expect(programs).toContain('JDBC Thin Client');
    expect(programs).toContain('w3wp.exe');
    const active = sessions.filter((s) => s.status === 'ACTIVE');
    expect(active.length).toBeGreaterThan(10);
    expect(active.length).toBeLessThan(120);
    const idle = sessions.find((s) => s.status === 'INACTIVE' && s.blockingSession === null);
    expect(idle?.event).toBe('SQL*Net message from client');
    expect(idle?.waitClass).toBe('Idle');
    const io = sessions.find((s) => s.event === 'db file sequential read');
    expect(io?.waitClass).toBe('User I/O');
    expect(sessions.some((s) => s.onCpu && s.status === 'ACTIVE')).toBe(true);

    const big = new DemoGateway({ latencyScale: 0, sessionCount: 10_000, now: () => T0 });
    const many = await big.sessions();
    expect(many.sessions.length).toBe(10_000);
    expect((await big.dashboard()).sessions.total).toBe(10_000);
  });

  it("hides the console's own sessions in counts as well as lists", async () => {
    const gw = new DemoGateway({ latencyScale: 0, sessionCount: 50, now: () => T0 });
    const d = await gw.dashboard();
    expect(d.sessions.total).toBe(50);
    expect((await gw.sessions()).sessions.some((s) => s.module === CONSOLE_MODULE)).toBe(false);
  });

  it('has blocking chains: TX row locks held by an idle transaction, TM and index contention', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const { roots, blockedCount } = await gw.locks();
    expect(roots.length).toBe(3); // A (TX, with a nested waiter-blocker), B (TM), C (index)
    const a = roots.find((r) =>
      r.locks.some((l) => l.lockType === 'TX' && l.modeHeld === 6 && r.session.status === 'INACTIVE'),
    );
    expect(a).toBeDefined();
    expect(a!.session.event).toBe('SQL*Net message from client');
    expect(a!.waiters.length).toBe(4);
    expect(a!.totalWaiters).toBe(5);
    for (const w of a!.waiters) {
      expect(w.session.event).toBe('enq: TX - row lock contention');
      expect(w.locks.some((l) => l.modeRequested === 6 && l.modeRequestedName === 'Exclusive (X)')).toBe(
        true,
      );
    }
    const tm = roots.find((r) => r.locks.some((l) => l.lockType === 'TM'));
    expect(tm?.waiters[0]?.locks[0]?.modeRequestedName).toBe('Row-X (SX)');
    expect(tm?.waiters[0]?.session.event).toBe('enq: TM - contention');
    const idx = roots.find((r) => r.waiters.some((w) => w.session.event === 'enq: TX - index contention'));
    expect(idx?.waiters[0]?.locks[0]?.modeRequestedName).toBe('Share (S)');
    expect(blockedCount).toBe(5 + 2 + 2);
    expect((await gw.dashboard()).sessions.blocked).toBe(blockedCount);
  });

  it('names the objects of the tree (ROW_WAIT_OBJ# and TM locks) as OWNER.NAME and type', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const snap = await gw.locks();
    expect(snap.objectNames).toBe('resolved');
    const byId = new Map(snap.objects.map((o) => [o.objectId, o]));
    const walk = (nodes: typeof snap.roots): (typeof snap.roots)[number][] =>
      nodes.flatMap((n) => [n, ...walk(n.waiters)]);
    const waiting = walk(snap.roots).filter((n) => n.session.rowWaitObj !== null);
    expect(waiting.length).toBeGreaterThan(0);
    for (const n of waiting) {
      const o = byId.get(n.session.rowWaitObj!);
      expect(o?.owner, `object ${n.session.rowWaitObj}`).toMatch(/^[A-Z_]+$/);
      expect(o?.name).toMatch(/^[A-Z_]+$/);
      expect(o?.type).toMatch(/TABLE|INDEX/);
    }
    const tmIds = snap.locks.filter((l) => l.lockType === 'TM').map((l) => l.id1);
    expect(tmIds.length).toBeGreaterThan(0);
    for (const id of tmIds) expect(byId.get(id)?.type).toBe('TABLE');
    // one "Oracle query" of the locks resource: the name look-up is part of it
    expect(gw.queryCounts().locks).toBe(1);
  });

  it('without DBA_OBJECTS the tree still shows, its objects by id and the reason', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0, privileges: 'least' });
    // the README's minimal grants: the V_$ lock views yes, DBA_OBJECTS no
    const s = await gw.locks();
    expect(s.roots.length).toBeGreaterThan(0);
    expect(s.objectNames).toBe('no-privilege');
    expect(s.objects.length).toBeGreaterThan(0);
    for (const o of s.objects) expect(o.name).toBeNull();
  });

  it('killing a blocker removes it and resolves the chain it blocked', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const before = await gw.locks();
    const dashBefore = await gw.dashboard();
    const root = before.roots.find((r) => r.totalWaiters === 5)!;
    const nested = root.waiters.find((w) => w.waiters.length > 0)!;
    const result = await gw.killSession(root.session.sid, root.session.serial);
    expect(result.outcome).toBe('killed');
    const sessions = (await gw.sessions()).sessions;
    expect(sessions.some((s) => s.sid === root.session.sid)).toBe(false);
    expect(sessions.some((s) => s.blockingSession === root.session.sid)).toBe(false);
    const after = await gw.locks();
    expect(after.blockedCount).toBe(before.blockedCount - 4);
    // four sessions no longer wait on the lock: the load and the Application class drop with them
    const dashAfter = await gw.dashboard();
    expect(dashAfter.averageActiveSessions!).toBeCloseTo(dashBefore.averageActiveSessions! - 4, 2);
    const app = (d: typeof dashAfter) => d.waitClasses.find((w) => w.waitClass === 'Application')!.aas;
    expect(app(dashBefore) - app(dashAfter)).toBeCloseTo(4, 1);
    expect(dashAfter.sessions.blocked).toBe(dashBefore.sessions.blocked - 4);
    // the waiter that holds its own row lock is now a root blocker of its own waiter
    const promoted = after.roots.find((r) => r.session.sid === nested.session.sid);
    expect(promoted?.totalWaiters).toBe(1);
    // a second kill of the same session: ORA-00030 -> NOT_FOUND
    const again = await gw.killSession(root.session.sid, root.session.serial).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(TmsError);
    expect((again as TmsError).code).toBe('NOT_FOUND');
    expect(gw.queryCounts()['kill-session']).toBe(2);
  });

  it('kills ordinary sessions too (wrong serial# is NOT_FOUND)', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const s = (await gw.sessions()).sessions.find(
      (x) => x.blockingSession === null && x.status === 'INACTIVE',
    )!;
    await expect(gw.killSession(s.sid, s.serial + 1)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await gw.killSession(s.sid, s.serial);
    expect((await gw.sessions()).sessions.length).toBe(319);
  });

  it('metrics move with the clock', async () => {
    const c = clock();
    const gw = new DemoGateway({ latencyScale: 0, now: c.now });
    const a = await gw.dashboard();
    c.advance(3 * 3600_000);
    const b = await gw.dashboard();
    expect(b.averageActiveSessions).not.toBe(a.averageActiveSessions);
    expect(b.metricEndTime! - a.metricEndTime!).toBe(3 * 3600_000);
    // in the PDB (the default world) the PDB's own values: V$CON_SYSMETRIC has only the 60 s group
    const r = await gw.realtime();
    expect(r.intervalSec).toBe(60.01);
    expect(r.scopes.averageActiveSessions).toBe('pdb');
    const nonCdb = new DemoGateway({ latencyScale: 0, now: c.now, world: 'non-cdb' });
    const r2 = await nonCdb.realtime();
    expect(r2.intervalSec).toBe(15);
    expect(r2.averageActiveSessions).not.toBeNull(); // group 2 fallback
    expect(r2.scopes.averageActiveSessions).toBe('database');
    const s1 = (await gw.sessions()).sessions.map((s) => s.status).join();
    c.advance(15_000);
    const s2 = (await gw.sessions()).sessions.map((s) => s.status).join();
    expect(s2).not.toBe(s1);
  });

  it('wait event rates between polls match the workload', async () => {
    const c = clock();
    const gw = new DemoGateway({ latencyScale: 0, now: c.now });
    const first = await gw.waitEvents();
    expect(first.sinceStartup).toBe(true);
    expect(first.intervalSec).toBeGreaterThan(8 * 86_400);
    c.advance(30_000);
    const next = await gw.waitEvents();
    expect(next.sinceStartup).toBe(false);
    expect(next.intervalSec).toBe(30);
    const seq = next.events.find((e) => e.event === 'db file sequential read')!;
    expect(seq.waitClass).toBe('User I/O');
    expect(seq.waitsPerSec).toBeGreaterThan(1000);
    expect(seq.avgWaitMs).toBeGreaterThan(0.5);
    expect(seq.avgWaitMs).toBeLessThan(0.8);
    const commit = next.classes.find((x) => x.waitClass === 'Commit')!;
    expect(commit.timeWaitedMsPerSec).toBeGreaterThan(0);
    expect(next.classes.map((x) => x.waitClass)).not.toContain('Idle');
  });

  it('top SQL has realistic statements, plans and per-execution figures', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const all = (await gw.topSql({ limit: 200, orderBy: 'elapsed' })).rows;
    expect(all.length).toBeGreaterThan(25);
    const texts = all.map((r) => r.sqlTextSnippet).join('\n');
    for (const pattern of [/NOT IN/, /UPPER\(email\)/, /SELECT \* FROM/, /JOIN/])
      expect(texts).toMatch(pattern);
    const literal = all.filter((r) => r.sqlTextSnippet.includes('WHERE customer_id = '));
    expect(literal.length).toBe(14);
    for (const r of literal) expect(r.executions).toBe(1);
    const byExec = (await gw.topSql({ limit: 1, orderBy: 'executions' })).rows[0]!;
    expect(byExec.sqlTextSnippet).toBe('SELECT 1 FROM DUAL');
    const heavy = all.find((r) => r.sqlTextSnippet.includes('UPPER(email)'))!;
    const plan = (await gw.sqlPlan(heavy.sqlId))!;
    expect(plan.rows.map((r) => `${r.operation} ${r.options}`)).toContain('TABLE ACCESS FULL');
    expect(plan.lines.join('\n')).toMatch(/filter\(UPPER\("EMAIL"\)=UPPER\(:EMAIL\)\)/);
    expect(plan.lines.some((l) => l.startsWith('Plan hash value: '))).toBe(true);
    const plsql = all.find((r) => r.sqlTextSnippet.startsWith('BEGIN'))!;
    expect(await gw.sqlPlan(plsql.sqlId)).toBeNull();
    const detail = (await gw.sqlDetail(all[0]!.sqlId))!;
    expect(detail.stats.elapsedMsPerExec).toBeCloseTo(
      detail.stats.elapsedMs / Math.max(detail.stats.executions, 1),
      1,
    );
  });

  it('the DDL watermark changes after simulated DDL', async () => {
    const c = clock();
    const gw = new DemoGateway({ latencyScale: 0, now: c.now });
    const a = await gw.ddlWatermark();
    c.advance(5000);
    gw.simulateDdl();
    const b = await gw.ddlWatermark();
    expect(b.token).not.toBe(a.token);
    expect(b.objectCount).toBe(a.objectCount + 1);
    expect(b.maxLastDdlTime!).toBeGreaterThan(a.maxLastDdlTime!);
    gw.simulateDdl('drop');
    expect((await gw.ddlWatermark()).objectCount).toBe(a.objectCount);
  });

  it('synthesizes 24 h and 7 d trends from the same metric function', async () => {
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0 });
    const day = await gw.trend('24h');
    expect(day.source).toBe('synthetic');
    expect(day.stepSec).toBe(300);
    expect(day.points.length).toBeGreaterThanOrEqual(288);
    expect(day.points.length).toBeLessThanOrEqual(290);
    const week = await gw.trend('7d');
    expect(week.points.length).toBeGreaterThanOrEqual(336);
    const hour = await gw.trend('1h');
    expect(hour.points.length).toBe(60);
    expect(hour.stepSec).toBe(60);
  });

  it('costs the plan latency per call (scaled) and counts each call', async () => {
    expect(DEMO_LATENCY_MS.dashboard).toBe(800);
    expect(DEMO_LATENCY_MS['top-sql']).toBe(1200);
    const gw = new DemoGateway({ latencyScale: 0.02, now: () => T0 });
    const t0 = performance.now();
    await gw.dashboard();
    expect(performance.now() - t0).toBeGreaterThanOrEqual(15); // 800 ms x 0.02 = 16 ms, minus timer slack
    expect(gw.queryCounts().dashboard).toBe(1);
    expect(gw.totalQueries()).toBe(1);
  });

  it('ASH activity only with the Diagnostics Pack opt-in', async () => {
    const plain = new DemoGateway({ latencyScale: 0, now: () => T0 });
    await expect(plain.ashActivity(10)).rejects.toMatchObject({ code: 'UNSUPPORTED' });
    expect(plain.queryCounts().ash).toBe(0);
    const gw = new DemoGateway({ latencyScale: 0, now: () => T0, diagnosticsPackLicensed: true });
    await expect(gw.ashActivity(0)).rejects.toMatchObject({ code: 'VALIDATION' });
    const a = await gw.ashActivity(10);
    expect(a.buckets.length).toBeGreaterThanOrEqual(10);
    expect(a.buckets.length).toBeLessThanOrEqual(11);
    const classes = new Set(a.buckets.flatMap((b) => Object.keys(b.byClass)));
    expect(classes).toContain('CPU');
    expect(classes).toContain('Application'); // the lock waiters
    expect(classes).not.toContain('Idle');
    expect(a.topSql.length).toBe(10);
    expect(a.topSessions[0]!.aas).toBeCloseTo(1, 5); // a waiter active the whole window
    expect((await gw.health()).diagnosticsPackLicensed).toBe(true);
    expect(gw.queryCounts().ash).toBe(1);
  });

  it('refuses calls after close', async () => {
    const gw = new DemoGateway({ latencyScale: 0 });
    await gw.close();
    await expect(gw.sessions()).rejects.toMatchObject({ code: 'ORACLE_ERROR' });
  });
});
