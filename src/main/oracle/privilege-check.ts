/**
 * "Check privileges" (issue 13 point 4) and the Diagnostics Pack gate (point 7): what the account can
 * read (a parse of `SELECT 1 FROM view WHERE 1 = 0` per view: ORA-00942 = not granted, no rows read),
 * which features that leaves on, limited or off, and the exact grant for each gap. Features map to
 * views through the catalog itself (every statement's `resource` and `views`), so the report stays
 * true when a statement changes.
 */
import { packDetails } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type { ContainerKind, GatewayResource } from '@shared/types/oracle';
import {
  type DictionaryScope,
  type FeatureAccess,
  type FeaturePart,
  type PackAccess,
  type PackAccessValue,
  PRIVILEGE_FEATURES,
  type PrivilegeFeature,
  type PrivilegeReport,
  type ViewReadability,
} from '@shared/types/privileges';
import { type CatalogQuery, DIAGNOSTICS_PACK_QUERIES } from './catalog';
import * as P from './catalog-privileges';
import { CONSOLE_STATEMENTS } from './console-statements';
import { grantTarget, type KillMethod, killGrant } from './errors';
import type { RawRow } from './mappers';

type Runner = (query: CatalogQuery, binds?: Record<string, string | number>) => Promise<RawRow[]>;

export { CONSOLE_STATEMENTS };

/**
 * Catalog resources behind each feature. Most are judged by their views (below); schema-browser and
 * ddl-watch (DBA_* else ALL_*), kill (by the connection's method) and the pack are judged apart.
 */
export const FEATURE_RESOURCES: Record<PrivilegeFeature, readonly GatewayResource[]> = {
  dashboard: ['dashboard'],
  realtime: ['realtime'],
  activity: ['activity-sample', 'activity-objects'],
  sessions: ['sessions'],
  'session-detail': ['session-detail'],
  locks: ['locks'],
  'wait-events': ['wait-events'],
  // the Top SQL view's "last N min" window compares V$SQLSTATS snapshots (the activity service takes them)
  'top-sql': ['top-sql', 'sqlstats-snapshot'],
  'sql-detail': ['sql', 'sql-text'],
  'sql-plan': ['sql-plan'],
  trend: ['trend'],
  health: ['health'],
  space: ['space', 'temp-usage'],
  limits: ['limits'],
  'memory-io': ['memory-io'],
  'alert-log': ['alert-log'],
  longops: ['longops'],
  'schema-browser': ['schemas', 'tables', 'columns', 'indexes', 'constraints'],
  'ddl-watch': ['ddl-watermark'],
  kill: ['kill-session', 'cancel-sql', 'stop-preview'],
  'diagnostics-pack': ['ash'],
};

/** Features with their own judgement in checkPrivileges (not "every view it reads"). */
const JUDGED_APART: ReadonlySet<PrivilegeFeature> = new Set([
  'schema-browser',
  'ddl-watch',
  'kill',
  'diagnostics-pack',
]);

/**
 * Parts a feature's reader shows without (catalog-gateway.ts and the readers catch the privilege error
 * of these statements, by query id): a missing grant there only limits the feature. A missing grant on
 * any other statement of the feature turns it off; a feature made only of parts (Space: each section
 * names its own grant) is off when every part is lost.
 */
export const FEATURE_PARTS_BY_QUERY: Partial<
  Record<PrivilegeFeature, readonly { part: FeaturePart; queries: readonly string[] }[]>
