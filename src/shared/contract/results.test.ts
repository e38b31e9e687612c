/**
 * A shape change of a cached resource is a conscious decision: each schema's fingerprint is pinned here.
 * When this fails, update the fingerprint, and bump RESULT_FORMATS[resource].version too when the
 * previous release cannot read the new shape or this one cannot read the old (results.ts header).
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { RESOURCE_NAMES } from '../cache';
import { RESULT_FORMATS, resultValidators } from './results';

const PINNED: Record<keyof typeof RESULT_FORMATS, string> = {
  dashboard: 'd09109f7bd8dcbd7',
  realtime: 'df62472d9e6b8769',
  sessions: 'f4cad8a1f98755a5',
  locks: '952fe3d46f48a104',
  'wait-events': '85760d9ded1c9587',
  'top-sql': '600cc658354c893a',
  sql: '5863385956303a99',
  'sql-text': 'ef347f9da72975a3',
  'sql-plan': '67b7dc5acebf9a22',
  schemas: '99eb841f493d0977',
  tables: '377561670b90bc3f',
  columns: 'dfea98b6cdbed542',
  trend: '8246d09a0cd495fe',
  health: '4e81395152079a2b',
  'sqlstats-snapshot': '33f87d97f88258ff',
  connections: '897fcaf37e7c7e7f',
  'llm-sql': '4d04cef303895b17',
  'llm-plan': '4d04cef303895b17',
  'llm-tuning': '4d04cef303895b17',
  space: 'cd2833b556ba3d0d',
  'temp-usage': '8e1e77c80aa20504',
  limits: 'aa9a023333b654c3',
  session: '00049dafc1598e01',
  'memory-io': 'd7720658fc39647a',
  'alert-log': 'a65c194b5b5de573',
  longops: 'a565d861e7225ef3',
  indexes: '186a213a426fb594',
  constraints: '35f5a077fd70ba45',
};

function fingerprint(schema: z.ZodType): string {
  const json = JSON.stringify(z.toJSONSchema(schema, { unrepresentable: 'any' }));
  // two 32-bit FNV-1a hashes (different seeds): no node:crypto in shared code
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193) >>> 0;
    h2 = Math.imul(h2 ^ c, 0x811c9dc5) >>> 0;
  }
  return h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0');
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
