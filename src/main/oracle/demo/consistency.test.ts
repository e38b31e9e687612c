/**
 * Issue 15 point 2: the demo schema is one model a DBA can cross-check. Every table, column, index,
 * constraint (as the demo gateway answers them) and every plan line (sql-library.ts) must agree:
 * foreign keys hold no more distinct values than the parent has rows, keys are unique, a full scan
 * without a predicate returns NUM_ROWS, an equality filter NUM_ROWS / NDV, an index named in a plan
 * exists on the columns its predicate names, and its cardinality agrees with DISTINCT_KEYS.
 */
import type { ColumnRow, ConstraintRow, IndexRow, TableRow } from '@shared/types/oracle';
import { beforeAll, describe, expect, it } from 'vitest';
import { DemoGateway } from './demo-gateway';
import { DEMO_SCHEMAS } from './schema-data';
import { LITERAL_VARIANTS, type PlanLine, SQL_LIBRARY } from './sql-library';

interface TableModel {
  table: TableRow;
  columns: ColumnRow[];
  indexes: IndexRow[];
  constraints: ConstraintRow[];
}

const model = new Map<string, TableModel>();
const at = Date.UTC(2026, 11, 2, 3, 0, 0);

beforeAll(async () => {
  const g = new DemoGateway({ latencyScale: 0, now: () => at });
  for (const s of DEMO_SCHEMAS) {
    for (const table of (await g.tables(s.username)).rows) {
      const [columns, indexes, constraints] = await Promise.all([
        g.columns(s.username, table.tableName),
        g.indexes(s.username, table.tableName),
        g.constraints(s.username, table.tableName),
      ]);
      model.set(`${s.username}.${table.tableName}`, {
        table,
        columns: columns.rows,
        indexes: indexes.rows,
        constraints: constraints.rows,
      });
    }
  }
});

const tables = () => [...model.entries()];
const column = (m: TableModel, name: string) => m.columns.find((c) => c.columnName === name);
const analyzed = (m: TableModel) => m.table.numRows !== null;

function indexByName(owner: string, name: string): { m: TableModel; ix: IndexRow; key: string } | undefined {
  for (const [key, m] of model) {
    const ix = m.indexes.find((i) => i.owner === owner && i.indexName === name);
    if (ix) return { m, ix, key };
  }
  return undefined;
}

/** column names a predicate names: `"O"."ORDER_DATE">=:B1` → ORDER_DATE */
function predicateColumns(predicate: string): string[] {
  return [...predicate.matchAll(/(?:"[A-Z0-9_$#]+"\.)?"([A-Z0-9_$#]+)"/g)].map((m) => m[1]!);
}

/** a lone equality of one column with a bind (`"I"."PRODUCT_ID"=:B1`, `"A"."ID"=TO_NUMBER(:1)`) */
function bindEquality(predicate: string): string | null {
  const m = /^(?:"[A-Z0-9_$#]+"\.)?"([A-Z0-9_$#]+)"=(?::\w+|TO_NUMBER\(:\w+\))$/.exec(predicate);
  return m ? m[1]! : null;
}

const PLANS: { sql: string; plan: readonly PlanLine[] }[] = [
  ...SQL_LIBRARY.filter((s) => s.plan).map((s) => ({ sql: s.text.slice(0, 60), plan: s.plan! })),
  { sql: LITERAL_VARIANTS.template(4711), plan: LITERAL_VARIANTS.plan(4711) },
];
const DEMO_OWNERS = new Set(DEMO_SCHEMAS.map((s) => s.username));