> = {
  // activity-reader: an episode's object names fall back to ids (reads.ts catches the error)
  activity: [{ part: 'objects', queries: ['activity.object-names'] }],
  // session-detail-reader: only the identity read is fatal; names come from the activity reader's DBA_OBJECTS
  'session-detail': [
    { part: 'waits', queries: ['session.wait-history'] },
    { part: 'stats', queries: ['session.stats'] },
    { part: 'cursors', queries: ['session.open-cursors'] },
    { part: 'locks', queries: ['session.locks'] },
    { part: 'transaction', queries: ['session.transaction'] },
    { part: 'objects', queries: ['activity.object-names'] },
  ],
  // the window's snapshots fail on their own; the cumulative list reads GV$SQLSTATS
  'top-sql': [{ part: 'window', queries: ['activity.sqlstats-snapshot'] }],
  // readHealth: runOr on GV$INSTANCE and V$CONTAINERS (the identity is then partial)
  health: [
    { part: 'instances', queries: ['health.instances'] },
    { part: 'containers', queries: ['health.containers'] },
  ],
  // space-reader: each section says its own grant; TEMP by session is its own panel
  space: [
    { part: 'tablespaces', queries: ['space.tablespaces', 'space.tablespaces-cdb'] },
    { part: 'recovery-area', queries: ['space.recovery-dest', 'space.recovery-usage'] },
    { part: 'asm', queries: ['space.asm'] },
    { part: 'temp', queries: ['temp-usage.sessions'] },
  ],
};

/** Where the connection is: some readers pick a statement by it (CDB_* from CDB$ROOT, GV$ on RAC). */
export interface PrivilegeWhere {
  containerKind: ContainerKind;
  rac: boolean;
}

/**
 * Statements the gateway and its readers run only somewhere (by query id); every other one runs
 * everywhere. Without a known `where` every statement counts.
 */
export const RUNS_ONLY: Readonly<Record<string, (w: PrivilegeWhere) => boolean>> = {
  'dashboard.con-sysmetric': (w) => w.containerKind !== 'non-cdb',
  'realtime.con-sysmetric': (w) => w.containerKind === 'pdb',
  'wait-events.system-event': (w) => w.containerKind !== 'pdb',
  'wait-events.con-system-event': (w) => w.containerKind === 'pdb',
  'trend.con-sysmetric-history': (w) => w.containerKind === 'pdb',
  'health.containers': (w) => w.containerKind !== 'non-cdb',
  // CDB_* only from CDB$ROOT (every container's tablespaces); DBA_* in a PDB or a non-CDB
  'space.tablespaces': (w) => w.containerKind !== 'root',
  'space.tablespaces-cdb': (w) => w.containerKind === 'root',
  'activity.sample': (w) => !w.rac,
  'activity.sample-rac': (w) => w.rac,
  'alert-log.entries': (w) => !w.rac,
  'alert-log.entries-rac': (w) => w.rac,
};

/** Views that need a grant (fixed views, DBA_* and CDB_*); ALL_* / USER_* / SESSION_* need none. */
function needsGrant(view: string): boolean {
  return /^(G?V\$|DBA_|CDB_)/.test(view);
}

/** The check's own statements (probes, SESSION_PRIVS, ...) are no feature's. */
function judged(q: CatalogQuery): boolean {
  return !q.id.startsWith('probe.') && !q.id.startsWith('privileges.') && q.id !== 'health.can-kill';
}

function runsAt(q: CatalogQuery, where: PrivilegeWhere | undefined): boolean {
  const only = RUNS_ONLY[q.id];
  return !where || !only || only(where);
}

function viewsOf(queries: readonly CatalogQuery[]): string[] {
  const views = new Set<string>();
  for (const q of queries) for (const v of q.views) if (needsGrant(v)) views.add(v);
  return [...views].sort();
}

/** The statements of `resources` the console runs where the connection is (every one without `where`). */
export function statementsOf(resources: readonly GatewayResource[], where?: PrivilegeWhere): CatalogQuery[] {
  return CONSOLE_STATEMENTS.filter((q) => resources.includes(q.resource) && judged(q) && runsAt(q, where));
}

/** The grantable views a resource's statements read (probes and privilege statements excluded). */
export function viewsOfResources(resources: readonly GatewayResource[], where?: PrivilegeWhere): string[] {
  return viewsOf(statementsOf(resources, where));
}

function statementsById(ids: readonly string[], where: PrivilegeWhere | undefined): CatalogQuery[] {
  return CONSOLE_STATEMENTS.filter((q) => ids.includes(q.id) && runsAt(q, where));
}

