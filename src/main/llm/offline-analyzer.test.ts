import type { AnalysisType, LlmSqlStats, LlmTableInfo } from '@shared/types/llm';
import { describe, expect, it } from 'vitest';
import { analyzeOffline, RULE_IDS, type RuleId, runRules } from './offline-analyzer';

const NOW = Date.UTC(2026, 10, 29);
const DAY = 86_400_000;

const TABLES: LlmTableInfo[] = [
  {
    owner: 'APP',
    name: 'ORDERS',
    numRows: 5_000_000,
    blocks: 80_000,
    lastAnalyzed: NOW - 2 * DAY,
    indexes: [
      { name: 'ORDERS_PK', columns: ['ID'], unique: true },
      { name: 'ORDERS_CUST_IX', columns: ['CUST_ID', 'CREATED_AT'] },
      { name: 'ORDERS_STATUS_IX', columns: ['STATUS'] },
    ],
    columns: [
      { name: 'ID', dataType: 'NUMBER', nullable: false },
      { name: 'CUST_ID', dataType: 'NUMBER', nullable: false },
      { name: 'ORDER_NO', dataType: 'VARCHAR2', nullable: false },
      { name: 'STATUS', dataType: 'VARCHAR2', nullable: true },
      { name: 'CREATED_AT', dataType: 'DATE', nullable: false },
    ],
  },
  {
    owner: 'APP',
    name: 'CUSTOMERS',
    numRows: 200_000,
    lastAnalyzed: NOW - 90 * DAY,
    indexes: [{ name: 'CUSTOMERS_PK', columns: ['ID'], unique: true }],
    columns: [
      { name: 'ID', dataType: 'NUMBER', nullable: false },
      { name: 'NAME', dataType: 'VARCHAR2', nullable: true },
      { name: 'EMAIL', dataType: 'VARCHAR2', nullable: true },
      { name: 'REGION', dataType: 'VARCHAR2', nullable: true },
    ],
  },
  {
    owner: 'APP',
    name: 'RETURNS',
    numRows: 1_000,
    lastAnalyzed: null,
    columns: [
      { name: 'ORDER_ID', dataType: 'NUMBER', nullable: true },
      { name: 'REASON', dataType: 'VARCHAR2', nullable: false },
    ],
  },
  { owner: 'APP', name: 'COUNTRIES', numRows: 250, lastAnalyzed: NOW - DAY },
];

function ids(
  sqlText: string,
  opts: { type?: AnalysisType; plan?: string; stats?: LlmSqlStats; tables?: LlmTableInfo[] } = {},
): RuleId[] {
  return runRules({
    type: opts.type ?? 'tuning',
    sqlText,
    plan: opts.plan,
    stats: opts.stats,
    tables: opts.tables ?? TABLES,
    now: NOW,
  }).map((f) => f.ruleId as RuleId);
}

const PLAN_FULL = `SQL_ID  abcd1234efgh5, child number 0
-------------------------------------
select * from orders where status = :b1

Plan hash value: 1234567890

----------------------------------------------------------------------------
| Id  | Operation         | Name   | Rows  | Bytes | Cost (%CPU)| Time     |
----------------------------------------------------------------------------
|   0 | SELECT STATEMENT  |        |       |       | 12345 (100)|          |
|*  1 |  TABLE ACCESS FULL| ORDERS |  2500K|   120M| 12345   (2)| 00:00:01 |
----------------------------------------------------------------------------

Predicate Information (identified by operation id):
---------------------------------------------------

   1 - filter(TO_NUMBER("ORDER_NO")=42)
`;

const PLAN_INDEX = `Plan hash value: 222

-------------------------------------------------------------------------------------------
| Id  | Operation                   | Name             | Rows  | Bytes | Cost (%CPU)| Time     |
-------------------------------------------------------------------------------------------
|   0 | SELECT STATEMENT            |                  |       |       |     4 (100)|          |
|   1 |  TABLE ACCESS BY INDEX ROWID| ORDERS           |     1 |    48 |     4   (0)| 00:00:01 |
|*  2 |   INDEX RANGE SCAN          | ORDERS_CUST_IX   |     1 |       |     3   (0)| 00:00:01 |
-------------------------------------------------------------------------------------------

Predicate Information (identified by operation id):
---------------------------------------------------

   2 - access("CUST_ID"=:B1)
`;

