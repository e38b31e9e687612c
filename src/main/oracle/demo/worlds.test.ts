/**
 * Fidelity on the databases DBAs run (issue 13, points 1, 2, 3, 6, 8), proven on the demo's worlds:
 * multitenant (PDB, CDB$ROOT with and without CONTAINER_DATA), a two-instance RAC whose pooled
 * connections land on either instance, a database host in another zone, and figures that agree.
 */
import type { DashboardMetrics, WaitEventsSnapshot } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import { ALL_QUERIES, type CatalogQuery, DIAGNOSTICS_PACK_QUERIES, SESSIONS } from '../catalog';
import { CONSOLE_MODULE } from '../gateway';
import { DemoDatabase } from './database';
import { DemoGateway } from './demo-gateway';
import { sessionKey } from './world/model';
import { type DemoTopology, type DemoWorldName, resolveTopology } from './world/topology';

/** 09:30:00 UTC, on a minute boundary */
const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function gateway(world: DemoWorldName, topology: Partial<DemoTopology> = {}, now = () => T0) {
  // the console in UTC unless a test says otherwise: the host zone then differs by default
  return new DemoGateway({ latencyScale: 0, now, world, topology: { clientUtcOffsetMin: 0, ...topology } });
}

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('multitenant: connected to a PDB', () => {
  it('names CDB, PDB and CON_ID, and sees only its own sessions', async () => {
    const gw = gateway('pdb');
    const h = await gw.health();
    expect(h.identity).toMatchObject({
      cdb: true,
      containerKind: 'pdb',
      cdbName: 'PRODCDB',
      pdbName: 'SALESPDB',
      conId: 3,
      rac: false,
    });
    const { sessions } = await gw.sessions();
    expect(sessions.length).toBe(320);
    expect(new Set(sessions.map((s) => s.conId))).toEqual(new Set([3]));
    // the root sees HRPDB's sessions too: the PDB must not
    const root = await gateway('root').sessions();
    expect(root.sessions.some((s) => s.conId === 4)).toBe(true);
  });

  it("shows the PDB's own metrics, and labels what Oracle keeps only CDB-wide", async () => {
    const pdb = await gateway('pdb').dashboard();
    const cdb = await gateway('root').dashboard();
    // the PDB's AAS is its own (V$CON_SYSMETRIC), smaller than the whole CDB's (V$SYSMETRIC, CON_ID 0)
    expect(pdb.scopes.averageActiveSessions).toBe('pdb');
    expect(pdb.scopes.executionsPerSec).toBe('pdb');
    expect(pdb.averageActiveSessions!).toBeLessThan(cdb.averageActiveSessions! - 0.5);
    expect(pdb.executionsPerSec!).toBeLessThan(cdb.executionsPerSec!);
    expect(pdb.sessions.total).toBe(320);
    expect(cdb.sessions.total).toBeGreaterThan(320);
    // Host CPU belongs to the server; the wait classes are instance-wide (the whole CDB)
    expect(pdb.scopes.hostCpuPct).toBe('host');
    expect(pdb.scopes.bufferCacheHitPct).toBe('cdb');
    expect(pdb.scopes.waitClasses).toBe('cdb');
    expect(cdb.scopes.averageActiveSessions).toBe('cdb');
    const rt = await gateway('pdb').realtime();
    expect(rt.scopes.averageActiveSessions).toBe('pdb');
    expect(rt.averageActiveSessions).toBe(pdb.averageActiveSessions);
    const trend = await gateway('pdb').trend('1h');
    expect(trend.points.at(-1)!.averageActiveSessions).toBeCloseTo(pdb.averageActiveSessions!, 2);
  });
});

