/**
 * ActivityService: one ConnectionSampler per connection (created on first use; every console takes
 * part in the election of the connections it knows), the Activity view's reads, the sampler's status
 * and shared settings, viewers, V$SQLSTATS window deltas, and the push of every new sample to the
 * renderers (`activity:samples`). Knows no transport (IPC adapters in ipc/handlers/activity.ts).
 */
import type { ActivitySettingsPatch } from '@shared/contract/activity';
import { TmsError } from '@shared/errors';
import type {
  ActivityAas,
  ActivityDimension,
  ActivitySamplesEvent,
  ActivitySettings,
  ActivityTop,
  BlockingChainDetail,
  BlockingHistory,
  SamplerStatus,
  TopSqlWindow,
  TopSqlWindowOrder,
  TopSqlWindowResult,
} from '@shared/types/activity';
import type { ReadThroughCache } from '../cache/types';
import type { OracleGateway } from '../oracle/gateway';
import { ashAas, ashTop } from './ash-source';
import type { RowFilter } from './dimensions';
import {
  type RangeInput,
  type ReadContext,
  readAas,
  readBlockingChain,
  readBlockingHistory,
  readTop,
} from './reads';
import { ConnectionSampler, DEFAULT_LEASE_MS } from './sampler';
import type { ScriptClient } from './scripts';
import { retentionOf, writeSettings } from './settings';
import {
  MemorySnapshotHistory,
  RedisSnapshotHistory,
  SNAPSHOT_MAX_ROWS,
  type SnapshotHistory,
  sharedSnapshot,
  windowDeltas,
} from './sqlstats-window';
import { forgetViewers } from './watchers';

export interface ActivityServiceDeps {
  consoleId: string;
  redis: ScriptClient | null;
  /** false while the L2 switch is off */
  redisEnabled: () => boolean;
  connections: {
    has(id: string): boolean;
    get(id: string): { diagnosticsPackLicensed: boolean };
  };
  gateways: { get(connId: string): OracleGateway };
  cache: ReadThroughCache;
  emitSamples: (payload: ActivitySamplesEvent) => void;
  emitStatus: (payload: SamplerStatus) => void;
  leaseMs?: number;
  /** the snapshot TTL the sampling console refreshes V$SQLSTATS at (the cache's TTL decides sharing) */
  snapshotEveryMs?: number;
  now?: () => number;
  onError?: (where: string, error: unknown) => void;
}

export type Source = 'auto' | 'sampler' | 'ash';

interface PerConnection {
  sampler: ConnectionSampler;
  sharedHistory: SnapshotHistory | null;
  localHistory: MemorySnapshotHistory;
  texts: Map<string, string>;
  lastSnapshotAt: number;
}

export class ActivityService {
  private readonly conns = new Map<string, PerConnection>();
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly deps: ActivityServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  private check(connId: string): void {
    if (this.closed) throw new TmsError('INTERNAL', 'The console is closing.', { retryable: true });
    if (!this.deps.connections.has(connId)) throw new TmsError('NOT_FOUND', 'No such connection.');
  }

  private conn(connId: string): PerConnection {
    this.check(connId);
    let c = this.conns.get(connId);
    if (c) return c;
    const sampler = new ConnectionSampler({
      connId,
      consoleId: this.deps.consoleId,
      redis: this.deps.redis,
      redisEnabled: this.deps.redisEnabled,
      sample: async () => {
        if (!this.deps.connections.has(connId)) {
          void this.forget(connId); // the connection was deleted
          throw new TmsError('NOT_FOUND', 'No such connection.');
        }
        const g = this.deps.gateways.get(connId);
        if (!g.activitySample) throw new TmsError('UNSUPPORTED', 'This connection cannot be sampled.');
        return g.activitySample();
      },
      onSample: (sample, source) => {
        this.deps.emitSamples({ connId, source, sample });
        if (sampler.role === 'leader' || sampler.role === 'local') this.maybeSnapshot(connId);
      },
      onChange: () => void this.status(connId).then(this.deps.emitStatus, () => {}),
      leaseMs: this.deps.leaseMs ?? DEFAULT_LEASE_MS,
      now: this.now,
      ...(this.deps.onError ? { onError: this.deps.onError } : {}),
    });
    c = {
      sampler,
      sharedHistory: this.deps.redis ? new RedisSnapshotHistory(this.deps.redis, sampler.keys) : null,
      localHistory: new MemorySnapshotHistory(),
      texts: new Map(),
      lastSnapshotAt: 0,
    };
    this.conns.set(connId, c);
    sampler.start();
    return c;
  }

