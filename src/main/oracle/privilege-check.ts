/**
 * "Check privileges" (issue 13 point 4) and the Diagnostics Pack gate (point 7): what the account can
 * read (a parse of `SELECT 1 FROM view WHERE 1 = 0` per view: ORA-00942 = not granted, no rows read),
 * which features that leaves on, limited or off, and the exact grant for each gap. Features map to
 * views through the catalog itself (every statement's `resource` and `views`), so the report stays
 * true when a statement changes.
 */
import { packDetails } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type { GatewayResource } from '@shared/types/oracle';
import {
  type DictionaryScope,
  type FeatureAccess,
  type PackAccess,
  type PackAccessValue,
  PRIVILEGE_FEATURES,
  type PrivilegeFeature,
  type PrivilegeReport,
  type ViewReadability,
} from '@shared/types/privileges';
import { ALL_QUERIES, type CatalogQuery } from './catalog';
import * as P from './catalog-privileges';
import { grantTarget, type KillMethod, killGrant } from './errors';
import type { RawRow } from './mappers';

type Runner = (query: CatalogQuery, binds?: Record<string, string | number>) => Promise<RawRow[]>;

/** Catalog resources behind each feature (kill / the pack are checked apart). */
const FEATURE_RESOURCES: Partial<Record<PrivilegeFeature, readonly GatewayResource[]>> = {
  dashboard: ['dashboard'],
  realtime: ['realtime'],
  sessions: ['sessions'],
  locks: ['locks'],
  'wait-events': ['wait-events'],
  'top-sql': ['top-sql'],
  'sql-detail': ['sql', 'sql-text'],
  'sql-plan': ['sql-plan'],
  trend: ['trend'],
  health: ['health'],
};

/** Views that need a grant (fixed views and DBA_*); ALL_* / USER_* / SESSION_* need none. */
function needsGrant(view: string): boolean {
  return /^(G?V\$|DBA_)/.test(view);
}

/** The grantable views a resource's statements read (probes and privilege statements excluded). */
export function viewsOfResources(resources: readonly GatewayResource[]): string[] {
  const views = new Set<string>();
  for (const q of ALL_QUERIES) {
    if (!resources.includes(q.resource) || q.id.startsWith('probe.') || q.id === 'health.can-kill') continue;
    for (const v of q.views) if (needsGrant(v)) views.add(v);
  }
  return [...views].sort();
}

