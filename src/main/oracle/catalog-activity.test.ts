import { describe, expect, it } from 'vitest';
import { ACTIVITY_QUERIES, ACTIVITY_SAMPLE, SQLSTATS_SNAPSHOT } from './catalog-activity';
import { COLUMNS_CATALOG } from './columns-catalog';
import { DemoGateway } from './demo/demo-gateway';
import { CYCLE_MS, castOf, PHASES } from './demo/views/activity-scenarios';
import { analyzeSql } from './sql-columns';

/**
 * Columns the sampler reads that the shared columns catalog does not list yet (Oracle Database
 * Reference 19c, V$SESSION / GV$ views / DBA_OBJECTS / V$PARAMETER; verify against the 19c page).
 */
const EXTRA: Record<string, readonly string[]> = {
  V$SESSION: [
    'SQL_EXEC_ID',
    'FINAL_BLOCKING_SESSION_STATUS',
    'FINAL_BLOCKING_INSTANCE',
    'FINAL_BLOCKING_SESSION',
    'WAIT_TIME_MICRO',
  ],
  GV$SESSION: ['INST_ID'],
  GV$INSTANCE: ['INST_ID', 'STATUS'],
  V$PARAMETER: ['NAME', 'VALUE'],
  DBA_OBJECTS: ['OBJECT_ID', 'OWNER', 'OBJECT_NAME', 'OBJECT_TYPE'],
  DUAL: ['DUMMY'],
};
const columnsOf = (view: string): readonly string[] => {
  const base = view.startsWith('GV$') ? COLUMNS_CATALOG[view.slice(1)] : COLUMNS_CATALOG[view];
  return [
    ...(base?.columns ?? []),
    ...(EXTRA[view] ?? []),
    ...(view.startsWith('GV$') ? (EXTRA[view.slice(1)] ?? []) : []),
  ];
};
const SQL_FUNCTIONS = new Set(['CAST', 'SYS_EXTRACT_UTC']);
const LICENSED =
  /ACTIVE_SESSION_HISTORY|DBA_HIST_|V\$SQL_MONITOR|DBMS_WORKLOAD_REPOSITORY|DBMS_PERF|DISPLAY_AWR/i;

describe('activity statements', () => {
  it.each(ACTIVITY_QUERIES.map((q) => [q.id, q] as const))(
    '%s declares its output columns and binds, and names only documented columns',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect(shape.binds.sort()).toEqual([...q.binds].sort());
      for (const [alias, column] of shape.references) {
        const view = shape.aliases.get(alias);
        expect(view, `alias ${alias}`).toBeDefined();
        expect(columnsOf(view!), `${view}.${column}`).toContain(column);
      }
      expect(shape.unqualified.filter((u) => !SQL_FUNCTIONS.has(u))).toEqual([]);
      expect(q.sql).not.toMatch(LICENSED);
    },
  );

  it('samples active, non-idle sessions only, never itself, and binds nothing it assembles', () => {
    expect(ACTIVITY_SAMPLE.sql).toMatch(/s\.status = 'ACTIVE'/);
    expect(ACTIVITY_SAMPLE.sql).toMatch(/s\.wait_class <> 'Idle'/);
    expect(ACTIVITY_SAMPLE.sql).toMatch(/s\.sid <> TO_NUMBER\(SYS_CONTEXT\('USERENV', 'SID'\)\)/);
    expect(SQLSTATS_SNAPSHOT.sql).toMatch(/FETCH FIRST :maxRows ROWS ONLY/);
  });
});

