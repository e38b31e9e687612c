/**
 * The error mapping, case by case, with what each answer must carry (mutation testing found the code lists,
 * the code extraction and the details unchecked: these fail when a branch is removed or inverted).
 */
import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { backoffDelay, classifyOracleError, grantFor, grantTarget, isRetryable, oracleCodes } from './errors';

const err = (message: string, extra: Record<string, unknown> = {}) =>
  Object.assign(new Error(message), extra);

describe('oracleCodes: where the codes come from', () => {
  it('code, errorNum, message, socket codes and the cause chain, without duplicates', () => {
    expect(oracleCodes(err('x', { code: 'NJS-040' }))).toEqual(['NJS-040']);
    expect(oracleCodes(err('x', { errorNum: 1017 }))).toEqual(['ORA-01017']);
    expect(oracleCodes(err('x', { errorNum: 0 }))).toEqual([]);
    expect(oracleCodes(err('x', { errorNum: '1017' }))).toEqual([]);
    expect(oracleCodes(err('ORA-12541: no listener; see TNS-12560'))).toEqual(['ORA-12541', 'TNS-12560']);
    expect(oracleCodes(err('ORA-1: short, ORA-123456: long'))).toEqual([]);
    expect(oracleCodes(err('connect ECONNREFUSED 127.0.0.1:1521'))).toEqual(['ECONNREFUSED']);
    expect(oracleCodes(err('getaddrinfo ENOTFOUND db.example'))).toEqual(['ENOTFOUND']);
    for (const sys of ['EAI_AGAIN', 'ETIMEDOUT', 'ECONNRESET', 'EHOSTUNREACH']) {
      expect(oracleCodes(err(`socket ${sys}`))).toEqual([sys]);
    }
    const cause = err('ORA-03113: end-of-file on communication channel');
    expect(oracleCodes(err('NJS-500: connection lost', { code: 'NJS-500', cause }))).toEqual([
      'NJS-500',
      'ORA-03113',
    ]);
    const self = err('ORA-00001: loop') as Error & { cause?: unknown };
    self.cause = self;
    expect(oracleCodes(self)).toEqual(['ORA-00001']);
    expect(oracleCodes('ORA-00942: table or view does not exist')).toEqual(['ORA-00942']);
    expect(oracleCodes(42)).toEqual([]);
    expect(oracleCodes(null)).toEqual([]);
    expect(oracleCodes({ code: 5, message: 7 })).toEqual([]);
  });
});

