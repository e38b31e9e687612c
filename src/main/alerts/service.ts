/**
 * AlertsService: every console runs a tick per connection; the console holding the connection's alerts
 * lease (the same lease + fencing mechanism as the activity sampler, activity/lease.ts, on its own keys)
 * reads the inputs and evaluates the rules ONCE for the team, writing the state to Redis. Every console
 * then compares the connection's revision counter with the last it saw and, when it moved, re-reads the
 * state and pushes what opened / cleared / was acknowledged to its renderers (`alerts:changed`).
 * Without Redis (or with the L2 switch off) each console evaluates alone, in memory, and says so.
 */

import type { AlertThresholdsPatch } from '@shared/contract/alerts';
import { TmsError } from '@shared/errors';
import {
  type AlertRecord,
  type AlertRuleId,
  type AlertsChangedEvent,
  type AlertsView,
  type AlertThresholds,
  muteKey,
} from '@shared/types/alerts';
import { Lease } from '../activity/lease';
import type { ScriptClient } from '../activity/scripts';
import type { AlertInputs } from './inputs';
import { alertKeys } from './keys';
import type { MuteStore } from './mutes';
import { observe, step } from './rules';
import { type AlertStore, type AlertsSnapshot, MemoryAlertStore, RedisAlertStore } from './store';
import { AlertThresholdsStore } from './thresholds';

export const DEFAULT_ALERT_INTERVAL_MS = 10_000;
export const DEFAULT_ALERT_LEASE_MS = 30_000;

export interface AlertsServiceDeps {
  consoleId: string;
  redis: ScriptClient | null;
  /** false while the L2 switch is off: evaluated here only, in memory */
  redisEnabled: () => boolean;
  connections: { list(): readonly string[]; has(id: string): boolean };
  inputsFor: (connId: string) => AlertInputs;
  emitChanged: (event: AlertsChangedEvent) => void;
  emitThresholds: (thresholds: AlertThresholds) => void;
  /** the name an acknowledgement records (TMS_DISPLAY_NAME, else the OS user) */
  displayName: string;
  mutes: MuteStore;
  intervalMs?: number;
  leaseMs?: number;
  now?: () => number;
  onError?: (where: string, error: unknown) => void;
}

interface PerConnection {
  lease: Lease | null;
  shared: RedisAlertStore | null;
  local: MemoryAlertStore;
  /** the store the last tick used, its revision and what it showed */
  lastStore: AlertStore | null;
  lastRev: number;
  last: AlertsSnapshot | null;
}

export class AlertsService {
  readonly thresholds: AlertThresholdsStore;
  readonly #conns = new Map<string, PerConnection>();
  readonly #now: () => number;
  #timer: NodeJS.Timeout | null = null;
  #running: Promise<void> | null = null;
  #closed = false;

  constructor(private readonly deps: AlertsServiceDeps) {
    this.#now = deps.now ?? Date.now;
    this.thresholds = new AlertThresholdsStore({
      redis: deps.redis,
      onChanged: (t) => deps.emitThresholds(t),
      onError: (e) => deps.onError?.('alert thresholds', e),
    });
  }

  get intervalMs(): number {
    return this.deps.intervalMs ?? DEFAULT_ALERT_INTERVAL_MS;
  }

  start(): void {
    if (this.#timer || this.#closed) return;
    const run = (): void => {
      void this.tick();
    };
    this.#timer = setInterval(run, this.intervalMs);
    this.#timer.unref?.();
    setTimeout(run, 0).unref?.();
  }

  /** One round over every connection (rounds never overlap: a slow one makes the next wait). */
  tick(): Promise<void> {
    if (this.#running) return this.#running;
    this.#running = (async () => {
      try {
        if (this.#shared()) await this.thresholds.load();
        for (const connId of this.deps.connections.list()) {
          if (this.#closed) return;
          await this.tickConnection(connId).catch((e) => this.deps.onError?.('alerts tick', e));
        }
      } finally {
        this.#running = null;
      }
    })();
    return this.#running;
  }

  #shared(): boolean {
    return this.deps.redis !== null && this.deps.redisEnabled();
  }

  #conn(connId: string): PerConnection {
    if (this.#closed) throw new TmsError('INTERNAL', 'The console is closing.', { retryable: true });
    if (!this.deps.connections.has(connId)) throw new TmsError('NOT_FOUND', 'No such connection.');
    let c = this.#conns.get(connId);
    if (c) return c;
    const keys = alertKeys(connId);
    const redis = this.deps.redis;
    c = {
      lease: redis
        ? new Lease(redis, keys, this.deps.consoleId, this.deps.leaseMs ?? DEFAULT_ALERT_LEASE_MS, this.#now)
        : null,
      shared: redis ? new RedisAlertStore(redis, keys) : null,
      local: new MemoryAlertStore(),
      lastStore: null,
      lastRev: -1,
      last: null,
    };
    this.#conns.set(connId, c);
    return c;
  }

  #store(c: PerConnection): AlertStore {
    return this.#shared() && c.shared ? c.shared : c.local;
  }

  /** Hold (or try to take) the lease; evaluate when ours; then pick up whatever changed. */
  async tickConnection(connId: string): Promise<void> {
    const c = this.#conn(connId);
    const store = this.#store(c);
    let leading = store === c.local;
    if (!leading && c.lease) {
      try {
        leading = (await c.lease.hold())?.consoleId === this.deps.consoleId;
      } catch (error) {
        this.deps.onError?.('alerts lease', error);
        leading = false;
      }
    }
    if (leading) await this.#evaluate(connId, c, store);
    await this.#sync(connId, c, store);
  }

  async #evaluate(connId: string, c: PerConnection, store: AlertStore): Promise<void> {
    const thresholds = this.thresholds.current();
    const round = await observe(this.deps.inputsFor(connId), thresholds, this.#now(), (rule, error) =>
      this.deps.onError?.(`alerts input ${rule}`, error),
    );
    // reading the inputs may take a while: write only while the lease is still ours
    if (store === c.shared && !c.lease?.fresh) return;
    const now = this.#now();
    const result = step(connId, await store.state(), round, thresholds, now);
    await store.write(result, { consoleId: this.deps.consoleId, at: now });
  }

