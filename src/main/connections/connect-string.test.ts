import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import {
  describeSpec,
  driverAttrs,
  normaliseConnectInput,
  parseConnectString,
  redactConnectString,
} from './connect-string';

function fails(fn: () => unknown): TmsError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(TmsError);
    return error as TmsError;
  }
  throw new Error('expected a TmsError');
}

describe('Easy Connect', () => {
  it.each([
    ['dbhost:1521/ORCLPDB1', 'dbhost:1521/ORCLPDB1'],
    ['  dbhost:1521/ORCLPDB1  ', 'dbhost:1521/ORCLPDB1'],
    ['//dbhost/sales.example.com', 'dbhost/sales.example.com'],
    ['dbhost/svc:dedicated', 'dbhost/svc:dedicated'],
    ['dbhost/svc:POOLED', 'dbhost/svc:pooled'],
    ['dbhost:1521/svc/inst1', 'dbhost:1521/svc/inst1'],
    ['dbhost:1521/svc:shared/inst1', 'dbhost:1521/svc:shared/inst1'],
    ['10.0.0.5:1522/FREEPDB1', '10.0.0.5:1522/FREEPDB1'],
    ['[::1]:1521/FREEPDB1', '[::1]:1521/FREEPDB1'],
    [
      'db-1.corp.local/svc?connect_timeout=15&expire_time=2',
      'db-1.corp.local/svc?connect_timeout=15&expire_time=2',
    ],
    [
      'TCPS://adb.eu.oraclecloud.com:1522/x_high.adb?wallet_location=/home/dba/wallet',
      'tcps://adb.eu.oraclecloud.com:1522/x_high.adb?wallet_location=/home/dba/wallet',
    ],
    ['h1,h2:1521/svc', 'h1,h2:1521/svc'],
  ])('%s', (input, expected) => {
    const r = parseConnectString(input);
    expect(r.method).toBe('easy');
    expect(r.connectString).toBe(expected);
    expect(r.spec).toEqual({ method: 'easy', connectString: expected });
    expect(r.notes).toEqual([]);
    expect(r.credentialsStripped).toBe(false);
  });

  it('rejects a missing service name with an actionable message', () => {
    const e = fails(() => parseConnectString('dbhost:1521'));
    expect(e.code).toBe('VALIDATION');
    expect(e.message).toMatch(/service name/);
    expect(e.message).toMatch(/host:port\/service_name/);
  });

  it('rejects a bad port', () => {
    expect(fails(() => parseConnectString('dbhost:99999/svc')).message).toMatch(/1-65535/);
    expect(fails(() => parseConnectString('dbhost:0/svc')).code).toBe('VALIDATION');
  });

  it('rejects empty, oversize, spaces and control characters', () => {
    expect(fails(() => parseConnectString('   ')).message).toMatch(/empty/);
    expect(fails(() => parseConnectString(`h/${'x'.repeat(5000)}`)).message).toMatch(/too long/);
    expect(fails(() => parseConnectString('db host/svc')).message).toMatch(/spaces/);
    expect(fails(() => parseConnectString('dbhost/svc\u0000')).message).toMatch(/control/);
    expect(fails(() => parseConnectString('dbhost/s$v c!')).code).toBe('VALIDATION');
  });

  it('SID form without jdbc prefix becomes a descriptor', () => {
    const r = parseConnectString('dbhost:1521:ORCL');
    expect(r.method).toBe('descriptor');
    expect(r.connectString).toBe(
      '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=dbhost)(PORT=1521))(CONNECT_DATA=(SID=ORCL)))',
    );
    expect(r.notes).toEqual([
      { code: 'sidConverted', params: { host: 'dbhost', port: '1521', sid: 'ORCL' } },
    ]);
  });
});

