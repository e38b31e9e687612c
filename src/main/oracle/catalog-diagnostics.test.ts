/**
 * Issue 17: the alert log and long operations — SQL shape, binds and views; the demo's model in every
 * world (PDB, root, RAC, non-CDB), on the database clock with the host in another zone; missing grants.
 */
import { TmsError } from '@shared/errors';
import { extractOraCodes } from '@shared/types/alert-log';
import { describe, expect, it } from 'vitest';
import { ALERT_LOG, ALERT_LOG_RAC, DIAGNOSTICS_QUERIES, LONG_OPS, tstzEpochMs } from './catalog-diagnostics';
import { DemoGateway } from './demo/demo-gateway';
import type { DemoPrivilegeLevel } from './demo/privileges';
import type { DemoTopology, DemoWorldName } from './demo/world/topology';
import { minimalGrants } from './grant-script';

/** 09:30:00 UTC */
const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
const MIN = 60_000;

function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function gateway(
  world: DemoWorldName,
  now: () => number = () => T0,
  topology: Partial<DemoTopology> = {},
  privileges: DemoPrivilegeLevel = 'full',
) {
  return new DemoGateway({
    latencyScale: 0,
    now,
    world,
    privileges,
    topology: { clientUtcOffsetMin: 0, ...topology },
  });
}

describe('alert log SQL', () => {
  it('filters by time first against SYSTIMESTAMP (zoned), bounds the rows, and computes the instant in SQL', () => {
    for (const q of [ALERT_LOG, ALERT_LOG_RAC]) {
      expect(q.binds).toEqual(['minutes', 'maxRows']);
      expect(q.views).toEqual(['V$DIAG_ALERT_EXT']);
      expect(q.instantColumns).toEqual(['ORIGINATING_TIME']);
      expect(q.sql).toContain("a.originating_timestamp > SYSTIMESTAMP - NUMTODSINTERVAL(:minutes, 'MINUTE')");
      expect(q.sql).not.toMatch(/SYSDATE/);
      expect(q.sql).toContain('FETCH FIRST :maxRows ROWS ONLY');
      expect(q.sql).toContain('SYS_EXTRACT_UTC(a.originating_timestamp)');
      // never a raw timestamp to the driver
      expect(q.sql).not.toMatch(/SELECT[^;]*\ba\.originating_timestamp\s*,/);
    }
    // there is no GV$DIAG_ALERT_EXT: RAC goes through the GV$ table function
    expect(ALERT_LOG_RAC.sql).toContain('TABLE(GV$(CURSOR(');
    expect(ALERT_LOG.sql).not.toContain('GV$(');
  });

  it('the instant expression keeps milliseconds (no DATE cast)', () => {
    const e = tstzEpochMs('x.ts');
    expect(e).toContain("TIMESTAMP '1970-01-01 00:00:00'");
    expect(e).toContain('ROUND(EXTRACT(SECOND');
    expect(e).not.toContain('AS DATE');
  });

  it('long ops: GV$, instants for START_TIME and LAST_UPDATE_TIME, in-progress or recently finished', () => {
    expect(LONG_OPS.views).toEqual(['GV$SESSION_LONGOPS', 'GV$SESSION']);
    expect(LONG_OPS.binds).toEqual(['recentMinutes', 'maxRows']);
    expect(LONG_OPS.instantColumns).toEqual(['START_TIME', 'LAST_UPDATE_TIME']);
    expect(LONG_OPS.sql).toContain('l.sofar < l.totalwork');
    expect(LONG_OPS.sql).toContain('l.last_update_time >= SYSDATE - :recentMinutes / 1440');
    expect(LONG_OPS.sql).not.toMatch(/SELECT[^;]*\bl\.start_time\s*,/);
  });

  it('every statement is in the grant script', () => {
    const grants = minimalGrants('TMS_MONITOR').join('\n');
    expect(grants).toContain('SYS.V_$DIAG_ALERT_EXT');
    expect(grants).toContain('SYS.GV_$SESSION_LONGOPS');
    expect(DIAGNOSTICS_QUERIES.length).toBe(3);
  });

  it('extracts ORA- codes, normalised to five digits', () => {
    expect(extractOraCodes('ORA-1652: unable to extend temp segment')).toEqual(['ORA-01652']);
    expect(extractOraCodes('ORA-00604: error at level 1\nORA-01555 x ORA-604')).toEqual([
      'ORA-00604',
      'ORA-01555',
    ]);
    expect(extractOraCodes('Thread 1 advanced to log sequence 5')).toEqual([]);
  });
});

