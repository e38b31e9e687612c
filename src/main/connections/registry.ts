/**
 * GatewayRegistry: one gateway (so one small pool) per connection, opened lazily on first use,
 * closed on edit/delete and drained on quit.
 *
 * It also protects the database and the DBA's account:
 *   - ORA-01017 / locked / expired (ORACLE_AUTH): the pool is closed and the connection is not tried
 *     again (panels poll every few seconds: retrying would lock the account) until the connection is
 *     edited or a test succeeds;
 *   - listener down / host unknown (ORACLE_UNREACHABLE): calls fail fast during an exponential backoff
 *     window (2 s .. 60 s by default) instead of hammering the network.
 * Connection states (connecting / connected / failed / closed) are reported on transitions.
 * Oracle query counts survive a gateway being closed: they are the product's main metric.
 */
import type { ConnectNote } from '@shared/connect-notes';
import { packDetails } from '@shared/error-reasons';
import { type AppError, TmsError } from '@shared/errors';
import type {
  ConnectionProfile,
  ConnectionQueryCounts,
  ConnectionState,
  ConnectionTestResult,
} from '@shared/types/connections';
import { GATEWAY_RESOURCES, type QueryCounts } from '@shared/types/oracle';
import type { PackAccess, PrivilegeReport } from '@shared/types/privileges';
import type { KillMethod } from '../oracle/errors';
import type {
  DemoParams,
  GatewayFactory,
  GatewayTarget,
  OracleConnectParams,
  OracleGateway,
} from '../oracle/gateway';
import { driverAttrs } from './connect-string';
import type { ConnectionDraft, ConnectionSecrets } from './store';

/** What the registry needs from the connection store. */
export interface ConnectionSource {
  get(id: string): ConnectionProfile;
  has(id: string): boolean;
  secrets(id: string): ConnectionSecrets;
}

export interface OraclePoolSettings {
  /** seconds to establish a connection (pool use); default 10 */
  connectTimeoutSec?: number;
  /** per round-trip limit, ms; default 10 000 */
  callTimeoutMs?: number;
  /** pool queue timeout, ms; default 5 000 */
  queueTimeoutMs?: number;
  /** default 4 */
  poolMax?: number;
}

export interface GatewayRegistryOptions {
  connections: ConnectionSource;
  factory: GatewayFactory;
  /** the demo database's options (seed, latencyScale, sessionCount) */
  demo?: DemoParams;
  oracle?: OraclePoolSettings;
  /** connect timeout of a connection test, seconds; default 5 */
  testConnectTimeoutSec?: number;
  /** backoff after ORACLE_UNREACHABLE; defaults 2 000 and 60 000 ms */
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  onState?(state: ConnectionState): void;
  now?: () => number;
}

export interface UseOptions {
  /** false: do not count this call as user activity (the DDL watcher's own polls) */
  touch?: boolean;
}

interface Entry {
  gateway: OracleGateway;
  kind: 'demo' | 'oracle';
}

interface Health {
  status: ConnectionState['status'];
  error?: AppError;
  /** a logon warning (ORA-28002) the DBA has to see while the connection works */
  warning?: AppError;
  /** ORACLE_AUTH: blocked until edited or a test succeeds */
  blocked?: TmsError;
  failures: number;
  retryAt: number;
}

const CONNECTION_FAILURES = new Set([
  'ORACLE_AUTH',
  'ORACLE_UNREACHABLE',
  'ORACLE_CONFIG',
  'ORACLE_THIN_UNSUPPORTED',
]);

function emptyCounts(): QueryCounts {
  return Object.fromEntries(GATEWAY_RESOURCES.map((r) => [r, 0])) as QueryCounts;
}

function addCounts(into: QueryCounts, from: QueryCounts): void {
  for (const r of GATEWAY_RESOURCES) into[r] += from[r] ?? 0;
}

