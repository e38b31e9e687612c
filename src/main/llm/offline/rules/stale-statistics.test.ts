import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { ids, NOW, TABLES } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('STALE_STATISTICS (tuning only)', () => {
    const f = runRules({
      type: 'tuning',
      sqlText: 'SELECT r.reason FROM returns r, customers c WHERE r.order_id = c.id',
      tables: TABLES,
      now: NOW,
    }).filter((x) => x.ruleId === 'STALE_STATISTICS');
    expect(f.map((x) => x.title).sort()).toEqual([
      'No optimizer statistics on RETURNS',
      'Optimizer statistics on CUSTOMERS are 90 days old',
    ]);
    expect(ids('SELECT id FROM orders WHERE id = :id')).not.toContain('STALE_STATISTICS');
  });
});
