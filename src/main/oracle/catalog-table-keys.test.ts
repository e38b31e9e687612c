import { RESULT_FORMATS } from '@shared/contract/results';
import { describe, expect, it } from 'vitest';
import type { CatalogQuery } from './catalog';
import { CatalogGateway, type QueryExecutor } from './catalog-gateway';
import { PRIVILEGE_QUERIES } from './catalog-privileges';
import * as K from './catalog-table-keys';
import { COLUMNS_CATALOG } from './columns-catalog';
import { DemoDatabase } from './demo/database';
import { DemoGateway } from './demo/demo-gateway';
import { dictionaryViewsRead } from './grant-script';
import type { RawRow } from './mappers';
import { analyzeSql } from './sql-columns';
import { mapConstraints, mapIndexes } from './table-keys-mappers';

const T0 = Date.UTC(2026, 11, 2, 3, 0, 0);
const SQL_FUNCTIONS = new Set(['CAST', 'SYS_EXTRACT_UTC', 'SUBSTR', 'DECODE', 'ROUND']);

describe('index and constraint statements', () => {
  it.each(K.TABLE_KEY_QUERIES.map((q) => [q.id, q] as const))(
    '%s declares its output and binds, names only documented columns',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect(shape.binds.sort()).toEqual(['owner', 'tableName']);
      for (const [alias, column] of shape.references) {
        const view = shape.aliases.get(alias);
        expect(view, `alias ${alias}`).toBeDefined();
        expect(COLUMNS_CATALOG[view!]?.columns, `${view}.${column}`).toContain(column);
      }
      expect(shape.unqualified.filter((u) => !SQL_FUNCTIONS.has(u))).toEqual([]);
      // the views the statement reads are the ones it declares (the grant script is built from them)
      expect([...new Set(shape.aliases.values())].sort()).toEqual([...q.views].sort());
    },
  );

  it('DBA_* forms read DBA_* only, ALL_* forms ALL_* only, and the grant list has the DBA_* ones', () => {
    for (const q of K.TABLE_KEY_QUERIES) {
      const prefix = q.id.includes('.dba-') ? 'DBA_' : 'ALL_';
      for (const v of q.views) expect(v.startsWith(prefix), `${q.id} reads ${v}`).toBe(true);
    }
    expect(dictionaryViewsRead()).toEqual(
      expect.arrayContaining(['DBA_INDEXES', 'DBA_IND_COLUMNS', 'DBA_CONSTRAINTS', 'DBA_CONS_COLUMNS']),
    );
  });

  it('LAST_ANALYZED is an instant computed in SQL; the LONG SEARCH_CONDITION is never read', () => {
    for (const q of [K.INDEXES, K.DBA_INDEXES]) {
      expect(q.instantColumns).toEqual(['LAST_ANALYZED']);
      expect(q.sql).toMatch(/ROUND\(\(i\.last_analyzed - DATE '1970-01-01'/);
    }
    for (const q of [K.CONSTRAINTS, K.DBA_CONSTRAINTS]) {
      expect(q.sql).toMatch(/SUBSTR\(c\.search_condition_vc, 1, 400\) AS search_condition/);
    }
    for (const q of K.TABLE_KEY_QUERIES) expect(q.sql).not.toMatch(/\.search_condition\b(?!_vc)/);
    for (const q of [K.CONSTRAINTS_NO_CONDITION, K.DBA_CONSTRAINTS_NO_CONDITION]) {
      expect(q.sql).not.toMatch(/search_condition_vc/);
    }
    // bind variables only: the owner and table never enter the text
    for (const q of K.TABLE_KEY_QUERIES) expect(q.sql).toMatch(/= :owner AND .*table_name = :tableName/);
  });

  it('every instant column of the schema browser statements is computed in SQL (DBA_* forms too, never a raw DATE)', () => {
    for (const q of [...PRIVILEGE_QUERIES, ...K.TABLE_KEY_QUERIES]) {
      for (const col of q.instantColumns ?? []) {
        expect(q.sql, `${q.id} ${col}`).toMatch(
          new RegExp(`DATE '1970-01-01'[^\\n]*\\) \\* 86400000\\) AS ${col.toLowerCase()}`),
        );
      }
    }
  });

  it('the demo database answers each with exactly its columns', () => {
    const db = new DemoDatabase({ seed: 7, sessionCount: 60, now: () => T0 });
    for (const q of K.TABLE_KEY_QUERIES) {
      const rows = db.run(q, { owner: 'SALES', tableName: 'ORDERS' });
      expect(rows.length, q.id).toBeGreaterThan(0);
      for (const r of rows) expect(Object.keys(r), q.id).toEqual([...q.columns]);
    }
  });
});

describe('mappers: one entry per index / constraint, columns in position order', () => {
  it('groups index columns, marks DESC, reads statistics', () => {
    const base = {
      INDEX_OWNER: 'S',
      INDEX_TYPE: 'NORMAL',
      UNIQUENESS: 'NONUNIQUE',
      STATUS: 'VALID',
      VISIBILITY: 'INVISIBLE',
      PARTITIONED: 'NO',
      BLEVEL: 2,
      LEAF_BLOCKS: 100,
      DISTINCT_KEYS: 50,
      CLUSTERING_FACTOR: 900,
      NUM_ROWS: 1000,
      LAST_ANALYZED: T0,
    };
    const out = mapIndexes([
      { ...base, INDEX_NAME: 'A_IX', COLUMN_NAME: 'X', COLUMN_POSITION: 1, DESCEND: 'ASC' },
      { ...base, INDEX_NAME: 'A_IX', COLUMN_NAME: 'SYS_NC00005$', COLUMN_POSITION: 2, DESCEND: 'DESC' },
      { ...base, INDEX_NAME: 'B_UK', UNIQUENESS: 'UNIQUE', COLUMN_NAME: 'Y', COLUMN_POSITION: 1 },
      { ...base, INDEX_NAME: 'SYS_IL0001$$', INDEX_TYPE: 'LOB', COLUMN_NAME: null, COLUMN_POSITION: null },
    ]);
    expect(out.map((i) => [i.indexName, i.columns, i.unique])).toEqual([
      ['A_IX', ['X', 'SYS_NC00005$ DESC'], false],
      ['B_UK', ['Y'], true],
      ['SYS_IL0001$$', [], false],
    ]);
    expect(out[0]).toMatchObject({
      visibility: 'INVISIBLE',
      blevel: 2,
      distinctKeys: 50,
      clusteringFactor: 900,
      lastAnalyzed: T0,
    });
  });

  it('names constraint types as words, keeps the referenced key of a foreign key and the condition of a check', () => {
    const c = (over: RawRow): RawRow => ({
      STATUS: 'ENABLED',
      VALIDATED: 'VALIDATED',
      DEFERRABLE: 'NOT DEFERRABLE',
      DELETE_RULE: null,
      R_OWNER: null,
      R_CONSTRAINT_NAME: null,
      R_TABLE_NAME: null,
      INDEX_NAME: null,
      SEARCH_CONDITION: null,
      ...over,
    });
    const out = mapConstraints([
      c({ CONSTRAINT_NAME: 'PK', CONSTRAINT_TYPE: 'P', INDEX_NAME: 'PK', COLUMN_NAME: 'A', POSITION: 1 }),
      c({ CONSTRAINT_NAME: 'PK', CONSTRAINT_TYPE: 'P', INDEX_NAME: 'PK', COLUMN_NAME: 'B', POSITION: 2 }),
      c({
        CONSTRAINT_NAME: 'FK',
        CONSTRAINT_TYPE: 'R',
        DELETE_RULE: 'CASCADE',
        R_OWNER: 'S',
        R_CONSTRAINT_NAME: 'P_PK',
        R_TABLE_NAME: 'PARENT',
        COLUMN_NAME: 'C',
      }),
      c({ CONSTRAINT_NAME: 'CK', CONSTRAINT_TYPE: 'C', SEARCH_CONDITION: 'x > 0', COLUMN_NAME: 'X' }),
      c({ CONSTRAINT_NAME: 'V', CONSTRAINT_TYPE: 'V', COLUMN_NAME: 'X' }),
    ]);
    expect(out.map((k) => [k.constraintName, k.kind, k.columns])).toEqual([
      ['PK', 'primary', ['A', 'B']],
      ['FK', 'foreign', ['C']],
      ['CK', 'check', ['X']],
    ]);
    expect(out[1]).toMatchObject({
      refOwner: 'S',
      refTable: 'PARENT',
      refConstraint: 'P_PK',
      deleteRule: 'CASCADE',
    });
    expect(out[2]!.condition).toBe('x > 0');
    expect(out[0]!.deleteRule).toBeNull();
  });
});

describe('gateway: DBA_* when readable, else ALL_* (objects the account can access)', () => {
  const demo = (privileges?: 'full' | 'least') =>
    new DemoGateway({ seed: 3, sessionCount: 60, latencyScale: 0, now: () => T0, privileges });

  it('full grants: DBA_* with the demo keys of SALES.ORDERS', async () => {
    const gw = demo();
    const ix = await gw.indexes('SALES', 'ORDERS');
    expect(ix.dictionary).toBe('dba');
    expect(ix.rows.map((i) => [i.indexName, i.columns])).toEqual([
      ['ORDERS_CUST_IX', ['CUSTOMER_ID']],
      ['ORDERS_DATE_IX', ['ORDER_DATE']],
      ['ORDERS_PK', ['ORDER_ID']],
    ]);
    expect(ix.rows[2]).toMatchObject({ unique: true, distinctKeys: 8_300_000, status: 'VALID' });
    expect(ix.rows[0]!.lastAnalyzed).toEqual(expect.any(Number));
    const ks = await gw.constraints('SALES', 'ORDERS');
    expect(ks.dictionary).toBe('dba');
    const fk = ks.rows.find((k) => k.kind === 'foreign')!;
    expect(fk).toMatchObject({
      constraintName: 'ORDERS_CUST_FK',
      refTable: 'CUSTOMERS',
      refConstraint: 'CUSTOMERS_PK',
    });
    expect(ks.rows[0]!.kind).toBe('primary');
    expect(ks.rows.find((k) => k.constraintName === 'ORDERS_STATUS_CK')!.condition).toMatch(/status IN/);
    expect(gw.queryCounts().indexes).toBe(1);
    expect(gw.queryCounts().constraints).toBe(1);
    // what Redis holds passes the L2 result schemas
    expect(RESULT_FORMATS.indexes.schema.safeParse(JSON.parse(JSON.stringify(ix))).success).toBe(true);
    expect(RESULT_FORMATS.constraints.schema.safeParse(JSON.parse(JSON.stringify(ks))).success).toBe(true);
  });

  it('least privilege: ORA-00942 on DBA_* → ALL_*, which holds only accessible objects (none)', async () => {
    const gw = demo('least');
    expect(await gw.indexes('SALES', 'ORDERS')).toEqual({ dictionary: 'all', rows: [] });
    expect(await gw.constraints('SALES', 'ORDERS')).toEqual({ dictionary: 'all', rows: [] });
  });

  it('before 12.2 (ORA-00904 on SEARCH_CONDITION_VC) reads the constraints without the condition from then on', async () => {
    const db = new DemoDatabase({ seed: 3, sessionCount: 60, now: () => T0 });
    const ran: string[] = [];
    const exec: QueryExecutor = {
      run: async (q: CatalogQuery, binds) => {
        ran.push(q.id);
        if (/search_condition_vc/.test(q.sql)) {
          throw Object.assign(new Error('ORA-00904: "C"."SEARCH_CONDITION_VC": invalid identifier'), {
            code: 'ORA-00904',
          });
        }
        return db.run(q, binds);
      },
      killSession: async () => {},
      ping: async () => {},
      close: async () => {},
    };
    const gw = new CatalogGateway(exec, { kind: 'oracle', now: () => T0 });
    const a = await gw.constraints('SALES', 'ORDERS');
    expect(a.dictionary).toBe('dba');
    expect(a.rows.length).toBeGreaterThan(3);
    expect(a.rows.every((k) => k.condition === null)).toBe(true);
    await gw.constraints('SALES', 'CUSTOMERS');
    expect(ran).toEqual([
      'constraints.dba-constraints',
      'constraints.dba-constraints-12.1',
      'constraints.dba-constraints-12.1',
    ]);
  });

  it('rejects empty or over-long names before any SQL (the contract checks identifiers; names are bound)', async () => {
    const gw = demo();
    await expect(gw.indexes('SALES', '')).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(gw.constraints('X'.repeat(200), 'T')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(gw.queryCounts().indexes + gw.queryCounts().constraints).toBe(0);
  });
});