describe('demo answers to the sampler', () => {
  const at = (phaseMs: number) => Math.floor(Date.UTC(2026, 11, 2, 3, 0, 0) / CYCLE_MS) * CYCLE_MS + phaseMs;
  const gatewayAt = (t: number) => {
    let now = t;
    const g = new DemoGateway({ latencyScale: 0, now: () => now });
    return { g, set: (x: number) => (now = x) };
  };

  it('answers every activity statement with exactly its columns', async () => {
    const { g } = gatewayAt(at(PHASES.blocking[0] + 30_000));
    const db = g.database;
    for (const q of ACTIVITY_QUERIES) {
      const binds: Record<string, string | number> = {};
      for (const b of q.binds) binds[b] = b === 'maxRows' ? 50 : b.startsWith('o') ? 1 : db.sqlIds()[0]!;
      const rows = db.run(q, binds);
      for (const r of rows) expect(Object.keys(r).sort()).toEqual([...q.columns].sort());
    }
  });

  it('a sample carries the database second and the sessions that are active', async () => {
    const t = at(60_000) + 123;
    const { g } = gatewayAt(t);
    const s = await g.activitySample();
    expect(s.t).toBe(Math.floor(t / 1000) * 1000);
    expect(s.rows.length).toBeGreaterThan(3);
    for (const r of s.rows) expect(r.state === 'ON CPU' || r.waitClass !== 'Idle').toBe(true);
    expect(g.queryCounts()['activity-sample']).toBe(1);
  });

  it('shows a CPU burst, an I/O batch, a blocking episode that clears and a plan that changes', async () => {
    const { g, set } = gatewayAt(at(0));
    const cast = castOf(g.database.world);
    const read = async (phaseMs: number) => {
      set(at(phaseMs));
      return (await g.activitySample()).rows;
    };
    const quiet = await read(60_000);
    const burst = await read(3 * 60_000);
    const onCpu = (rows: typeof quiet) =>
      rows.filter((r) => r.state === 'ON CPU' && r.sqlId === cast.burstSql!.sqlId).length;
    expect(onCpu(burst)).toBeGreaterThanOrEqual(12);
    expect(onCpu(quiet)).toBeLessThan(12);

    const batch = await read(8 * 60_000);
    expect(
      batch.filter((r) => r.module === 'NIGHTLY_ETL' && r.waitClass === 'User I/O').length,
    ).toBeGreaterThan(2);

    const blocked = await read(PHASES.blocking[0] + 70_000);
    const waiters = blocked.filter(
      (r) => r.event === 'enq: TX - row lock contention' && r.blockingSession === cast.blocker!.sid,
    );
    expect(waiters.length).toBeGreaterThanOrEqual(7);
    expect(waiters.every((r) => r.finalBlockingSession === cast.blocker!.sid && r.currentObj !== null)).toBe(
      true,
    );
    const cleared = await read(PHASES.blocking[1] + 5_000);
    expect(cleared.some((r) => r.blockingSession === cast.blocker!.sid)).toBe(false);

    const good = (await read(5 * 60_000)).filter((r) => r.sqlId === cast.slowSql!.sqlId);
    const bad = (await read(17 * 60_000)).filter((r) => r.sqlId === cast.slowSql!.sqlId);
    expect(bad.length).toBeGreaterThan(good.length);
    const plans = (rows: typeof bad) => new Set(rows.map((r) => r.planHashValue));
    expect(bad.length).toBeGreaterThan(0);
    const castSids = new Set(cast.slow.map((s) => s.sid));
    const badPlans = plans(bad.filter((r) => castSids.has(r.sid)));
    expect(badPlans.size).toBe(1);
    expect(plans(good).has([...badPlans][0]!)).toBe(false);
  });

  it('V$SQLSTATS snapshots grow, and the plan-change query grows faster while on its bad plan', async () => {
    const { g, set } = gatewayAt(at(0));
    const slow = castOf(g.database.world).slowSql!.sqlId;
    const elapsed = async (phaseMs: number) => {
      set(at(phaseMs));
      const snap = await g.sqlStatsSnapshot(500);
      return snap.rows.find((r) => r.sqlId === slow)!.elapsedUs;
    };
    const e0 = await elapsed(1 * 60_000);
    const e1 = await elapsed(6 * 60_000);
    const e2 = await elapsed(11 * 60_000);
    const e3 = await elapsed(16 * 60_000);
    expect(e1).toBeGreaterThanOrEqual(e0);
    expect(e3 - e2).toBeGreaterThan((e1 - e0) * 2);
  });
});
