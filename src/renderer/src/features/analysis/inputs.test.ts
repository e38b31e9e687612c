import { describe, expect, it } from 'vitest';
import { hideThinking, MAX_PLAN_CHARS, newRequestId, toPlanText, toSchema, toStats } from './inputs';

describe('analysis inputs from SQL detail', () => {
  it('plan: DBMS_XPLAN lines, else V$SQL_PLAN rows, else nothing', () => {
    expect(toPlanText({ lines: ['Plan hash value: 1', '| Id |'], rows: [] })).toBe(
      'Plan hash value: 1\n| Id |',
    );
    const fromRows = toPlanText({
      lines: [],
      planHashValue: 7,
      rows: [
        {
          id: 0,
          parentId: null,
          depth: 0,
          operation: 'SELECT STATEMENT',
          options: null,
          objectOwner: null,
          objectName: null,
          cost: 3,
          cardinality: null,
          bytes: null,
          timeSec: null,
          accessPredicates: null,
          filterPredicates: null,
        },
        {
          id: 1,
          parentId: 0,
          depth: 1,
          operation: 'TABLE ACCESS',
          options: 'FULL',
          objectOwner: 'APP',
          objectName: 'EMP',
          cost: 3,
          cardinality: 14,
          bytes: null,
          timeSec: null,
          accessPredicates: null,
          filterPredicates: '"SAL">1000',
        },
      ],
    });
    expect(fromRows).toContain('Plan hash value: 7');
    expect(fromRows).toContain('|*1 |  TABLE ACCESS FULL | EMP | 14 | 3 |');
    expect(fromRows).toContain('   1 - filter("SAL">1000)');
    expect(toPlanText({ lines: [], rows: [] })).toBeUndefined();
    expect(toPlanText('  ')).toBeUndefined();
    expect(toPlanText('x'.repeat(MAX_PLAN_CHARS + 10))).toHaveLength(MAX_PLAN_CHARS);
  });

  it('stats: SqlDetail, TopSqlRow or LlmSqlStats; unknown fields dropped', () => {
    const row = { sqlId: 'a', executions: 4, elapsedMs: 40, bufferGets: 400, rowsProcessed: 8, module: 'x' };
    expect(toStats(row)).toEqual({ executions: 4, elapsedMs: 40, bufferGets: 400, rowsProcessed: 8 });
    expect(toStats({ stats: row })).toEqual({
      executions: 4,
      elapsedMs: 40,
      bufferGets: 400,
      rowsProcessed: 8,
    });
    expect(toStats({})).toBeUndefined();
    expect(toStats(undefined)).toBeUndefined();
    const withSchema = { ...row, parsingSchemaName: 'APP' };
    const noSchema = { ...row, parsingSchemaName: null };
    expect(toSchema({ stats: withSchema })).toBe('APP');
    expect(toSchema(noSchema)).toBeUndefined();
  });

  it('a reasoning scratchpad is hidden while streaming', () => {
    expect(hideThinking('<think>hmm')).toBe('');
    expect(hideThinking('<think>a</think>\n## Summary')).toBe('## Summary');
    expect(hideThinking('## Summary')).toBe('## Summary');
  });

  it('request ids are unique and fit the contract', () => {
    const a = newRequestId();
    expect(a).not.toBe(newRequestId());
    expect(a.length).toBeLessThanOrEqual(100);
  });
});
