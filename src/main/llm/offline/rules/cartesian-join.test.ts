import { describe, expect, it } from 'vitest';
import { ids, PLAN_CARTESIAN, PLAN_INDEX } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('CARTESIAN_JOIN (comma join without a join predicate; MERGE JOIN CARTESIAN in the plan)', () => {
    expect(
      ids('SELECT c.name, x.name FROM customers c, countries x WHERE c.region = :r', { type: 'sql' }),
    ).toContain('CARTESIAN_JOIN');
    expect(ids('SELECT c.name, x.name FROM customers c, countries x', { type: 'sql' })).toContain(
      'CARTESIAN_JOIN',
    );
    expect(
      ids('SELECT c.name, o.id FROM customers c, orders o WHERE o.cust_id = c.id AND c.region = :r', {
        type: 'sql',
      }),
    ).not.toContain('CARTESIAN_JOIN');
    expect(
      ids('SELECT c.name FROM customers c JOIN orders o ON o.cust_id = c.id', { type: 'sql' }),
    ).not.toContain('CARTESIAN_JOIN');
    expect(ids('SELECT 1 FROM dual', { type: 'plan', plan: PLAN_CARTESIAN })).toContain('CARTESIAN_JOIN');
    expect(ids('SELECT 1 FROM dual', { type: 'plan', plan: PLAN_INDEX })).not.toContain('CARTESIAN_JOIN');
  });
});
