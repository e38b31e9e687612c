/**
 * The monitoring account's grants, derived from the statements the console actually runs (catalog.ts
 * and catalog-privileges.ts), so the script cannot drift from the SQL. The README's "Monitoring
 * account" section prints it for TMS_MONITOR, and a test checks the README still matches.
 */
import type { CatalogQuery } from './catalog';
import { CONSOLE_STATEMENTS } from './console-statements';
import { grantTarget } from './errors';

/** Fixed views (V$/GV$) every statement reads: these need an object grant on SYS.V_$x / GV_$x. */
export function fixedViewsRead(queries: readonly CatalogQuery[] = CONSOLE_STATEMENTS): string[] {
  const views = new Set<string>();
  for (const q of queries) for (const v of q.views) if (/^G?V\$/.test(v)) views.add(v);
  return [...views].sort();
}

/** DBA_* views the schema browser and the DDL watch prefer (ALL_* otherwise). */
export function dictionaryViewsRead(queries: readonly CatalogQuery[] = CONSOLE_STATEMENTS): string[] {
  const views = new Set<string>();
  // CDB_*: the Space view reads them when connected to CDB$ROOT (every container's tablespaces)
  for (const q of queries) for (const v of q.views) if (/^(DBA|CDB)_/.test(v)) views.add(v);
  return [...views].sort();
}

function checkUser(user: string): string {
  const name = user.trim().toUpperCase();
  if (!/^[A-Z][A-Z0-9_$#]{0,127}$/.test(name)) throw new RangeError('not a simple Oracle user name');
  return name;
}

/** The least grants: CREATE SESSION + SELECT on exactly the fixed views the console reads. */
export function minimalGrants(user: string): string[] {
  const u = checkUser(user);
  return [
    `GRANT CREATE SESSION TO ${u};`,
    ...fixedViewsRead().map((v) => `GRANT SELECT ON ${grantTarget(v)} TO ${u};`),
  ];
}

/** Optional: every schema in the schema browser and the DDL watch (DBA_* instead of ALL_*). */
export function dictionaryGrants(user: string): string[] {
  const u = checkUser(user);
  return dictionaryViewsRead().map((v) => `GRANT SELECT ON SYS.${v} TO ${u};`);
}

/** The role-based alternative: SELECT_CATALOG_ROLE covers every V$ and DBA_* view above. */
export function roleGrants(user: string): string[] {
  const u = checkUser(user);
  return [`GRANT CREATE SESSION TO ${u};`, `GRANT SELECT_CATALOG_ROLE TO ${u};`];
}