describe('the demo dictionary is one consistent model', () => {
  it('has tables with statistics, indexes and constraints to check', () => {
    expect(model.size).toBeGreaterThan(25);
    expect(tables().filter(([, m]) => m.indexes.length > 0).length).toBeGreaterThan(20);
    expect(tables().some(([, m]) => m.constraints.some((c) => c.kind === 'foreign'))).toBe(true);
  });

  it('no column has more distinct values than non-null rows', () => {
    for (const [key, m] of tables()) {
      if (!analyzed(m)) continue;
      for (const c of m.columns) {
        expect(c.numDistinct, `${key}.${c.columnName}`).not.toBeNull();
        expect(c.numDistinct!, `${key}.${c.columnName} NDV`).toBeLessThanOrEqual(
          m.table.numRows! - (c.numNulls ?? 0),
        );
      }
    }
  });

  it('primary / unique keys: one column → NDV = NUM_ROWS, never null; the key index has DISTINCT_KEYS = NUM_ROWS', () => {
    for (const [key, m] of tables()) {
      for (const k of m.constraints.filter((c) => c.kind === 'primary' || c.kind === 'unique')) {
        for (const name of k.columns) {
          const c = column(m, name);
          expect(c, `${key} ${k.constraintName} names ${name}`).toBeDefined();
          if (k.kind === 'primary') expect(c!.nullable, `${key}.${name} is NOT NULL`).toBe(false);
        }
        const ix = m.indexes.find((i) => i.indexName === k.indexName);
        expect(ix, `${key} ${k.constraintName} is enforced by an index`).toBeDefined();
        expect(ix!.unique).toBe(true);
        expect(ix!.columns).toEqual(k.columns);
        if (!analyzed(m)) continue;
        if (k.kind === 'primary') expect(ix!.distinctKeys, `${key} ${ix!.indexName}`).toBe(m.table.numRows);
        if (k.columns.length === 1) {
          const c = column(m, k.columns[0]!)!;
          expect(c.numDistinct, `${key}.${c.columnName}`).toBe(m.table.numRows! - (c.numNulls ?? 0));
        }
      }
    }
  });

  it('foreign keys: the parent key exists, and no child column has more distinct values than the parent has rows', () => {
    for (const [key, m] of tables()) {
      for (const k of m.constraints.filter((c) => c.kind === 'foreign')) {
        const parent = model.get(`${k.refOwner}.${k.refTable}`);
        expect(parent, `${key} ${k.constraintName} → ${k.refOwner}.${k.refTable}`).toBeDefined();
        const parentKey = parent!.constraints.find((c) => c.constraintName === k.refConstraint);
        expect(parentKey?.kind, `${k.constraintName} references a primary/unique key`).toMatch(
          /primary|unique/,
        );
        expect(parentKey!.columns.length).toBe(k.columns.length);
        if (!analyzed(m) || !analyzed(parent!)) continue;
        for (const name of k.columns) {
          const c = column(m, name)!;
          expect(c.numDistinct!, `${key}.${name} NDV ≤ ${k.refTable} rows`).toBeLessThanOrEqual(
            parent!.table.numRows!,
          );
        }
      }
    }
  });

  it('indexes: columns exist, statistics agree with the table and its columns', () => {
    for (const [key, m] of tables()) {
      for (const ix of m.indexes) {
        for (const name of ix.columns)
          expect(column(m, name), `${key} ${ix.indexName} on ${name}`).toBeDefined();
        if (!analyzed(m)) continue;
        expect(ix.numRows!, `${key} ${ix.indexName} NUM_ROWS`).toBeLessThanOrEqual(m.table.numRows!);
        expect(ix.distinctKeys!, `${key} ${ix.indexName} DISTINCT_KEYS`).toBeLessThanOrEqual(ix.numRows!);
        expect(ix.clusteringFactor!, `${key} ${ix.indexName} CLUSTERING_FACTOR`).toBeLessThanOrEqual(
          ix.numRows!,
        );
        expect(ix.lastAnalyzed).toBe(m.table.lastAnalyzed);
        if (ix.columns.length === 1) {
          expect(ix.distinctKeys, `${key} ${ix.indexName} = NDV of ${ix.columns[0]}`).toBe(
            column(m, ix.columns[0]!)!.numDistinct,
          );
        }
      }
    }
  });

  it('BLOCKS ≈ NUM_ROWS × AVG_ROW_LEN / usable block bytes', () => {
    for (const [key, m] of tables()) {
      const { numRows, avgRowLen, blocks } = m.table;
      if (numRows === null || avgRowLen === null || blocks === null || numRows === 0) continue;
      const bytes = numRows * avgRowLen;
      expect(blocks * 8192, key).toBeGreaterThanOrEqual(bytes);
      expect(blocks * 8192 * 0.7, key).toBeLessThanOrEqual(bytes + 5 * 8192);
    }
  });
});

