import { describe, expect, it } from 'vitest';
import { ids, PLAN_SORT, PLAN_STOPKEY } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('LARGE_SORT (ORDER BY without a supporting index)', () => {
    expect(ids('SELECT * FROM orders ORDER BY created_at', { type: 'plan', plan: PLAN_SORT })).toContain(
      'LARGE_SORT',
    );
    expect(ids('SELECT * FROM orders ORDER BY cust_id', { type: 'plan', plan: PLAN_STOPKEY })).not.toContain(
      'LARGE_SORT',
    );
  });
});
