/**
 * The real-Oracle suite (`npm run test:oracle`, issue 13 point 9): against the database named by
 * ORACLE_TEST_CONNECT_STRING / ORACLE_TEST_USER / ORACLE_TEST_PASSWORD (optional ORACLE_TEST_CONFIG_DIR,
 * ORACLE_TEST_DIAGNOSTICS_PACK=1 to include the ASH statements on a licensed database). It
 *  - runs the gateway contract (gateway.contract.ts);
 *  - runs every catalog statement once and checks the columns Oracle returns are exactly the ones the
 *    catalog declares and the mappers read (from the result metadata, so an empty view still counts);
 *  - kills a session it created itself, by the connection's kill method, with '@inst_id';
 *  - checks the times the console shows against the database's SYSTIMESTAMP.
 * Without the variables it skips, printing why. README "Real Oracle on a Mac" starts one.
 */

import * as oracledbModule from 'oracledb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_QUERIES, type CatalogQuery, DIAGNOSTICS_PACK_QUERIES } from './catalog';
import { PRIVILEGE_QUERIES } from './catalog-privileges';
import { CONSOLE_MODULE, type OracleConnectParams } from './gateway';
import { registerGatewayContract } from './gateway.contract';
import { OracledbGateway } from './oracledb-gateway';

const oracledb: typeof oracledbModule =
  (oracledbModule as unknown as { default?: typeof oracledbModule }).default ?? oracledbModule;

const env = process.env;
const connectString = env.ORACLE_TEST_CONNECT_STRING;
const user = env.ORACLE_TEST_USER;
const password = env.ORACLE_TEST_PASSWORD;

const params = (): OracleConnectParams => ({
  connectString: connectString!,
  user: user!,
  password: () => password!,
  ...(env.ORACLE_TEST_CONFIG_DIR ? { configDir: env.ORACLE_TEST_CONFIG_DIR } : {}),
  connectTimeoutSec: 10,
  diagnosticsPackLicensed: env.ORACLE_TEST_DIAGNOSTICS_PACK === '1',
});

const standalone = () =>
  oracledb.getConnection({
    user: user!,
    password: password!,
    connectString: connectString!,
    ...(env.ORACLE_TEST_CONFIG_DIR ? { configDir: env.ORACLE_TEST_CONFIG_DIR } : {}),
  });

/** The database's clock as epoch ms, computed in SQL (no driver date conversion involved). */
const DB_NOW_SQL = `SELECT ROUND((CAST(SYS_EXTRACT_UTC(SYSTIMESTAMP) AS DATE) - DATE '1970-01-01') * 86400000) AS now_ms FROM dual`;
async function dbNow(conn: oracledbModule.Connection): Promise<number> {
  const r = await conn.execute<{ NOW_MS: number }>(DB_NOW_SQL, {}, { outFormat: oracledb.OUT_FORMAT_OBJECT });
  return Number(r.rows?.[0]?.NOW_MS);
}