const PLAN_CARTESIAN = `Plan hash value: 333

| Id  | Operation            | Name      | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT     |           |       |   900 (100)|
|   1 |  MERGE JOIN CARTESIAN|           |   50M |   900   (1)|
|   2 |   TABLE ACCESS FULL  | COUNTRIES |   250 |     3   (0)|
|   3 |   BUFFER SORT        |           |  200K |   897   (1)|
|   4 |    TABLE ACCESS FULL | CUSTOMERS |  200K |   897   (1)|
`;

const PLAN_SORT = `Plan hash value: 444

| Id  | Operation          | Name   | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT   |        |       | 30000 (100)|
|   1 |  SORT ORDER BY     |        |  5000K| 30000   (1)|
|   2 |   TABLE ACCESS FULL| ORDERS |  5000K| 12000   (1)|
`;

const PLAN_STOPKEY = `Plan hash value: 555

| Id  | Operation               | Name   | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT        |        |       |    50 (100)|
|   1 |  SORT ORDER BY STOPKEY  |        |  5000K|    50   (1)|
|   2 |   INDEX FULL SCAN       | ORDERS_CUST_IX |  10 |     4   (1)|
`;

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('lists every rule id once', () => {
    expect(new Set(RULE_IDS).size).toBe(RULE_IDS.length);
  });

  it('SELECT_STAR', () => {
    expect(ids('SELECT * FROM orders WHERE id = :id')).toContain('SELECT_STAR');
    expect(ids('SELECT o.* FROM orders o WHERE o.id = :id')).toContain('SELECT_STAR');
    expect(
      ids('SELECT COUNT(*) FROM orders o WHERE EXISTS (SELECT * FROM returns r WHERE r.order_id = o.id)'),
    ).not.toContain('SELECT_STAR');
    expect(ids('SELECT id, status FROM orders WHERE id = :id')).not.toContain('SELECT_STAR');
  });

  it('NO_WHERE_LARGE_TABLE', () => {
    expect(ids('SELECT id, status FROM orders')).toContain('NO_WHERE_LARGE_TABLE');
    const del = runRules({ type: 'sql', sqlText: 'DELETE FROM app.orders', tables: TABLES }).find(
      (f) => f.ruleId === 'NO_WHERE_LARGE_TABLE',
    );
    expect(del?.severity).toBe('high');
    expect(ids('SELECT id, status FROM orders WHERE cust_id = :c')).not.toContain('NO_WHERE_LARGE_TABLE');
    expect(ids('SELECT name FROM countries')).not.toContain('NO_WHERE_LARGE_TABLE');
    expect(ids('SELECT id FROM orders ORDER BY id FETCH FIRST 10 ROWS ONLY')).not.toContain(
      'NO_WHERE_LARGE_TABLE',
    );
  });

  it('FUNCTION_ON_COLUMN (UPPER, TRUNC, NVL), high when the column is indexed', () => {
    const f = runRules({
      type: 'sql',
      sqlText: "SELECT id FROM orders o WHERE TRUNC(o.created_at) = TRUNC(SYSDATE) AND UPPER(status) = 'NEW'",
      tables: TABLES,
    }).filter((x) => x.ruleId === 'FUNCTION_ON_COLUMN');
    expect(f.map((x) => x.title)).toEqual([
      expect.stringContaining('TRUNC() applied to column O.CREATED_AT'),
      expect.stringContaining('UPPER() applied to column STATUS'),
    ]);
    expect(f.every((x) => x.severity === 'high')).toBe(true);
    expect(ids('SELECT c.id FROM customers c WHERE NVL(c.region, :d) = :r')).toContain('FUNCTION_ON_COLUMN');
    // functions on the value side, or in the select list, are fine
    expect(
      ids('SELECT UPPER(status) FROM orders WHERE created_at >= TRUNC(SYSDATE) AND status = UPPER(:s)'),
    ).not.toContain('FUNCTION_ON_COLUMN');
  });

  it('IMPLICIT_CONVERSION (VARCHAR2 column vs number in SQL; TO_NUMBER/INTERNAL_FUNCTION in the plan)', () => {
    expect(ids('SELECT id FROM orders WHERE order_no = 42', { type: 'sql' })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT id FROM orders o WHERE 42 = o.order_no', { type: 'sql' })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids("SELECT id FROM orders WHERE order_no = '42'", { type: 'sql' })).not.toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT status FROM orders WHERE id = 42', { type: 'sql' })).not.toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT id FROM orders WHERE order_no = :b1', { type: 'plan', plan: PLAN_FULL })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(
      ids('SELECT id FROM orders WHERE cust_id = :b1', { type: 'plan', plan: PLAN_INDEX }),
    ).not.toContain('IMPLICIT_CONVERSION');
    const compared = PLAN_INDEX.replace(
      'access("CUST_ID"=:B1)',
      'filter(:B1=INTERNAL_FUNCTION("CREATED_AT"))',
    );
    expect(ids('x', { type: 'plan', plan: compared })).toContain('IMPLICIT_CONVERSION');
    // a conversion inside an analytic ORDER BY is not a predicate on the column
    const sorted = PLAN_INDEX.replace(
      'access("CUST_ID"=:B1)',
      'filter(ROW_NUMBER() OVER ( ORDER BY INTERNAL_FUNCTION("ORDERS"."ORDER_DATE") DESC )<=:B2)',
    );
    expect(ids('x', { type: 'plan', plan: sorted })).not.toContain('IMPLICIT_CONVERSION');
  });

  it('NOT_IN_NULLABLE', () => {
    const f = runRules({
      type: 'sql',
      sqlText: 'SELECT id FROM orders WHERE id NOT IN (SELECT order_id FROM returns)',
      tables: TABLES,
    }).find((x) => x.ruleId === 'NOT_IN_NULLABLE');
    expect(f?.severity).toBe('high');
    expect(
      ids(
        'SELECT id FROM orders WHERE id NOT IN (SELECT r.order_id FROM returns r WHERE r.order_id IS NOT NULL)',
      ),
    ).not.toContain('NOT_IN_NULLABLE');
    expect(ids('SELECT id FROM customers WHERE id NOT IN (SELECT cust_id FROM orders)')).not.toContain(
      'NOT_IN_NULLABLE',
    );
    expect(ids("SELECT id FROM orders WHERE status NOT IN ('A', 'B')")).not.toContain('NOT_IN_NULLABLE');
    expect(
      ids('SELECT o.id FROM orders o WHERE NOT EXISTS (SELECT 1 FROM returns r WHERE r.order_id = o.id)'),
    ).not.toContain('NOT_IN_NULLABLE');
  });

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

  it('HIGH_GETS_PER_EXEC', () => {
    expect(
      ids('x', { type: 'plan', stats: { executions: 10, bufferGets: 2_000_000, rowsProcessed: 10 } }),
    ).toContain('HIGH_GETS_PER_EXEC');
    expect(
      ids('x', { type: 'plan', stats: { executions: 1000, bufferGets: 4000, rowsProcessed: 1000 } }),
    ).not.toContain('HIGH_GETS_PER_EXEC');
    expect(ids('x', { type: 'plan', stats: { executions: 0, bufferGets: 4_000_000 } })).not.toContain(
      'HIGH_GETS_PER_EXEC',
    );
  });

  it('LEADING_WILDCARD', () => {
    expect(ids("SELECT id FROM customers WHERE email LIKE '%@example.com'")).toContain('LEADING_WILDCARD');
    expect(ids("SELECT id FROM customers WHERE name LIKE 'Kim%'")).not.toContain('LEADING_WILDCARD');
  });

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

  it('DISTINCT_WITH_JOIN', () => {
    expect(
      ids('SELECT DISTINCT c.name FROM customers c JOIN orders o ON o.cust_id = c.id WHERE o.status = :s'),
    ).toContain('DISTINCT_WITH_JOIN');
    expect(ids('SELECT DISTINCT status FROM orders WHERE cust_id = :c')).not.toContain('DISTINCT_WITH_JOIN');
    expect(
      ids('SELECT c.name FROM customers c JOIN orders o ON o.cust_id = c.id WHERE o.status = :s'),
    ).not.toContain('DISTINCT_WITH_JOIN');
  });

  it('LARGE_SORT (ORDER BY without a supporting index)', () => {
    expect(ids('SELECT * FROM orders ORDER BY created_at', { type: 'plan', plan: PLAN_SORT })).toContain(
      'LARGE_SORT',
    );
    expect(ids('SELECT * FROM orders ORDER BY cust_id', { type: 'plan', plan: PLAN_STOPKEY })).not.toContain(
      'LARGE_SORT',
    );
  });

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
