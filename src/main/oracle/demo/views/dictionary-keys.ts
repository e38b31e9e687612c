/**
 * Issue 15: ALL_/DBA_INDEXES ⨝ _IND_COLUMNS and ALL_/DBA_CONSTRAINTS ⨝ _CONS_COLUMNS from the demo
 * keys model (schema-keys.ts), one row per key column like the statements (catalog-table-keys.ts).
 * NOT NULL columns carry their system-named check constraint, as in Oracle.
 */
import type { RawRow } from '../../mappers';
import { parseColumn } from '../schema-data';
import { keysOf } from '../schema-keys';
import { demoTable, indexStats, keyTable } from '../schema-stats';
import type { DemoWorld } from '../world/world';
import { analyzedAt } from './dictionary';
import type { ViewHandlers } from './view';

function indexes(w: DemoWorld, owner: string, tableName: string): RawRow[] {
  const tb = demoTable(owner, tableName);
  const keys = keysOf(owner, tableName);
  if (!tb || !keys) return [];
  const analyzed = tb.analyzedDaysAgo === null ? null : new Date(analyzedAt(w, tb.analyzedDaysAgo));
  return [...keys.indexes]
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((ix) => {
      const st = indexStats(w.seed, owner, tb, ix);
      return ix.columns.map((column, i) => ({
        INDEX_OWNER: owner,
        INDEX_NAME: ix.name,
        INDEX_TYPE: ix.type ?? 'NORMAL',
        UNIQUENESS: ix.unique ? 'UNIQUE' : 'NONUNIQUE',
        STATUS: ix.partitioned ? 'N/A' : 'VALID',
        VISIBILITY: ix.invisible ? 'INVISIBLE' : 'VISIBLE',
        PARTITIONED: ix.partitioned ? 'YES' : 'NO',
        BLEVEL: st?.blevel ?? null,
        LEAF_BLOCKS: st?.leafBlocks ?? null,
        DISTINCT_KEYS: st?.distinctKeys ?? null,
        CLUSTERING_FACTOR: st?.clusteringFactor ?? null,
        NUM_ROWS: st?.numRows ?? null,
        LAST_ANALYZED: st ? analyzed : null,
        COLUMN_NAME: column,
        COLUMN_POSITION: i + 1,
        DESCEND: 'ASC',
      }));
    });
}

const ORDER = { P: 1, U: 2, R: 3, C: 4 } as const;

function constraints(w: DemoWorld, owner: string, tableName: string, withCondition: boolean): RawRow[] {
  const tb = demoTable(owner, tableName);
  if (!tb) return [];
  const keys = keysOf(owner, tableName);
  // system-named NOT NULL checks (SYS_C + a number stable per table and column)
  const notNull = tb.columns
    .map((spec, i) => ({ c: parseColumn(spec), i }))
    .filter(({ c }) => !c.nullable)
    .map(({ c, i }) => ({
      name: `SYS_C00${(((w.seed % 9000) + tb.name.length * 131 + owner.length * 17) * 10 + i).toString().padStart(5, '0')}`,
      type: 'C' as const,
      columns: [c.name],
      condition: `"${c.name}" IS NOT NULL`,
      references: undefined,
      deleteRule: undefined,
      disabled: false,
      notValidated: false,
    }));
  const all = [...(keys?.constraints ?? []), ...notNull].sort(
    (a, b) => ORDER[a.type] - ORDER[b.type] || a.name.localeCompare(b.name),
  );
  return all.flatMap((k) => {
    const [rOwner, rName] = k.references ? k.references.split('.') : [null, null];
    const rTable = k.references ? (keyTable(k.references)?.table ?? null) : null;
    const unique = k.type === 'P' || k.type === 'U';
    return k.columns.map((column, i) => ({
      CONSTRAINT_NAME: k.name,
      CONSTRAINT_TYPE: k.type,
      STATUS: k.disabled ? 'DISABLED' : 'ENABLED',
      VALIDATED: k.notValidated ? 'NOT VALIDATED' : 'VALIDATED',
      DEFERRABLE: 'NOT DEFERRABLE',
      DELETE_RULE: k.type === 'R' ? (k.deleteRule ?? 'NO ACTION') : null,
      R_OWNER: rOwner,
      R_CONSTRAINT_NAME: rName,
      R_TABLE_NAME: rTable,
      INDEX_NAME: unique ? k.name : null,
      SEARCH_CONDITION: withCondition && k.type === 'C' ? (k.condition ?? null) : null,
      COLUMN_NAME: column,
      POSITION: k.type === 'C' ? null : i + 1,
    }));
  });
}

const bound = (bind: (n: string) => string | number) =>
  [String(bind('owner')), String(bind('tableName'))] as const;

export const DICTIONARY_KEY_VIEWS: ViewHandlers = {
  'indexes.all-indexes': ({ world, bind }) => indexes(world, ...bound(bind)),
  'indexes.dba-indexes': ({ world, bind }) => indexes(world, ...bound(bind)),
  'constraints.all-constraints': ({ world, bind }) => constraints(world, ...bound(bind), true),
  'constraints.dba-constraints': ({ world, bind }) => constraints(world, ...bound(bind), true),
  'constraints.all-constraints-12.1': ({ world, bind }) => constraints(world, ...bound(bind), false),
  'constraints.dba-constraints-12.1': ({ world, bind }) => constraints(world, ...bound(bind), false),
};
