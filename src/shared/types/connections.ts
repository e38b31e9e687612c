/**
 * Connection profiles as the UI sees them (shared by main and renderer). Secrets never appear here:
 * a profile only says whether a password is stored (`hasPassword`).
 */

import type { ConnectNote } from '../connect-notes';
import type { AppError } from '../errors';
import type { ConnectionTestResult as GatewayProbe, QueryCounts } from './oracle';
import type { PackAccess } from './privileges';

export type ConnectionKind = 'demo' | 'oracle';
export type ConnectMethod = 'easy' | 'tns' | 'descriptor';

/** Connection ids are slugs: they become part of cache keys (`tms:{connId}:...`). */
export const CONNECTION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,62}$/;
export const DEMO_CONNECTION_ID = 'demo';

/** How to reach the database (never holds a secret). */
export type ConnectSpec =
  /** Easy Connect: `host[:port]/service[:server][/instance][?options]`, also `tcps://...` */
  | { method: 'easy'; connectString: string }
  /** a tnsnames.ora alias; Thin mode reads tnsnames.ora only from `configDir` */
  | { method: 'tns'; tnsAlias: string; configDir: string }
  /**
   * A full `(DESCRIPTION=...)`; for mutual TLS a PEM wallet directory (`ewallet.pem`) and,
   * if the wallet is encrypted, its password (stored as a secret, see `hasWalletPassword`).
   */
  | { method: 'descriptor'; descriptor: string; walletLocation?: string; hasWalletPassword?: boolean };

export interface ConnectionProfile {
  id: string;
  name: string;
  kind: ConnectionKind;
  /** null for the demo database */
  connect: ConnectSpec | null;
  user: string;
  hasPassword: boolean;
  /** opt-in: ASH/AWR/DBA_HIST_ features may be used (Oracle Diagnostics Pack licence) */
  diagnosticsPackLicensed: boolean;
  /** how sessions are killed: 'alter-system' | 'rds' | 'procedure:OWNER.NAME' (KILL_METHOD_PATTERN) */
  killMethod: string;
  /** the built-in demo connection: cannot be edited or deleted */
  builtIn: boolean;
  /** epoch ms */
  createdAt: number;
  updatedAt: number;
}

/** What the UI sends to add a connection, or (all fields optional) to edit one. */
export type ConnectInput =
  | { method: 'easy'; connectString: string }
  | { method: 'tns'; tnsAlias: string; configDir: string }
  | {
      method: 'descriptor';
      descriptor: string;
      walletLocation?: string;
      /** undefined = keep the stored wallet password (edit) */
      walletPassword?: string;
    };

export interface ConnectionInput {
  /** optional on add: derived from the name */
  id?: string;
  name: string;
  kind?: ConnectionKind;
  connect?: ConnectInput;
  user?: string;
  /** undefined or '' on edit = keep the stored password */
  password?: string;
  /** edit only: forget the stored password */
  clearPassword?: boolean;
  diagnosticsPackLicensed?: boolean;
  /** 'alter-system' (default) | 'rds' | 'procedure:OWNER.NAME' */
  killMethod?: string;
}

export type ConnectionPatch = Partial<Omit<ConnectionInput, 'id'>>;

/** add/update answer: the saved profile plus what the console changed in what was typed. */
export interface ConnectionSaveResult {
  profile: ConnectionProfile;
  /** e.g. the JDBC SID form was converted to a descriptor (codes: the renderer words them); empty when nothing was changed */
  notes: ConnectNote[];
}

export interface ConnectionTestResult {
  ok: boolean;
  /** wall time of the test, connect included (ms) */
  latencyMs: number;
  /** V$INSTANCE.VERSION or the banner */
  version?: string;
  error?: AppError;
  /** what normalising the connect string changed (JDBC conversions, stripped credentials) */
  notes: ConnectNote[];
  /** the gateway's probe: health and the views the user can read (when the connection worked) */
  probe?: GatewayProbe;
  /** connected, but with a logon warning (ORA-28002: password about to expire) */
  warning?: AppError;
  /** CONTROL_MANAGEMENT_PACK_ACCESS: the Diagnostics Pack opt-in is offered only when it allows it */
  packAccess?: PackAccess;
}

export type ConnectionStatus = 'idle' | 'connecting' | 'connected' | 'failed' | 'closed';

/** Event `connections:state`: a connection's pool came up, failed or was closed. */
export interface ConnectionState {
  connId: string;
  status: ConnectionStatus;
  error?: AppError;
  /** connected, but the DBA must act (ORA-28002: the password expires within N days) */
  warning?: AppError;
  /** epoch ms */
  at: number;
}

/** Event `connections:changed`: the list or the active connection changed. */
export interface ConnectionsChanged {
  reason: 'added' | 'updated' | 'deleted' | 'active' | 'loaded';
  connId: string;
  activeId: string;
  connections: ConnectionProfile[];
}

/** A problem found while loading the stored files (corrupt file backed up, undecryptable secret). */
export interface ConnectionStoreProblem {
  file: string;
  message: string;
  /** where the unreadable original was copied */
  backup?: string;
}

/** Where passwords go, as the connection form needs to know it. */
export interface SecretStoreInfo {
  kind: 'safe-storage' | 'key-file' | 'memory';
  /** false: passwords are kept for this session only */
  persistent: boolean;
  available: boolean;
  reason?: string;
}

/** `connections:list` */
export interface ConnectionList {
  connections: ConnectionProfile[];
  activeId: string;
  secretStore: SecretStoreInfo;
  /** problems found when the saved files were loaded (corrupt file backed up, ...) */
  problems: ConnectionStoreProblem[];
}

/** `connections:normalise`: what the console would store for a typed/pasted connect string. */
export interface ConnectPreview {
  method: ConnectMethod;
  spec: ConnectSpec;
  notes: ConnectNote[];
  /** a user name found in a pasted JDBC URL */
  user?: string;
  credentialsStripped: boolean;
}

/** Oracle queries served by one connection's gateway (closed pools and tests included). */
export interface ConnectionQueryCounts {
  connId: string;
  kind: ConnectionKind;
  /** per gateway resource (see GATEWAY_RESOURCES in types/oracle.ts) */
  counts: QueryCounts;
  total: number;
  /** whether the connection's pool is open now */
  open: boolean;
}

/** `monitor:queryCounts` */
export interface QueryCountsReport {
  /** epoch ms: counting started (console start) */
  since: number;
  connections: ConnectionQueryCounts[];
  total: number;
}
