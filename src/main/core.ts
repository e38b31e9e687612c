/**
 * The composition root: the only place that knows every service and wires them.
 * It runs without Electron (browser mode, tests, benchmarks); src/main/index.ts adds the window.
 */
import { randomUUID } from 'node:crypto';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { RedisState, UiLanguage } from '@shared/contract/app';
import { resultValidators } from '@shared/contract/results';
import { ActivityService } from './activity/service';
import { coreAlertInputs, spaceAlertInputs } from './alerts/core-inputs';
import { fileMutes } from './alerts/mutes';
import { AlertsService } from './alerts/service';
import { CacheEngine } from './cache/engine';
import { createCacheOps, l2ControlFrom } from './cache/ops';
import type { CoreConfig } from './config';
import { type SafeStorageLike, selectSecretBox } from './connections/secrets';
import { AppEvents } from './events';
import { createDispatcher, type Dispatch } from './ipc/dispatcher';
import { createHandlers } from './ipc/handlers';
import { createLlmService, llmPatternInvalidator } from './llm/service';
import { fileSettingsStore, secretApiKeyStore } from './llm/stores';
import { metadataTableInfo } from './llm/table-info';
import { isRedisOutageError, reportRedisAvailability } from './redis/availability-line';
import {
  connectInBackground,
  createRedisClientIfEnabled,
  redactRedisUrl,
  redisSecretsOf,
  waitUntilReady,
} from './redis/client';
import { SecretRegistry } from './secrets-redactor/secret-registry';
import { watchKeyStore, watchSecretBox } from './secrets-redactor/watch-stores';
import { AlertLogService, LongOpsService } from './services/diagnostics';
import { MemoryIoService } from './services/memory-io';
import { createOracleServices } from './services/oracle-services';
import { SessionDetailService } from './services/session-detail';
import { SpaceService } from './services/space';
import { throttledLogger } from './throttle-log';

export interface Platform {
  runtime: 'electron' | 'web';
  /** where unexpected errors are reported (a rotating log file in Electron, stderr in browser mode) */
  logError?: (message: string, error?: unknown) => void;
  /** one-line notices for the terminal (browser mode) or the log file (Electron): which Redis, L2 on/off */
  logInfo?: (line: string) => void;
  /**
   * Electron's safeStorage (Keychain on macOS). Without it (browser mode) secrets are encrypted with an
   * AES-GCM key file readable only by the user, or kept in memory only with TMS_SECRET_STORE=memory.
   */
  safeStorage?: SafeStorageLike;
  /** the DBA's UI language changed (Electron rewords its native menu) */
  onUiLanguage?: (language: UiLanguage) => void;
}

export interface Core {
  readonly dispatch: Dispatch;
  readonly events: AppEvents;
  readonly config: CoreConfig;
  /** this console's id in L2 envelopes, locks and the invalidation bus */
  readonly consoleId: string;
  readonly cache: CacheEngine;
  /** every secret this console knows: what the edges (responses, events, logs) remove */
  readonly secrets: SecretRegistry;
  close(): Promise<void>;
}

