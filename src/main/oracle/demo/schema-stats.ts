/**
 * Optimizer statistics of the demo tables' columns and indexes, derived from one model (schema-data.ts
 * sizes + schema-keys.ts keys and NDVs) so that they agree with each other and with the demo plans:
 * key columns NDV = NUM_ROWS, foreign-key columns ≤ the parent's NUM_ROWS, NDV ≤ non-null rows,
 * DISTINCT_KEYS from the column NDVs. consistency.test.ts checks all of it.
 */
import { hash01 } from './prng';
import { DEMO_SCHEMAS, type DemoTable, parseColumn } from './schema-data';
import { type DemoIndex, keysOf } from './schema-keys';

export interface ColumnStats {
  numDistinct: number | null;
  numNulls: number | null;
  histogram: string;
}

const LOW_CARD = /STATUS|STATE|CATEGORY|CURRENCY|METHOD|LOCKED|CHANNEL|SHIP_MODE|COUNTRY/;

export function demoTable(owner: string, name: string): DemoTable | undefined {
  return DEMO_SCHEMAS.find((s) => s.username === owner)?.tables.find((t) => t.name === name);
}

/** OWNER.CONSTRAINT_NAME of a primary / unique key → its table (for foreign keys). */
export function keyTable(
  ref: string,
): { owner: string; table: string; columns: readonly string[] } | undefined {
  const [owner, name] = ref.split('.');
  for (const s of DEMO_SCHEMAS) {
    if (s.username !== owner) continue;
    for (const t of s.tables) {
      const c = keysOf(owner, t.name)?.constraints.find((k) => k.name === name);
      if (c) return { owner, table: t.name, columns: c.columns };
    }
  }
  return undefined;
}

/** Per column (in column order): NUM_DISTINCT, NUM_NULLS, HISTOGRAM; nulls when the table was never analyzed. */
export function columnStats(seed: number, owner: string, tb: DemoTable): ColumnStats[] {
  const keys = keysOf(owner, tb.name);
  const rows = tb.numRows;
  return tb.columns.map((spec, i) => {
    const c = parseColumn(spec);
    if (rows === null || tb.analyzedDaysAgo === null)
      return { numDistinct: null, numNulls: null, histogram: 'NONE' };
    const h = hash01(seed, i, tb.name.length, tb.name.charCodeAt(0));
    const lowCard = LOW_CARD.test(c.name);
    const nulls = c.nullable ? (keys?.nulls?.[c.name] ?? Math.round(rows * h * 0.3)) : 0;
    const nonNull = rows - nulls;
    const singleKey = keys?.constraints.some(
      (k) => (k.type === 'P' || k.type === 'U') && k.columns.length === 1 && k.columns[0] === c.name,
    );
    let ndv =
      keys?.ndv?.[c.name] ??
      (singleKey || i === 0
        ? nonNull
        : lowCard
          ? Math.max(1, Math.round(3 + h * 20))
          : Math.max(1, Math.round(rows * (0.02 + h * 0.9))));
    // a foreign key holds only values its parent has
    for (const k of keys?.constraints ?? []) {
      if (k.type !== 'R' || !k.columns.includes(c.name) || !k.references) continue;
      const parent = keyTable(k.references);
      const parentRows = parent ? demoTable(parent.owner, parent.table)?.numRows : null;
      if (parentRows != null) ndv = Math.min(ndv, parentRows);
    }
    ndv = Math.min(ndv, nonNull);
    if (nonNull === 0) ndv = 0;
    const histogram = singleKey ? 'NONE' : lowCard ? 'FREQUENCY' : h > 0.85 ? 'HYBRID' : 'NONE';
    return { numDistinct: ndv, numNulls: nulls, histogram };
  });
}

export interface IndexStats {
  blevel: number;
  leafBlocks: number;
  distinctKeys: number;
  clusteringFactor: number;
  numRows: number;
}

/** bytes a key column takes in an index entry (rough: the optimizer's figures are estimates too) */
function keyBytes(spec: string): number {
  const c = parseColumn(spec);
  if (c.dataType === 'NUMBER') return Math.min(8, Math.ceil((c.precision ?? 22) / 2) + 1);
  if (c.dataType === 'DATE') return 8;
  if (c.dataType.startsWith('TIMESTAMP')) return 12;
  return Math.min(40, Math.max(2, Math.round(c.charLength * 0.6))) + 1;
}

/** Index statistics; null when the table was never analyzed. */
export function indexStats(seed: number, owner: string, tb: DemoTable, index: DemoIndex): IndexStats | null {
  const rows = tb.numRows;
  if (rows === null || tb.analyzedDaysAgo === null || tb.avgRowLen === null) return null;
  const stats = columnStats(seed, owner, tb);
  const at = (name: string) => {
    const i = tb.columns.findIndex((s) => parseColumn(s).name === name);
    if (i < 0) throw new Error(`demo index ${index.name} names no column ${name} of ${tb.name}`);
    return { spec: tb.columns[i]!, stats: stats[i]! };
  };
  const cols = index.columns.map(at);
  // a B-tree holds no entry whose key columns are all null
  const numRows = cols.length === 1 ? rows - (cols[0]!.stats.numNulls ?? 0) : rows;
  const distinctKeys = index.unique
    ? numRows
    : Math.min(
        numRows,
        cols.reduce((p, c) => p * Math.max(1, c.stats.numDistinct ?? 1), 1),
      );
  const entry =
    cols.reduce((a, c) => a + keyBytes(c.spec), 0) + (index.type === 'IOT - TOP' ? tb.avgRowLen : 10);
  const leafBlocks = Math.max(1, Math.ceil((numRows * entry) / (8000 * 0.75)));
  const blevel = leafBlocks <= 1 ? 0 : Math.max(1, Math.ceil(Math.log(leafBlocks) / Math.log(400)));
  const blocks = Math.max(5, Math.ceil((rows * tb.avgRowLen) / (8192 * 0.86)));
  const scatter = index.scatter ?? hash01(seed, index.name.length, index.name.charCodeAt(0), 3);
  const clusteringFactor = Math.round(Math.min(blocks, numRows) + scatter * Math.max(0, numRows - blocks));
  return { blevel, leafBlocks, distinctKeys, clusteringFactor, numRows };
}