describe('multitenant: connected to CDB$ROOT', () => {
  it('with CONTAINER_DATA: lists the visible PDBs, breaks figures down per PDB, filters by PDB', async () => {
    const gw = gateway('root');
    const h = await gw.health();
    expect(h.identity.containerKind).toBe('root');
    expect(h.identity.conId).toBe(1);
    expect(h.identity.visibleContainers.map((c) => c.name)).toEqual(['CDB$ROOT', 'SALESPDB', 'HRPDB']);
    expect(h.identity.containerDataLimited).toBe(false);
    const d = await gw.dashboard();
    expect(d.perContainer.map((c) => c.name)).toEqual(['SALESPDB', 'HRPDB']);
    const hr = d.perContainer.find((c) => c.name === 'HRPDB')!;
    expect(hr.sessions).toBe(48);
    const only = await gw.dashboard(4);
    expect(only.containerFilter?.name).toBe('HRPDB');
    expect(only.scopes.averageActiveSessions).toBe('pdb');
    expect(only.averageActiveSessions).toBe(hr.averageActiveSessions);
    expect(only.sessions.total).toBe(48);
  });

  it('without CONTAINER_DATA: sees only the root and says what to grant', async () => {
    const gw = gateway('root-limited');
    const h = await gw.health();
    expect(h.identity.visibleContainers.map((c) => c.name)).toEqual(['CDB$ROOT']);
    expect(h.identity.containerDataLimited).toBe(true);
    expect(h.identity.containerDataGrant).toBe(
      'ALTER USER C##TMS_MONITOR SET CONTAINER_DATA = ALL CONTAINER = CURRENT;',
    );
    expect((await gw.dashboard()).perContainer).toEqual([]);
    await expect(gw.dashboard(3)).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('CONTAINER_DATA = ALL'),
    });
    // V$SESSION from the root without CONTAINER_DATA: the root's own sessions only (the console's)
    expect((await gw.sessions()).sessions).toEqual([]);
  });

  it('a non-CDB labels its figures as the whole database', async () => {
    const d = await gateway('non-cdb').dashboard();
    expect(d.scopes.averageActiveSessions).toBe('database');
    expect((await gateway('non-cdb').health()).identity).toMatchObject({
      cdb: false,
      containerKind: 'non-cdb',
      cdbName: null,
      pdbName: null,
    });
  });
});

describe('RAC: two instances, pooled connections landing on either', () => {
  it('reads sessions cluster-wide: every row shows its instance, and lists do not flip between calls', async () => {
    const gw = gateway('pdb-rac');
    const a = await gw.sessions();
    const b = await gw.sessions();
    expect(a.instanceScope).toBe('cluster');
    expect(new Set(a.sessions.map((s) => s.instId))).toEqual(new Set([1, 2]));
    const keys = (x: typeof a) => x.sessions.map((s) => `${s.instId}:${s.sid}`).join();
    expect(keys(b)).toBe(keys(a));
    expect((await gw.health()).identity.instances.map((i) => i.instanceName)).toEqual([
      'PRODCDB1',
      'PRODCDB2',
    ]);
  });

  it('lock trees follow BLOCKING_INSTANCE, not a same-SID session of another instance', async () => {
    const gw = gateway('pdb-rac');
    const { roots } = await gw.locks();
    const a = roots.find((r) => r.session.status === 'INACTIVE' && r.waiters.length === 4)!;
    expect(a).toBeDefined();
    expect(a.session.instId).toBe(2);
    for (const w of a.waiters) {
      expect(w.session.instId).toBe(1);
      expect(w.session.blockingInstance).toBe(2);
    }
    expect(a.locks.every((l) => l.instId === 2)).toBe(true);
    // instance 1 has an unrelated session with the blocker's SID, which must block nobody
    const decoy = (await gw.sessions()).sessions.find((s) => s.instId === 1 && s.sid === a.session.sid);
    expect(decoy).toBeDefined();
    expect(roots.some((r) => r.session.instId === 1 && r.session.sid === a.session.sid)).toBe(false);
  });

  it('top SQL shows the instance of each row, and a cursor living only on the other instance still has its plan', async () => {
    const gw = gateway('pdb-rac');
    const top = await gw.topSql({ limit: 200, orderBy: 'elapsed' });
    expect(top.instanceScope).toBe('cluster');
    const byId = new Map<string, number[]>();
    for (const r of top.rows) byId.set(r.sqlId, [...(byId.get(r.sqlId) ?? []), r.instId]);
    const onlyOn2 = [...byId.entries()].find(
      ([id, insts]) => insts.join() === '2' && top.rows.some((r) => r.sqlId === id && r.planHashValue !== 0),
    );
    expect(onlyOn2).toBeDefined();
    // twice: the pooled connection lands on instance 1 for one of the calls
    for (let i = 0; i < 2; i++) {
      const plan = (await gw.sqlPlan(onlyOn2![0]))!;
      expect(plan).not.toBeNull();
      expect(plan.instId).toBe(2);
      expect(plan.rows.length).toBeGreaterThan(0);
    }
  });

  it('keeps wait-event baselines per instance: no false rate, no false restart', async () => {
    const c = clock();
    const gw = gateway('pdb-rac', {}, c.now);
    await gw.waitEvents();
    for (let i = 0; i < 4; i++) {
      c.advance(60_000);
      const w = await gw.waitEvents();
      expect(w.sinceStartup).toBe(false);
      expect(w.instances.map((x) => [x.instId, x.restarted, x.intervalSec])).toEqual([
        [1, false, 60],
        [2, false, 60],
      ]);
      for (const e of w.events) expect(e.waitsPerSec).toBeGreaterThanOrEqual(0);
    }
  });

  it('the dashboard shows per-instance figures and their cluster total', async () => {
    const d = await gateway('pdb-rac').dashboard();
    expect(d.instanceScope).toBe('cluster');
    expect(d.perInstance.map((p) => p.instId)).toEqual([1, 2]);
    expect(sum(d.perInstance.map((p) => p.averageActiveSessions!))).toBeCloseTo(d.averageActiveSessions!, 2);
    expect(sum(d.perInstance.map((p) => p.sessions.total))).toBe(d.sessions.total);
  });
});

