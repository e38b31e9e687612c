import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { ids, TABLES } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('FUNCTION_ON_COLUMN (UPPER, TRUNC, NVL), high when the column is indexed', () => {
    const f = runRules({
      type: 'sql',
      sqlText: "SELECT id FROM orders o WHERE TRUNC(o.created_at) = TRUNC(SYSDATE) AND UPPER(status) = 'NEW'",
      tables: TABLES,
    }).filter((x) => x.ruleId === 'FUNCTION_ON_COLUMN');
    expect(f.map((x) => x.title)).toEqual([
      expect.stringContaining('TRUNC() applied to column O.CREATED_AT'),
      expect.stringContaining('UPPER() applied to column STATUS'),
    ]);
    expect(f.every((x) => x.severity === 'high')).toBe(true);
    expect(ids('SELECT c.id FROM customers c WHERE NVL(c.region, :d) = :r')).toContain('FUNCTION_ON_COLUMN');
    // functions on the value side, or in the select list, are fine
    expect(
      ids('SELECT UPPER(status) FROM orders WHERE created_at >= TRUNC(SYSDATE) AND status = UPPER(:s)'),
    ).not.toContain('FUNCTION_ON_COLUMN');
  });
});
