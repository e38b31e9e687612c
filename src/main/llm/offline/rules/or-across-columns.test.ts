import { describe, expect, it } from 'vitest';
import { ids } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('OR_ACROSS_COLUMNS', () => {
    expect(ids('SELECT id FROM customers WHERE name = :n OR email = :e')).toContain('OR_ACROSS_COLUMNS');
    expect(
      ids('SELECT o.id FROM orders o WHERE o.cust_id = :c AND (o.status = :s OR o.order_no = :n)'),
    ).toContain('OR_ACROSS_COLUMNS');
    expect(ids("SELECT id FROM orders WHERE status = 'A' OR status = 'B'")).not.toContain(
      'OR_ACROSS_COLUMNS',
    );
    expect(ids('SELECT id FROM orders WHERE status = :a AND cust_id = :c')).not.toContain(
      'OR_ACROSS_COLUMNS',
    );
  });
});
