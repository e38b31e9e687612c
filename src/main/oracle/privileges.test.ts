/**
 * Least privilege (issue 13 point 4) and the Diagnostics Pack gate (point 7) on the demo's privilege
 * worlds, whose errors are the driver's own (driver-errors.ts): the schema browser falls back from
 * DBA_* to ALL_* and says so, kill names the grant of its path, "check privileges" lists what is off
 * and why, and the pack opt-in follows CONTROL_MANAGEMENT_PACK_ACCESS.
 */
import { RESULT_FORMATS } from '@shared/contract/results';
import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { PRIVILEGE_QUERIES } from './catalog-privileges';
import { COLUMNS_CATALOG } from './columns-catalog';
import { DemoGateway } from './demo/demo-gateway';
import type { DemoParams } from './gateway';
import { xplanPrivilegeError } from './privilege-check';
import { analyzeSql } from './sql-columns';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
const demo = (p: DemoParams = {}) => {
  let now = T0;
  const gw = new DemoGateway({ seed: 3, sessionCount: 60, latencyScale: 0, now: () => now, ...p });
  return { gw, advance: (ms: number) => (now += ms) };
};

describe('privilege statements', () => {
  it.each(PRIVILEGE_QUERIES.map((q) => [q.id, q] as const))(
    '%s names documented columns, declares its output',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      for (const view of shape.aliases.values()) {
        if (view !== 'DERIVED') expect(COLUMNS_CATALOG, view).toHaveProperty([view]);
      }
      for (const [alias, column] of shape.references) {
        const view = shape.aliases.get(alias)!;
        if (view !== 'DERIVED') expect(COLUMNS_CATALOG[view]!.columns, `${view}.${column}`).toContain(column);
      }
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect(shape.binds.sort()).toEqual([...q.binds].sort());
    },
  );
});

describe('schema browser: DBA_* when readable, ALL_* with a flag otherwise', () => {
  it('full grants: DBA_* and every schema', async () => {
    const { gw } = demo();
    const schemas = await gw.schemas();
    expect(schemas.dictionary).toBe('dba');
    const tables = await gw.tables('SALES');
    expect(tables.dictionary).toBe('dba');
    expect(tables.rows.length).toBeGreaterThan(0);
    expect((await gw.ddlWatermark()).token).toMatch(/^dba:/);
  });

  it('least privilege: ORA-00942 on DBA_* -> ALL_*, which lists only objects the account can access', async () => {
    const { gw } = demo({ privileges: 'least' });
    const schemas = await gw.schemas();
    expect(schemas.dictionary).toBe('all');
    expect(schemas.rows.map((s) => s.username)).toContain('SALES'); // ALL_USERS lists every user
    const tables = await gw.tables('SALES');
    expect(tables).toEqual({ dictionary: 'all', rows: [] });
    expect((await gw.columns('SALES', 'ORDERS')).dictionary).toBe('all');
    expect((await gw.ddlWatermark()).token).toBe('all:none:0');
    // what Redis holds for it passes the L2 result schema (version 2: the flag travels with the rows)
    for (const [resource, value] of [
      ['schemas', schemas],
      ['tables', tables],
    ] as const) {
      expect(RESULT_FORMATS[resource].version).toBe(2);
      expect(RESULT_FORMATS[resource].schema.safeParse(JSON.parse(JSON.stringify(value))).success).toBe(true);
    }
    expect(RESULT_FORMATS.tables.schema.safeParse([]).success).toBe(false); // the old bare-array shape
  });

  it('tries DBA_* again ten minutes after falling back (a grant may have been added)', async () => {
    const { gw, advance } = demo({ privileges: 'least' });
    await gw.schemas();
    expect(gw.dictionaryScope()).toBe('all');
    advance(9 * 60_000);
    await gw.schemas();
    expect(gw.dictionaryScope()).toBe('all');
    advance(2 * 60_000);
    await gw.schemas(); // still denied: back to ALL_* for another window
    expect(gw.dictionaryScope()).toBe('all');
  });
});

describe('kill under least privilege', () => {
  it('ALTER SYSTEM without the privilege: ORA-01031 from the driver -> the grant to ask for', async () => {
    const { gw } = demo({ privileges: 'least' });
    const victim = gw.database.world.sessions.values().next().value!;
    const err = await gw.killSession(victim.sid, victim.serial).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect(err).toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { oracleCode: 'ORA-01031', grant: 'GRANT ALTER SYSTEM TO TMS_MONITOR;' },
    });
    expect(((err as TmsError).cause as { errorNum?: number }).errorNum).toBe(1031);
    expect(gw.database.sessionSerial(victim.sid)).toBe(victim.serial); // still there
  });

  it('a procedure path that does not exist names EXECUTE on it', async () => {
    const { gw } = demo({ killMethod: 'procedure:DBA_TOOLS.TMS_KILL_SESSION' });
    await expect(gw.killSession(1, 1)).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { grant: 'GRANT EXECUTE ON DBA_TOOLS.TMS_KILL_SESSION TO TMS_MONITOR;' },
    });
  });
});