describe('classifyOracleError: each branch and what it carries', () => {
  const cases: [string, Error, string, boolean, RegExp][] = [
    [
      'ORA-01045',
      err('ORA-01045: lacks CREATE SESSION'),
      'ORACLE_PRIVILEGE',
      false,
      /GRANT CREATE SESSION TO SCOTT;/,
    ],
    ['ORA-00027', err('ORA-00027: cannot kill current session'), 'CONFLICT', false, /cannot kill itself/],
    ['NJS-065', err('NJS-065: connection pool was closed'), 'ORACLE_ERROR', true, /pool was closed/],
    [
      'NJS-138',
      err('NJS-138: connections to this database server version are not supported'),
      'ORACLE_THIN_UNSUPPORTED',
      false,
      /12\.1 or later/,
    ],
    [
      'NJS-116',
      err('NJS-116: password verifier type 0x939 is not supported'),
      'ORACLE_THIN_UNSUPPORTED',
      false,
      /10G password verifier/,
    ],
    [
      'NJS-533',
      err('NJS-533: Advanced Networking Option service negotiation failed'),
      'ORACLE_THIN_UNSUPPORTED',
      false,
      /Native Network Encryption/,
    ],
    [
      'NJS-089',
      err('NJS-089: getting type handler'),
      'ORACLE_THIN_UNSUPPORTED',
      false,
      /not supported by node-oracledb thin mode \(NJS-089\)/,
    ],
    [
      'thin text',
      err('feature X is not supported in node-oracledb thin mode'),
      'ORACLE_THIN_UNSUPPORTED',
      false,
      /\(thin mode\)/,
    ],
    ['NJS-529', err('NJS-529: wallet'), 'ORACLE_CONFIG', false, /PEM wallet/],
    ['NJS-507', err('NJS-507: dn mismatch'), 'ORACLE_CONFIG', false, /certificate does not match/],
    ['NJS-505', err('NJS-505: tls'), 'ORACLE_CONFIG', false, /TLS handshake or wallet failed/],
    ['NJS-003', err('NJS-003: invalid connection'), 'ORACLE_ERROR', true, /connection was closed/],
    [
      'ETIMEDOUT',
      err('connect ETIMEDOUT host db9.example port 1521'),
      'ORACLE_TIMEOUT',
      true,
      /to db9\.example:1521 timed out \(ETIMEDOUT\)/,
    ],
    [
      'ENOTFOUND',
      err('getaddrinfo ENOTFOUND host: db8.example'),
      'ORACLE_UNREACHABLE',
      true,
      /host name db8\.example cannot be resolved \(ENOTFOUND\)/,
    ],
    ['ECONNREFUSED', err('connect ECONNREFUSED'), 'ORACLE_UNREACHABLE', true, /\(ECONNREFUSED\)/],
    ['ECONNRESET', err('read ECONNRESET'), 'ORACLE_UNREACHABLE', true, /lost \(ECONNRESET\)\.$/],
    [
      'NJS-521',
      err('NJS-521: connection to host failed: unexpected EOF'),
      'ORACLE_UNREACHABLE',
      true,
      /Native Network Encryption/,
    ],
    [
      'unknown',
      err('something else\nsecond line'),
      'ORACLE_ERROR',
      false,
      // another library's text never reaches the DBA: it stays in details.driverMessage for the log
      /^Unexpected error talking to Oracle\.$/,
    ],
    [
      'unknown ORA',
      err('ORA-00600: internal error'),
      'ORACLE_ERROR',
      false,
      /^Oracle error: ORA-00600: internal error$/,
    ],
  ];
  it.each(cases)('%s', (_name, error, code, retryable, message) => {
    const e = classifyOracleError(error, { user: 'SCOTT' });
    expect(e).toBeInstanceOf(TmsError);
    expect({ code: e.code, retryable: e.retryable }).toEqual({ code, retryable });
    expect(e.message).toMatch(message);
    expect(e.details?.driverMessage).toBe(error.message.split('\n')[0]);
  });

  it('details name the grant, the views and the host', () => {
    const priv = classifyOracleError(err('ORA-00942: table or view does not exist'), {
      views: ['V$SESSION', 'GV$LOCK'],
      user: 'MON',
    });
    expect(priv.details).toMatchObject({
      oracleCode: 'ORA-00942',
      views: ['V$SESSION', 'GV$LOCK'],
      grant:
        'GRANT SELECT ON SYS.V_$SESSION TO MON; GRANT SELECT ON SYS.GV_$LOCK TO MON;  -- or: GRANT SELECT_CATALOG_ROLE TO MON;',
    });
    expect(priv.message).toContain('cannot read V$SESSION, GV$LOCK (ORA-00942)');
    const noViews = classifyOracleError(err('ORA-00942: x'));
    expect(noViews.details).toMatchObject({ views: [] });
    expect(noViews.message).toContain('a dictionary view');
    const kill = classifyOracleError(err('ORA-01031: insufficient privileges'), {
      operation: 'kill',
      user: 'MON',
    });
    expect(kill).toMatchObject({
      code: 'ORACLE_PRIVILEGE',
      retryable: false,
      details: { grant: 'GRANT ALTER SYSTEM TO MON;' },
    });
    expect(kill.message).toContain('ALTER SYSTEM privilege (ORA-01031)');
    const host = classifyOracleError(err('connect ECONNREFUSED host db7.example port 1522'));
    expect(host.details).toMatchObject({ host: 'db7.example:1522' });
    expect(host.message).toContain('at db7.example:1522');
    expect(classifyOracleError(err('NJS-530: name resolution failed')).details).toMatchObject({
      host: undefined,
      oracleCode: 'NJS-530',
    });
    expect(classifyOracleError(err('ENOTFOUND for host "db6.example"')).details).toMatchObject({
      host: 'db6.example',
    });
    const long = 'x'.repeat(400);
    expect(classifyOracleError(err(long)).details?.driverMessage).toBe('x'.repeat(300));
    const own = new TmsError('VALIDATION', 'mine');
    expect(classifyOracleError(own)).toBe(own);
  });
});

describe('grants and backoff', () => {
  it('grant targets and texts', () => {
    expect(grantTarget('V$SQL')).toBe('SYS.V_$SQL');
    expect(grantTarget('GV$SESSION')).toBe('SYS.GV_$SESSION');
    expect(grantTarget('DBA_USERS')).toBe('DBA_USERS');
    expect(grantFor(undefined, 'U')).toBe('GRANT SELECT_CATALOG_ROLE TO U;');
    expect(grantFor(['DBA_USERS'], 'U')).toBe('GRANT SELECT_CATALOG_ROLE TO U;');
    expect(grantFor(['V$SQL', 'DBMS_XPLAN.DISPLAY_CURSOR'], 'U')).toMatch(
      /^GRANT SELECT_CATALOG_ROLE TO U; {2}-- DBMS_XPLAN/,
    );
  });

  it('backoff doubles from the base, is capped, and spreads by the jitter only', () => {
    const mid = { random: () => 0.5 };
    expect([1, 2, 3, 4].map((a) => backoffDelay(a, { ...mid, baseMs: 100 }))).toEqual([100, 200, 400, 800]);
    expect(backoffDelay(10, { ...mid, baseMs: 100, maxMs: 1000 })).toBe(1000);
    expect(backoffDelay(1, { baseMs: 100, random: () => 0 })).toBe(80);
    expect(backoffDelay(1, { baseMs: 100, random: () => 1 })).toBe(120);
    expect(backoffDelay(1, { baseMs: 100, jitter: 0.5, random: () => 0 })).toBe(50);
    expect(backoffDelay(1, { baseMs: 100, jitter: 0, random: () => 0 })).toBe(100);
    expect(isRetryable(new TmsError('ORACLE_AUTH', 'x', { retryable: true }))).toBe(false);
    expect(isRetryable(new TmsError('ORACLE_TIMEOUT', 'x', { retryable: true }))).toBe(true);
    expect(isRetryable(new TmsError('ORACLE_TIMEOUT', 'x', { retryable: false }))).toBe(false);
  });
});
