/**
 * A password typed inside a connect string never comes back: not in a VALIDATION/ORACLE_CONFIG message,
 * not in its details, not in the notes or the stored form. Each input below reaches a different check.
 */
import type { ConnectInput } from '@shared/types/connections';
import { describe, expect, it } from 'vitest';
import { normaliseConnectInput, parseConnectString } from './connect-string';

const PW = 'Tiger#Secret9';
const PW_SPACE = 'my secret pw';

const easyInputs = [
  `scott/${PW}@dbhost:1521/ORCLPDB1`, // accepted: the password is stripped
  `scott/${PW}@dbhost:99999/ORCLPDB1`, // bad port
  `scott/${PW}@dbhost:1521`, // no service name
  `scott/${PW}@bad host/svc`, // spaces
  `scott/${PW}@`, // nothing after @
  `scott/${PW}@#not-a-target`, // unknown form
  `scott/${PW}@SALES`, // TNS alias without a directory
  `scott/${PW}@ldap://dir/cn=x`, // LDAP refused
  `scott/${PW}@(ADDRESS=(PROTOCOL=TCP)(HOST=h)(PORT=1))`, // address, not descriptor
  `scott/${PW}@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))`, // unbalanced
  `"scott"/"${PW}@x"@dbhost:1521/svc`, // quoted password holding "@"
  `scott/"${PW_SPACE}"@dbhost:1521/svc`,
  `scott/${PW_SPACE}@dbhost:1521/svc`,
  `jdbc:oracle:thin:scott/${PW}@dbhost:99999:ORCL`,
  `jdbc:oracle:thin:scott/${PW}@`,
  `jdbc:oracle:thin:scott/${PW}@bad host`,
  `jdbc:oracle:oci:scott/${PW}@dbhost:1521/svc`,
  `dbhost:1521/svc?wallet_password=${PW} x`,
  `dbhost:99999/svc?wallet_password=${PW}`,
  `SALES?TNS_ADMIN=%zz${PW}`,
];

const otherInputs: ConnectInput[] = [
  { method: 'tns', tnsAlias: `scott/${PW}@SALES`, configDir: '/etc/tns' },
  { method: 'tns', tnsAlias: `SALES`, configDir: `scott/${PW}@rel` },
  { method: 'descriptor', descriptor: `scott/${PW}@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1)))` },
  { method: 'descriptor', descriptor: `jdbc:oracle:thin:scott/${PW}@dbhost:1521/svc` },
];

function outcome(run: () => unknown): string {
  try {
    return JSON.stringify(run());
  } catch (error) {
    const e = error as { message?: string; details?: unknown; code?: string };
    expect(e.code, String(e.message)).toMatch(/^(VALIDATION|ORACLE_CONFIG)$/);
    return JSON.stringify({ message: e.message, details: e.details });
  }
}

describe('connect strings never echo a typed password', () => {
  it.each(easyInputs)('%s', (input) => {
    for (const text of [
      outcome(() => parseConnectString(input)),
      outcome(() => normaliseConnectInput({ method: 'easy', connectString: input })),
    ]) {
      expect(text).not.toContain(PW);
      expect(text).not.toContain(encodeURIComponent(PW));
      expect(text).not.toContain('secret pw');
    }
  });

  it.each(otherInputs)('$method %#', (input) => {
    const text = outcome(() => normaliseConnectInput(input));
    expect(text).not.toContain(PW);
  });

  it('SQL*Plus style user/password@target is accepted with the password removed and the user offered', () => {
    const r = parseConnectString(`scott/${PW}@dbhost:1521/ORCLPDB1`);
    expect(r.connectString).toBe('dbhost:1521/ORCLPDB1');
    expect(r.user).toBe('scott');
    expect(r.credentialsStripped).toBe(true);
    const d = parseConnectString(
      `scott/${PW}@(DESCRIPTION=(ADDRESS=(HOST=h)(PORT=1))(CONNECT_DATA=(SID=X)))`,
    );
    expect(d.method).toBe('descriptor');
    expect(d.connectString).not.toContain(PW);
  });
});