describe('check privileges', () => {
  it('full: every feature on, DBA_* dictionary, kill by ALTER SYSTEM', async () => {
    const { gw } = demo();
    const r = await gw.privileges();
    expect(r.dictionary).toBe('dba');
    expect(r.roles).toEqual(['SELECT_CATALOG_ROLE']);
    expect(r.kill).toMatchObject({ method: 'alter-system', available: true });
    expect(r.features.filter((f) => f.status !== 'full').map((f) => f.feature)).toEqual(['diagnostics-pack']);
    expect(r.packAccess).toMatchObject({ value: 'DIAGNOSTIC+TUNING', diagnosticsAllowed: true });
  });

  it('least: monitoring on, schema browser limited, kill off with its grant', async () => {
    const { gw } = demo({ privileges: 'least' });
    const r = await gw.privileges();
    const by = Object.fromEntries(r.features.map((f) => [f.feature, f]));
    expect(by.dashboard?.status).toBe('full');
    expect(by.sessions?.status).toBe('full');
    expect(by['schema-browser']).toMatchObject({
      status: 'limited',
      grant: 'GRANT SELECT_CATALOG_ROLE TO TMS_MONITOR;',
    });
    expect(by['ddl-watch']?.status).toBe('limited');
    expect(by.kill).toMatchObject({ status: 'off', grant: 'GRANT ALTER SYSTEM TO TMS_MONITOR;' });
    expect((await gw.test()).canKillSessions).toBe(false);
    expect(r.views.find((v) => v.view === 'DBA_TABLES')).toEqual({
      view: 'DBA_TABLES',
      readable: false,
      grant: 'GRANT SELECT ON SYS.DBA_TABLES TO TMS_MONITOR;',
    });
  });

  it('bare (CREATE SESSION only): each feature off names the exact V_$ grants', async () => {
    const { gw } = demo({ privileges: 'bare' });
    const r = await gw.privileges();
    const sessions = r.features.find((f) => f.feature === 'sessions')!;
    expect(sessions.status).toBe('off');
    expect(sessions.missing).toContain('GV$SESSION');
    expect(sessions.grant).toContain('GRANT SELECT ON SYS.GV_$SESSION TO TMS_MONITOR;');
    expect(r.packAccess.value).toBeNull();
    expect(r.packAccess.reason).toContain('GRANT SELECT ON SYS.V_$PARAMETER TO TMS_MONITOR;');
    await expect(gw.sessions()).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      // the first view the call reads without a grant, named with its exact GRANT
      message: expect.stringMatching(/cannot read G?V\$\w+.*GRANT SELECT ON SYS\.G?V_\$\w+ TO TMS_MONITOR;/),
    });
  });
});

describe('Diagnostics Pack gate (CONTROL_MANAGEMENT_PACK_ACCESS)', () => {
  it('NONE: ASH is refused with the reason even when the connection opted in', async () => {
    const { gw } = demo({ diagnosticsPackLicensed: true, packAccess: 'NONE' });
    await expect(gw.ashActivity(10)).rejects.toMatchObject({
      code: 'UNSUPPORTED',
      message: expect.stringContaining('CONTROL_MANAGEMENT_PACK_ACCESS is NONE'),
    });
    expect(gw.queryCounts().ash).toBe(0);
  });

  it('DIAGNOSTIC: allowed, and said not to be a licence', async () => {
    const { gw } = demo({ diagnosticsPackLicensed: true, packAccess: 'DIAGNOSTIC' });
    const access = await gw.packAccess();
    expect(access).toMatchObject({ value: 'DIAGNOSTIC', diagnosticsAllowed: true });
    expect(access.reason).toMatch(/not a licence/);
    expect((await gw.ashActivity(10)).minutes).toBe(10);
  });
});

describe('DBMS_XPLAN without the grants', () => {
  it('its "User has no SELECT privilege" text becomes the grant to ask for', () => {
    const e = xplanPrivilegeError(['', 'User has no SELECT privilege on V$SQL_PLAN'], 'TMS_MONITOR');
    expect(e).toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { grant: 'GRANT SELECT ON SYS.V_$SQL_PLAN TO TMS_MONITOR;' },
    });
    expect(xplanPrivilegeError(['SQL_ID  abc, child number 0', 'Plan hash value: 1'], 'U')).toBeNull();
  });
});
