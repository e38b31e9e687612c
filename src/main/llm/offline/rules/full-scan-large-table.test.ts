import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { ids, PLAN_CARTESIAN, PLAN_FULL, PLAN_INDEX, TABLES } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('FULL_SCAN_LARGE_TABLE', () => {
    const f = runRules({ type: 'plan', sqlText: 'x', plan: PLAN_FULL, tables: TABLES }).find(
      (x) => x.ruleId === 'FULL_SCAN_LARGE_TABLE',
    );
    expect(f?.severity).toBe('high');
    expect(f?.title).toContain('ORDERS (5,000,000 rows)');
    expect(ids('x', { type: 'plan', plan: PLAN_INDEX })).not.toContain('FULL_SCAN_LARGE_TABLE');
    // a full scan of a small table is fine
    expect(
      ids('x', { type: 'plan', plan: PLAN_CARTESIAN }).filter((r) => r === 'FULL_SCAN_LARGE_TABLE'),
    ).toHaveLength(1);
  });
});
