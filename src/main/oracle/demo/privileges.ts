/**
 * The demo account's privileges (issue 13 points 4 and 8): which grants the demo's TMS_MONITOR holds,
 * and the errors Oracle raises where it lacks one — built with the driver's own functions
 * (driver-errors.ts), so they look exactly as node-oracledb thin presents them.
 *
 *  - 'full'  (default): SELECT_CATALOG_ROLE + ALTER SYSTEM: every view, DBA_* dictionary, kill.
 *  - 'least': the README's minimal object grants (SELECT on the V_$ views the console reads and
 *             V_$PARAMETER), no role, no ALTER SYSTEM: DBA_* raise ORA-00942, ALL_* list only the
 *             account's own objects (none), kill raises ORA-01031, ASH raises ORA-00942.
 *  - 'bare':  CREATE SESSION only: every V$ / DBA_ view raises ORA-00942.
 * Chosen by DemoParams.privileges (TMS_DEMO_PRIVILEGES=full|least|bare).
 */
import type { PackAccessValue } from '@shared/types/privileges';
import type { CatalogQuery } from '../catalog';
import { serverError } from '../driver-errors';
import type { KillMethod } from '../errors';
import type { RawRow } from '../mappers';

export const DEMO_PRIVILEGE_LEVELS = ['full', 'least', 'bare'] as const;
export type DemoPrivilegeLevel = (typeof DEMO_PRIVILEGE_LEVELS)[number];

/** ALL_* statements whose rows depend on grants: ALL_USERS lists every user, the rest only accessible objects. */
const ACCESSIBLE_ONLY = new Set([
  'tables.all-tables',
  'columns.all-tab-columns',
  'ddl-watermark.all-objects',
  'indexes.all-indexes',
  'constraints.all-constraints',
  'constraints.all-constraints-12.1',
]);

/** Views that need no grant: the account's own and the public ones. */
function alwaysReadable(view: string): boolean {
  return /^(ALL_|USER_|SESSION_|DBMS_)/.test(view) || view === 'DUAL';
}

export class DemoPrivileges {
  constructor(
    readonly level: DemoPrivilegeLevel = 'full',
    readonly packAccess: PackAccessValue = 'DIAGNOSTIC+TUNING',
  ) {}

  /** Whether the demo account may read `view` (V$ names as the catalog writes them). */
  canRead(view: string): boolean {
    if (alwaysReadable(view)) return true;
    if (this.level === 'full') return true;
    if (this.level === 'bare') return false;
    // least: the minimal object grants on the V_$ views; no DBA_*, no Diagnostics Pack views
    return /^G?V\$/.test(view) && view !== 'V$ACTIVE_SESSION_HISTORY';
  }

  /** Throws ORA-00942 (as the driver presents it) when the statement reads a view the account cannot. */
  check(query: CatalogQuery): void {
    const denied = query.views.find((v) => !this.canRead(v));
    if (denied) throw serverError(942, 'table or view does not exist', query.sql.indexOf(' ') + 1);
  }

  /** Answers for the statements about the account itself; undefined for every other statement. */
  answer(query: CatalogQuery): RawRow[] | undefined {
    switch (query.id) {
      case 'privileges.session-privs':
        return (
          this.level === 'full'
            ? ['ALTER SYSTEM', 'CREATE SESSION', 'SELECT ANY DICTIONARY']
            : ['CREATE SESSION']
        ).map((p) => ({ PRIVILEGE: p }));
      case 'health.can-kill':
        return [{ N: this.level === 'full' ? 1 : 0 }];
      case 'privileges.session-roles':
        return this.level === 'full' ? [{ ROLE: 'SELECT_CATALOG_ROLE' }] : [];
      case 'privileges.pack-access':
        return [{ VALUE: this.packAccess }];
      case 'privileges.sessions-per-user':
        return [{ LIMIT: 'UNLIMITED' }];
      case 'privileges.executable-procedure':
        return [{ N: 0 }];
      default:
        return undefined;
    }
  }

  /** ALL_TABLES / ALL_TAB_COLUMNS / ALL_OBJECTS without grants on other schemas: only the account's own (none). */
  filter(query: CatalogQuery, rows: RawRow[]): RawRow[] {
    if (this.level === 'full' || !ACCESSIBLE_ONLY.has(query.id)) return rows;
    if (query.id === 'ddl-watermark.all-objects') return [{ MAX_LAST_DDL_TIME: null, OBJECT_COUNT: 0 }];
    return [];
  }

  /**
   * Issue 17: what Oracle raises for a cancel. Below 18c CANCEL is no ALTER SYSTEM option: the parser
   * says so (ORA-02065) before any privilege is checked; otherwise the same grants as kill.
   */
  checkCancel(method: KillMethod, version: string): void {
    const major = Number(/^(\d+)\./.exec(version)?.[1] ?? 0);
    if (method === 'alter-system' && major < 18) throw serverError(2065, 'illegal option for ALTER SYSTEM');
    this.checkKill(method);
  }

  /** Throws what Oracle raises for a kill the account may not run. */
  checkKill(method: KillMethod): void {
    if (method === 'alter-system') {
      if (this.level !== 'full') throw serverError(1031, 'insufficient privileges');
      return;
    }
    // the demo has no DBA procedure and is not on RDS: PL/SQL cannot resolve the name
    const name =
      method === 'rds' ? 'RDSADMIN.RDSADMIN_UTIL' : method.slice('procedure:'.length).toUpperCase();
    throw serverError(
      6550,
      `line 1, column 7:\nPLS-00201: identifier '${name}' must be declared\nORA-06550: line 1, column 7:\nPL/SQL: Statement ignored`,
    );
  }
}

export function parseDemoPrivilegeLevel(value: string | undefined): DemoPrivilegeLevel | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const v = value.trim().toLowerCase();
  if ((DEMO_PRIVILEGE_LEVELS as readonly string[]).includes(v)) return v as DemoPrivilegeLevel;
  throw new Error(
    `TMS_DEMO_PRIVILEGES must be one of ${DEMO_PRIVILEGE_LEVELS.join(', ')} (got "${value.slice(0, 20)}").`,
  );
}
