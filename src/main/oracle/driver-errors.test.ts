/**
 * The console against errors as node-oracledb 26 thin really presents them (built with the driver's
 * own getErr / transformErr): classification, kill outcomes, dropped connections, retries, pool sizing
 * and logon warnings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as C from './catalog';
import { CatalogGateway } from './catalog-gateway';
import { DRIVER, driverKnows, listenerRefusal, logonWarning, njsError, serverError } from './driver-errors';
import { classifyOracleError, classifyOracleWarning } from './errors';
import { OracledbExecutor } from './oracledb-gateway';
import { FakePool, poolProvider } from './testing/fake-pool';

const SOURCES = [
  'src/main/oracle/errors.ts',
  'src/main/oracle/oracledb-gateway.ts',
  'src/main/oracle/catalog-gateway.ts',
  'src/main/connections/registry.ts',
];

describe('the codes the console names exist in the driver', () => {
  it('every NJS- code in the classifier and executor is one node-oracledb 26 defines', () => {
    const named = new Set<string>();
    for (const f of SOURCES) {
      for (const m of readFileSync(join(process.cwd(), f), 'utf8').matchAll(/NJS-\d{3}/g)) named.add(m[0]);
    }
    expect(named.size).toBeGreaterThan(20);
    const unknown = [...named].filter((c) => !driverKnows(c));
    expect(unknown).toEqual([]);
  });
});

describe('what the driver rewrites before the classifier sees it', () => {
  it('ORA-00031 arrives as NJS-500 (errorNum kept) and is still "marked for kill"', () => {
    const err = serverError(31, 'session marked for kill');
    expect(err.code).toBe('NJS-500'); // the driver's rewrite (errors.js adjustErrorXref)
    const e = classifyOracleError(err, { operation: 'kill' });
    expect(e.code).toBe('CONFLICT');
    expect(e.details).toMatchObject({
      oracleCode: 'ORA-00031',
      driverCode: 'NJS-500',
      connectionDropped: true,
    });
  });

  it('a killed console session (ORA-00028) is a dropped session, not an unreachable database', () => {
    const e = classifyOracleError(serverError(28, 'your session has been killed'));
    expect(e.code).toBe('ORACLE_ERROR');
    expect(e.retryable).toBe(true);
    expect(e.details).toMatchObject({ reason: 'oracle.sessionEnded', connectionDropped: true });
    const idle = classifyOracleError(serverError(2396, 'exceeded maximum idle time, please connect again'));
    expect(idle.message).toMatch(/IDLE_TIME/);
  });

  it('ORA-03113 through the driver is a lost connection (backoff)', () => {
    const e = classifyOracleError(serverError(3113, 'end-of-file on communication channel'));
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.details?.oracleCode).toBe('ORA-03113');
  });

  it.each([
    [1033, 'ORACLE initialization or shutdown in progress', 'oracle.notOpen'],
    [1034, 'The Oracle instance is not available for use. Start the instance.', 'oracle.notOpen'],
    [1109, 'database not open', 'oracle.notOpen'],
    [1092, 'ORACLE instance terminated. Disconnection forced', 'oracle.notOpen'],
    [18, 'maximum number of sessions exceeded', 'oracle.sessionLimit'],
    [20, 'maximum number of processes (150) exceeded', 'oracle.sessionLimit'],
  ])('ORA-%i -> ORACLE_UNREACHABLE (%s), retried with backoff', (num, text, reason) => {
    const e = classifyOracleError(serverError(num, text));
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.retryable).toBe(true);
    expect(e.details?.reason).toBe(reason);
    expect(e.details?.oracleCode).toBe(`ORA-${String(num).padStart(5, '0')}`);
  });

  it('ORA-01109 tells the DBA to open the PDB', () => {
    expect(classifyOracleError(serverError(1109, 'database not open')).message).toContain(
      'ALTER PLUGGABLE DATABASE',
    );
  });

  it('ORA-02391 (SESSIONS_PER_USER) is pool pressure, not a broken database', () => {
    const e = classifyOracleError(serverError(2391, 'exceeded simultaneous SESSIONS_PER_USER limit'), {
      user: 'TMS_MONITOR',
    });
    expect(e.code).toBe('ORACLE_POOL_TIMEOUT');
    expect(e.message).toContain('SESSIONS_PER_USER');
  });

  it.each([12516, 12519, 12520])('NJS-511 refusal with cause ORA-%i -> listener full, backoff', (ora) => {
    const err = listenerRefusal('db01', 1521, ora);
    expect(err.code).toBe('NJS-511');
    const e = classifyOracleError(err);
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.details).toMatchObject({
      reason: 'oracle.listenerFull',
      oracleCode: 'NJS-511',
      host: 'db01:1521',
    });
    expect(e.message).toContain(`ORA-${ora}`);
  });

  it('NJS-511 with another cause names it', () => {
    const e = classifyOracleError(listenerRefusal('db01', 1521, 12528));
    expect(e.code).toBe('ORACLE_UNREACHABLE');
    expect(e.details?.cause).toBe('ORA-12528');
    expect(e.message).toContain('ORA-12528');
  });

  it.each([
    ['NJS-531', () => njsError(DRIVER.ANO_PACKET)],
    ['NJS-532', () => njsError(DRIVER.ANO_STATUS, 'Supervisor')],
    ['NJS-533', () => njsError(DRIVER.ANO_NEGOTIATION, '12650')],
  ])('%s (native network encryption) -> thin unsupported, use TLS', (code, make) => {
    const err = make();
    expect(err.code).toBe(code);
    const e = classifyOracleError(err);
    expect(e.code).toBe('ORACLE_THIN_UNSUPPORTED');
    expect(e.retryable).toBe(false);
    expect(e.message).toMatch(/Native Network Encryption/);
  });

  it('ORA-28002 logon warning: connect, but warn with the days left', () => {
    const w = classifyOracleWarning(
      logonWarning(28002, 'the password will expire within 7 days'),
      'TMS_MONITOR',
    );
    expect(w).toMatchObject({
      code: 'ORACLE_AUTH',
      details: { oracleCode: 'ORA-28002', days: 7, warning: true },
    });
    expect(w?.message).toContain('ALTER USER TMS_MONITOR');
    expect(classifyOracleWarning(undefined)).toBeNull();
  });
});

describe('kill: every answer Oracle (through the driver) can give', () => {
  const gatewayFor = (pool: FakePool, killMethod?: 'alter-system' | 'rds' | `procedure:${string}`) =>
    new CatalogGateway(new OracledbExecutor(poolProvider(pool)), {
      kind: 'oracle',
      user: 'TMS_MONITOR',
      ...(killMethod ? { killMethod } : {}),
    });

  it('done: killed, the connection goes back to the pool', async () => {
    const pool = new FakePool([{}]);
    const r = await gatewayFor(pool).killSession(12, 345);
    expect(r).toMatchObject({ outcome: 'killed', sid: 12, serial: 345 });
    expect(pool.handedOut[0]?.executed.at(-1)?.sql).toBe("ALTER SYSTEM KILL SESSION '12,345' IMMEDIATE");
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: false });
  });

  it('RAC: passes @inst_id', async () => {
    const pool = new FakePool([{}]);
    const r = await gatewayFor(pool).killSession(12, 345, 2);
    expect(pool.handedOut[0]?.executed.at(-1)?.sql).toBe("ALTER SYSTEM KILL SESSION '12,345,@2' IMMEDIATE");
    expect(r).toMatchObject({ outcome: 'killed', instId: 2, message: expect.stringContaining('12,345,@2') });
  });

  it('marked for kill (ORA-00031 delivered as NJS-500): "marked", and the broken connection is dropped, not retried', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(31, 'session marked for kill');
        },
        healthy: false,
      },
    ]);
    const r = await gatewayFor(pool).killSession(12, 345);
    expect(r.outcome).toBe('marked');
    expect(pool.handedOut).toHaveLength(1);
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: true });
  });

  it('no such session (ORA-00030): NOT_FOUND, the session list is stale', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(30, 'User session ID does not exist.');
        },
      },
    ]);
    await expect(gatewayFor(pool).killSession(12, 345, 1)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { oracleCode: 'ORA-00030', sessionListStale: true },
    });
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: false });
  });

  it('instance not there (ORA-00026): NOT_FOUND, stale', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(26, 'missing or invalid session ID');
        },
      },
    ]);
    await expect(gatewayFor(pool).killSession(12, 345, 9)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { sessionListStale: true },
    });
  });

  it.each([
    ['alter-system', 'GRANT ALTER SYSTEM TO TMS_MONITOR;'],
    ['procedure:DBA_TOOLS.TMS_KILL_SESSION', 'GRANT EXECUTE ON DBA_TOOLS.TMS_KILL_SESSION TO TMS_MONITOR;'],
    ['rds', 'GRANT EXECUTE ON rdsadmin.rdsadmin_util TO TMS_MONITOR;'],
  ] as const)('insufficient privileges with %s names its own grant', async (method, grant) => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(1031, 'insufficient privileges');
        },
      },
    ]);
    await expect(gatewayFor(pool, method).killSession(12, 345)).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      details: { grant: expect.stringContaining(grant) },
    });
  });

  it('a procedure that does not exist or is not granted (ORA-06550 / PLS-00201) is a privilege error', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(
            6550,
            "line 1, column 7:\nPLS-00201: identifier 'DBA_TOOLS.TMS_KILL_SESSION' must be declared\nORA-06550: line 1, column 7:\nPL/SQL: Statement ignored",
          );
        },
      },
    ]);
    await expect(
      gatewayFor(pool, 'procedure:DBA_TOOLS.TMS_KILL_SESSION').killSession(12, 345),
    ).rejects.toMatchObject({
      code: 'ORACLE_PRIVILEGE',
    });
  });

  it('procedure and RDS paths bind sid / serial / inst_id', async () => {
    const pool = new FakePool([{}]);
    await gatewayFor(pool, 'procedure:dba_tools.tms_kill_session').killSession(12, 345, 2);
    expect(pool.handedOut[0]?.executed.at(-1)).toEqual({
      sql: 'BEGIN DBA_TOOLS.TMS_KILL_SESSION(p_sid => :sid, p_serial => :serial, p_inst_id => :instId); END;',
      binds: { sid: 12, serial: 345, instId: 2 },
    });
    const rds = new FakePool([{}]);
    await gatewayFor(rds, 'rds').killSession(12, 345);
    expect(rds.handedOut[0]?.executed.at(-1)?.sql).toContain(
      'rdsadmin.rdsadmin_util.kill(sid => :sid, serial => :serial',
    );
    expect(rds.handedOut[0]?.executed.at(-1)?.binds).toEqual({ sid: 12, serial: 345 });
  });

  it('connection dropped by the driver mid-kill: outcome unknown, list stale, connection dropped', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(3113, 'end-of-file on communication channel');
        },
        healthy: false,
      },
    ]);
    await expect(gatewayFor(pool).killSession(12, 345)).rejects.toMatchObject({
      details: { killOutcome: 'unknown', sessionListStale: true },
    });
    expect(pool.handedOut).toHaveLength(1); // a kill is never retried
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: true });
  });
});

describe('the executor and the pool', () => {
  it('a read on a connection whose session was killed is dropped and retried once on a fresh one', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(28, 'your session has been killed');
        },
        healthy: false,
      },
      { execute: () => [{ N: 1 }] },
    ]);
    const rows = await new OracledbExecutor(poolProvider(pool)).run(C.CAN_KILL);
    expect(rows).toEqual([{ N: 1 }]);
    expect(pool.handedOut.map((c) => c.closedWith)).toEqual([{ drop: true }, { drop: false }]);
  });

  it('an ORA error that leaves the connection healthy is not retried and the connection is kept', async () => {
    const pool = new FakePool([
      {
        execute: () => {
          throw serverError(942, 'table or view does not exist');
        },
      },
    ]);
    await expect(new OracledbExecutor(poolProvider(pool)).run(C.CAN_KILL)).rejects.toMatchObject({
      code: 'ORA-00942',
    });
    expect(pool.handedOut).toHaveLength(1);
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: false });
  });

  it('a connection the driver calls unhealthy leaves the pool even after a successful call', async () => {
    const pool = new FakePool([{ healthy: false }]);
    await new OracledbExecutor(poolProvider(pool)).run(C.CAN_KILL);
    expect(pool.handedOut[0]?.closedWith).toEqual({ drop: true });
  });

  it('ORA-02391: the pool shrinks to the sessions the profile left it and the request waits for one', async () => {
    const pool = new FakePool([{}], [serverError(2391, 'exceeded simultaneous SESSIONS_PER_USER limit')]);
    pool.connectionsOpen = 2;
    await new OracledbExecutor(poolProvider(pool)).run(C.CAN_KILL);
    expect(pool.reconfigured).toEqual([{ poolMax: 2, poolMin: 0 }]);
    expect(pool.poolMax).toBe(2);
  });

  it('the pool is kept within the profile SESSIONS_PER_USER, read once per pool', async () => {
    const pool = new FakePool([
      { execute: (sql) => (sql.includes('user_resource_limits') ? [{ LIMIT: '2' }] : [{ N: 1 }]) },
    ]);
    const exec = new OracledbExecutor(poolProvider(pool));
    await exec.run(C.CAN_KILL);
    await exec.run(C.CAN_KILL);
    expect(pool.reconfigured).toEqual([{ poolMax: 2, poolMin: 0 }]);
    const unlimited = new FakePool([
      { execute: (sql) => (sql.includes('user_resource_limits') ? [{ LIMIT: 'UNLIMITED' }] : []) },
    ]);
    await new OracledbExecutor(poolProvider(unlimited)).run(C.CAN_KILL);
    expect(unlimited.reconfigured).toEqual([]);
  });

  it('ORA-02391 with no session of our own: the error reaches the caller', async () => {
    const pool = new FakePool([{}], [serverError(2391, 'exceeded simultaneous SESSIONS_PER_USER limit')]);
    await expect(new OracledbExecutor(poolProvider(pool)).run(C.CAN_KILL)).rejects.toMatchObject({
      errorNum: 2391,
    });
    expect(pool.reconfigured).toEqual([]);
  });

  it('ORA-28002 on logon: the call succeeds and the warning is reported', async () => {
    const seen: unknown[] = [];
    const pool = new FakePool([{ warning: logonWarning(28002, 'the password will expire within 3 days') }]);
    const exec = new OracledbExecutor(poolProvider(pool), { user: 'U', onWarning: (w) => seen.push(w) });
    await exec.run(C.CAN_KILL);
    expect(seen).toMatchObject([{ code: 'ORACLE_AUTH', details: { oracleCode: 'ORA-28002', days: 3 } }]);
  });
});