/** Every grantable view a feature reads where the connection is (its parts included). */
export function viewsOfFeature(feature: PrivilegeFeature, where?: PrivilegeWhere): string[] {
  const parts = FEATURE_PARTS_BY_QUERY[feature] ?? [];
  return viewsOf([
    ...statementsOf(FEATURE_RESOURCES[feature], where),
    ...statementsById(
      parts.flatMap((p) => p.queries),
      where,
    ),
  ]);
}

const PART_NAMES: Record<FeaturePart, string> = {
  tablespaces: 'tablespaces',
  'recovery-area': 'fast recovery area',
  asm: 'ASM disk groups',
  temp: 'TEMP usage by session',
  waits: 'recent waits',
  stats: 'statistics',
  cursors: 'open cursors',
  locks: 'locks',
  transaction: 'transaction',
  objects: 'object names (object ids shown)',
  window: 'Top SQL over a window',
  instances: 'other instances',
  containers: 'container list',
  preview: "the dialog's fresh look at the session",
};

/** A feature judged by the views it reads: full, limited (a part is lost) or off. */
export function judgeFeature(
  feature: PrivilegeFeature,
  readable: ReadonlyMap<string, boolean>,
  user: string,
  where?: PrivilegeWhere,
): FeatureAccess {
  const unreadable = (queries: readonly CatalogQuery[]) =>
    viewsOf(queries).filter((v) => readable.get(v) === false);
  const parts = (FEATURE_PARTS_BY_QUERY[feature] ?? [])
    .map((p) => ({ part: p.part, queries: statementsById(p.queries, where) }))
    .filter((p) => p.queries.length > 0);
  const inParts = new Set(parts.flatMap((p) => p.queries.map((q) => q.id)));
  const core = statementsOf(FEATURE_RESOURCES[feature], where).filter((q) => !inParts.has(q.id));
  const coreMissing = unreadable(core);
  const lost = parts.filter((p) => unreadable(p.queries).length > 0);
  const missing = [...new Set([...coreMissing, ...lost.flatMap((p) => unreadable(p.queries))])].sort();
  if (missing.length === 0)
    return { feature, status: 'full', missing: [], note: 'Every view it reads is readable.' };
  const grant = missing.map((v) => grantOn(v, user)).join(' ');
  const off = coreMissing.length > 0 || (viewsOf(core).length === 0 && lost.length === parts.length);
  if (off)
    return {
      feature,
      status: 'off',
      missing,
      grant,
      note: `Off: ${user} cannot read ${missing.join(', ')}.`,
    };
  return {
    feature,
    status: 'limited',
    missing,
    parts: lost.map((p) => p.part),
    grant,
    note:
      `Limited: ${user} cannot read ${missing.join(', ')}. Not shown: ` +
      `${lost.map((p) => PART_NAMES[p.part]).join(', ')}; the rest works.`,
  };
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
  return `GRANT SELECT ON ${/^(DBA|CDB)_/.test(view) ? `SYS.${view}` : grantTarget(view)} TO ${user};`;
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
  /** where the connection is (the identity); unknown: every statement counts, wherever it runs */
  where?: PrivilegeWhere;
}

const ASH_VIEWS = viewsOf(DIAGNOSTICS_PACK_QUERIES);

/** Probes each view: readable, or false on ORA-00942 / ORA-01031 (other errors fail the check). */
async function probeViews(run: Runner, views: Iterable<string>, into: Map<string, boolean>): Promise<void> {
  for (const view of [...views].sort()) {
    try {
      await run(probeOf(view));
      into.set(view, true);
    } catch (err) {
      if (!(err instanceof TmsError) || err.code !== 'ORACLE_PRIVILEGE') throw err;
      into.set(view, false);
    }
  }
}

