/**
 * One connection's sampler in one console. Every election tick (lease / 3) it reads the shared
 * settings, publishes its viewers and counts the team's, then: nobody watches and not always-on →
 * idle (lease released); otherwise hold or try the lease → leader (samples, writes fenced, rolls up
 * minutes) or follower (reads the new entries of the shared stream). Redis down or off → `local`:
 * samples into this console's bounded memory, and says so; when Redis answers again the election
 * resumes (local samples stay local, so nothing is written twice).
 *
 * Every new sample — written, read from the stream, or local — goes to `onSample` (pushed to the
 * renderers by the service).
 */
import { type AppError, TmsError } from '@shared/errors';
import type { ActivitySample, ActivitySettings, ActivitySource, SamplerRole } from '@shared/types/activity';
import type { ActivitySampleRead } from '../oracle/activity-reader';
import { type ActivityKeys, activityKeys } from './keys';
import { Lease, type LeaseHolder } from './lease';
import { rollupOf } from './rollup';
import type { ScriptClient } from './scripts';
import { DEFAULT_SETTINGS, readSettings, retentionOf } from './settings';
import type { SampleStore } from './store';
import { MemorySampleStore } from './store-memory';
import { RedisSampleStore } from './store-redis';
import { heartbeat, LocalViewers } from './watchers';

export const DEFAULT_LEASE_MS = 3000;
/** a follower reads the stream this long after the interval boundary (the leader writes at ~+500 ms) */
const FOLLOW_PHASE_MS = 850;
const LEADER_PHASE_MS = 500;
/** roll-ups are caught up for at most this many past minutes after a takeover */
const ROLLUP_CATCH_UP_MIN = 10;

export interface SamplerDeps {
  connId: string;
  consoleId: string;
  /** null when no Redis is configured */
  redis: ScriptClient | null;
  /** false while Redis is switched off (the cache panel's L2 switch) */
  redisEnabled: () => boolean;
  /** one sample of the connection's active sessions (the gateway's activitySample) */
  sample: () => Promise<ActivitySampleRead>;
  onSample: (sample: ActivitySample, source: ActivitySource) => void;
  /** role, Redis or settings changed */
  onChange?: () => void;
  leaseMs?: number;
  now?: () => number;
  onError?: (where: string, error: unknown) => void;
  /**
   * Tests only: sample even when the lease was not confirmed within its period, to prove that the
   * fencing token alone stops a stale writer (in production the sampler also checks freshness).
   */
  skipFreshnessCheck?: boolean;
}

export interface SamplerSnapshot {
  role: SamplerRole;
  redis: 'shared' | 'down' | 'disabled';
  watchers: number;
  holder: LeaseHolder | null;
  settings: ActivitySettings;
  settingsFrom: 'redis' | 'defaults' | 'local';
  cpuCount: number | null;
  lastError: string | null;
  /** the same error, classified, for the renderer to word (null: not one of ours) */
  lastErrorDetail: AppError | null;
}

export class ConnectionSampler {
  readonly keys: ActivityKeys;
  readonly viewers: LocalViewers;
  readonly local = new MemorySampleStore();
  readonly shared: RedisSampleStore | null;
  readonly leaseMs: number;
  private readonly lease: Lease | null;
  private readonly now: () => number;

  role: SamplerRole = 'idle';
  redisState: 'shared' | 'down' | 'disabled';
  settings: ActivitySettings = { ...DEFAULT_SETTINGS };
  settingsFrom: 'redis' | 'defaults' | 'local' = 'defaults';
  watchers = 0;
  holder: LeaseHolder | null = null;
  cpuCount: number | null = null;
  lastError: string | null = null;
  lastErrorDetail: AppError | null = null;
  /** newest sample second handed to onSample (the follower's cursor too) */
  lastSeen = 0;
  /** counters for tests and the bench */
  readonly counts = { sampled: 0, written: 0, fenced: 0, duplicate: 0, followed: 0, local: 0 };

  private tickTimer: NodeJS.Timeout | null = null;
  private dataTimer: NodeJS.Timeout | null = null;
  private stopped = false;
  private rolledUpTo = 0;
  private sampling = false;

  constructor(private readonly deps: SamplerDeps) {
    this.keys = activityKeys(deps.connId);
    this.now = deps.now ?? Date.now;
    this.leaseMs = deps.leaseMs ?? DEFAULT_LEASE_MS;
    this.viewers = new LocalViewers(this.now);
    this.shared = deps.redis ? new RedisSampleStore(deps.redis, this.keys) : null;
    this.lease = deps.redis ? new Lease(deps.redis, this.keys, deps.consoleId, this.leaseMs, this.now) : null;
    this.redisState = deps.redis ? 'shared' : 'disabled';
  }