  /** Join the election of these connections (the always-on setting is honoured by any console). */
  ensure(connIds: readonly string[]): void {
    for (const id of connIds) if (this.deps.connections.has(id)) this.conn(id);
  }

  /** A connection was deleted: stop its sampler here. */
  async forget(connId: string): Promise<void> {
    const c = this.conns.get(connId);
    this.conns.delete(connId);
    if (c) await c.sampler.stop();
  }

  // --- status, settings, viewers ------------------------------------------------------------------

  async watch(connId: string, viewerId: string, watching: boolean): Promise<SamplerStatus> {
    const c = this.conn(connId);
    c.sampler.viewers.set(viewerId, watching);
    if (!watching && this.deps.redis && c.sampler.redisState === 'shared') {
      await forgetViewers(this.deps.redis, c.sampler.keys, this.deps.consoleId, [viewerId]).catch(() => {});
    }
    c.sampler.poke();
    return this.status(connId);
  }

  async status(connId: string): Promise<SamplerStatus> {
    const c = this.conn(connId);
    const s = c.sampler.snapshot();
    let stats = {
      samples: 0,
      rows: 0,
      oldest: null as number | null,
      newest: null as number | null,
      memoryBytes: null as number | null,
    };
    try {
      stats = await c.sampler.store.stats();
    } catch (error) {
      this.deps.onError?.('activity status', error);
    }
    const ash = this.ashAllowed(connId);
    return {
      connId,
      role: s.role,
      redis: s.redis,
      active: s.role !== 'idle',
      watchers: s.watchers,
      leaderConsoleId: s.holder?.consoleId ?? null,
      fencingToken: s.holder?.token ?? null,
      leaseMs: c.sampler.leaseMs,
      settings: s.settings,
      settingsFrom: s.settingsFrom,
      source: s.redis === 'shared' ? 'sampler' : 'local',
      ashAvailable: ash,
      newestSampleAt: stats.newest,
      oldestSampleAt: stats.oldest,
      samplesRetained: stats.samples,
      rowsRetained: stats.rows,
      memoryBytes: stats.memoryBytes,
      bytesPerRow:
        stats.memoryBytes !== null && stats.rows > 0
          ? Math.round((stats.memoryBytes / stats.rows) * 10) / 10
          : null,
      lastError: s.lastError,
      ...(s.lastErrorDetail ? { lastErrorDetail: s.lastErrorDetail } : {}),
      at: this.now(),
    };
  }

  async settings(connId: string): Promise<ActivitySettings> {
    return this.conn(connId).sampler.settings;
  }

  async setSettings(connId: string, patch: ActivitySettingsPatch): Promise<ActivitySettings> {
    const c = this.conn(connId);
    if (this.deps.redis && c.sampler.redisState === 'shared') {
      try {
        c.sampler.settings = await writeSettings(this.deps.redis, c.sampler.keys, patch);
        c.sampler.settingsFrom = 'redis';
      } catch (error) {
        this.deps.onError?.('activity settings', error);
        throw new TmsError('REDIS_UNAVAILABLE', 'Redis did not take the setting; try again.', {
          retryable: true,
        });
      }
    } else {
      // no Redis: this console's own setting until Redis answers again (then the shared one wins)
      c.sampler.settings = { ...c.sampler.settings, ...stripUndefined(patch) };
      c.sampler.settingsFrom = 'local';
    }
    c.sampler.poke();
    void this.status(connId).then(this.deps.emitStatus, () => {});
    return c.sampler.settings;
  }

  // --- reads ----------------------------------------------------------------------------------------

  private ashAllowed(connId: string): boolean {
    return this.deps.connections.get(connId).diagnosticsPackLicensed === true;
  }

  private context(connId: string): ReadContext {
    const c = this.conn(connId);
    return {
      connId,
      store: c.sampler.store,
      source: c.sampler.redisState === 'shared' ? 'sampler' : 'local',
      cpuCount: c.sampler.cpuCount,
      intervalSec: c.sampler.settings.intervalSec,
      now: this.now(),
    };
  }

  private readsAsh(connId: string, source: Source): boolean {
    if (source !== 'ash') return false;
    if (!this.ashAllowed(connId)) {
      throw new TmsError(
        'UNSUPPORTED',
        'Active Session History needs the Diagnostics Pack licence: turn it on for this connection only if the database is licensed.',
      );
    }
    return true;
  }