/** A parse-only probe of one view (the name comes from the catalog, never from a request). */
export function probeOf(view: string): CatalogQuery {
  if (!/^[A-Z][A-Z0-9_$#]*$/.test(view)) throw new RangeError(`not a view name: ${view}`);
  return Object.freeze({
    id: `probe.${view}`,
    resource: 'health',
    sql: `SELECT 1 AS ok FROM ${view} x WHERE 1 = 0`,
    binds: [],
    columns: ['OK'],
    views: [view],
  });
}

export function grantOn(view: string, user: string): string {
  return `GRANT SELECT ON ${view.startsWith('DBA_') ? `SYS.${view}` : grantTarget(view)} TO ${user};`;
}

const PACK_VALUES: readonly PackAccessValue[] = ['NONE', 'DIAGNOSTIC', 'DIAGNOSTIC+TUNING'];

/** Reads CONTROL_MANAGEMENT_PACK_ACCESS; never throws for a missing grant (the reason says which). */
export async function readPackAccess(run: Runner, user: string): Promise<PackAccess> {
  let raw: string | null;
  try {
    const rows = await run(P.PACK_ACCESS);
    raw = typeof rows[0]?.VALUE === 'string' ? (rows[0].VALUE as string).toUpperCase() : null;
  } catch (err) {
    if (err instanceof TmsError && err.code === 'ORACLE_PRIVILEGE') {
      return {
        value: null,
        diagnosticsAllowed: false,
        code: 'unreadable',
        grant: grantOn('V$PARAMETER', user),
        reason:
          `The console cannot read CONTROL_MANAGEMENT_PACK_ACCESS, so it cannot tell whether the database allows the ` +
          `Diagnostics Pack. Ask a DBA: ${grantOn('V$PARAMETER', user)}`,
      };
    }
    throw err;
  }
  const value = PACK_VALUES.find((v) => v === raw) ?? null;
  if (value === 'NONE') {
    return {
      value,
      diagnosticsAllowed: false,
      code: 'none',
      reason:
        'CONTROL_MANAGEMENT_PACK_ACCESS is NONE on this database: the Diagnostics Pack is switched off there, so ' +
        'ASH/AWR features stay off. A DBA who holds the licence can set it to DIAGNOSTIC.',
    };
  }
  if (value === null) {
    return {
      value: null,
      diagnosticsAllowed: false,
      code: 'unexpected',
      raw: raw ?? 'none',
      reason: `CONTROL_MANAGEMENT_PACK_ACCESS has an unexpected value (${raw ?? 'none'}); the Diagnostics Pack stays off.`,
    };
  }
  return {
    value,
    diagnosticsAllowed: true,
    code: 'allowed',
    reason:
      `CONTROL_MANAGEMENT_PACK_ACCESS is ${value}: the database allows the Diagnostics Pack. That is not a licence ` +
      '(it is the Enterprise Edition default): turn the opt-in on only if this database is licensed for it.',
  };
}

/** The refusal to run a Diagnostics Pack feature, or null when the database allows it. */
export function packRefusal(access: PackAccess): TmsError | null {
  if (access.diagnosticsAllowed) return null;
  return new TmsError('UNSUPPORTED', access.reason, {
    details: { controlManagementPackAccess: access.value, ...packDetails(access) },
  });
}

function parseProcedure(method: KillMethod): { owner: string; objectName: string; procedureName: string } {
  if (method === 'rds') return { owner: 'RDSADMIN', objectName: 'RDSADMIN_UTIL', procedureName: 'KILL' };
  const [owner = '', name = ''] = method.slice('procedure:'.length).toUpperCase().split('.');
  return { owner, objectName: name, procedureName: '-' };
}

export interface PrivilegeCheckInput {
  run: Runner;
  user: string;
  killMethod: KillMethod;
  diagnosticsOptIn: boolean;
  now: number;
}

export async function checkPrivileges(input: PrivilegeCheckInput): Promise<Omit<PrivilegeReport, 'connId'>> {
  const { run, user } = input;
  const privileges = (await run(P.SESSION_PRIVILEGES)).map((r) => String(r.PRIVILEGE));
  const roles = (await run(P.SESSION_ROLE_LIST)).map((r) => String(r.ROLE));

  const wanted = new Set<string>([
    'DBA_USERS',
    'DBA_TABLES',
    'DBA_TAB_COLUMNS',
    'DBA_OBJECTS',
    'V$PARAMETER',
  ]);
  for (const resources of Object.values(FEATURE_RESOURCES))
    for (const v of viewsOfResources(resources)) wanted.add(v);
  const readable = new Map<string, boolean>();
  for (const view of [...wanted].sort()) {
    try {
      await run(probeOf(view));
      readable.set(view, true);
    } catch (err) {
      if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
      readable.set(view, false);
    }
  }
  const views: ViewReadability[] = [...readable].map(([view, ok]) =>
    ok ? { view, readable: true } : { view, readable: false, grant: grantOn(view, user) },
  );

  const features: FeatureAccess[] = [];
  for (const feature of PRIVILEGE_FEATURES) {
    const resources = FEATURE_RESOURCES[feature];
    if (!resources) continue;
    const missing = viewsOfResources(resources).filter((v) => readable.get(v) === false);
    features.push(
      missing.length === 0
        ? { feature, status: 'full', missing: [], note: 'Every view it reads is readable.' }
        : {
            feature,
            status: 'off',
            missing,
            grant: missing.map((v) => grantOn(v, user)).join(' '),
            note: `Off: ${user} cannot read ${missing.join(', ')}.`,
          },
    );
  }

  const dbaBrowse = ['DBA_USERS', 'DBA_TABLES', 'DBA_TAB_COLUMNS'].every((v) => readable.get(v));
  const dictionary: DictionaryScope = dbaBrowse ? 'dba' : 'all';
  const catalogGrant = `GRANT SELECT_CATALOG_ROLE TO ${user};`;
  features.push(
    dbaBrowse
      ? {
          feature: 'schema-browser',
          status: 'full',
          missing: [],
          note: 'Reads DBA_USERS / DBA_TABLES / DBA_TAB_COLUMNS: every schema.',
        }
      : {
          feature: 'schema-browser',
          status: 'limited',
          missing: ['DBA_USERS', 'DBA_TABLES', 'DBA_TAB_COLUMNS'].filter((v) => !readable.get(v)),
          grant: catalogGrant,
          note: 'Reads ALL_* views: only objects your account can access (usually none of other schemas).',
        },
  );
  features.push(
    readable.get('DBA_OBJECTS') && readable.get('DBA_USERS')
      ? {
          feature: 'ddl-watch',
          status: 'full',
          missing: [],
          note: 'Watches DDL of every schema (DBA_OBJECTS).',
        }
      : {
          feature: 'ddl-watch',
          status: 'limited',
          missing: ['DBA_OBJECTS', 'DBA_USERS'].filter((v) => !readable.get(v)),
          grant: catalogGrant,
          note: 'Watches only objects your account can access (ALL_OBJECTS).',
        },
  );

  // kill: by the connection's method
  const method = input.killMethod;
  let killAvailable: boolean | null;
  if (method === 'alter-system') {
    killAvailable = privileges.includes('ALTER SYSTEM');
  } else {
    try {
      const rows = await run(P.EXECUTABLE_PROCEDURE, parseProcedure(method));
      killAvailable = Number(rows[0]?.N ?? 0) > 0;
    } catch {
      killAvailable = null;
    }
  }
  const kg = killGrant(method, user);
  features.push(
    killAvailable
      ? { feature: 'kill', status: 'full', missing: [], note: `Kills with ${describeKill(method)}.` }
      : {
          feature: 'kill',
          status: 'off',
          missing: [kg.what],
          grant: kg.grant,
          note:
            killAvailable === null
              ? `Could not check whether ${user} may kill sessions with ${describeKill(method)}.`
              : `Kill is off: ${user} lacks ${kg.what}.`,
        },
  );

  const packAccess = await readPackAccess(run, user);
  features.push({
    feature: 'diagnostics-pack',
    status: packAccess.diagnosticsAllowed && input.diagnosticsOptIn ? 'full' : 'off',
    missing: packAccess.diagnosticsAllowed ? [] : ['CONTROL_MANAGEMENT_PACK_ACCESS'],
    note:
      packAccess.diagnosticsAllowed && !input.diagnosticsOptIn
        ? `${packAccess.reason} The opt-in is off for this connection.`
        : packAccess.reason,
  });

  let sessionsPerUser: number | null = null;
  try {
    const limit = (await run(P.SESSION_LIMIT))[0]?.LIMIT;
    const n = Number(limit);
    sessionsPerUser = Number.isFinite(n) && n > 0 ? n : null;
  } catch {
    sessionsPerUser = null;
  }

  return {
    checkedAt: input.now,
    user,
    roles,
    systemPrivileges: privileges,
    views,
    dictionary,
    kill: {
      method,
      available: killAvailable,
      ...(killAvailable ? {} : { grant: kg.grant }),
    },
    sessionsPerUser,
    packAccess,
    features,
  };
}

function describeKill(method: KillMethod): string {
  if (method === 'alter-system') return 'ALTER SYSTEM KILL SESSION';
  if (method === 'rds') return 'rdsadmin.rdsadmin_util.kill (Amazon RDS)';
  return `the procedure ${method.slice('procedure:'.length).toUpperCase()}`;
}

/**
 * DBMS_XPLAN.DISPLAY_CURSOR does not raise for a missing grant: it returns the text "User has no SELECT
 * privilege on V$SESSION" as plan output. Turn that into the same ORACLE_PRIVILEGE error the views raise.
 */
export function xplanPrivilegeError(lines: readonly string[], user: string): TmsError | null {
  for (const line of lines) {
    const m = /User has no SELECT privilege on (G?V\$\w+)/i.exec(line);
    if (!m?.[1]) continue;
    const view = m[1].toUpperCase();
    const grant = grantOn(view, user);
    return new TmsError(
      'ORACLE_PRIVILEGE',
      `DBMS_XPLAN.DISPLAY_CURSOR cannot show the plan: ${user} cannot read ${view}. Ask a DBA: ${grant}`,
      { details: { grant, views: [view] } },
    );
  }
  return null;
}
