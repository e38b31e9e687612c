import { cancelSqlAvailable, majorVersion } from '@shared/types/interventions';
import { describe, expect, it } from 'vitest';
import { cancelSqlSql, cancelStatement, killStatementText, statementText } from './cancel-paths';

describe('cancel SQL statement text', () => {
  it("builds the documented 'sid, serial#[, @inst_id][, sql_id]' operand", () => {
    expect(cancelSqlSql({ sid: 12, serial: 345 })).toBe("ALTER SYSTEM CANCEL SQL '12, 345'");
    expect(cancelSqlSql({ sid: 12, serial: 345, instId: 2 })).toBe("ALTER SYSTEM CANCEL SQL '12, 345, @2'");
    expect(cancelSqlSql({ sid: 12, serial: 345, sqlId: 'abcdefghij123' })).toBe(
      "ALTER SYSTEM CANCEL SQL '12, 345, abcdefghij123'",
    );
    expect(cancelSqlSql({ sid: 12, serial: 345, instId: 2, sqlId: 'abcdefghij123' })).toBe(
      "ALTER SYSTEM CANCEL SQL '12, 345, @2, abcdefghij123'",
    );
  });

  it('refuses anything but positive integers and a 13-character [0-9a-z] SQL_ID (nothing else reaches the text)', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, 2 ** 60]) {
      expect(() => cancelSqlSql({ sid: bad, serial: 1 })).toThrow(RangeError);
      expect(() => cancelSqlSql({ sid: 1, serial: bad })).toThrow(RangeError);
      expect(() => cancelSqlSql({ sid: 1, serial: 1, instId: bad })).toThrow(RangeError);
    }
    for (const bad of ["abc'; drop x", 'ABCDEFGHIJ123', 'abcdefghij12', 'abcdefghij1234', ''])
      expect(() => cancelSqlSql({ sid: 1, serial: 1, sqlId: bad })).toThrow(RangeError);
  });

  it('RDS binds sid / serial / sql_id; a DBA procedure has no cancel (UNSUPPORTED)', () => {
    expect(cancelStatement({ sid: 12, serial: 345, sqlId: 'abcdefghij123' }, 'rds')).toEqual({
      sql: 'BEGIN rdsadmin.rdsadmin_util.cancel(sid => :sid, serial => :serial, sql_id => :sqlId); END;',
      binds: { sid: 12, serial: 345, sqlId: 'abcdefghij123' },
    });
    expect(() => cancelStatement({ sid: 12, serial: 345 }, 'procedure:DBA_TOOLS.TMS_KILL_SESSION')).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED' }),
    );
  });

  it('shows statements with bind values in place', () => {
    expect(statementText(cancelStatement({ sid: 12, serial: 345 }, 'rds'))).toBe(
      'BEGIN rdsadmin.rdsadmin_util.cancel(sid => 12, serial => 345, sql_id => NULL); END;',
    );
    expect(killStatementText({ sid: 123, serial: 4567, instId: 2 })).toBe(
      "ALTER SYSTEM KILL SESSION '123,4567,@2' IMMEDIATE",
    );
    expect(killStatementText({ sid: 1, serial: 2, instId: 2 }, 'procedure:dba_tools.k')).toBe(
      'BEGIN DBA_TOOLS.K(p_sid => 1, p_serial => 2, p_inst_id => 2); END;',
    );
  });

  it('cancel is available from 18c, for alter-system and rds only', () => {
    expect(majorVersion('19.0.0.0.0')).toBe(19);
    expect(majorVersion('')).toBeNull();
    expect(cancelSqlAvailable('19.0.0.0.0', 'alter-system')).toBe(true);
    expect(cancelSqlAvailable('18.3.0.0.0', 'rds')).toBe(true);
    expect(cancelSqlAvailable('12.2.0.1.0', 'alter-system')).toBe(false);
    expect(cancelSqlAvailable('12.1.0.2.0', 'alter-system')).toBe(false);
    expect(cancelSqlAvailable(null, 'alter-system')).toBe(false);
    expect(cancelSqlAvailable('23.0.0.0.0', 'procedure:A.B')).toBe(false);
  });
});
