/**
 * Where a connection's alert state lives: Redis (shared by the team, keys.ts) or this console's memory
 * (no Redis). Values read from Redis are validated with zod; one that does not parse is skipped.
 * Only the evaluator (the lease holder) writes alerts; any console writes an acknowledgement.
 */
import type { AlertAck, AlertRecord } from '@shared/types/alerts';
import { ALERT_RULES } from '@shared/types/alerts';
import { z } from 'zod';
import type { ScriptClient } from '../activity/scripts';
import { ALERT_HISTORY_MAX, ALERTS_KEY_TTL_MS, type AlertKeys } from './keys';
import type { RuleState, StepResult } from './rules';

const ackSchema = z.object({ by: z.string().min(1).max(200), at: z.number().int().nonnegative() }).strict();
export const alertRecordSchema = z
  .object({
    id: z.string().min(3).max(400),
    connId: z.string().min(1).max(128),
    rule: z.enum(ALERT_RULES),
    subject: z.string().min(1).max(300),
    state: z.enum(['open', 'cleared']),
    startedAt: z.number().int().nonnegative(),
    clearedAt: z.number().int().nonnegative().nullable(),
    value: z.number().finite(),
    peak: z.number().finite(),
    threshold: z.number().finite(),
    unit: z.enum(['pct', 'sec', 'ratio', 'count']),
    detail: z.string().max(300).nullable(),
    ack: ackSchema.nullable(),
    updatedAt: z.number().int().nonnegative(),
  })
  .strict();