export async function checkPrivileges(input: PrivilegeCheckInput): Promise<Omit<PrivilegeReport, 'connId'>> {
  const { run, user, where } = input;
  const privileges = (await run(P.SESSION_PRIVILEGES)).map((r) => String(r.PRIVILEGE));
  const roles = (await run(P.SESSION_ROLE_LIST)).map((r) => String(r.ROLE));

  // every view a feature reads where the connection is, and V$PARAMETER (the pack's parameter)
  const wanted = new Set<string>(['V$PARAMETER']);
  for (const feature of PRIVILEGE_FEATURES) for (const v of viewsOfFeature(feature, where)) wanted.add(v);
  const readable = new Map<string, boolean>();
  await probeViews(run, wanted, readable);

  const byFeature = new Map<PrivilegeFeature, FeatureAccess>();
  for (const feature of PRIVILEGE_FEATURES) {
    if (!JUDGED_APART.has(feature)) byFeature.set(feature, judgeFeature(feature, readable, user, where));
  }

  // the schema browser and the DDL watch read DBA_* when every one of theirs is readable, else ALL_*
  const catalogGrant = `GRANT SELECT_CATALOG_ROLE TO ${user};`;
  const browseViews = viewsOfFeature('schema-browser', where);
  const dbaBrowse = browseViews.every((v) => readable.get(v));
  const dictionary: DictionaryScope = dbaBrowse ? 'dba' : 'all';
  byFeature.set(
    'schema-browser',
    dbaBrowse
      ? {
          feature: 'schema-browser',
          status: 'full',
          missing: [],
          note: `Reads ${browseViews.join(' / ')}: every schema.`,
        }
      : {
          feature: 'schema-browser',
          status: 'limited',
          missing: browseViews.filter((v) => !readable.get(v)),
          grant: catalogGrant,
          note: 'Reads ALL_* views: only objects your account can access (usually none of other schemas).',
        },
  );
  const ddlViews = viewsOfFeature('ddl-watch', where);
  byFeature.set(
    'ddl-watch',
    ddlViews.every((v) => readable.get(v))
      ? {
          feature: 'ddl-watch',
          status: 'full',
          missing: [],
          note: 'Watches DDL of every schema (DBA_OBJECTS).',
        }
      : {
          feature: 'ddl-watch',
          status: 'limited',
          missing: ddlViews.filter((v) => !readable.get(v)),
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
  // the kill / cancel dialogs take a fresh look at the session; without it they show the list's row
  const previewMissing = viewsOfResources(['stop-preview'], where).filter((v) => readable.get(v) === false);
  byFeature.set(
    'kill',
    killAvailable && previewMissing.length === 0
      ? { feature: 'kill', status: 'full', missing: [], note: `Kills with ${describeKill(method)}.` }
      : killAvailable
        ? {
            feature: 'kill',
            status: 'limited',
            missing: previewMissing,
            parts: ['preview'],
            grant: previewMissing.map((v) => grantOn(v, user)).join(' '),
            note:
              `Kills with ${describeKill(method)}, but the dialog cannot read ${previewMissing.join(', ')}: ` +
              "it shows the list's row, without the transaction's undo.",
          }
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
  const optedIn = packAccess.diagnosticsAllowed && input.diagnosticsOptIn;
  // ASH's own view is probed only for a connection that opted in where the database allows the pack
  if (optedIn) await probeViews(run, ASH_VIEWS, readable);
  const ashMissing = optedIn ? ASH_VIEWS.filter((v) => readable.get(v) === false) : [];
  byFeature.set(
    'diagnostics-pack',
    ashMissing.length > 0
      ? {
          feature: 'diagnostics-pack',
          status: 'off',
          missing: ashMissing,
          grant: ashMissing.map((v) => grantOn(v, user)).join(' '),
          note: `Off: ${user} cannot read ${ashMissing.join(', ')}.`,
        }
      : {
          feature: 'diagnostics-pack',
          status: optedIn ? 'full' : 'off',
          missing: packAccess.diagnosticsAllowed ? [] : ['CONTROL_MANAGEMENT_PACK_ACCESS'],
          note:
            packAccess.diagnosticsAllowed && !input.diagnosticsOptIn
              ? `${packAccess.reason} The opt-in is off for this connection.`
              : packAccess.reason,
        },
  );
  const views: ViewReadability[] = [...readable]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([view, ok]) =>
      ok ? { view, readable: true } : { view, readable: false, grant: grantOn(view, user) },
    );

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
    features: PRIVILEGE_FEATURES.flatMap((f) => {
      const access = byFeature.get(f);
      return access ? [access] : [];
    }),
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
