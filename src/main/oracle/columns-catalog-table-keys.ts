/**
 * Documented columns of the views catalog-table-keys.ts reads (same rules as columns-catalog.ts,
 * which spreads this in). DBA_* forms have the ALL_* columns. Sources: 19c/21c Database Reference
 * ALL_INDEXES, ALL_IND_COLUMNS, ALL_CONSTRAINTS (SEARCH_CONDITION_VC: 21c Reference; not in 11.2),
 * ALL_CONS_COLUMNS — the subset the console reads plus the keys it joins on.
 */
import type { ViewColumns } from './view-columns';

const INDEXES: ViewColumns = {
  source: 'reference (verify): 19c Reference ALL_INDEXES (VISIBILITY 11.1+)',
  columns: [
    'OWNER',
    'INDEX_NAME',
    'INDEX_TYPE',
    'TABLE_OWNER',
    'TABLE_NAME',
    'TABLE_TYPE',
    'UNIQUENESS',
    'COMPRESSION',
    'TABLESPACE_NAME',
    'BLEVEL',
    'LEAF_BLOCKS',
    'DISTINCT_KEYS',
    'AVG_LEAF_BLOCKS_PER_KEY',
    'AVG_DATA_BLOCKS_PER_KEY',
    'CLUSTERING_FACTOR',
    'STATUS',
    'NUM_ROWS',
    'SAMPLE_SIZE',
    'LAST_ANALYZED',
    'DEGREE',
    'PARTITIONED',
    'TEMPORARY',
    'GENERATED',
    'VISIBILITY',
  ],
};

const IND_COLUMNS: ViewColumns = {
  source: 'reference (verify): 19c Reference ALL_IND_COLUMNS',
  columns: [
    'INDEX_OWNER',
    'INDEX_NAME',
    'TABLE_OWNER',
    'TABLE_NAME',
    'COLUMN_NAME',
    'COLUMN_POSITION',
    'COLUMN_LENGTH',
    'CHAR_LENGTH',
    'DESCEND',
  ],
};

const CONSTRAINTS: ViewColumns = {
  source:
    '21c Reference ALL_CONSTRAINTS (docs.oracle.com/en/database/oracle/oracle-database/21/refrn/ALL_CONSTRAINTS.html)',
  columns: [
    'OWNER',
    'CONSTRAINT_NAME',
    'CONSTRAINT_TYPE',
    'TABLE_NAME',
    'SEARCH_CONDITION',
    'SEARCH_CONDITION_VC',
    'R_OWNER',
    'R_CONSTRAINT_NAME',
    'DELETE_RULE',
    'STATUS',
    'DEFERRABLE',
    'DEFERRED',
    'VALIDATED',
    'GENERATED',
    'BAD',
    'RELY',
    'LAST_CHANGE',
    'INDEX_OWNER',
    'INDEX_NAME',
    'INVALID',
    'VIEW_RELATED',
  ],
};

const CONS_COLUMNS: ViewColumns = {
  source: 'reference (verify): 19c Reference ALL_CONS_COLUMNS',
  columns: ['OWNER', 'CONSTRAINT_NAME', 'TABLE_NAME', 'COLUMN_NAME', 'POSITION'],
};

export const TABLE_KEY_COLUMNS_CATALOG: Record<string, ViewColumns> = {
  ALL_INDEXES: INDEXES,
  DBA_INDEXES: { ...INDEXES, source: `DBA_INDEXES = ALL_INDEXES columns: ${INDEXES.source}` },
  ALL_IND_COLUMNS: IND_COLUMNS,
  DBA_IND_COLUMNS: { ...IND_COLUMNS, source: `DBA_IND_COLUMNS = ALL_IND_COLUMNS: ${IND_COLUMNS.source}` },
  ALL_CONSTRAINTS: CONSTRAINTS,
  DBA_CONSTRAINTS: { ...CONSTRAINTS, source: `DBA_CONSTRAINTS = ALL_CONSTRAINTS: ${CONSTRAINTS.source}` },
  ALL_CONS_COLUMNS: CONS_COLUMNS,
  DBA_CONS_COLUMNS: {
    ...CONS_COLUMNS,
    source: `DBA_CONS_COLUMNS = ALL_CONS_COLUMNS: ${CONS_COLUMNS.source}`,
  },
};