  async #sync(connId: string, c: PerConnection, store: AlertStore): Promise<void> {
    const rev = await store.rev();
    if (store === c.lastStore && rev === c.lastRev && c.last) return;
    const next = await store.snapshot();
    const previous = store === c.lastStore ? c.last : null;
    c.lastStore = store;
    c.lastRev = rev;
    c.last = next;
    this.deps.emitChanged(this.#diff(connId, previous, next));
  }

  #diff(connId: string, before: AlertsSnapshot | null, after: AlertsSnapshot): AlertsChangedEvent {
    const was = new Map((before?.open ?? []).map((a) => [a.id, a]));
    const now = new Set(after.open.map((a) => a.id));
    // the first look after start-up announces nothing: those alerts opened before this console came
    const opened = before ? after.open.filter((a) => !was.has(a.id)) : [];
    const cleared = before
      ? [...was.values()]
          .filter((a) => !now.has(a.id))
          .map((a) => after.history.find((h) => h.id === a.id) ?? { ...a, state: 'cleared' as const })
      : [];
    const acked = before ? after.open.filter((a) => a.ack && !was.get(a.id)?.ack && was.has(a.id)) : [];
    return {
      connId,
      openCount: after.open.length,
      opened,
      cleared,
      acked,
      notify: opened.filter((a) => !a.ack && !this.deps.mutes.has(muteKey(a.rule, a.subject))),
      at: this.#now(),
    };
  }

  // --- what the IPC handlers call ---------------------------------------------------------------------

  async list(connId: string): Promise<AlertsView> {
    const c = this.#conn(connId);
    const store = this.#store(c);
    const snap = await store.snapshot().catch((error: unknown) => {
      throw new TmsError('REDIS_UNAVAILABLE', 'Redis did not answer: the alerts cannot be read; try again.', {
        retryable: true,
        cause: error,
      });
    });
    return {
      connId,
      open: snap.open,
      history: snap.history,
      thresholds: this.thresholds.current(),
      evaluator: snap.evaluator
        ? { ...snap.evaluator, self: snap.evaluator.consoleId === this.deps.consoleId }
        : null,
      source: store.source,
      muted: this.deps.mutes.list(),
      displayName: this.deps.displayName,
      at: this.#now(),
    };
  }

  async ack(connId: string, alertId: string): Promise<AlertRecord> {
    const c = this.#conn(connId);
    const store = this.#store(c);
    const acked = await store.ack(alertId, { by: this.deps.displayName, at: this.#now() });
    if (!acked) throw new TmsError('NOT_FOUND', 'This alert is no longer open.');
    // tell this console's renderers now; the others see it at their next tick
    await this.#sync(connId, c, store).catch((e) => this.deps.onError?.('alerts sync', e));
    return acked;
  }

  setThresholds(patch: AlertThresholdsPatch): Promise<AlertThresholds> {
    return this.thresholds.set(patch);
  }

  resetThresholds(rule?: AlertRuleId): Promise<AlertThresholds> {
    return this.thresholds.reset(rule);
  }

  mute(rule: AlertRuleId, subject: string, muted: boolean): { muted: string[] } {
    return { muted: this.deps.mutes.set(muteKey(rule, subject), muted) };
  }

  /** A connection was deleted: give its lease up here. */
  async forget(connId: string): Promise<void> {
    const c = this.#conns.get(connId);
    this.#conns.delete(connId);
    await c?.lease?.release().catch(() => {});
  }

  async close(): Promise<void> {
    this.#closed = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    await this.#running?.catch(() => {});
    const all = [...this.#conns.values()];
    this.#conns.clear();
    await Promise.all(all.map((c) => c.lease?.release().catch(() => {})));
  }
}