function toTmsError(error: unknown): TmsError {
  if (error instanceof TmsError) return error;
  // a library's own text stays in details (logs), never in what the DBA reads
  return new TmsError('ORACLE_ERROR', 'Unexpected error talking to Oracle.', {
    retryable: true,
    details: {
      reason: 'oracle.unexpected',
      driverMessage: error instanceof Error ? error.message : String(error),
    },
  });
}

function isConnectionFailure(e: TmsError): boolean {
  if (CONNECTION_FAILURES.has(e.code)) return true;
  // a connect timeout (NJS-510 / ETIMEDOUT) is; a query timeout (NJS-123) is not
  return e.code === 'ORACLE_TIMEOUT' && e.details?.oracleCode !== 'NJS-123' && /connect/i.test(e.message);
}

export class GatewayRegistry {
  readonly #o: GatewayRegistryOptions;
  readonly #now: () => number;
  readonly #entries = new Map<string, Entry>();
  readonly #health = new Map<string, Health>();
  readonly #lastUsed = new Map<string, number>();
  readonly #archived = new Map<string, { kind: 'demo' | 'oracle'; counts: QueryCounts }>();
  readonly #closing = new Set<Promise<void>>();
  #closed = false;

  constructor(options: GatewayRegistryOptions) {
    this.#o = options;
    this.#now = options.now ?? Date.now;
  }

