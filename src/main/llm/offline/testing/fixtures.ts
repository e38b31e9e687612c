/** Shared fixtures of the offline analyser's tests: tables, plans, and a helper that lists rule ids. */
import type { AnalysisType, LlmSqlStats, LlmTableInfo } from '@shared/types/llm';
import type { RuleId } from '../rules';
import { runRules } from '../run-rules';

export const NOW = Date.UTC(2026, 10, 29);
export const DAY = 86_400_000;

export const TABLES: LlmTableInfo[] = [
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

export function ids(
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

export const PLAN_FULL = `SQL_ID  abcd1234efgh5, child number 0
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

export const PLAN_INDEX = `Plan hash value: 222

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

export const PLAN_CARTESIAN = `Plan hash value: 333

| Id  | Operation            | Name      | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT     |           |       |   900 (100)|
|   1 |  MERGE JOIN CARTESIAN|           |   50M |   900   (1)|
|   2 |   TABLE ACCESS FULL  | COUNTRIES |   250 |     3   (0)|
|   3 |   BUFFER SORT        |           |  200K |   897   (1)|
|   4 |    TABLE ACCESS FULL | CUSTOMERS |  200K |   897   (1)|
`;

export const PLAN_SORT = `Plan hash value: 444

| Id  | Operation          | Name   | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT   |        |       | 30000 (100)|
|   1 |  SORT ORDER BY     |        |  5000K| 30000   (1)|
|   2 |   TABLE ACCESS FULL| ORDERS |  5000K| 12000   (1)|
`;

export const PLAN_STOPKEY = `Plan hash value: 555

| Id  | Operation               | Name   | Rows  | Cost (%CPU)|
|   0 | SELECT STATEMENT        |        |       |    50 (100)|
|   1 |  SORT ORDER BY STOPKEY  |        |  5000K|    50   (1)|
|   2 |   INDEX FULL SCAN       | ORDERS_CUST_IX |  10 |     4   (1)|
`;
