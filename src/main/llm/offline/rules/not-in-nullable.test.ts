import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { ids, TABLES } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('NOT_IN_NULLABLE', () => {
    const f = runRules({
      type: 'sql',
      sqlText: 'SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM returns)',
      tables: TABLES,
    }).find((x) => x.ruleId === 'NOT_IN_NULLABLE');
    expect(f?.severity).toBe('high');
    expect(
      ids(
        'SELECT id FROM orders WHERE id NOT IN (SELECT r.order_id FROM returns r WHERE r.order_id IS NOT NULL)',
      ),
    ).not.toContain('NOT_IN_NULLABLE');
    expect(ids('SELECT id FROM customers WHERE id NOT IN (SELECT cust_id FROM orders)')).not.toContain(
      'NOT_IN_NULLABLE',
    );
    expect(ids("SELECT id FROM orders WHERE status NOT IN ('A', 'B')")).not.toContain('NOT_IN_NULLABLE');
    expect(
      ids('SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.id)'),
    ).not.toContain('NOT_IN_NULLABLE');
  });
});