describe('time zones: the database host in another zone than the console', () => {
  const world = { hostUtcOffsetMin: 540, clientUtcOffsetMin: -300 };

  it('every time is the true instant (computed in SQL), not the host wall clock read in the client zone', async () => {
    const gw = gateway('pdb-rac', world);
    const db = gw.database.world;
    const { sessions } = await gw.sessions();
    for (const s of sessions.slice(0, 20)) {
      const truth = db.session(s.instId, s.sid)!.logonAt;
      expect(s.logonTime).toBe(truth);
    }
    const d = await gw.dashboard();
    expect(d.metricEndTime).toBe(T0);
    const h = await gw.health();
    expect(h.startupTime).toBe(db.instanceStartup.get(h.identity.connectedInstId));
    expect(h.clock).toMatchObject({ dbNow: T0, hostUtcOffsetMin: 540, sessionTimeZone: '-05:00', skewMs: 0 });
    const trend = await gw.trend('1h');
    expect(trend.points.at(-1)!.t).toBe(T0);
  });

  it('the demo shifts a zoneless DATE the way thin mode does, so a statement that forgot the conversion fails', () => {
    const db = new DemoDatabase({
      seed: 1,
      sessionCount: 40,
      now: () => T0,
      topology: resolveTopology('pdb', world),
    });
    const raw: CatalogQuery = { ...SESSIONS, instantColumns: [] };
    const row = db.run(raw)[0]!;
    const key = sessionKey(Number(row.INST_ID), Number(row.SID));
    const truth = db.world.sessions.get(key)!.logonAt;
    expect((row.LOGON_TIME as Date).getTime() - truth).toBe((540 + 300) * 60_000);
    expect(db.run(SESSIONS).find((r) => r.SID === row.SID)!.LOGON_TIME).toBe(truth);
  });

  it('every time column of every statement is an instant computed in SQL', () => {
    const TIME =
      /(END_TIME|LOGON_TIME|ACTIVE_TIME|STARTUP_TIME|EXEC_START|CREATED|LAST_ANALYZED|DDL_TIME|DB_NOW|MINUTE_START)$/;
    for (const q of [...ALL_QUERIES, ...DIAGNOSTICS_PACK_QUERIES]) {
      for (const col of q.columns.filter((c) => TIME.test(c))) {
        expect(q.instantColumns ?? [], `${q.id}.${col}`).toContain(col);
        expect(q.sql, `${q.id}.${col} computed with epochMs`).toMatch(
          new RegExp(`DATE '1970-01-01'[^;]{0,220}?\\)\\s+AS\\s+${col}\\b`, 'i'),
        );
      }
      // a TIMESTAMP WITH TIME ZONE minus an interval compared with a zoneless column converts it in
      // the SESSION zone (thin: the client's): windows use the host's wall clock instead
      expect(q.sql).not.toMatch(/>\s*SYSTIMESTAMP\s*-/i);
    }
  });
});