  /** the store reads should use: the team's when Redis answers, else this console's */
  get store(): SampleStore {
    return this.redisState === 'shared' && this.shared ? this.shared : this.local;
  }

  get token(): number | null {
    return this.lease?.token ?? null;
  }

  snapshot(): SamplerSnapshot {
    return {
      role: this.role,
      redis: this.redisState,
      watchers: this.watchers,
      holder: this.holder,
      settings: this.settings,
      settingsFrom: this.settingsFrom,
      cpuCount: this.cpuCount,
      lastError: this.lastError,
      lastErrorDetail: this.lastErrorDetail,
    };
  }

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  /** Run one election tick now (a viewer opened: no need to wait for the next). */
  poke(): void {
    if (this.tickTimer) {
      clearTimeout(this.tickTimer);
      this.tickTimer = null;
      void this.tick();
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.tickTimer) clearTimeout(this.tickTimer);
    if (this.dataTimer) clearTimeout(this.dataTimer);
    this.tickTimer = null;
    this.dataTimer = null;
    if (this.lease?.held) await this.lease.release().catch(() => {});
  }

  private fail(where: string, error: unknown): void {
    // shown to the DBA: our own classified messages only, never a library's raw text (it goes to onError)
    this.lastError =
      error instanceof TmsError
        ? `${where}: ${error.message.slice(0, 200)}`
        : `${where}: the sampler's step failed (details in the console's log)`;
    this.lastErrorDetail = error instanceof TmsError ? error.toJSON() : null;
    this.deps.onError?.(where, error);
  }

  // --- election ----------------------------------------------------------------------------------

  async tick(): Promise<void> {
    if (this.stopped) return;
    const before = JSON.stringify([this.role, this.redisState, this.settings, this.watchers, this.holder]);
    try {
      await this.elect();
    } catch (error) {
      this.fail('election', error);
    }
    if (JSON.stringify([this.role, this.redisState, this.settings, this.watchers, this.holder]) !== before) {
      this.deps.onChange?.();
    }
    this.scheduleData();
    // idle: nobody here watches, so nothing here must take over fast (a console whose view opens
    // pokes its own tick); every 2 leases is enough to pick up an always-on switch
    const every = this.role === 'idle' ? 2 * this.leaseMs : this.leaseMs / 3;
    if (!this.stopped) this.tickTimer = setTimeout(() => void this.tick(), Math.max(100, every));
  }

  private async elect(): Promise<void> {
    const redis = this.deps.redis;
    const localViewers = this.viewers.live();
    if (redis && this.lease && this.deps.redisEnabled()) {
      try {
        this.settings = await readSettings(redis, this.keys);
        this.settingsFrom = 'redis';
        this.watchers = await heartbeat(redis, this.keys, this.deps.consoleId, localViewers, this.now());
        const run = this.settings.alwaysOn || this.watchers > 0;
        if (!run) {
          if (this.lease.held) await this.lease.release();
          this.holder = await this.lease.holder();
          this.role = 'idle';
        } else {
          this.holder = await this.lease.hold();
          const wasLeader = this.role === 'leader';
          this.role = this.lease.held ? 'leader' : 'follower';
          if (this.role === 'leader' && !wasLeader) await this.becameLeader();
          if (this.role === 'follower') {
            // the leader's CPU_COUNT (the chart's CPU line) is shared through the meta hash
            const cpu = Number(await redis.hget(this.keys.meta, 'cpuCount'));
            this.cpuCount = Number.isSafeInteger(cpu) && cpu > 0 && cpu < 100_000 ? cpu : null;
          }
        }
        if (this.redisState !== 'shared') this.lastSeen = Math.floor(this.now() / 1000) * 1000;
        this.redisState = 'shared';
        return;
      } catch (error) {
        // Redis failed: we cannot renew, so we must assume the lease is lost; sample alone
        this.lease.lose();
        this.holder = null;
        this.redisState = 'down';
        this.fail('redis', error);
      }
    } else {
      if (this.lease?.held) this.lease.lose();
      this.holder = null;
      this.redisState = redis ? (this.deps.redisEnabled() ? 'down' : 'disabled') : 'disabled';
    }
    if (this.settingsFrom === 'defaults') this.settingsFrom = 'local';
    this.watchers = this.viewers.count;
    this.role = this.settings.alwaysOn || this.watchers > 0 ? 'local' : 'idle';
  }

  private async becameLeader(): Promise<void> {
    // carry on the roll-ups from where the team left them
    const newest = await this.shared!.newestRollup().catch(() => null);
    this.rolledUpTo = newest ?? 0;
  }