export async function createCore(config: CoreConfig, platform: Platform): Promise<Core> {
  // fed by the configuration and the stores; applied to every response, event and log line below
  const secrets = new SecretRegistry();
  secrets.add(...redisSecretsOf(config.redis));
  const events = new AppEvents({ redact: (payload) => secrets.value(payload) });
  const writeLog =
    platform.logError ??
    ((message: string, error?: unknown) =>
      error === undefined ? console.error(message) : console.error(message, error));
  const logError = (message: string, error?: unknown): void =>
    error === undefined
      ? writeLog(secrets.text(message))
      : writeLog(secrets.text(message), secrets.error(error));
  const logBackground = throttledLogger(logError);
  const closers: (() => Promise<void> | void)[] = [];
  const consoleId = randomUUID();

  // --- cache: L2 client, operations (TTL policy, stats, bus, invalidation), engine -------------------
  // While Redis is not connected its client errors are expected (the breaker handles them) and the
  // availability line below says so once: only errors while connected are news for the log.
  let lastRedisError: string | undefined;
  const redisConnected = (): boolean => redis?.status === 'ready';
  const redis = createRedisClientIfEnabled(config.redis, {
    errorLogIntervalMs: 1000,
    onError: (m) => {
      lastRedisError = m;
      if (redisConnected()) logError(`redis: ${m}`);
    },
  });
  const logCacheError = (where: string, error: unknown): void => {
    if (redis === null || redisConnected()) logBackground(`cache ${where}`, error);
  };
  let engine: CacheEngine | undefined;
  const ops = createCacheOps({
    redis,
    consoleId,
    events,
    local: () => engine!,
    l2: () => l2ControlFrom(engine!),
    onError: logCacheError,
  });
  engine = new CacheEngine({
    redis,
    consoleId,
    ttl: ops.ttl,
    stats: ops.stats,
    // a value read from Redis is served only in this release's format and shape (contract schemas)
    formats: resultValidators(),
    publishInvalidation: (notice) => ops.publishInvalidation(notice),
    ...(ops.invalidator ? { namespaceInvalidator: ops.invalidator } : {}),
    onError: logCacheError,
  });
  const cache = engine;
  if (redis) connectInBackground(redis);

  const redisState = (): RedisState => {
    const state = cache.stateOf();
    return {
      enabled: redis !== null && state.l2 !== 'disabled',
      breaker: state.l2 === 'none' ? 'disabled' : state.l2,
      connected: state.redisStatus === 'ready',
      url: redactRedisUrl(config.redis.url),
      ...(state.lastError ? { lastError: state.lastError } : {}),
    };
  };
  const stopStateEvents = cache.onStateChange(() => events.emit('app:redisState', redisState()));
  const stopAvailabilityLine = reportRedisAvailability({
    config: config.redis,
    state: redisState,
    onChange: (listener) => {
      // the breaker's changes, and the connection's own (a first connect changes no breaker state)
      const stopEvents = events.onAny((name, payload) => {
        if (name === 'app:redisState') listener(payload as RedisState);
      });
      const onConnection = (): void => listener(redisState());
      redis?.on('ready', onConnection).on('close', onConnection);
      return () => {
        stopEvents();
        redis?.off('ready', onConnection).off('close', onConnection);
      };
    },
    print: (line) => (platform.logInfo ?? console.log)(secrets.text(line)),
    settled: redis
      ? waitUntilReady(redis, (config.redis.connectTimeoutMs ?? 2000) + 500).then(() => {})
      : Promise.resolve(),
    lastError: () => lastRedisError,
  });
  // never wait for Redis here: ops.start() only reads the shared policy when Redis answers quickly
  await ops.start();
  // closers run in reverse: the engine stops, the ops flush their stats, then the client quits
  closers.push(
    async () => {
      if (redis) await redis.quit().catch(() => redis.disconnect());
    },
    () => ops.close(),
    () => cache.close(),
    () => stopStateEvents(),
    () => stopAvailabilityLine(),
  );

  // --- Oracle: connections, pools, monitoring (every read through the cache), DDL watch ---------------
  const secretBox = watchSecretBox(
    selectSecretBox({
      dataDir: config.dataDir,
      ...(platform.safeStorage ? { safeStorage: platform.safeStorage } : {}),
      prefer: config.env.TMS_SECRET_STORE === 'memory' ? 'memory' : 'key-file',
    }),
    secrets,
  );
  const oracle = await createOracleServices({
    dataDir: config.dataDir,
    secretBox,
    cache,
    events,
    demoOptions: {
      seed: config.demoSeed,
      latencyScale: config.demoLatencyScale,
      ...(config.demoSessionCount !== undefined ? { sessionCount: config.demoSessionCount } : {}),
      ...(config.demoPrivileges ? { privileges: config.demoPrivileges } : {}),
      ...(config.demoPackAccess ? { packAccess: config.demoPackAccess } : {}),
      ...(config.demoWorld ? { world: config.demoWorld } : {}),
      topology: config.demoTopology,
    },
    logError,
  });
  // close the pools before the cache and Redis (closers run in reverse)
  closers.push(() => oracle.close());

  // --- activity (issue 14): one sampler per connection for the whole team, samples pushed -------------
  const activity = new ActivityService({
    consoleId,
    redis,
    // the L2 switch off = no shared samples either (each console samples alone and says so)
    redisEnabled: () => cache.stateOf().l2 !== 'disabled',
    connections: oracle.store,
    gateways: oracle.registry,
    cache,
    emitSamples: (payload) => events.emit('activity:samples', payload),
    emitStatus: (payload) => events.emit('activity:status', payload),
    onError: (where, error) => {
      // Redis being away is said once by the availability line; Oracle failures are logged as ever
      if (redis !== null && !redisConnected() && isRedisOutageError(error)) return;
      logBackground(`activity ${where}`, error);
    },
  });
  activity.ensure(oracle.store.list().map((c) => c.id));
  // closers run in reverse: samplers stop (leases released) before the pools and Redis close
  closers.push(() => activity.close());

  // --- issue 17 reads: space and limits, the alert log and long operations (through the cache) ----------
  const space = new SpaceService({ cache, gateways: oracle.registry });
  const alertLog = new AlertLogService({ cache, gateways: oracle.registry });

  // --- alerts (issue 17): evaluated once per connection for the team by the alerts-lease holder ----------
  const alerts = new AlertsService({
    consoleId,
    redis,
    redisEnabled: () => cache.stateOf().l2 !== 'disabled',
    connections: { list: () => oracle.store.list().map((c) => c.id), has: (id) => oracle.store.has(id) },
    inputsFor: (connId) =>
      coreAlertInputs(connId, {
        monitoring: oracle.monitoring,
        cpuCount: async (id) => activity.samplerOf(id).cpuCount,
        cacheAdmin: ops.admin,
        pending: spaceAlertInputs(connId, space, alertLog),
      }),
    emitChanged: (payload) => events.emit('alerts:changed', payload),
    emitThresholds: (payload) => events.emit('alerts:thresholdsChanged', payload),
    displayName: displayNameOf(config.env),
    mutes: fileMutes(join(config.dataDir, 'alert-mutes.json'), (e) => logBackground('alert mutes', e)),
    onError: (where, error) => {
      if (redis !== null && !redisConnected() && isRedisOutageError(error)) return;
      logBackground(where, error);
    },
  });
  alerts.start();
  closers.push(() => alerts.close());

  // --- SQL analysis: offline analyser or an OpenAI-compatible provider, results cached 24 h ------------
  const llm = createLlmService({
    cache,
    settingsStore: fileSettingsStore(join(config.dataDir, 'llm-settings.json'), logError),
    apiKeyStore: watchKeyStore(secretApiKeyStore(secretBox, join(config.dataDir, 'llm-api-key')), secrets),
    emit: (name, payload) => events.emit(name, payload),
    invalidatePattern: llmPatternInvalidator({
      dropLocalPrefix: (prefix) => cache.dropLocalPrefix(prefix),
      ...(ops.invalidator
        ? { invalidatePrefix: (prefix: string) => ops.invalidator!.invalidatePrefix(prefix) }
        : {}),
      publishInvalidation: (scope) => ops.publishInvalidation(scope),
    }),
    tableInfo: metadataTableInfo(oracle.monitoring),
    // issue 15: what an analysis needs and the screen has not loaded yet (plan, statistics) is read here
    statements: oracle.monitoring,
    onError: logError,
  });

  // --- the IPC layer: one thin handler per channel over the services above ----------------------------
  const handlers = createHandlers({
    app: {
      info: () => ({
        version: config.version,
        runtime: platform.runtime,
        platform: process.platform,
        locale: config.locale,
      }),
      redisState,
      setUiLanguage: (language) => platform.onUiLanguage?.(language),
    },
    cacheAdmin: ops.admin,
    connections: { store: oracle.store, registry: oracle.registry },
    monitor: {
      monitoring: oracle.monitoring,
      registry: oracle.registry,
      countingSince: oracle.countingSince,
    },
    llm,
    activity,
    // issue 17: tablespaces / recovery area / ASM, TEMP by session, resource limits (through the cache)
    space,
    sessions: new SessionDetailService({ cache, gateways: oracle.registry }),
    // issue 17: SGA/PGA/V$IOSTAT_* through the cache (tms:{connId}:memory-io)
    memoryIo: new MemoryIoService({ cache, gateways: oracle.registry }),
    diagnostics: {
      alertLog,
      longOps: new LongOpsService({ cache, gateways: oracle.registry }),
    },
    alerts,
  });

  const dispatch = createDispatcher(handlers, {
    onUnexpectedError: (channel, error) => logError(`unexpected error in ${channel}`, error),
    // answers: registered and typed secrets everywhere, credential patterns in error messages only
    redact: (result, requestSecrets) =>
      result.ok
        ? secrets.value(result, requestSecrets, { credentials: false })
        : secrets.value(result, requestSecrets),
    onRequestSecrets: (values) => secrets.addTyped(...values),
  });

  return {
    dispatch,
    events,
    config,
    consoleId,
    cache,
    secrets,
    close: async () => {
      for (const close of closers.reverse()) {
        try {
          await close();
        } catch (error) {
          logError('error while closing', error);
        }
      }
    },
  };
}

/** Who acknowledges from this console: TMS_DISPLAY_NAME, else the OS user. */
function displayNameOf(env: NodeJS.ProcessEnv): string {
  const configured = env.TMS_DISPLAY_NAME?.trim();
  if (configured) return configured.slice(0, 200);
  try {
    return userInfo().username || 'dba';
  } catch {
    return 'dba';
  }
}