describe('numbers that agree (the same minute in every view)', () => {
  async function sameMinute(world: DemoWorldName) {
    const c = clock();
    const gw = gateway(world, {}, c.now);
    await gw.waitEvents();
    c.advance(60_000);
    const waits = await gw.waitEvents();
    const dash = await gw.dashboard();
    const rt = await gw.realtime();
    return { waits, dash, rt, gw, c };
  }

  const fgTotal = (d: DashboardMetrics) => sum(d.waitClasses.map((w) => w.aas));
  const classMs = (w: WaitEventsSnapshot, cls: string) =>
    w.classes.find((x) => x.waitClass === cls)?.timeWaitedMsPerSec ?? 0;

  for (const world of ['non-cdb', 'rac'] as const) {
    it(`${world}: wait-class stacks + CPU = AAS = realtime AAS, and the Wait events view has the same foreground time`, async () => {
      const { waits, dash, rt } = await sameMinute(world);
      expect(fgTotal(dash)).toBeCloseTo(dash.averageActiveSessions!, 2);
      expect(rt.averageActiveSessions).toBe(dash.averageActiveSessions);
      expect(waits.intervalEnd).toBe(dash.metricEndTime);
      for (const slice of dash.waitClasses.filter((s) => s.waitClass !== 'CPU')) {
        expect(classMs(waits, slice.waitClass) / 1000, slice.waitClass).toBeCloseTo(slice.aas, 2);
      }
      // background processes are shown apart, in both views
      const bgIo = dash.backgroundWaitClasses.find((b) => b.waitClass === 'System I/O')!;
      expect(bgIo.aas).toBeGreaterThan(0);
      const io = waits.classes.find((x) => x.waitClass === 'System I/O')!;
      expect(io.backgroundMsPerSec / 1000).toBeCloseTo(bgIo.aas, 2);
      expect(dash.backgroundCpuPerSec).toBeGreaterThan(0);
    });
  }

  it("in a PDB the Wait events view is the PDB's own: its foreground time + the PDB's CPU = the PDB's AAS", async () => {
    const { waits, dash, rt } = await sameMinute('pdb');
    expect(waits.scope).toBe('pdb');
    const fgSec = sum(waits.classes.map((c) => c.timeWaitedMsPerSec)) / 1000;
    expect(fgSec + dash.dbCpuPerSec!).toBeCloseTo(dash.averageActiveSessions!, 2);
    expect(rt.averageActiveSessions).toBe(dash.averageActiveSessions);
    // background processes belong to the CDB, not to a PDB
    expect(sum(waits.classes.map((c) => c.backgroundMsPerSec))).toBe(0);
  });

  it('in a PDB the (CDB-wide) stacks add up to the whole CDB, labelled so', async () => {
    const { dash } = await sameMinute('pdb');
    const c = clock();
    const root = gateway('root', {}, c.now);
    c.advance(60_000);
    const cdb = await root.dashboard();
    expect(dash.scopes.waitClasses).toBe('cdb');
    expect(fgTotal(dash)).toBeCloseTo(cdb.averageActiveSessions!, 2);
    expect(fgTotal(dash)).toBeGreaterThan(dash.averageActiveSessions! + 0.5);
  });

  it('"Avg wait" of the interval and since startup are different quantities', async () => {
    const { waits } = await sameMinute('non-cdb');
    const seq = waits.events.find((e) => e.event === 'db file sequential read')!;
    expect(seq.avgWaitMs).not.toBeNull();
    expect(seq.avgWaitMsSinceStartup).not.toBeNull();
    expect(Math.abs(seq.avgWaitMs! - seq.avgWaitMsSinceStartup!)).toBeGreaterThan(0.005);
    expect(seq.avgWaitMs).toBeCloseTo(seq.timeWaitedMsPerSec / seq.waitsPerSec, 2);
    expect(seq.avgWaitMsSinceStartup).toBeCloseTo(seq.totalTimeWaitedMs / seq.totalWaits, 3);
  });
});

