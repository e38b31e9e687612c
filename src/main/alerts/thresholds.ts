/**
 * The team's alert thresholds, shared like the TTL policy: defaults in src/shared/types/alerts.ts,
 * overrides in the Redis hash `tms:config:alerts` (field = rule id, value = the rule's whole setting as
 * JSON), validated with zod on write AND on read (a field written by hand that does not parse is
 * ignored: the rule keeps its default). Every console reloads the hash at each evaluator tick, so an
 * edit on one console is in force on every other within a tick. `current()` never touches Redis.
 */
import { type AlertThresholdsPatch, alertThresholdSchema } from '@shared/contract/alerts';
import { TmsError } from '@shared/errors';
import {
  ALERT_RULES,
  type AlertRuleId,
  type AlertThreshold,
  type AlertThresholds,
  DEFAULT_ALERT_THRESHOLDS,
} from '@shared/types/alerts';
import type { ScriptClient } from '../activity/scripts';

export const ALERT_THRESHOLDS_KEY = 'tms:config:alerts';

const isRule = (v: string): v is AlertRuleId => (ALERT_RULES as readonly string[]).includes(v);

export function defaultThresholds(): AlertThresholds {
  return structuredClone(DEFAULT_ALERT_THRESHOLDS);
}

/** A stored value → the rule's setting, or null when it does not validate. */
export function parseStoredThreshold(rule: AlertRuleId, value: string): AlertThreshold | null {
  try {
    const parsed = alertThresholdSchema(rule).safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export class AlertThresholdsStore {
  #current: AlertThresholds = defaultThresholds();
  #loadedAt = 0;

  constructor(
    private readonly deps: {
      redis: ScriptClient | null;
      /** called when the effective thresholds changed (an edit here or on another console) */
      onChanged?: (thresholds: AlertThresholds) => void;
      onError?: (error: unknown) => void;
    },
  ) {}

  current(): AlertThresholds {
    return structuredClone(this.#current);
  }

  get loadedAt(): number {
    return this.#loadedAt;
  }

  /** Reload from Redis; false (thresholds unchanged) when Redis did not answer. */
  async load(): Promise<boolean> {
    if (!this.deps.redis) return false;
    let raw: Record<string, string>;
    try {
      raw = await this.deps.redis.hgetall(ALERT_THRESHOLDS_KEY);
    } catch (error) {
      this.deps.onError?.(error);
      return false;
    }
    const next = defaultThresholds();
    for (const [field, value] of Object.entries(raw)) {
      if (!isRule(field)) continue;
      const parsed = parseStoredThreshold(field, value);
      if (parsed) next[field] = parsed;
    }
    this.#loadedAt = Date.now();
    const changed = JSON.stringify(next) !== JSON.stringify(this.#current);
    this.#current = next;
    if (changed) this.deps.onChanged?.(this.current());
    return true;
  }

  /** Merge a patch into the effective settings, validate each touched rule whole, save for the team. */
  async set(patch: AlertThresholdsPatch): Promise<AlertThresholds> {
    const redis = this.#redis('save the alert thresholds');
    const fields: Record<string, string> = {};
    for (const [rule, p] of Object.entries(patch) as [AlertRuleId, Partial<AlertThreshold>][]) {
      if (!isRule(rule) || !p) continue;
      const merged = { ...this.#current[rule], ...stripUndefined(p) };
      const parsed = alertThresholdSchema(rule).safeParse(merged);
      if (!parsed.success) {
        throw new TmsError('VALIDATION', parsed.error.issues[0]?.message ?? 'Invalid threshold.', {
          details: {
            rule,
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        });
      }
      fields[rule] = JSON.stringify(parsed.data);
    }
    if (Object.keys(fields).length === 0) return this.current();
    try {
      await redis.hset(ALERT_THRESHOLDS_KEY, fields);
    } catch (error) {
      throw unavailable('save the alert thresholds', error);
    }
    await this.load();
    return this.current();
  }

  /** Back to the defaults: one rule or all. */
  async reset(rule?: AlertRuleId): Promise<AlertThresholds> {
    const redis = this.#redis('reset the alert thresholds');
    try {
      if (rule) await redis.hdel(ALERT_THRESHOLDS_KEY, rule);
      else await redis.unlink(ALERT_THRESHOLDS_KEY);
    } catch (error) {
      throw unavailable('reset the alert thresholds', error);
    }
    await this.load();
    return this.current();
  }

  #redis(what: string): ScriptClient {
    if (!this.deps.redis) {
      throw new TmsError(
        'REDIS_UNAVAILABLE',
        `No Redis is configured: cannot ${what} (they are shared by the team through Redis).`,
      );
    }
    return this.deps.redis;
  }
}

function unavailable(what: string, error: unknown): TmsError {
  return new TmsError('REDIS_UNAVAILABLE', `Redis did not answer: cannot ${what}; try again.`, {
    retryable: true,
    cause: error,
  });
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
