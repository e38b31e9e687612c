import { describe, expect, it } from 'vitest';
import { analyzeOffline } from '.';
import { NOW, PLAN_FULL, PLAN_SORT, TABLES } from './testing/fixtures';

describe('offline reports per analysis type', () => {
  const sqlText = "SELECT * FROM orders WHERE UPPER(status) = 'NEW'";
  const stats = { executions: 10, bufferGets: 900_000, rowsProcessed: 50, elapsedMs: 12_000 };

  it('sql: findings on the text and a statement overview', () => {
    const r = analyzeOffline({ type: 'sql', sqlText, plan: PLAN_FULL, stats, tables: TABLES });
    expect(r.markdown).toContain('## SQL analysis (offline)');
    expect(r.markdown).toContain('### Statement overview');
    expect(r.markdown).not.toContain('### Plan summary');
    expect(r.findings.map((f) => f.ruleId)).not.toContain('FULL_SCAN_LARGE_TABLE');
  });

  it('plan: plan summary, plan findings, per-execution statistics', () => {
    const r = analyzeOffline({ type: 'plan', sqlText, plan: PLAN_FULL, stats, tables: TABLES });
    expect(r.markdown).toContain('## Execution plan analysis (offline)');
    expect(r.markdown).toContain('Plan hash value: 1234567890');
    expect(r.markdown).toContain('buffer gets per exec: 90,000');
    expect(r.findings.map((f) => f.ruleId)).toEqual(
      expect.arrayContaining(['FULL_SCAN_LARGE_TABLE', 'HIGH_GETS_PER_EXEC', 'IMPLICIT_CONVERSION']),
    );
  });

  it('tuning: prioritized actions, high severity first', () => {
    const r = analyzeOffline({ type: 'tuning', sqlText, plan: PLAN_FULL, stats, tables: TABLES });
    expect(r.markdown).toContain('## Tuning recommendations (offline)');
    expect(r.markdown).toContain('### Prioritized actions');
    expect(r.findings[0]!.severity).toBe('high');
  });

  it('no findings says so', () => {
    const r = analyzeOffline({
      type: 'sql',
      sqlText: 'SELECT id FROM orders WHERE id = :id',
      tables: TABLES,
    });
    expect(r.findings).toEqual([]);
    expect(r.markdown).toContain('No rule found a problem.');
  });

  it('Korean: report sections and every finding text in Korean', () => {
    const r = analyzeOffline({
      type: 'tuning',
      language: 'ko',
      sqlText:
        "SELECT DISTINCT * FROM orders o, customers c WHERE UPPER(c.name) LIKE '%K' OR o.order_no = 7 AND o.id NOT IN (SELECT order_id FROM returns)",
      plan: PLAN_SORT,
      stats: { executions: 1, bufferGets: 5_000_000, rowsProcessed: 3 },
      tables: TABLES,
      now: NOW,
    });
    expect(r.markdown).toContain('## 튜닝 권고사항 (오프라인)');
    expect(r.markdown).toContain('### 우선순위별 조치');
    expect(r.markdown).toContain('실행당 buffer gets: 5,000,000');
    const hangul = /[\uac00-\ud7a3]/;
    expect(r.findings.length).toBeGreaterThan(6);
    for (const f of r.findings) {
      expect(hangul.test(f.title), f.ruleId).toBe(true);
      expect(hangul.test(f.explanation), f.ruleId).toBe(true);
      expect(hangul.test(f.suggestion) || f.ruleId === 'STALE_STATISTICS', f.ruleId).toBe(true);
    }
    const en = analyzeOffline({ type: 'sql', sqlText: 'SELECT * FROM orders', tables: TABLES });
    expect(en.markdown).toContain('## SQL analysis (offline)');
  });
});
