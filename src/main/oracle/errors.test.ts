import net from 'node:net';
import { TmsError } from '@shared/errors';
import oracledb from 'oracledb';
import { afterAll, describe, expect, it } from 'vitest';
import { backoffDelay, classifyOracleError, grantFor, isRetryable, withBackoff } from './errors';
import { OracledbGateway } from './oracledb-gateway';

const oraErr = (code: string, text: string) =>
  Object.assign(new Error(`${code}: ${text}`), {
    code,
    errorNum: code.startsWith('ORA-') ? Number(code.slice(4)) : undefined,
  });

/** A port nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const srv = net.createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as net.AddressInfo).port;
  await new Promise<void>((r) => srv.close(() => r()));
  return port;
}

describe('classifyOracleError: server and driver codes', () => {
  it.each([
    ['ORA-01017', 'invalid credential or not authorized; logon denied', 'ORACLE_AUTH', false],
    ['ORA-28000', 'The account is locked.', 'ORACLE_AUTH', false],
    ['ORA-28001', 'The password has expired.', 'ORACLE_AUTH', false],
    ['ORA-12541', 'Cannot connect. No listener at host db01 port 1521.', 'ORACLE_UNREACHABLE', true],
    [
      'ORA-12514',
      'Cannot connect to database. Service sales is not registered with the listener',
      'ORACLE_CONFIG',
      false,
    ],
    [
      'ORA-12505',
      'Cannot connect to database. SID ORCL is not registered with the listener',
      'ORACLE_CONFIG',
      false,
    ],
    ['ORA-12170', 'Cannot connect. TCP connect timeout of 10s', 'ORACLE_TIMEOUT', true],
    [
      'NJS-040',
      'connection request timeout. Request exceeded "queueTimeout" of 5000',
      'ORACLE_POOL_TIMEOUT',
      true,
    ],
    ['NJS-123', 'call timeout of 10000 ms exceeded', 'ORACLE_TIMEOUT', true],
    ['DPI-1067', 'call timeout of 10000 ms exceeded with ORA-3156', 'ORACLE_TIMEOUT', true],
    [
      'NJS-138',
      'connections to this database server version are not supported by node-oracledb in Thin mode',
      'ORACLE_THIN_UNSUPPORTED',
      false,
    ],
    [
      'NJS-116',
      'password verifier type 0x939 is not supported by node-oracledb in Thin mode',
      'ORACLE_THIN_UNSUPPORTED',
      false,
    ],
    [
      'NJS-517',
      'cannot connect to Oracle Database. Unable to find "sales" in /opt/tns/tnsnames.ora',
      'ORACLE_CONFIG',
      false,
    ],
    [
      'NJS-516',
      'no configuration directory set or available to search for tnsnames.ora',
      'ORACLE_CONFIG',
      false,
    ],
    ['NJS-530', 'host "db01.invalid" could not be resolved', 'ORACLE_UNREACHABLE', true],
    ['NJS-510', 'connection to host 10.0.0.9 port 1521 timed out', 'ORACLE_TIMEOUT', true],
    ['NJS-500', 'connection to the Oracle Database was broken', 'ORACLE_UNREACHABLE', true],
    ['ORA-00030', 'User session ID does not exist.', 'NOT_FOUND', false],
    ['ORA-00031', 'session marked for kill', 'CONFLICT', false],
    ['ORA-13716', 'Diagnostic Package License is needed for using this feature.', 'UNSUPPORTED', false],
    ['ORA-00904', '"FOO": invalid identifier', 'ORACLE_ERROR', false],
  ] as const)('%s -> %s', (code, text, expected, retryable) => {
    const e = classifyOracleError(oraErr(code, text));
    expect(e).toBeInstanceOf(TmsError);
    expect(e.code).toBe(expected);
    expect(e.retryable).toBe(retryable);
    expect(e.details?.oracleCode).toBe(code);
  });

  it('says repeated bad logins may lock the account, and never retries them', () => {
    const e = classifyOracleError(oraErr('ORA-01017', 'invalid credential or not authorized; logon denied'));
    expect(e.message).toMatch(/lock the account/);
    expect(isRetryable(e)).toBe(false);
  });

  it('names the grant for the view the failing query read', () => {
    const e = classifyOracleError(oraErr('ORA-00942', 'table or view does not exist'), {
      views: ['V$SESSION', 'V$PROCESS'],
      user: 'TMS_MONITOR',
    });
    expect(e.code).toBe('ORACLE_PRIVILEGE');
    expect(e.message).toContain('GRANT SELECT ON SYS.V_$SESSION TO TMS_MONITOR;');
    expect(e.message).toContain('GRANT SELECT ON SYS.V_$PROCESS TO TMS_MONITOR;');
    expect(e.message).toContain('SELECT_CATALOG_ROLE');
    expect(grantFor(['DBMS_XPLAN.DISPLAY_CURSOR'], 'U')).toMatch(/^GRANT SELECT_CATALOG_ROLE TO U;/);
  });

  it('explains that killing needs ALTER SYSTEM', () => {
    const e = classifyOracleError(oraErr('ORA-01031', 'insufficient privileges'), {
      operation: 'kill',
      user: 'U',
    });
    expect(e.code).toBe('ORACLE_PRIVILEGE');
    expect(e.message).toContain('GRANT ALTER SYSTEM TO U;');
  });

  it('recognises "not supported in thin mode" text without a code', () => {
    expect(
      classifyOracleError(new Error('Feature X is not supported by node-oracledb in Thin mode')).code,
    ).toBe('ORACLE_THIN_UNSUPPORTED');
  });

  it('passes TmsErrors through', () => {
    const original = new TmsError('VALIDATION', 'x');
    expect(classifyOracleError(original)).toBe(original);
  });
});

describe('backoff', () => {
  it('grows exponentially up to the cap', () => {
    const opts = { baseMs: 100, maxMs: 1000, jitter: 0 };
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffDelay(a, opts))).toEqual([100, 200, 400, 800, 1000, 1000]);
    const j = backoffDelay(1, { baseMs: 1000, jitter: 0.2, random: () => 1 });
    expect(j).toBe(1200);
  });

  it('retries a listener that is down, then succeeds', async () => {
    let calls = 0;
    const delays: number[] = [];
    const value = await withBackoff(
      async () => {
        calls++;
        if (calls < 3)
          throw oraErr('NJS-503', 'connection to host 127.0.0.1 port 1 could not be established');
        return 'ok';
      },
      { baseMs: 10, jitter: 0, sleep: async (ms) => void delays.push(ms) },
    );
    expect(value).toBe('ok');
    expect(delays).toEqual([10, 20]);
  });

  it('never retries bad credentials or config errors', async () => {
    for (const err of [oraErr('ORA-01017', 'logon denied'), oraErr('NJS-517', 'alias not found')]) {
      let calls = 0;
      await expect(
        withBackoff(
          async () => {
            calls++;
            throw err;
          },
          { sleep: async () => {} },
        ),
      ).rejects.toBeInstanceOf(TmsError);
      expect(calls).toBe(1);
    }
  });

  it('gives up after the retry budget', async () => {
    let calls = 0;
    await expect(
      withBackoff(
        async () => {
          calls++;
          throw oraErr('NJS-040', 'queue timeout');
        },
        { retries: 2, sleep: async () => {} },
      ),
    ).rejects.toMatchObject({ code: 'ORACLE_POOL_TIMEOUT' });
    expect(calls).toBe(3);
  });
});

describe('real driver failure paths (node-oracledb thin, no server needed)', () => {
  const servers: net.Server[] = [];
  afterAll(async () => {
    for (const s of servers) await new Promise<void>((r) => s.close(() => r()));
  });

  const classified = async (connectString: string) => {
    const err = await oracledb
      .getConnection({ user: 'tms', password: 'not-a-real-password', connectString, connectTimeout: 2 })
      .then(
        async (c) => {
          await c.close();
          return null;
        },
        (e: unknown) => e,
      );
    expect(err).not.toBeNull();
    return classifyOracleError(err);
  };

  it('closed port: NJS-503 -> ORACLE_UNREACHABLE (retryable)', async () => {
    const port = await closedPort();
    const e = await classified(`127.0.0.1:${port}/FREEPDB1`);
    expect(e.details?.codes).toContain('NJS-503');
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.retryable).toBe(true);
    expect(e.message).toContain(`127.0.0.1:${port}`);
  });

  it('unknown host: NJS-530 -> ORACLE_UNREACHABLE', async () => {
    const e = await classified('tms-no-such-host.invalid:1521/FREEPDB1');
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.details?.codes).toEqual(expect.arrayContaining(['NJS-530']));
  });

  it('malformed connect string -> ORACLE_CONFIG (never retried)', async () => {
    const e = await classified('this is not a connect string');
    expect(e.code).toBe('ORACLE_CONFIG');
    expect(e.retryable).toBe(false);
  });

  it('a peer that accepts and hangs up -> connection lost (retryable)', async () => {
    const srv = net.createServer((sock) => sock.destroy());
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const e = await classified(`127.0.0.1:${port}/FREEPDB1`);
    expect(['ORACLE_UNREACHABLE', 'ORACLE_TIMEOUT']).toContain(e.code);
    expect(e.retryable).toBe(true);
  });

  it('a peer that accepts and never answers: NJS-510 after connectTimeout -> ORACLE_TIMEOUT (retryable)', async () => {
    const sockets: net.Socket[] = [];
    const srv = net.createServer((sock) => void sockets.push(sock));
    servers.push(srv);
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as net.AddressInfo).port;
    const err = await oracledb
      .getConnection({
        user: 'tms',
        password: 'x',
        connectString: `127.0.0.1:${port}/FREEPDB1`,
        connectTimeout: 1,
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    for (const s of sockets) s.destroy();
    const e = classifyOracleError(err);
    expect(e.details?.codes).toContain('NJS-510');
    expect(e.code).toBe('ORACLE_TIMEOUT');
    expect(e.retryable).toBe(true);
  });

  it('the gateway surfaces the classified error and counts the attempt; the password is never in it', async () => {
    const port = await closedPort();
    const secret = 'S3cret-Never-Logged';
    const gw = new OracledbGateway({
      user: 'tms_monitor',
      password: () => secret,
      connectString: `127.0.0.1:${port}/FREEPDB1`,
      connectTimeoutSec: 2,
    });
    const err = await gw.sessions().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('ORACLE_UNREACHABLE');
    expect(JSON.stringify((err as TmsError).toJSON())).not.toContain(secret);
    expect(gw.queryCounts().sessions).toBe(1);
    await expect(gw.ping()).rejects.toMatchObject({ code: 'ORACLE_UNREACHABLE' });
    await gw.close();
    await gw.close();
  });
});

describe('errors carry a reason the renderer words in the DBA language', () => {
  it.each([
    ['ORA-01017: invalid username/password; logon denied', 'oracle.authRejected'],
    ['NJS-503: connection to host db.example port 1521 could not be established', 'oracle.listenerDown'],
    ['NJS-040: connection request timeout', 'oracle.poolBusy'],
    ['ORA-00942: table or view does not exist', 'oracle.readPrivilege'],
    [
      'NJS-517: cannot connect to Oracle Database. Unable to find "x" in tnsnames.ora',
      'oracle.tnsAliasNotFound',
    ],
    ['ORA-00600: internal error code', 'oracle.oracleError'],
  ])('%s → %s', (text, reason) => {
    const e = classifyOracleError(new Error(text), { user: 'TMS', views: ['V$SESSION'] });
    expect(e.details?.reason).toBe(reason);
    expect(e.details?.ref).toMatch(/^(ORA|NJS)-\d+$/);
  });

  it('never puts a library message that is not Oracle text into the message', () => {
    const e = classifyOracleError(new Error("Cannot read properties of undefined (reading 'x')"));
    expect(e.code).toBe('ORACLE_ERROR');
    expect(e.details?.reason).toBe('oracle.unexpected');
    expect(e.message).not.toContain('Cannot read properties');
  });
});