function parseJson<T>(schema: z.ZodType<T>, value: string | null | undefined): T | null {
  if (typeof value !== 'string') return null;
  try {
    const parsed = schema.safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export interface AlertsSnapshot {
  open: AlertRecord[];
  history: AlertRecord[];
  evaluator: { consoleId: string; at: number } | null;
}

export interface AlertStore {
  readonly source: 'shared' | 'local';
  /** the evaluator's state: open alerts and pending timers */
  state(): Promise<RuleState>;
  /** write one round's result (open upserts, cleared to history, pending timers, who evaluated) */
  write(result: StepResult, evaluator: { consoleId: string; at: number }): Promise<void>;
  /** what every console shows: acknowledgements merged */
  snapshot(historyLimit?: number): Promise<AlertsSnapshot>;
  /** acknowledge an open alert; null when it is not open (cleared meanwhile, or unknown) */
  ack(alertId: string, ack: AlertAck): Promise<AlertRecord | null>;
  /** the change counter (0 = never written) */
  rev(): Promise<number>;
}

const byStart = (a: AlertRecord, b: AlertRecord): number => b.startedAt - a.startedAt;
const changed = (r: StepResult): boolean => r.opened.length + r.updated.length + r.cleared.length > 0;

export class RedisAlertStore implements AlertStore {
  readonly source = 'shared' as const;
  constructor(
    private readonly redis: ScriptClient,
    private readonly keys: AlertKeys,
  ) {}

  async state(): Promise<RuleState> {
    const [rawOpen, rawPending] = await Promise.all([
      this.redis.hgetall(this.keys.open),
      this.redis.hgetall(this.keys.pending),
    ]);
    const open = new Map<string, AlertRecord>();
    for (const [k, v] of Object.entries(rawOpen)) {
      const a = parseJson(alertRecordSchema, v);
      if (a && a.state === 'open') open.set(k, a);
    }
    const pending = new Map<string, number>();
    for (const [k, v] of Object.entries(rawPending)) {
      const n = Number(v);
      if (Number.isSafeInteger(n) && n > 0) pending.set(k, n);
    }
    return { open, pending };
  }

  async write(result: StepResult, evaluator: { consoleId: string; at: number }): Promise<void> {
    const k = this.keys;
    const m = this.redis.multi();
    for (const a of [...result.opened, ...result.updated]) {
      m.hset(k.open, `${a.rule}|${a.subject}`, JSON.stringify({ ...a, ack: null }));
    }
    for (const a of result.cleared) {
      m.hdel(k.open, `${a.rule}|${a.subject}`);
      m.lpush(k.history, JSON.stringify({ ...a, ack: null }));
    }
    if (result.cleared.length > 0) m.ltrim(k.history, 0, ALERT_HISTORY_MAX - 1);
    m.del(k.pending);
    if (result.pending.size > 0) m.hset(k.pending, Object.fromEntries(result.pending));
    m.hset(k.meta, { evaluator: evaluator.consoleId, evaluatedAt: evaluator.at });
    if (changed(result)) m.incr(k.rev);
    for (const key of [k.open, k.pending, k.history, k.acks, k.meta, k.rev])
      m.pexpire(key, ALERTS_KEY_TTL_MS);
    const replies = (await m.exec()) ?? [];
    for (const [error] of replies) if (error) throw error;
  }

  async snapshot(historyLimit = 50): Promise<AlertsSnapshot> {
    const [rawOpen, rawHistory, rawAcks, meta] = await Promise.all([
      this.redis.hgetall(this.keys.open),
      this.redis.lrange(this.keys.history, 0, Math.max(0, historyLimit - 1)),
      this.redis.hgetall(this.keys.acks),
      this.redis.hgetall(this.keys.meta),
    ]);
    const ackOf = (id: string): AlertAck | null => parseJson(ackSchema, rawAcks[id]);
    const withAck = (a: AlertRecord): AlertRecord => ({ ...a, ack: a.ack ?? ackOf(a.id) });
    const open = Object.values(rawOpen)
      .map((v) => parseJson(alertRecordSchema, v))
      .filter((a): a is AlertRecord => a !== null && a.state === 'open')
      .map(withAck)
      .sort(byStart);
    const history = rawHistory
      .map((v) => parseJson(alertRecordSchema, v))
      .filter((a): a is AlertRecord => a !== null)
      .map(withAck);
    const at = Number(meta.evaluatedAt);
    return {
      open,
      history,
      evaluator: meta.evaluator && Number.isSafeInteger(at) ? { consoleId: meta.evaluator, at } : null,
    };
  }

  async ack(alertId: string, ack: AlertAck): Promise<AlertRecord | null> {
    const key = alertId.slice(0, alertId.lastIndexOf('|'));
    const current = parseJson(alertRecordSchema, await this.redis.hget(this.keys.open, key));
    if (!current || current.id !== alertId) return null;
    // the first acknowledgement stands (two DBAs clicking at once: one name, not a race)
    await this.redis
      .multi()
      .hsetnx(this.keys.acks, alertId, JSON.stringify(ack))
      .pexpire(this.keys.acks, ALERTS_KEY_TTL_MS)
      .incr(this.keys.rev)
      .exec();
    const stored = parseJson(ackSchema, await this.redis.hget(this.keys.acks, alertId));
    return { ...current, ack: stored ?? ack };
  }

  async rev(): Promise<number> {
    const n = Number(await this.redis.get(this.keys.rev));
    return Number.isSafeInteger(n) ? n : 0;
  }
}

/** This console alone (no Redis): the same state in memory. */
export class MemoryAlertStore implements AlertStore {
  readonly source = 'local' as const;
  #open = new Map<string, AlertRecord>();
  #pending = new Map<string, number>();
  #history: AlertRecord[] = [];
  #acks = new Map<string, AlertAck>();
  #evaluator: { consoleId: string; at: number } | null = null;
  #rev = 0;

  async state(): Promise<RuleState> {
    return { open: new Map(this.#open), pending: new Map(this.#pending) };
  }

  async write(result: StepResult, evaluator: { consoleId: string; at: number }): Promise<void> {
    this.#open = new Map(result.open);
    this.#pending = new Map(result.pending);
    this.#history = [...[...result.cleared].reverse(), ...this.#history].slice(0, ALERT_HISTORY_MAX);
    this.#evaluator = evaluator;
    if (changed(result)) this.#rev++;
  }

  async snapshot(historyLimit = 50): Promise<AlertsSnapshot> {
    const withAck = (a: AlertRecord): AlertRecord => ({ ...a, ack: a.ack ?? this.#acks.get(a.id) ?? null });
    return {
      open: [...this.#open.values()].map(withAck).sort(byStart),
      history: this.#history.slice(0, historyLimit).map(withAck),
      evaluator: this.#evaluator,
    };
  }

  async ack(alertId: string, ack: AlertAck): Promise<AlertRecord | null> {
    const current = [...this.#open.values()].find((a) => a.id === alertId);
    if (!current) return null;
    if (!this.#acks.has(alertId)) this.#acks.set(alertId, ack);
    this.#rev++;
    return { ...current, ack: this.#acks.get(alertId)! };
  }

  async rev(): Promise<number> {
    return this.#rev;
  }
}