  // --- sampling / following ----------------------------------------------------------------------

  private scheduleData(): void {
    if (this.stopped || this.dataTimer || this.role === 'idle') return;
    const intervalMs = this.settings.intervalSec * 1000;
    const phase = this.role === 'follower' ? FOLLOW_PHASE_MS : LEADER_PHASE_MS;
    const t = this.now();
    let next = Math.floor(t / intervalMs) * intervalMs + phase;
    if (next <= t) next += intervalMs;
    this.dataTimer = setTimeout(() => {
      this.dataTimer = null;
      void this.dataStep().finally(() => this.scheduleData());
    }, next - t);
  }

  private async dataStep(): Promise<void> {
    if (this.stopped) return;
    try {
      if (this.role === 'leader' || this.role === 'local') await this.sampleOnce();
      else if (this.role === 'follower') await this.followOnce();
    } catch (error) {
      this.fail(this.role === 'follower' ? 'follow' : 'sample', error);
    }
  }

  /** Sample now (leader or local). Exposed for tests. */
  async sampleOnce(): Promise<void> {
    if (this.sampling) return;
    this.sampling = true;
    try {
      const leading = this.role === 'leader';
      // not confirmed within the lease: do not even query (fencing would refuse the write anyway)
      if (leading && !this.lease?.fresh && !this.deps.skipFreshnessCheck) return;
      const read = await this.deps.sample();
      this.counts.sampled++;
      if (leading && read.cpuCount !== this.cpuCount && read.cpuCount !== null && this.deps.redis) {
        await this.deps.redis.hset(this.keys.meta, 'cpuCount', read.cpuCount).catch(() => {});
      }
      this.cpuCount = read.cpuCount;
      const sample: ActivitySample = { t: read.t, intervalSec: this.settings.intervalSec, rows: read.rows };
      const retention = retentionOf(this.settings);
      if (leading && this.role === 'leader' && this.shared && this.lease?.token) {
        let outcome: Awaited<ReturnType<SampleStore['append']>>;
        try {
          outcome = await this.shared.append(sample, this.lease.token, retention);
        } catch (error) {
          // Redis failed under the write: keep the sample locally rather than lose it
          this.fail('write', error);
          await this.local.append(sample, 0, retention);
          this.emit(sample, 'local');
          return;
        }
        if (outcome === 'fenced') {
          this.counts.fenced++;
          this.lease.lose();
          this.role = 'follower';
          this.deps.onChange?.();
          return;
        }
        if (outcome === 'duplicate') {
          this.counts.duplicate++;
          return;
        }
        this.counts.written++;
        this.emit(sample, 'sampler');
        await this.rollUp(sample.t, this.shared, this.lease.token);
      } else if (this.role === 'local') {
        if ((await this.local.append(sample, 0, retention)) === 'written') {
          this.counts.local++;
          this.emit(sample, 'local');
          await this.rollUp(sample.t, this.local, 0);
        }
      }
    } finally {
      this.sampling = false;
    }
  }

  private emit(sample: ActivitySample, source: ActivitySource): void {
    if (sample.t <= this.lastSeen && source !== 'local') return;
    this.lastSeen = Math.max(this.lastSeen, sample.t);
    this.deps.onSample(sample, source);
  }

  /** Follower: hand on the entries the leader wrote since the last one seen. */
  async followOnce(): Promise<void> {
    if (!this.shared) return;
    if (this.viewers.count === 0) {
      // nobody shows activity here: nothing to push (a view that opens reads its range, then live)
      this.lastSeen = Math.max(this.lastSeen, Math.floor(this.now() / 1000) * 1000 - 2000);
      return;
    }
    if (this.lastSeen === 0)
      this.lastSeen = Math.floor(this.now() / 1000) * 1000 - this.settings.intervalSec * 1000;
    const fresh = await this.shared.after(this.lastSeen, 60);
    for (const s of fresh) {
      this.counts.followed++;
      this.emit(s, 'sampler');
    }
  }

  /** Once a minute has passed, the writer rolls it up (a takeover catches up the last few). */
  private async rollUp(t: number, store: SampleStore, token: number): Promise<void> {
    const minute = Math.floor(t / 60_000) * 60_000;
    const from = Math.max(this.rolledUpTo + 60_000, minute - ROLLUP_CATCH_UP_MIN * 60_000);
    for (let m = from; m < minute; m += 60_000) {
      const samples = await store.range(m, m + 60_000);
      if (samples.length > 0) {
        const outcome = await store.appendRollup(rollupOf(m, samples), token, retentionOf(this.settings));
        if (outcome === 'fenced') return;
      }
      this.rolledUpTo = m;
    }
  }
}