describe('TNS alias', () => {
  it('a bare word needs a config directory (Thin does not search default locations)', () => {
    const e = fails(() => parseConnectString('SALES'));
    expect(e.code).toBe('ORACLE_CONFIG');
    expect(e.message).toMatch(/tnsnames\.ora/);
    expect(e.message).toMatch(/directory/);
  });

  it('a bare word with a config directory is an alias', () => {
    const r = parseConnectString('sales.world', { configDir: '/opt/oracle/network/admin' });
    expect(r.method).toBe('tns');
    expect(r.spec).toEqual({
      method: 'tns',
      tnsAlias: 'sales.world',
      configDir: '/opt/oracle/network/admin',
    });
    expect(driverAttrs(r.spec)).toEqual({
      connectString: 'sales.world',
      configDir: '/opt/oracle/network/admin',
    });
  });

  it('explicit TNS input is validated', () => {
    const r = normaliseConnectInput({
      method: 'tns',
      tnsAlias: ' SALES ',
      configDir: 'C:\\oracle\\network\\admin',
    });
    expect(r.spec).toEqual({ method: 'tns', tnsAlias: 'SALES', configDir: 'C:\\oracle\\network\\admin' });
    expect(
      fails(() => normaliseConnectInput({ method: 'tns', tnsAlias: 'SALES', configDir: 'relative/dir' }))
        .message,
    ).toMatch(/absolute/);
    expect(
      fails(() => normaliseConnectInput({ method: 'tns', tnsAlias: 'SALES', configDir: '' })).message,
    ).toMatch(/empty/);
    expect(
      fails(() => normaliseConnectInput({ method: 'tns', tnsAlias: 'bad alias!', configDir: '/x' })).message,
    ).toMatch(/not a tnsnames\.ora alias/);
  });
});

