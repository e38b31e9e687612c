/**
 * A shape change of a cached resource is a conscious decision: each schema's fingerprint is pinned here.
 * When this fails, update the fingerprint, and bump RESULT_FORMATS[resource].version too when the
 * previous release cannot read the new shape or this one cannot read the old (results.ts header).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RESOURCE_NAMES } from '../cache';
import { RESULT_FORMATS, resultValidators } from './results';

const PINNED: Record<keyof typeof RESULT_FORMATS, string> = {
  dashboard: '70da17660164700a',
  realtime: '81169b128ef63e1e',
  sessions: '8649b8e75fa401a8',
  locks: 'ee39560c7d20c023',
  'wait-events': 'f8ca76cc0087077a',
  'top-sql': 'b0e8ea9b489fcf9a',
  sql: '43e991545bdf3aa6',
  'sql-text': '3abdcc56cf623585',
  'sql-plan': '419e4e1d431c00a7',
  schemas: '40520c06ac496c4a',
  tables: '4e69253de47aea8d',
  columns: '4271cea7a986aa7c',
  trend: '4707ebaa350aefd2',
  health: '909e87c055d257a9',
  connections: 'a05696b2b60418a9',
  'llm-sql': 'af50839996c52c9d',
  'llm-plan': 'af50839996c52c9d',
  'llm-tuning': 'af50839996c52c9d',
};

function fingerprint(schema: z.ZodType): string {
  const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));
  return createHash('sha256').update(json).digest('hex').slice(0, 16);
}

describe('cached result formats', () => {
  it('every cache resource has a format, with a positive integer version', () => {
    expect(Object.keys(RESULT_FORMATS).sort()).toEqual([...RESOURCE_NAMES].sort());
    for (const format of Object.values(RESULT_FORMATS)) {
      expect(Number.isInteger(format.version) && format.version >= 1).toBe(true);
    }
  });

  it('shapes are pinned: a change must be reviewed (and its version bumped when incompatible)', () => {
    const now = Object.fromEntries(
      Object.entries(RESULT_FORMATS).map(([resource, f]) => [resource, fingerprint(f.schema)]),
    );
    expect(now).toEqual(PINNED);
  });

  it('validators accept a value of the shape and refuse another', () => {
    const v = resultValidators();
    expect(v['sql-text'].isValid({ sqlId: 'abc', text: 'select 1 from dual', length: 18 })).toBe(true);
    expect(v['sql-text'].isValid({ sqlId: 'abc', text: 1, length: 18 })).toBe(false);
    expect(v['sql-text'].version).toBe(RESULT_FORMATS['sql-text'].version);
    expect(v.connections.isValid([])).toBe(false);
  });
});
