/**
 * Every statement the console runs by default, across the catalogs: what the README's grants
 * (grant-script.ts) and "Check privileges" (privilege-check.ts) are derived from, so neither can drift
 * from the SQL. The Diagnostics Pack's ASH (opt-in) is not here.
 */
import { ALL_QUERIES, type CatalogQuery } from './catalog';
import { ACTIVITY_QUERIES } from './catalog-activity';
import { DIAGNOSTICS_QUERIES } from './catalog-diagnostics';
import { INTERVENTION_QUERIES } from './catalog-interventions';
import { MEMORY_IO_QUERIES } from './catalog-memory-io';
import { PRIVILEGE_QUERIES } from './catalog-privileges';
import { SESSION_QUERIES } from './catalog-session';
import { SPACE_QUERIES } from './catalog-space';
import { TABLE_KEY_QUERIES } from './catalog-table-keys';

export const CONSOLE_STATEMENTS: readonly CatalogQuery[] = [
  ...ALL_QUERIES,
  ...PRIVILEGE_QUERIES,
  ...ACTIVITY_QUERIES,
  ...SPACE_QUERIES,
  ...SESSION_QUERIES,
  ...MEMORY_IO_QUERIES,
  ...DIAGNOSTICS_QUERIES,
  ...INTERVENTION_QUERIES,
  ...TABLE_KEY_QUERIES,
];