describe('alert log in the demo worlds', () => {
  it('PDB: only the PDB’s own messages (CON_ID 3), newest first, inside the window', async () => {
    const gw = gateway('pdb');
    const snap = await gw.alertLog(1440);
    expect(snap.scope).toBe('pdb');
    expect(snap.instanceScope).toBe('instance');
    expect(snap.minutes).toBe(1440);
    expect(snap.entries.length).toBeGreaterThan(20);
    expect(new Set(snap.entries.map((e) => e.conId))).toEqual(new Set([3]));
    expect(snap.entries.every((e) => e.containerName === 'SALESPDB')).toBe(true);
    // no log switch in a PDB's view: those are CDB$ROOT's
    expect(snap.entries.some((e) => /advanced to log sequence/.test(e.text))).toBe(false);
    for (let i = 1; i < snap.entries.length; i++)
      expect(snap.entries[i - 1]!.time).toBeGreaterThanOrEqual(snap.entries[i]!.time);
    expect(snap.entries.every((e) => e.time > T0 - 1440 * MIN && e.time <= T0)).toBe(true);
    const codes = new Set(snap.entries.flatMap((e) => e.oraCodes));
    expect(codes).toContain('ORA-01555');
    expect(codes).toContain('ORA-00060');
    expect(codes).toContain('ORA-01652');
  });

  it('the 60-minute window always holds something in the PDB (e2e relies on it)', async () => {
    for (let h = 0; h < 48; h++) {
      const snap = await gateway('pdb', () => T0 + h * 3_600_000 + h * 7 * MIN).alertLog(60);
      expect(snap.entries.length).toBeGreaterThan(0);
    }
  });

  it('times are instants: the maintenance window opens at 22:00 HOST time whatever the console zone', async () => {
    for (const hostUtcOffsetMin of [540, -300, 0]) {
      const snap = await gateway('pdb', () => T0, { hostUtcOffsetMin }).alertLog(1440);
      const open = snap.entries.find((e) => e.text.includes('DEFAULT_MAINTENANCE_PLAN'));
      expect(open).toBeDefined();
      const hostMinuteOfDay =
        (((open!.time + hostUtcOffsetMin * MIN) % 86_400_000) + 86_400_000) % 86_400_000;
      expect(Math.floor(hostMinuteOfDay / MIN)).toBe(22 * 60);
    }
  });

  it('root: CDB$ROOT’s log switches and checkpoints, and every PDB’s messages, each named', async () => {
    const snap = await gateway('root').alertLog(1440);
    expect(snap.scope).toBe('cdb');
    const cons = new Set(snap.entries.map((e) => e.conId));
    expect(cons).toEqual(new Set([1, 3, 4]));
    const sw = snap.entries.find((e) => /advanced to log sequence/.test(e.text));
    expect(sw).toMatchObject({ conId: 1, containerName: 'CDB$ROOT', level: 16 });
    const ckpt = snap.entries.find((e) => e.text === 'Checkpoint not complete');
    expect(ckpt).toMatchObject({ level: 8, type: 4 });
    // root without CONTAINER_DATA: the root's own only
    const limited = await gateway('root-limited').alertLog(1440);
    expect(new Set(limited.entries.map((e) => e.conId))).toEqual(new Set([1]));
  });

  it('RAC: both instances’ alert logs, each entry naming its instance', async () => {
    const snap = await gateway('rac').alertLog(240);
    expect(snap.instanceScope).toBe('cluster');
    expect(snap.scope).toBe('database');
    expect(snap.instances).toEqual([1, 2]);
    expect(new Set(snap.entries.map((e) => e.instId))).toEqual(new Set([1, 2]));
    expect(snap.entries.some((e) => /^Thread 2 advanced/.test(e.text) && e.instId === 2)).toBe(true);
    expect(snap.entries.every((e) => e.conId === 0)).toBe(true);
  });

  it('startup lines at STARTUP_TIME; the row bound marks the snapshot truncated', async () => {
    const gw = gateway('non-cdb');
    const h = await gw.health();
    const startup = h.identity!.instances[0]!.startupTime!;
    const rows = gw.database.run(ALERT_LOG, { minutes: Math.ceil((T0 - startup) / MIN) + 10, maxRows: 5000 });
    const first = rows.at(-1)!;
    expect(first.MESSAGE_TEXT).toMatch(/^Starting ORACLE instance \(normal\)/);
    expect(first.ORIGINATING_TIME).toBe(startup);
    const few = gw.database.run(ALERT_LOG, { minutes: 1440, maxRows: 3 });
    expect(few.length).toBe(3);
  });

  it('refuses a window that is not whitelisted', async () => {
    await expect(gateway('pdb').alertLog(30)).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('bare account: the missing grant is named', async () => {
    const err = await gateway('pdb', () => T0, {}, 'bare')
      .alertLog(60)
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect(err).toMatchObject({ code: 'ORACLE_PRIVILEGE' });
    expect(JSON.stringify((err as TmsError).details)).toContain('GRANT SELECT ON SYS.V_$DIAG_ALERT_EXT');
    // the least grants (README) cover it
    await expect(gateway('pdb', () => T0, {}, 'least').alertLog(60)).resolves.toBeDefined();
  });
});

describe('long operations in the demo worlds', () => {
  it('runs on real sessions of the world, with real SQL_IDs, and progresses with the clock', async () => {
    const c = clock();
    const gw = gateway('pdb', c.now);
    const a = await gw.longOps();
    expect(a.scope).toBe('pdb');
    const names = a.ops.map((o) => o.opname);
    expect(names).toContain('RMAN: incremental datafile backup');
    expect(names).toContain('Gather Schema Statistics');
    expect(names).toContain('Table Scan');
    const { sessions } = await gw.sessions();
    for (const o of a.ops) {
      const s = sessions.find((x) => x.sid === o.sid && x.instId === o.instId);
      expect(s).toBeDefined();
      expect(s!.serial).toBe(o.serial);
      expect(s!.username).toBe(o.username);
    }
    const scan = a.ops.find((o) => o.opname === 'Table Scan' && o.target === 'SALES.SALES_HISTORY')!;
    expect(gw.database.sqlIds()).toContain(scan.sqlId);
    expect(scan.units).toBe('Blocks');
    expect(scan.pctDone).toBeGreaterThan(0);
    expect(scan.timeRemainingSec).toBeGreaterThan(0);
    expect(scan.startTime).toBe(Math.floor((T0 - scan.elapsedSec! * 1000) / 1000) * 1000);
    c.advance(60_000);
    const b = await gw.longOps();
    const scan2 = b.ops.find((o) => o.opname === 'Table Scan' && o.target === 'SALES.SALES_HISTORY')!;
    expect(scan2.sofar).toBeGreaterThan(scan.sofar);
    expect(scan2.elapsedSec).toBe(scan.elapsedSec! + 60);
    expect(scan2.startTime).toBe(scan.startTime);
  });

  it('an index build: the finished Table Scan stays a few minutes (done) while its Sort Output runs', async () => {
    const c = clock();
    const gw = gateway('pdb', c.now);
    // at T0 the build is 11.5 of its 23 minutes in: the 14-minute scan ends 2.5 min later
    const before = await gw.longOps();
    expect(before.ops.find((o) => o.target === 'SALES.CUSTOMERS')?.done).toBe(false);
    c.advance(3 * MIN);
    const snap = await gw.longOps();
    const scan = snap.ops.find((o) => o.target === 'SALES.CUSTOMERS');
    const sort = snap.ops.find((o) => o.opname === 'Sort Output');
    expect(scan).toMatchObject({ done: true, pctDone: 100, timeRemainingSec: null });
    expect(sort?.done).toBe(false);
    expect(sort!.sid).toBe(scan!.sid);
    // in-progress rows come first
    const firstDone = snap.ops.findIndex((o) => o.done);
    expect(snap.ops.slice(firstDone).every((o) => o.done)).toBe(true);
    // after the recent window the finished scan is gone
    c.advance(6 * MIN);
    const later = await gw.longOps();
    expect(later.ops.some((o) => o.target === 'SALES.CUSTOMERS')).toBe(false);
  });

  it('RAC: operations carry their session’s instance; root sees the PDB’s; the killed session’s op goes', async () => {
    const rac = await gateway('rac').longOps();
    expect(rac.instanceScope).toBe('cluster');
    expect(rac.ops.every((o) => o.instId === 1 || o.instId === 2)).toBe(true);
    const root = await gateway('root').longOps();
    expect(root.scope).toBe('cdb');
    expect(root.ops.every((o) => o.conId === 3)).toBe(true);
    expect((await gateway('root-limited').longOps()).ops).toEqual([]);
    const gw = gateway('pdb');
    const op = (await gw.longOps()).ops.find((o) => !o.done)!;
    await gw.killSession(op.sid, op.serial, op.instId);
    expect((await gw.longOps()).ops.some((o) => o.sid === op.sid && o.instId === op.instId)).toBe(false);
  });

  it('bare account: ORA-00942 becomes the grant to run', async () => {
    const err = await gateway('pdb', () => T0, {}, 'bare')
      .longOps()
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'ORACLE_PRIVILEGE' });
    expect(JSON.stringify((err as TmsError).details)).toContain('GV_$SESSION_LONGOPS');
  });
});
