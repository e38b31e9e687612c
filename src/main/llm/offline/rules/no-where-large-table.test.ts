import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { ids, TABLES } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('NO_WHERE_LARGE_TABLE', () => {
    expect(ids('SELECT id, status FROM orders')).toContain('NO_WHERE_LARGE_TABLE');
    const del = runRules({ type: 'sql', sqlText: 'DELETE FROM app.orders', tables: TABLES }).find(
      (f) => f.ruleId === 'NO_WHERE_LARGE_TABLE',
    );
    expect(del?.severity).toBe('high');
    expect(ids('SELECT id, status FROM orders WHERE cust_id = :c')).not.toContain('NO_WHERE_LARGE_TABLE');
    expect(ids('SELECT name FROM countries')).not.toContain('NO_WHERE_LARGE_TABLE');
    expect(ids('SELECT id FROM orders ORDER BY id FETCH FIRST 10 ROWS ONLY')).not.toContain(
      'NO_WHERE_LARGE_TABLE',
    );
  });
});
