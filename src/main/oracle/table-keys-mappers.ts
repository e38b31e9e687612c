/**
 * Rows of catalog-table-keys.ts (one per index column / constraint column) grouped into one entry per
 * index / constraint, columns in position order.
 */
import type { ConstraintKind, ConstraintRow, IndexRow } from '@shared/types/oracle';
import { date, num, type RawRow, str } from './mappers';

const KIND: Record<string, ConstraintKind> = { P: 'primary', U: 'unique', R: 'foreign', C: 'check' };

export function mapIndexes(rows: readonly RawRow[]): IndexRow[] {
  const byName = new Map<string, IndexRow>();
  for (const r of rows) {
    const owner = str(r.INDEX_OWNER) ?? '';
    const indexName = str(r.INDEX_NAME) ?? '';
    const key = `${owner}.${indexName}`;
    let ix = byName.get(key);
    if (!ix) {
      ix = {
        owner,
        indexName,
        indexType: str(r.INDEX_TYPE) ?? '',
        unique: str(r.UNIQUENESS) === 'UNIQUE',
        status: str(r.STATUS),
        visibility: str(r.VISIBILITY),
        partitioned: str(r.PARTITIONED) === 'YES',
        columns: [],
        blevel: num(r.BLEVEL),
        leafBlocks: num(r.LEAF_BLOCKS),
        distinctKeys: num(r.DISTINCT_KEYS),
        clusteringFactor: num(r.CLUSTERING_FACTOR),
        numRows: num(r.NUM_ROWS),
        lastAnalyzed: date(r.LAST_ANALYZED),
      };
      byName.set(key, ix);
    }
    const column = str(r.COLUMN_NAME);
    if (column) ix.columns.push(str(r.DESCEND) === 'DESC' ? `${column} DESC` : column);
  }
  return [...byName.values()];
}

export function mapConstraints(rows: readonly RawRow[]): ConstraintRow[] {
  const byName = new Map<string, ConstraintRow>();
  for (const r of rows) {
    const constraintName = str(r.CONSTRAINT_NAME) ?? '';
    const kind = KIND[str(r.CONSTRAINT_TYPE) ?? ''];
    if (!kind) continue;
    let c = byName.get(constraintName);
    if (!c) {
      c = {
        constraintName,
        kind,
        columns: [],
        status: str(r.STATUS),
        validated: str(r.VALIDATED),
        deferrable: str(r.DEFERRABLE) === 'DEFERRABLE',
        deleteRule: kind === 'foreign' ? str(r.DELETE_RULE) : null,
        refOwner: str(r.R_OWNER),
        refTable: str(r.R_TABLE_NAME),
        refConstraint: str(r.R_CONSTRAINT_NAME),
        indexName: str(r.INDEX_NAME),
        condition: kind === 'check' ? str(r.SEARCH_CONDITION) : null,
      };
      byName.set(constraintName, c);
    }
    const column = str(r.COLUMN_NAME);
    if (column) c.columns.push(column);
  }
  return [...byName.values()];
}
