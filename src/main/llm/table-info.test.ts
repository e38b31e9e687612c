import type { Cached } from '@shared/cache';
import type { DictionaryRows } from '@shared/types/privileges';
import { describe, expect, it } from 'vitest';
import { metadataTableInfo } from './table-info';

const cached = <T>(rows: T[]): Cached<DictionaryRows<T>> => ({
  data: { dictionary: 'dba', rows },
  cache: { key: 'k', origin: 'l1', storedAt: 0, ttlSeconds: 1800, stale: false },
});

describe('metadataTableInfo', () => {
  it('resolves unqualified names in the parsing schema and maps sizes and columns', async () => {
    const calls: string[] = [];
    const info = metadataTableInfo({
      tables: async (_c, schema) => {
        calls.push(`tables:${schema}`);
        if (schema === 'HR') throw new Error('ORA-00942');
        return cached([
          {
            owner: schema,
            tableName: 'ORDERS',
            tablespaceName: null,
            status: null,
            numRows: 5000,
            blocks: 80,
            avgRowLen: null,
            lastAnalyzed: 1,
            partitioned: false,
            temporary: false,
            iotType: null,
            compression: null,
            logging: null,
          },
        ]);
      },
      columns: async (_c, schema, table) => {
        calls.push(`columns:${schema}.${table}`);
        return cached([
          {
            columnId: 1,
            columnName: 'ID',
            dataType: 'NUMBER',
            typeDisplay: 'NUMBER',
            dataLength: 22,
            dataPrecision: null,
            dataScale: null,
            charLength: null,
            nullable: false,
            numDistinct: null,
            numNulls: null,
            density: null,
            histogram: null,
            lastAnalyzed: null,
          },
        ]);
      },
    });
    const out = await info(
      'demo',
      [{ name: 'ORDERS' }, { owner: 'HR', name: 'EMP' }, { name: 'MISSING' }],
      'app',
    );
    expect(out).toEqual([
      {
        owner: 'APP',
        name: 'ORDERS',
        numRows: 5000,
        blocks: 80,
        lastAnalyzed: 1,
        columns: [{ name: 'ID', dataType: 'NUMBER', nullable: false }],
      },
    ]);
    expect(calls).toContain('tables:APP');
    expect(await info('demo', [{ name: 'ORDERS' }])).toEqual([]); // no schema known: nothing looked up
  });
});
