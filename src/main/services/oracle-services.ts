/**
 * createOracleServices: the connections store, the gateway registry, the monitoring service and the DDL
 * watcher, wired together, for the composition root (src/main/core.ts), which hands them to the IPC
 * layer (src/main/ipc/handlers) — this module knows no transport.
 *
 *   const oracle = await createOracleServices({ dataDir, secretBox, cache, events, demoOptions });
 *   closers.push(() => oracle.close());      // drains every pool, stops the watcher
 *
 * Wiring done here: editing/deleting a connection closes its pool, forgets its DDL token and drops
 * `tms:{connId}:*` (cache.invalidateConnection); every list change emits `connections:changed` and
 * invalidates `tms:connections`; pool state changes emit `connections:state`.
 */
import type { ReadThroughCache } from '../cache/types';
import { redact } from '../connections/redact';
import { GatewayRegistry, type OraclePoolSettings } from '../connections/registry';
import type { SecretBox } from '../connections/secrets';
import { ConnectionStore } from '../connections/store';
import type { AppEvents } from '../events';
import type { DemoParams, GatewayFactory } from '../oracle/gateway';
import { gatewayFactory as defaultGatewayFactory } from '../oracle/oracledb-gateway';
import { DdlWatcher } from './ddl-watcher';
import { MonitoringService } from './monitoring';

export interface OracleServicesOptions {
  /** connections.json, secrets.json (and the key file of keyFileSecretBox) live here */
  dataDir: string;
  /** safeStorageSecretBox(safeStorage) in Electron; keyFileSecretBox(dataDir) or memorySecretBox() in browser mode */
  secretBox: SecretBox;
  cache: ReadThroughCache;
  events: AppEvents;
  /** the demo database: { seed, latencyScale, sessionCount } from CoreConfig */
  demoOptions?: DemoParams;
  /** default: the real factory (demo database or node-oracledb thin) */
  gatewayFactory?: GatewayFactory;
  oracle?: OraclePoolSettings;
  /** DDL watch: poll interval (default 60 s) and how long after the last use a connection is watched (5 min) */
  ddl?: { intervalMs?: number; activeWindowMs?: number; enabled?: boolean };
  logError?: (message: string, error?: unknown) => void;
  now?: () => number;
}

export interface OracleServices {
  store: ConnectionStore;
  registry: GatewayRegistry;
  monitoring: MonitoringService;
  ddlWatcher: DdlWatcher;
  /** epoch ms the per-connection query counters started (monitor:queryCounts) */
  countingSince: number;
  /** stop the DDL watcher, drain every pool, wait for pending writes */
  close(): Promise<void>;
}

export async function createOracleServices(options: OracleServicesOptions): Promise<OracleServices> {
  const { cache, events } = options;
  const log = (message: string, error?: unknown) =>
    (options.logError ?? ((m: string, e?: unknown) => console.error(m, e)))(
      message,
      error === undefined ? undefined : redact(error),
    );
  const countingSince = (options.now ?? Date.now)();

  const store = await ConnectionStore.open({
    dataDir: options.dataDir,
    secretBox: options.secretBox,
    onProblem: (p) => log(`connections: ${p.message}`),
    ...(options.now ? { now: options.now } : {}),
  });
  const registry = new GatewayRegistry({
    connections: store,
    factory: options.gatewayFactory ?? defaultGatewayFactory,
    ...(options.demoOptions ? { demo: options.demoOptions } : {}),
    ...(options.oracle ? { oracle: options.oracle } : {}),
    onState: (state) => events.emit('connections:state', state),
    ...(options.now ? { now: options.now } : {}),
  });
  const monitoring = new MonitoringService({ cache, gateways: registry, onError: log });
  const ddlWatcher = new DdlWatcher({
    gateways: registry,
    cache,
    ...(options.ddl?.intervalMs !== undefined ? { intervalMs: options.ddl.intervalMs } : {}),
    ...(options.ddl?.activeWindowMs !== undefined ? { activeWindowMs: options.ddl.activeWindowMs } : {}),
    ...(options.now ? { now: options.now } : {}),
    onError: log,
  });

  const invalidateList = () =>
    cache
      .invalidate({ resource: 'connections' })
      .catch((error) => log('could not invalidate tms:connections', error));

  store.setHooks({
    onConnectionChanged: async (connId) => {
      ddlWatcher.forget(connId);
      // close the pool first so no in-flight read from the old target refills the cache afterwards
      await registry.close(connId);
      await cache.invalidateConnection(connId);
    },
    onListChanged: (change) => {
      events.emit('connections:changed', change);
      void invalidateList();
    },
  });

  if (options.ddl?.enabled !== false) ddlWatcher.start();

  return {
    store,
    registry,
    monitoring,
    ddlWatcher,
    countingSince,
    close: async () => {
      ddlWatcher.stop();
      await registry.closeAll();
      await store.flush();
    },
  };
}
