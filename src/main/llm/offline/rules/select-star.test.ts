import { describe, expect, it } from 'vitest';
import { ids } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('SELECT_STAR', () => {
    expect(ids('SELECT * FROM orders WHERE id = :id')).toContain('SELECT_STAR');
    expect(ids('SELECT o.* FROM orders o WHERE o.id = :id')).toContain('SELECT_STAR');
    expect(
      ids('SELECT COUNT(*) FROM orders o WHERE EXISTS (SELECT * FROM returns r WHERE r.order_id = o.id)'),
    ).not.toContain('SELECT_STAR');
    expect(ids('SELECT id, status FROM orders WHERE id = :id')).not.toContain('SELECT_STAR');
  });
});