  /** The connection's gateway, created on first use (pools open lazily inside the gateway). */
  get(connId: string): OracleGateway {
    if (this.#closed) throw new TmsError('INTERNAL', 'The console is shutting down.');
    const existing = this.#entries.get(connId);
    if (existing) return existing.gateway;
    const profile = this.#o.connections.get(connId); // NOT_FOUND for unknown ids
    const gateway = this.#o.factory.create(this.#target(profile, { pooled: true }));
    this.#entries.set(connId, { gateway, kind: profile.kind });
    return gateway;
  }

  /**
   * Run one gateway call for a connection, with state tracking, the auth block and the backoff window.
   * Throws NOT_FOUND for an unknown connection.
   */
  async use<T>(
    connId: string,
    fn: (gateway: OracleGateway) => Promise<T>,
    options: UseOptions = {},
  ): Promise<T> {
    if (!this.#o.connections.has(connId)) this.#o.connections.get(connId); // throws NOT_FOUND
    if (options.touch !== false) this.#lastUsed.set(connId, this.#now());
    const h = this.#healthOf(connId);
    if (h.blocked) throw h.blocked;
    if (h.retryAt > this.#now() && h.error) {
      throw new TmsError(h.error.code, h.error.message, {
        retryable: true,
        details: { ...(h.error.details ?? {}), retryAfterMs: h.retryAt - this.#now() },
      });
    }
    if (h.status === 'idle' || h.status === 'closed') this.#setState(connId, h, 'connecting');
    let gateway: OracleGateway;
    try {
      gateway = this.get(connId);
    } catch (error) {
      throw this.#failed(connId, h, toTmsError(error));
    }
    try {
      const result = await fn(gateway);
      const warning = gateway.logonWarning?.() ?? undefined;
      const warningChanged = warning?.message !== h.warning?.message;
      if (warning) h.warning = warning;
      else delete h.warning;
      if (h.status !== 'connected' || h.failures > 0 || warningChanged) {
        h.failures = 0;
        h.retryAt = 0;
        this.#setState(connId, h, 'connected', warningChanged);
      }
      return result;
    } catch (error) {
      throw this.#failed(connId, h, toTmsError(error));
    }
  }

  /** Record user activity on a connection (cache hits included); NOT_FOUND for an unknown id. */
  touch(connId: string): void {
    if (!this.#o.connections.has(connId)) this.#o.connections.get(connId); // throws NOT_FOUND
    this.#lastUsed.set(connId, this.#now());
  }

  isOpen(connId: string): boolean {
    return this.#entries.has(connId);
  }

  openIds(): string[] {
    return [...this.#entries.keys()];
  }

  /** Connections used (not by the DDL watcher) within the last `windowMs`. */
  recentlyUsed(windowMs: number): string[] {
    const since = this.#now() - windowMs;
    return [...this.#lastUsed]
      .filter(([id, t]) => t >= since && this.#o.connections.has(id))
      .map(([id]) => id);
  }

  state(connId: string): ConnectionState {
    const h = this.#healthOf(connId);
    return {
      connId,
      status: h.status,
      ...(h.error ? { error: h.error } : {}),
      ...(h.warning ? { warning: h.warning } : {}),
      at: this.#now(),
    };
  }

  /**
   * Close a connection's gateway (drains its pool) and forget its failures: called when the connection
   * is edited or deleted. Safe to call for a connection that was never opened.
   */
  async close(connId: string): Promise<void> {
    const entry = this.#entries.get(connId);
    this.#entries.delete(connId);
    const h = this.#health.get(connId);
    this.#health.delete(connId);
    if (!this.#o.connections.has(connId)) this.#lastUsed.delete(connId);
    if (entry) {
      await this.#drain(connId, entry);
      if (h && h.status !== 'idle') this.#emit({ connId, status: 'closed', at: this.#now() });
    }
  }

  /** Drain every pool (app quit). Further get()/use() calls fail. */
  async closeAll(): Promise<void> {
    this.#closed = true;
    const entries = [...this.#entries];
    this.#entries.clear();
    await Promise.allSettled(entries.map(([id, e]) => this.#drain(id, e)));
    await Promise.allSettled([...this.#closing]);
  }

  /**
   * Test a saved connection or an unsaved draft: a throwaway gateway (one connection, short connect
   * timeout), health + view probes, closed at once. The demo connection is tested in place.
   * Never throws for an Oracle error: the result carries it, classified.
   */
  async test(
    target: { connId: string } | { draft: ConnectionDraft },
    notes: ConnectNote[] = [],
  ): Promise<ConnectionTestResult> {
    const startedHr = performance.now();
    let profile: ConnectionProfile;
    let secrets: () => ConnectionSecrets;
    let savedId: string | undefined;
    try {
      if ('connId' in target) {
        profile = this.#o.connections.get(target.connId);
        savedId = profile.id;
        secrets = () => this.#o.connections.secrets(profile.id);
      } else {
        profile = target.draft.profile;
        savedId = this.#o.connections.has(profile.id) ? profile.id : undefined;
        const s = target.draft.secrets;
        secrets = () => s;
      }
    } catch (error) {
      return { ok: false, latencyMs: 0, error: toTmsError(error).toJSON(), notes };
    }
    const elapsed = () => Math.max(0, Math.round(performance.now() - startedHr));
    let gateway: OracleGateway | undefined;
    const throwaway = profile.kind === 'oracle' || savedId === undefined;
    try {
      gateway = throwaway
        ? this.#o.factory.create(this.#target(profile, { pooled: false }, secrets))
        : this.get(profile.id);
      const probe = await gateway.test();
      const warning = gateway.logonWarning?.() ?? null;
      // the Diagnostics Pack opt-in is offered only when the database allows the pack
      const packAccess = gateway.packAccess ? await gateway.packAccess().catch(() => undefined) : undefined;
      const result: ConnectionTestResult = {
        ok: probe.ok,
        latencyMs: elapsed(),
        ...(probe.health?.version ? { version: probe.health.version } : {}),
        notes,
        probe,
        ...(warning ? { warning } : {}),
        ...(packAccess ? { packAccess } : {}),
      };
      if (!probe.ok) {
        const missing = probe.access.filter((a) => !a.ok);
        result.error = {
          code: 'ORACLE_PRIVILEGE',
          message: `Connected, but ${missing.length} view(s) the console reads are not visible to ${profile.user}: ${missing
            .map((a) => a.view)
            .join(', ')}.`,
          retryable: false,
          details: { grants: missing.map((a) => a.grant).filter(Boolean) },
        };
      }
      if (savedId) {
        // a working test lifts the auth block and the backoff (e.g. the DBA unlocked the account)
        const h = this.#health.get(savedId);
        if (h && (h.blocked || h.failures > 0)) {
          this.#health.delete(savedId);
          this.#emit({
            connId: savedId,
            status: this.#entries.has(savedId) ? 'connected' : 'idle',
            at: this.#now(),
          });
        }
      }
      return result;
    } catch (error) {
      return { ok: false, latencyMs: elapsed(), error: toTmsError(error).toJSON(), notes };
    } finally {
      if (gateway && throwaway) {
        if (savedId) this.#archive(savedId, profile.kind, gateway.queryCounts());
        await gateway.close().catch(() => {});
      }
    }
  }

  /**
   * "Check privileges": what the connection's account can read and do, and which features that leaves
   * off (one probe per view, on the connection's own pool). Not cached: it is a deliberate action.
   */
  async checkPrivileges(connId: string): Promise<PrivilegeReport> {
    const report = await this.use(connId, async (g) => {
      if (!g.privileges) throw new TmsError('UNSUPPORTED', 'This connection cannot check its privileges.');
      return g.privileges();
    });
    return { connId, ...report };
  }

  /**
   * The Diagnostics Pack opt-in of a connection being saved is accepted only when its database's
   * CONTROL_MANAGEMENT_PACK_ACCESS allows the pack (read through a throwaway test connection). Throws
   * UNSUPPORTED with the reason otherwise (NONE, unreadable parameter, or no connection).
   */
  async assertDiagnosticsAllowed(draft: ConnectionDraft): Promise<PackAccess> {
    const probe = await this.test({ draft });
    const access = probe.packAccess;
    if (!access) {
      throw new TmsError(
        'UNSUPPORTED',
        `The Diagnostics Pack opt-in needs a working connection to read CONTROL_MANAGEMENT_PACK_ACCESS${
          probe.error ? `: ${probe.error.message}` : '.'
        }`,
        { details: { reason: 'pack.needConnection' } },
      );
    }
    if (!access.diagnosticsAllowed) {
      throw new TmsError('UNSUPPORTED', access.reason, {
        details: { controlManagementPackAccess: access.value, ...packDetails(access) },
      });
    }
    return access;
  }

  /** Oracle queries per connection: live gateways plus closed ones. */
  queryCounts(connId?: string): ConnectionQueryCounts[] {
    const ids = new Set<string>([...this.#archived.keys(), ...this.#entries.keys()]);
    if (connId !== undefined) {
      ids.clear();
      ids.add(connId);
    }
    const out: ConnectionQueryCounts[] = [];
    for (const id of ids) {
      const counts = emptyCounts();
      const archived = this.#archived.get(id);
      const entry = this.#entries.get(id);
      if (archived) addCounts(counts, archived.counts);
      if (entry) addCounts(counts, entry.gateway.queryCounts());
      const kind =
        entry?.kind ??
        archived?.kind ??
        (this.#o.connections.has(id) ? this.#o.connections.get(id).kind : 'oracle');
      out.push({
        connId: id,
        kind,
        counts,
        total: Object.values(counts).reduce((a, b) => a + b, 0),
        open: Boolean(entry),
      });
    }
    return out.sort((a, b) => a.connId.localeCompare(b.connId));
  }

  // ------------------------------------------------------------------------------------------- internals

  #target(
    profile: ConnectionProfile,
    mode: { pooled: boolean },
    secrets: () => ConnectionSecrets = () => this.#o.connections.secrets(profile.id),
  ): GatewayTarget {
    if (profile.kind === 'demo' || !profile.connect) {
      return { kind: 'demo', connId: profile.id, ...(this.#o.demo ? { demo: this.#o.demo } : {}) };
    }
    const attrs = driverAttrs(profile.connect);
    const pool = this.#o.oracle ?? {};
    const params: OracleConnectParams = {
      user: profile.user,
      // read from the secret box when the pool (or the test connection) is created, never kept here
      password: () => secrets().password ?? '',
      connectString: attrs.connectString,
      ...(attrs.configDir ? { configDir: attrs.configDir } : {}),
      ...(attrs.walletLocation ? { walletLocation: attrs.walletLocation } : {}),
      ...(profile.connect.method === 'descriptor' && profile.connect.hasWalletPassword
        ? { walletPassword: () => secrets().walletPassword ?? '' }
        : {}),
      connectTimeoutSec: mode.pooled ? (pool.connectTimeoutSec ?? 10) : (this.#o.testConnectTimeoutSec ?? 5),
      callTimeoutMs: pool.callTimeoutMs ?? 10_000,
      queueTimeoutMs: pool.queueTimeoutMs ?? 5_000,
      poolMax: mode.pooled ? (pool.poolMax ?? 4) : 1,
      diagnosticsPackLicensed: profile.diagnosticsPackLicensed,
      killMethod: (profile.killMethod ?? 'alter-system') as KillMethod,
    };
    return { kind: 'oracle', connId: profile.id, params };
  }

  #healthOf(connId: string): Health {
    let h = this.#health.get(connId);
    if (!h) {
      h = { status: 'idle', failures: 0, retryAt: 0 };
      this.#health.set(connId, h);
    }
    return h;
  }

  #failed(connId: string, h: Health, error: TmsError): TmsError {
    if (!isConnectionFailure(error)) return error;
    const changed =
      h.status !== 'failed' || h.error?.code !== error.code || h.error?.message !== error.message;
    h.error = error.toJSON();
    if (error.code === 'ORACLE_AUTH') {
      h.blocked = new TmsError(
        'ORACLE_AUTH',
        `${error.message} The console will not try this connection again until it is edited or a connection test succeeds.`,
        { retryable: false, details: { ...(error.details ?? {}), blocked: true } },
      );
      // drop the pool: no further logon attempts from it
      const entry = this.#entries.get(connId);
      this.#entries.delete(connId);
      if (entry) void this.#drain(connId, entry);
    } else if (error.code === 'ORACLE_UNREACHABLE' || error.code === 'ORACLE_TIMEOUT') {
      h.failures++;
      const base = this.#o.backoffBaseMs ?? 2_000;
      const max = this.#o.backoffMaxMs ?? 60_000;
      h.retryAt = this.#now() + Math.min(max, base * 2 ** Math.min(h.failures - 1, 20));
    }
    this.#setState(connId, h, 'failed', changed);
    return error;
  }

  #setState(connId: string, h: Health, status: ConnectionState['status'], force = false): void {
    if (h.status === status && !force) return;
    h.status = status;
    if (status !== 'failed') delete h.error;
    this.#emit({
      connId,
      status,
      ...(status === 'failed' && h.error ? { error: h.error } : {}),
      ...(status === 'connected' && h.warning ? { warning: h.warning } : {}),
      at: this.#now(),
    });
  }

  #emit(state: ConnectionState): void {
    try {
      this.#o.onState?.(state);
    } catch {
      // a listener must not break a query
    }
  }

  #archive(connId: string, kind: 'demo' | 'oracle', counts: QueryCounts): void {
    let a = this.#archived.get(connId);
    if (!a) {
      a = { kind, counts: emptyCounts() };
      this.#archived.set(connId, a);
    }
    a.kind = kind;
    addCounts(a.counts, counts);
  }

  #drain(connId: string, entry: Entry): Promise<void> {
    this.#archive(connId, entry.kind, entry.gateway.queryCounts());
    const p = entry.gateway
      .close()
      .catch(() => {})
      .finally(() => this.#closing.delete(p));
    this.#closing.add(p);
    return p;
  }
}