describe('the demo plans agree with the dictionary', () => {
  const lines = () =>
    PLANS.flatMap(({ sql, plan }) =>
      plan.map((p, i) => ({ sql, p, next: plan[i + 1] as PlanLine | undefined })),
    ).filter(({ p }) => p[3] && DEMO_OWNERS.has(p[3].split('.')[0]!));

  it('every object a plan names exists: tables as tables, indexes on the table the plan reads', () => {
    for (const { sql, p, next } of lines()) {
      const [depth, operation, options, object] = p;
      const [owner, name] = object.split('.') as [string, string];
      if (operation === 'SEQUENCE') continue;
      if (operation === 'INDEX') {
        expect(indexByName(owner, name), `${sql}: index ${object}`).toBeDefined();
        continue;
      }
      expect(model.get(object), `${sql}: table ${object}`).toBeDefined();
      if (operation === 'TABLE ACCESS' && options.startsWith('BY INDEX ROWID') && next?.[1] === 'INDEX') {
        expect(next[0]).toBe(depth + 1);
        const [iOwner, iName] = next[3].split('.') as [string, string];
        expect(indexByName(iOwner, iName)?.key, `${sql}: ${next[3]} is an index of ${object}`).toBe(object);
      }
    }
  });

  it('an index access names only the index columns, starting with the leading one; cardinality agrees with DISTINCT_KEYS', () => {
    for (const { sql, p } of lines().filter(({ p }) => p[1] === 'INDEX')) {
      const [, , options, object, card, , , access] = p;
      const [owner, name] = object.split('.') as [string, string];
      const { m, ix } = indexByName(owner, name)!;
      const named = predicateColumns(access ?? '');
      expect(named.length, `${sql}: ${object} has an access predicate`).toBeGreaterThan(0);
      for (const c of named) expect(ix.columns, `${sql}: ${object} accessed by ${c}`).toContain(c);
      expect(named, `${sql}: ${object} leading column`).toContain(ix.columns[0]);
      if (options === 'UNIQUE SCAN') {
        expect(ix.unique, `${sql}: UNIQUE SCAN of a unique index`).toBe(true);
        expect(new Set(named)).toEqual(new Set(ix.columns));
        expect(card).toBe(1);
        continue;
      }
      if (!analyzed(m)) continue;
      const perKey = ix.numRows! / ix.distinctKeys!;
      const allEqual = !/[<>]/.test(access ?? '') && new Set(named).size === ix.columns.length;
      if (allEqual)
        expect(card, `${sql}: ${object} equality = NUM_ROWS / DISTINCT_KEYS`).toBe(Math.round(perKey));
      else {
        expect(card, `${sql}: ${object}`).toBeGreaterThanOrEqual(Math.floor(perKey));
        expect(card, `${sql}: ${object}`).toBeLessThanOrEqual(ix.numRows!);
      }
    }
  });

  it('a full scan returns NUM_ROWS, an equality filter NUM_ROWS / NDV, anything else at most NUM_ROWS; BYTES ≤ rows × AVG_ROW_LEN', () => {
    let checkedFull = 0;
    for (const { sql, p } of lines().filter(({ p }) => p[1] === 'TABLE ACCESS')) {
      const [, , options, object, card, bytes, , , filter] = p;
      const m = model.get(object)!;
      // never analyzed: the optimizer sampled (dynamic statistics), nothing to compare with
      if (!analyzed(m)) continue;
      const rows = m.table.numRows!;
      expect(card, `${sql}: ${object} rows`).toBeLessThanOrEqual(rows);
      expect(bytes, `${sql}: ${object} bytes`).toBeLessThanOrEqual(card * m.table.avgRowLen! + 1);
      if (options !== 'FULL') continue;
      if (!filter) {
        expect(card, `${sql}: full scan of ${object} = NUM_ROWS`).toBe(rows);
        checkedFull++;
        continue;
      }
      const eq = bindEquality(filter);
      if (eq) {
        // the optimizer's equality selectivity: (NUM_ROWS - NUM_NULLS) / NUM_ROWS / NDV
        const c = column(m, eq)!;
        expect(card, `${sql}: ${object} ${filter} = (NUM_ROWS - NUM_NULLS) / NDV(${eq})`).toBe(
          Math.round((rows - (c.numNulls ?? 0)) / c.numDistinct!),
        );
      }
    }
    expect(checkedFull).toBeGreaterThan(5);
  });
});