describe('demo worlds are switchable', () => {
  it('answers every catalog statement with exactly its columns in every world', () => {
    for (const world of ['pdb', 'root', 'root-limited', 'rac', 'pdb-rac', 'non-cdb'] as const) {
      const db = new DemoDatabase({
        seed: 3,
        sessionCount: 60,
        now: () => T0,
        topology: resolveTopology(world),
      });
      const binds: Record<string, string | number> = {
        consoleModule: CONSOLE_MODULE,
        maxRows: 5,
        sqlId: db.sqlIds()[0]!,
        owner: 'SALES',
        tableName: 'ORDERS',
        minutes: 5,
      };
      for (const q of [...ALL_QUERIES, ...DIAGNOSTICS_PACK_QUERIES]) {
        const rows = db.run(q, Object.fromEntries(q.binds.map((b) => [b, binds[b]!])));
        for (const row of rows) expect(Object.keys(row), `${world} ${q.id}`).toEqual([...q.columns]);
      }
    }
  });

  it('the host zone differs from the console by default', () => {
    expect(resolveTopology('pdb', { clientUtcOffsetMin: 0 }).hostUtcOffsetMin).not.toBe(0);
    expect(resolveTopology('pdb', { clientUtcOffsetMin: 540 }).hostUtcOffsetMin).not.toBe(540);
  });
});

describe('hooks for the least-privilege and driver-error worlds', () => {
  it('a denied view raises ORA-00942 where Oracle does, and an injected error reaches the classifier', async () => {
    const gw = new DemoGateway({
      latencyScale: 0,
      now: () => T0,
      hooks: {
        deniedViews: new Set(['GV$LOCK']),
        errorFor: (q) =>
          q.id === 'sql.sqlstats'
            ? Object.assign(new Error('ORA-01031: insufficient privileges'), {
                code: 'ORA-01031',
                errorNum: 1031,
              })
            : null,
      },
    });
    await expect(gw.locks()).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      message: expect.stringContaining('GV_$LOCK'),
    });
    await expect(gw.sqlDetail(gw.database.sqlIds()[0]!)).rejects.toMatchObject({ code: 'ORACLE_PRIVILEGE' });
    expect((await gw.sessions()).sessions.length).toBe(320);
  });
});

describe('identity without the optional grants', () => {
  it('without GV$INSTANCE and V$CONTAINERS the views still answer, with what USERENV says', async () => {
    const gw = new DemoGateway({
      latencyScale: 0,
      now: () => T0,
      world: 'pdb',
      hooks: { deniedViews: new Set(['GV$INSTANCE', 'V$CONTAINERS']) },
    });
    const h = await gw.health();
    expect(h.identity.instances.map((i) => i.instId)).toEqual([1]);
    expect(h.identity.visibleContainers.map((c) => c.name)).toEqual(['SALESPDB']);
    expect((await gw.dashboard()).scopes.averageActiveSessions).toBe('pdb');
  });
});

describe('identity without V$INSTANCE / V$DATABASE', () => {
  it('falls back to USERENV and the clock: the views still answer with their scopes', async () => {
    const gw = new DemoGateway({
      latencyScale: 0,
      now: () => T0,
      world: 'pdb',
      hooks: { deniedViews: new Set(['V$INSTANCE', 'V$DATABASE']) },
    });
    const d = await gw.dashboard();
    expect(d.scopes.averageActiveSessions).toBe('pdb');
    expect((await gw.sessions()).sessions.length).toBe(320);
    await expect(gw.health()).rejects.toMatchObject({ code: 'ORACLE_PRIVILEGE' });
  });
});

describe('the database clock ahead of the console', () => {
  it('measures the skew and keeps the database instants (windows end on the database clock)', async () => {
    const gw = gateway('non-cdb', { dbClockSkewMs: 3_600_000 });
    const h = await gw.health();
    expect(h.clock.dbNow).toBe(T0 + 3_600_000);
    expect(h.clock.skewMs).toBe(-3_600_000);
    const day = await gw.trend('24h');
    expect(day.points.at(-1)!.t).toBe(T0 + 3_600_000);
    expect(day.points[0]!.t).toBeGreaterThanOrEqual(T0 + 3_600_000 - 86_400_000);
    expect((await gw.dashboard()).metricEndTime).toBe(T0 + 3_600_000);
  });
});