describe('descriptors', () => {
  const multi = `(DESCRIPTION =
      (ADDRESS = (PROTOCOL = TCP)(HOST = db1.corp)(PORT = 1521))
      (CONNECT_DATA = (SERVER = DEDICATED)(SERVICE_NAME = SALES)))`;

  it('collapses whitespace of a multi-line paste', () => {
    const r = parseConnectString(multi);
    expect(r.method).toBe('descriptor');
    expect(r.connectString).not.toMatch(/\n/);
    expect(r.connectString).toMatch(/^\(DESCRIPTION = \(ADDRESS/);
    expect(describeSpec(r.spec)).toBe('descriptor (db1.corp)');
  });

  it('strips a pasted tnsnames.ora entry name', () => {
    const r = parseConnectString(`SALES = ${multi}`);
    expect(r.method).toBe('descriptor');
    expect(r.connectString.startsWith('(DESCRIPTION')).toBe(true);
    expect(r.notes).toEqual([{ code: 'tnsEntryNameRemoved', params: { name: 'SALES' } }]);
  });

  it('rejects unbalanced, ADDRESS-only and CONNECT_DATA-less descriptors', () => {
    expect(
      fails(() => parseConnectString('(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))(CONNECT_DATA=(SID=X))'))
        .message,
    ).toMatch(/unbalanced/);
    expect(fails(() => parseConnectString('(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))')).message).toMatch(
      /DESCRIPTION/,
    );
    expect(
      fails(() => parseConnectString('(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521)))')).message,
    ).toMatch(/CONNECT_DATA/);
    expect(fails(() => parseConnectString('(FOO=1)')).message).toMatch(/DESCRIPTION/);
  });

  it('TLS descriptor with a PEM wallet directory', () => {
    const d =
      '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=adb.example.com)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=x_high))(SECURITY=(SSL_SERVER_DN_MATCH=YES)))';
    const r = normaliseConnectInput({
      method: 'descriptor',
      descriptor: d,
      walletLocation: '/home/dba/wallet',
      walletPassword: 'w',
    });
    expect(r.spec).toEqual({ method: 'descriptor', descriptor: d, walletLocation: '/home/dba/wallet' });
    expect(JSON.stringify(r)).not.toContain('"w"');
    expect(driverAttrs(r.spec)).toEqual({ connectString: d, walletLocation: '/home/dba/wallet' });
    expect(r.notes).toEqual([]);
  });

  it('notes a wallet on a non-TLS descriptor', () => {
    const r = normaliseConnectInput({
      method: 'descriptor',
      descriptor: '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))',
      walletLocation: '/w',
    });
    expect(r.notes).toEqual([{ code: 'walletWithoutTcps' }]);
  });
});

describe('JDBC URLs from SQL Developer', () => {
  it('thin //host:port/service → Easy Connect', () => {
    const r = parseConnectString('jdbc:oracle:thin:@//dbhost:1521/ORCLPDB1');
    expect(r.method).toBe('easy');
    expect(r.connectString).toBe('dbhost:1521/ORCLPDB1');
    expect(r.notes).toEqual([{ code: 'jdbcConverted' }]);
  });

  it('thin host:port/service (no //) → Easy Connect', () => {
    expect(parseConnectString('JDBC:ORACLE:THIN:@dbhost:1521/svc').connectString).toBe('dbhost:1521/svc');
  });

  it('thin host:port:SID → descriptor with SID, explained', () => {
    const r = parseConnectString('jdbc:oracle:thin:@dbhost:1521:ORCL');
    expect(r.method).toBe('descriptor');
    expect(r.spec).toEqual({
      method: 'descriptor',
      descriptor: '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=dbhost)(PORT=1521))(CONNECT_DATA=(SID=ORCL)))',
    });
    expect(r.notes.map((n) => n.code)).toEqual(['jdbcConverted', 'sidConverted']);
  });

  it('credentials are stripped and said so; the password never comes back', () => {
    const r = parseConnectString('jdbc:oracle:thin:scott/T1ger#Secret@//dbhost:1521/svc');
    expect(r.connectString).toBe('dbhost:1521/svc');
    expect(r.user).toBe('scott');
    expect(r.credentialsStripped).toBe(true);
    expect(r.notes).toEqual([
      { code: 'jdbcPasswordRemoved' },
      { code: 'jdbcUserTaken', params: { user: 'scott' } },
      { code: 'jdbcConverted' },
    ]);
    expect(JSON.stringify(r)).not.toContain('T1ger#Secret');
  });

  it('a password containing @ is still stripped', () => {
    const r = parseConnectString('jdbc:oracle:thin:scott/p@ss@dbhost:1521:ORCL');
    expect(r.user).toBe('scott');
    expect(r.method).toBe('descriptor');
    expect(JSON.stringify(r)).not.toContain('p@ss');
  });

  it('user without password', () => {
    const r = parseConnectString('jdbc:oracle:thin:system@dbhost/svc');
    expect(r.user).toBe('system');
    expect(r.credentialsStripped).toBe(false);
  });

  it('thin with a descriptor', () => {
    const r = parseConnectString(
      'jdbc:oracle:thin:@(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1521))(CONNECT_DATA=(SERVICE_NAME=s)))',
    );
    expect(r.method).toBe('descriptor');
  });

  it('thin alias with TNS_ADMIN', () => {
    const r = parseConnectString('jdbc:oracle:thin:@sales_high?TNS_ADMIN=/home/dba/wallet_sales');
    expect(r.method).toBe('tns');
    expect(r.spec).toEqual({ method: 'tns', tnsAlias: 'sales_high', configDir: '/home/dba/wallet_sales' });
  });

  it('OCI / thick URLs get a clear message', () => {
    const e = fails(() => parseConnectString('jdbc:oracle:oci:@MYDB'));
    expect(e.code).toBe('ORACLE_CONFIG');
    expect(e.message).toMatch(/OCI \(thick\)/);
    expect(e.message).toMatch(/Thin/);
    expect(fails(() => parseConnectString('jdbc:oracle:oci8:scott/tiger@MYDB')).message).not.toContain(
      'tiger',
    );
  });

  it('nothing after @', () => {
    expect(fails(() => parseConnectString('jdbc:oracle:thin:@')).code).toBe('VALIDATION');
    expect(fails(() => parseConnectString('jdbc:oracle:thin:scott')).message).toMatch(/"@"/);
  });

  it('LDAP is refused clearly', () => {
    expect(fails(() => parseConnectString('jdbc:oracle:thin:@ldap://oid:389/db,cn=OracleContext')).code).toBe(
      'ORACLE_CONFIG',
    );
  });

  it('error messages never echo the password', () => {
    const e = fails(() => parseConnectString('jdbc:oracle:thin:scott/Hunter2@db host/svc'));
    expect(e.message).not.toContain('Hunter2');
    expect(JSON.stringify(e.toJSON())).not.toContain('Hunter2');
  });

  it('JDBC pasted in the Easy Connect field is recognised', () => {
    const r = normaliseConnectInput({ method: 'easy', connectString: 'jdbc:oracle:thin:@dbhost:1521:ORCL' });
    expect(r.method).toBe('descriptor');
  });

  it('JDBC pasted in the descriptor field', () => {
    const r = normaliseConnectInput({ method: 'descriptor', descriptor: 'jdbc:oracle:thin:@h:1521:X' });
    expect(r.spec.method).toBe('descriptor');
    expect(
      fails(() => normaliseConnectInput({ method: 'descriptor', descriptor: 'jdbc:oracle:thin:@//h/s' }))
        .message,
    ).toMatch(/Easy Connect/);
  });
});

describe('redactConnectString', () => {
  it('removes credentials and password attributes', () => {
    expect(redactConnectString('jdbc:oracle:thin:scott/tiger@h/s')).toBe('jdbc:oracle:thin:***@h/s');
    expect(redactConnectString('x?wallet_password=abc&y=1')).toBe('x?wallet_password=***&y=1');
  });
});
