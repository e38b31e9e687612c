import { describe, expect, it } from 'vitest';
import { ids } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('LEADING_WILDCARD', () => {
    expect(ids("SELECT id FROM customers WHERE email LIKE '%@example.com'")).toContain('LEADING_WILDCARD');
    expect(ids("SELECT id FROM customers WHERE name LIKE 'Kim%'")).not.toContain('LEADING_WILDCARD');
  });
});