  async aas(req: {
    connId: string;
    range: RangeInput;
    dimension: ActivityDimension;
    bucketSec?: number | undefined;
    maxSeries: number;
    filters: RowFilter[];
    source: Source;
  }): Promise<ActivityAas> {
    if (this.readsAsh(req.connId, req.source)) {
      return ashAas(this.deps.gateways.get(req.connId), req.connId, req.range, req.dimension, this.now());
    }
    return readAas(
      this.context(req.connId),
      req.range,
      req.dimension,
      req.maxSeries,
      req.filters,
      req.bucketSec,
    );
  }

  async top(req: {
    connId: string;
    range: RangeInput;
    limit: number;
    filters: RowFilter[];
    source: Source;
  }): Promise<ActivityTop> {
    if (this.readsAsh(req.connId, req.source)) {
      return ashTop(this.deps.gateways.get(req.connId), req.connId, req.range, this.now());
    }
    return readTop(this.context(req.connId), req.range, req.limit, req.filters);
  }

  async blockingHistory(req: { connId: string; range: RangeInput; limit: number }): Promise<BlockingHistory> {
    return readBlockingHistory(this.context(req.connId), req.range, req.limit);
  }

  async blockingChain(req: {
    connId: string;
    episodeId: string;
    at?: number | undefined;
  }): Promise<BlockingChainDetail> {
    const g = this.deps.gateways.get(req.connId);
    return readBlockingChain(this.context(req.connId), req.episodeId, req.at, async (ids) =>
      g.objectNames
        ? g.objectNames(ids)
        : ids.map((objectId) => ({ objectId, owner: null, name: null, type: null })),
    );
  }

  // --- top SQL over a window --------------------------------------------------------------------------

  private history(c: PerConnection): SnapshotHistory {
    return c.sharedHistory && c.sampler.redisState === 'shared' ? c.sharedHistory : c.localHistory;
  }

  private async snapshot(connId: string): Promise<'oracle' | 'l2' | 'l1' | 'local'> {
    const c = this.conn(connId);
    const g = this.deps.gateways.get(connId);
    if (!g.sqlStatsSnapshot)
      throw new TmsError('UNSUPPORTED', 'This connection has no V$SQLSTATS snapshots.');
    const history = this.history(c);
    const { snapshot, origin } = await sharedSnapshot(
      this.deps.cache,
      connId,
      () => g.sqlStatsSnapshot!(SNAPSHOT_MAX_ROWS),
      history,
    );
    for (const r of snapshot.rows) if (r.text) c.texts.set(r.sqlId, r.text);
    if (c.texts.size > 20_000) c.texts.clear();
    c.lastSnapshotAt = this.now();
    return origin;
  }

  private maybeSnapshot(connId: string): void {
    const c = this.conns.get(connId);
    const every = this.deps.snapshotEveryMs ?? 60_000;
    if (!c || this.now() - c.lastSnapshotAt < every) return;
    c.lastSnapshotAt = this.now();
    void this.snapshot(connId).catch((error) => this.deps.onError?.('sqlstats snapshot', error));
  }

  async topSqlWindow(req: {
    connId: string;
    windowMin: TopSqlWindow;
    orderBy: TopSqlWindowOrder;
    limit: number;
  }): Promise<TopSqlWindowResult> {
    const c = this.conn(req.connId);
    const origin = await this.snapshot(req.connId);
    const list = await this.history(c).list();
    const d = windowDeltas(list, req.windowMin, req.orderBy, req.limit, c.texts);
    const newest = list[0]?.t ?? this.now();
    return {
      connId: req.connId,
      windowMin: req.windowMin,
      orderBy: req.orderBy,
      from: d?.from ?? newest,
      to: d?.to ?? newest,
      actualSec: d ? Math.round((d.to - d.from) / 1000) : 0,
      complete: d?.complete ?? false,
      rows: d?.rows ?? [],
      snapshots: list.length,
      origin,
      at: this.now(),
    };
  }

  /** the retention in force for a connection (the bench and tests) */
  retentionOf(connId: string) {
    return retentionOf(this.conn(connId).sampler.settings);
  }

  samplerOf(connId: string): ConnectionSampler {
    return this.conn(connId).sampler;
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.conns.values()];
    this.conns.clear();
    await Promise.all(
      all.map(async (c) => {
        const viewers = [...c.sampler.viewers.live().keys()];
        await c.sampler.stop();
        if (this.deps.redis && viewers.length > 0) {
          await forgetViewers(this.deps.redis, c.sampler.keys, this.deps.consoleId, viewers).catch(() => {});
        }
      }),
    );
  }
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
