/**
 * What a connection's account may read and do (issue 13 points 4 and 7): the "check privileges"
 * report, the Diagnostics Pack access the database allows, and the dictionary scope of the schema
 * browser (DBA_* when readable, else ALL_*: only the objects the account can access).
 */

/**
 * How a connection kills sessions: 'alter-system' (ALTER SYSTEM KILL SESSION), 'rds' (Amazon RDS
 * rdsadmin.rdsadmin_util.kill) or 'procedure:OWNER.NAME' (a DBA's definer's-rights procedure; simple
 * unquoted identifiers only, because the name is written into the PL/SQL call).
 */
export const KILL_METHOD_PATTERN =
  /^(alter-system|rds|procedure:[A-Za-z][A-Za-z0-9_$#]{0,127}\.[A-Za-z][A-Za-z0-9_$#]{0,127})$/;

/** Where schema / table / column lists come from. */
export type DictionaryScope = 'dba' | 'all';

/** Rows of the schema browser with where they come from: 'all' = only objects the account can access. */
export interface DictionaryRows<T> {
  dictionary: DictionaryScope;
  rows: T[];
}

/** CONTROL_MANAGEMENT_PACK_ACCESS, or null when the account cannot read V$PARAMETER. */
export type PackAccessValue = 'NONE' | 'DIAGNOSTIC' | 'DIAGNOSTIC+TUNING';

export interface PackAccess {
  value: PackAccessValue | null;
  /** true only when the parameter allows the Diagnostics Pack (DIAGNOSTIC or DIAGNOSTIC+TUNING) */
  diagnosticsAllowed: boolean;
  /** why the opt-in is refused, or what allowing it means (it is not a licence); English, for logs */
  reason: string;
  /** the same as a code the renderer words (errors.json `pack.<code>`); absent from older answers */
  code?: PackAccessCode;
  /** 'unreadable': the grant that lets the console read the parameter */
  grant?: string;
  /** 'unexpected': the value as read */
  raw?: string;
}

export const PACK_ACCESS_CODES = ['unreadable', 'none', 'unexpected', 'allowed'] as const;
export type PackAccessCode = (typeof PACK_ACCESS_CODES)[number];

/** A console feature and whether this account can use it. */
export const PRIVILEGE_FEATURES = [
  'dashboard',
  'realtime',
  'activity',
  'sessions',
  'session-detail',
  'locks',
  'wait-events',
  'top-sql',
  'sql-detail',
  'sql-plan',
  'trend',
  'health',
  'space',
  'limits',
  'memory-io',
  'alert-log',
  'longops',
  'schema-browser',
  'ddl-watch',
  'kill',
  'diagnostics-pack',
] as const;
export type PrivilegeFeature = (typeof PRIVILEGE_FEATURES)[number];

/**
 * A part of a feature the reader shows without (its own error or a placeholder names the grant) while
 * the rest still works: the Space view's sections, the session drill-down's parts, object names, the
 * Top SQL window, health's instance and container lists, the kill dialog's fresh look at the session.
 */
export const FEATURE_PARTS = [
  'tablespaces',
  'recovery-area',
  'asm',
  'temp',
  'waits',
  'stats',
  'cursors',
  'locks',
  'transaction',
  'objects',
  'window',
  'instances',
  'containers',
  'preview',
] as const;
export type FeaturePart = (typeof FEATURE_PARTS)[number];

export interface FeatureAccess {
  feature: PrivilegeFeature;
  /** 'full', 'limited' (works with less: ALL_* instead of DBA_*, or without some parts), or 'off' */
  status: 'full' | 'limited' | 'off';
  /** views / privileges it lacks */
  missing: string[];
  /** 'limited' by missing views: the parts that do not show (absent from older answers) */
  parts?: FeaturePart[];
  /** the statement a DBA runs to turn it on, when one exists */
  grant?: string;
  /** one sentence for the DBA */
  note: string;
}

export interface ViewReadability {
  view: string;
  readable: boolean;
  /** GRANT that makes it readable */
  grant?: string;
}

export interface PrivilegeReport {
  connId: string;
  checkedAt: number;
  user: string;
  /** enabled roles (SESSION_ROLES), e.g. SELECT_CATALOG_ROLE */
  roles: string[];
  /** the system privileges that matter here (SESSION_PRIVS): ALTER SYSTEM, SELECT ANY DICTIONARY, ... */
  systemPrivileges: string[];
  views: ViewReadability[];
  dictionary: DictionaryScope;
  kill: {
    method: string;
    /** null when it could not be checked */
    available: boolean | null;
    grant?: string;
  };
  /** profile SESSIONS_PER_USER (null = UNLIMITED or unknown): the pool is kept below it */
  sessionsPerUser: number | null;
  packAccess: PackAccess;
  features: FeatureAccess[];
}
