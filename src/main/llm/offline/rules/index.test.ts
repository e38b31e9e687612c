import { describe, expect, it } from 'vitest';
import { runRules } from '../run-rules';
import { NOW, PLAN_CARTESIAN, TABLES } from '../testing/fixtures';
import { RULE_IDS } from '.';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('lists every rule id once', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('every finding has explanation, suggestion and evidence', () => {
    const all = runRules({
      type: 'tuning',
      sqlText:
        "SELECT DISTINCT * FROM orders o, customers c, countries x WHERE UPPER(c.name) LIKE '%K' OR o.order_no = 7 AND o.id NOT IN (SELECT order_id FROM returns)",
      plan: PLAN_CARTESIAN,
      stats: { executions: 1, bufferGets: 5_000_000 },
      tables: TABLES,
      now: NOW,
    });
    expect(all.length).toBeGreaterThan(5);
    for (const f of all) {
      expect(f.explanation.length).toBeGreaterThan(20);
      expect(f.suggestion.length).toBeGreaterThan(10);
      expect(f.evidence.length).toBeGreaterThan(0);
    }
  });
});
