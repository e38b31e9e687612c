import { describe, expect, it } from 'vitest';
import { ids } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('DISTINCT_WITH_JOIN', () => {
    expect(
      ids('SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.cust_id = c.id WHERE o.status = :s'),
    ).toContain('DISTINCT_WITH_JOIN');
    expect(ids('SELECT DISTINCT status FROM orders WHERE cust_id = :c')).not.toContain('DISTINCT_WITH_JOIN');
    expect(
      ids('SELECT c.name FROM customers c JOIN orders o ON o.cust_id = c.id WHERE o.status = :s'),
    ).not.toContain('DISTINCT_WITH_JOIN');
  });
});
