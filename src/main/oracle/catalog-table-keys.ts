/**
 * Issue 15: a table's indexes and constraints for the schema browser, read like its columns — DBA_*
 * when the account can (SELECT_CATALOG_ROLE / SELECT ANY DICTIONARY), else ALL_* (only objects the
 * account can access; the result says which, see catalog-gateway.ts `dictionary`).
 *
 * One row per (index, column) and per (constraint, column): the gateway groups them, so no LISTAGG
 * (its 4000-byte limit has no ON OVERFLOW before 12.2). SEARCH_CONDITION is a LONG (unreadable in a
 * join, truncated by drivers): SEARCH_CONDITION_VC, its VARCHAR2 copy, is read instead (12.2+
 * Reference; on older versions the statement raises ORA-00904 and the gateway reads the form without it).
 * LAST_ANALYZED is computed as an instant in SQL (epochMs). Statistics belong to the container the
 * account is connected to (dictionary views show the current container's objects only).
 */
import type { CatalogQuery } from './catalog';
import { epochMs } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

export const INDEX_COLUMNS = [
  'INDEX_OWNER',
  'INDEX_NAME',
  'INDEX_TYPE',
  'UNIQUENESS',
  'STATUS',
  'VISIBILITY',
  'PARTITIONED',
  'BLEVEL',
  'LEAF_BLOCKS',
  'DISTINCT_KEYS',
  'CLUSTERING_FACTOR',
  'NUM_ROWS',
  'LAST_ANALYZED',
  'COLUMN_NAME',
  'COLUMN_POSITION',
  'DESCEND',
] as const;

const indexSql = (prefix: 'dba' | 'all') => `
    SELECT i.owner AS index_owner, i.index_name, i.index_type, i.uniqueness, i.status, i.visibility, i.partitioned,
           i.blevel, i.leaf_blocks, i.distinct_keys, i.clustering_factor, i.num_rows,
           ${epochMs('i.last_analyzed')} AS last_analyzed,
           ic.column_name, ic.column_position, ic.descend
    FROM ${prefix}_indexes i
    LEFT JOIN ${prefix}_ind_columns ic ON ic.index_owner = i.owner AND ic.index_name = i.index_name
    WHERE i.table_owner = :owner AND i.table_name = :tableName
    ORDER BY i.index_name, i.owner, ic.column_position`;

export const INDEXES = q({
  id: 'indexes.all-indexes',
  resource: 'indexes',
  sql: indexSql('all'),
  binds: ['owner', 'tableName'],
  columns: INDEX_COLUMNS,
  views: ['ALL_INDEXES', 'ALL_IND_COLUMNS'],
  instantColumns: ['LAST_ANALYZED'],
});

export const DBA_INDEXES = q({
  ...INDEXES,
  id: 'indexes.dba-indexes',
  sql: indexSql('dba'),
  views: ['DBA_INDEXES', 'DBA_IND_COLUMNS'],
});

export const CONSTRAINT_COLUMNS = [
  'CONSTRAINT_NAME',
  'CONSTRAINT_TYPE',
  'STATUS',
  'VALIDATED',
  'DEFERRABLE',
  'DELETE_RULE',
  'R_OWNER',
  'R_CONSTRAINT_NAME',
  'R_TABLE_NAME',
  'INDEX_NAME',
  'SEARCH_CONDITION',
  'COLUMN_NAME',
  'POSITION',
] as const;

/** Longer check conditions are cut here (the UI shows the start; NOT NULL checks are short). */
export const MAX_CONDITION_CHARS = 400;

const constraintSql = (prefix: 'dba' | 'all', withCondition: boolean) => `
    SELECT c.constraint_name, c.constraint_type, c.status, c.validated, c.deferrable, c.delete_rule,
           c.r_owner, c.r_constraint_name, r.table_name AS r_table_name, c.index_name,
           ${withCondition ? `SUBSTR(c.search_condition_vc, 1, ${MAX_CONDITION_CHARS})` : 'NULL'} AS search_condition,
           cc.column_name, cc.position
    FROM ${prefix}_constraints c
    LEFT JOIN ${prefix}_constraints r ON r.owner = c.r_owner AND r.constraint_name = c.r_constraint_name
    LEFT JOIN ${prefix}_cons_columns cc ON cc.owner = c.owner AND cc.constraint_name = c.constraint_name
    WHERE c.owner = :owner AND c.table_name = :tableName AND c.constraint_type IN ('P', 'U', 'R', 'C')
    ORDER BY DECODE(c.constraint_type, 'P', 1, 'U', 2, 'R', 3, 4), c.constraint_name, cc.position`;

export const CONSTRAINTS = q({
  id: 'constraints.all-constraints',
  resource: 'constraints',
  sql: constraintSql('all', true),
  binds: ['owner', 'tableName'],
  columns: CONSTRAINT_COLUMNS,
  views: ['ALL_CONSTRAINTS', 'ALL_CONS_COLUMNS'],
});

export const DBA_CONSTRAINTS = q({
  ...CONSTRAINTS,
  id: 'constraints.dba-constraints',
  sql: constraintSql('dba', true),
  views: ['DBA_CONSTRAINTS', 'DBA_CONS_COLUMNS'],
});

/** Before 12.2 (no SEARCH_CONDITION_VC, ORA-00904): the same rows without the check condition. */
export const CONSTRAINTS_NO_CONDITION = q({
  ...CONSTRAINTS,
  id: 'constraints.all-constraints-12.1',
  sql: constraintSql('all', false),
});

export const DBA_CONSTRAINTS_NO_CONDITION = q({
  ...DBA_CONSTRAINTS,
  id: 'constraints.dba-constraints-12.1',
  sql: constraintSql('dba', false),
});

/** Every statement of this file (column-catalog test, demo database, grant script). */
export const TABLE_KEY_QUERIES: readonly CatalogQuery[] = [
  INDEXES,
  DBA_INDEXES,
  CONSTRAINTS,
  DBA_CONSTRAINTS,
  CONSTRAINTS_NO_CONDITION,
  DBA_CONSTRAINTS_NO_CONDITION,
];