if (connectString && user && password) {
  registerGatewayContract(`real Oracle (${connectString})`, () => new OracledbGateway(params()), {
    expectData: false,
  });

  describe(`real Oracle (${connectString}): every catalog statement, columns, kill, clock`, () => {
    let conn: oracledbModule.Connection;
    let gw: OracledbGateway;
    beforeAll(async () => {
      conn = await standalone();
      gw = new OracledbGateway(params());
    });
    afterAll(async () => {
      await conn?.close().catch(() => {});
      await gw?.close();
    });

    const statements: CatalogQuery[] = [
      ...ALL_QUERIES,
      ...PRIVILEGE_QUERIES,
      ...(env.ORACLE_TEST_DIAGNOSTICS_PACK === '1' ? DIAGNOSTICS_PACK_QUERIES : []),
    ];

    it.each(statements.map((q) => [q.id, q] as const))(
      '%s runs and returns exactly its declared columns',
      async (_id, q) => {
        const some: Record<string, string | number> = {
          consoleModule: CONSOLE_MODULE,
          maxRows: 5,
          sqlId: '0000000000000',
          owner: user!.toUpperCase(),
          tableName: 'DUAL',
          objectName: 'DBMS_XPLAN',
          procedureName: 'DISPLAY_CURSOR',
          minutes: 5,
        };
        const binds = Object.fromEntries(q.binds.map((b) => [b, some[b]!]));
        try {
          const r = await conn.execute(q.sql, binds, { outFormat: oracledb.OUT_FORMAT_OBJECT, maxRows: 5 });
          expect((r.metaData ?? []).map((m) => m.name)).toEqual([...q.columns]);
        } catch (err) {
          // a grant the test account lacks is reported by the console, not a catalog bug: say which
          const code = (err as { code?: string }).code;
          if (code === 'ORA-00942' || code === 'ORA-01031') {
            console.log(`${q.id}: ${code} for ${user} — grant: ${q.views.join(', ')}`);
            return;
          }
          throw err;
        }
      },
    );

    it('the times the console shows agree with SYSTIMESTAMP', async () => {
      const before = await dbNow(conn);
      const health = await gw.health();
      const dash = await gw.dashboard();
      const after = await dbNow(conn);
      // startup + uptime = now, on the database's clock (a zone shift would be hours off)
      expect(Math.abs(health.startupTime + health.uptimeSec * 1000 - before)).toBeLessThan(5_000);
      if (dash.metricEndTime !== null) {
        expect(dash.metricEndTime).toBeLessThanOrEqual(after + 5_000);
        expect(dash.metricEndTime).toBeGreaterThan(before - 3 * 60_000);
      }
    });

    it('kills a session it created itself, and shows its logon time on the database clock', async () => {
      const createdAt = await dbNow(conn);
      const victim = await standalone();
      try {
        await victim.execute(`BEGIN DBMS_APPLICATION_INFO.SET_MODULE('tms-contract-victim', NULL); END;`);
        const me = await victim.execute<{ SID: number; SERIAL: number; INST: number }>(
          `SELECT s.sid, s.serial# AS serial, SYS_CONTEXT('USERENV', 'INSTANCE') AS inst
           FROM v$session s WHERE s.sid = SYS_CONTEXT('USERENV', 'SID')`,
          {},
          { outFormat: oracledb.OUT_FORMAT_OBJECT },
        );
        const row = me.rows![0]!;
        const sid = Number(row.SID);
        const serial = Number(row.SERIAL);
        const inst = Number(row.INST);
        const listed = (await gw.sessions()).sessions.find((s) => s.sid === sid && s.serial === serial);
        if (listed) {
          expect(listed.logonTime).toBeGreaterThanOrEqual(createdAt - 5_000);
          expect(listed.logonTime).toBeLessThanOrEqual((await dbNow(conn)) + 5_000);
        }
        const outcome = await gw.killSession(sid, serial, inst).catch((e: unknown) => e);
        if (outcome instanceof Error) {
          // without the kill privilege the console must name the grant (and the victim lives on)
          expect(outcome).toMatchObject({ code: 'ORACLE_PRIVILEGE', details: { grant: expect.any(String) } });
          console.log(`kill not tested end to end: ${outcome.message}`);
          return;
        }
        expect(['killed', 'marked']).toContain((outcome as { outcome: string }).outcome);
        // the driver reports the victim's next call as a closed connection (ORA-00028 -> NJS-500)
        const next = await victim.execute('SELECT 1 FROM dual').catch((e: unknown) => e);
        expect(next).toBeInstanceOf(Error);
      } finally {
        await victim.close().catch(() => {});
      }
    });
  });
} else {
  const reason =
    'real-Oracle suite skipped: set ORACLE_TEST_CONNECT_STRING, ORACLE_TEST_USER and ORACLE_TEST_PASSWORD ' +
    '(README "Real Oracle on a Mac": Oracle Database Free in a container + the monitoring grant script) to run it';
  console.log(reason);
  describe.skip('real Oracle', () => {
    it(reason, () => {});
  });
}
