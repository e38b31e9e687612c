/**
 * The rules: what each input means as (rule, subject, value) observations, and the state machine that
 * turns a round of observations into opened / updated / cleared alerts. Pure: the evaluator feeds it the
 * previous state (from the shared store) and writes back what it returns.
 *
 * Threshold and duration: a subject opens once its value has been past the threshold for `forSec`
 * (the first bad round starts a pending timer). Hysteresis: an open alert clears only when the value is
 * past `threshold ∓ hysteresis` on the good side, or its subject is gone. At most one open alert per
 * (rule, subject): the open map is keyed by `<rule>|<subject>`.
 */
import {
  ALERT_RULE_META,
  ALERT_RULES,
  type AlertRecord,
  type AlertRuleId,
  type AlertThresholds,
} from '@shared/types/alerts';
import type { AlertInputs } from './inputs';

export interface Observation {
  rule: AlertRuleId;
  subject: string;
  value: number;
  /** the threshold in force for this subject (cacheHitRatio: the cache panel's own when set) */
  threshold: number;
  detail: string | null;
}

export interface RoundInput {
  observations: Observation[];
  /** rules whose input answered this round: the others keep their alerts as they are */
  judged: Set<AlertRuleId>;
}

const DETAIL_MAX = 300;
const clip = (s: string): string => (s.length > DETAIL_MAX ? `${s.slice(0, DETAIL_MAX - 1)}…` : s);
const round2 = (n: number): number => Math.round(n * 100) / 100;

/** Read every enabled rule's input (in parallel); a failing input leaves its rule unjudged. */
export async function observe(
  inputs: AlertInputs,
  thresholds: AlertThresholds,
  now: number,
  onError: (rule: AlertRuleId, error: unknown) => void = () => {},
): Promise<RoundInput> {
  const observations: Observation[] = [];
  const judged = new Set<AlertRuleId>();
  const th = (rule: AlertRuleId): number => thresholds[rule].threshold;
  const readers: Record<AlertRuleId, () => Promise<Observation[]>> = {
    tablespace: async () =>
      (await inputs.tablespaces()).map((t) => ({
        rule: 'tablespace',
        subject: t.name,
        value: round2(t.pctOfMax),
        threshold: th('tablespace'),
        detail: null,
      })),
    recoveryArea: async () => {
      const fra = await inputs.recoveryArea();
      return fra
        ? [
            {
              rule: 'recoveryArea',
              subject: 'FRA',
              value: round2(fra.pctUsed),
              threshold: th('recoveryArea'),
              detail: null,
            },
          ]
        : [];
    },
    resourceLimit: async () =>
      (await inputs.resourceLimits()).map((r) => ({
        rule: 'resourceLimit',
        subject: `${r.name} @${r.instId}`,
        value: round2(r.pctOfLimit),
        threshold: th('resourceLimit'),
        detail: null,
      })),
    blockedSessions: async () => {
      // one alert per blocker (a chain), valued by its longest waiter
      const byBlocker = new Map<string, { max: number; count: number; longest: string }>();
      for (const s of await inputs.blockedSessions()) {
        const subject = s.blocker ?? `sid ${s.sid} @${s.instId}`;
        const e = byBlocker.get(subject) ?? { max: -1, count: 0, longest: '' };
        e.count++;
        if (s.waitSec > e.max) {
          e.max = s.waitSec;
          e.longest = `sid ${s.sid} @${s.instId}${s.username ? ` (${s.username})` : ''}`;
        }
        byBlocker.set(subject, e);
      }
      return [...byBlocker].map(([subject, e]) => ({
        rule: 'blockedSessions',
        subject,
        value: e.max,
        threshold: th('blockedSessions'),
        detail: clip(`${e.count} waiting; longest ${e.longest}`),
      }));
    },
    aasOverCpu: async () => {
      const { aas, cpuCount } = await inputs.load();
      if (aas === null || cpuCount === null || cpuCount <= 0) return [];
      return [
        {
          rule: 'aasOverCpu',
          subject: 'database',
          value: round2(aas / cpuCount),
          threshold: th('aasOverCpu'),
          detail: `AAS ${round2(aas)} / CPU_COUNT ${cpuCount}`,
        },
      ];
    },
    alertLogErrors: async () => {
      // forSec is this rule's window: errors of one code and instance within it
      const since = now - thresholds.alertLogErrors.forSec * 1000;
      const byCode = new Map<string, { count: number; last: { t: number; text: string } }>();
      for (const e of await inputs.alertLogErrors(since)) {
        if (e.t < since) continue;
        const subject = `${e.code} @${e.instId}`;
        const c = byCode.get(subject) ?? { count: 0, last: { t: 0, text: '' } };
        c.count++;
        if (e.t >= c.last.t) c.last = { t: e.t, text: e.text };
        byCode.set(subject, c);
      }
      return [...byCode].map(([subject, c]) => ({
        rule: 'alertLogErrors',
        subject,
        value: c.count,
        threshold: th('alertLogErrors'),
        detail: clip(c.last.text),
      }));
    },
    redisMemory: async () => {
      const m = await inputs.redisMemory();
      if (!m || m.maxBytes <= 0) return []; // no maxmemory: nothing to be near
      return [
        {
          rule: 'redisMemory',
          subject: 'redis',
          value: round2((m.usedBytes / m.maxBytes) * 100),
          threshold: th('redisMemory'),
          detail: null,
        },
      ];
    },
    cacheHitRatio: async () => {
      const c = await inputs.cacheHitRatio();
      if (!c) return [];
      return [
        {
          rule: 'cacheHitRatio',
          subject: 'cache',
          value: round2(c.pct),
          threshold: c.thresholdPct ?? th('cacheHitRatio'),
          detail: null,
        },
      ];
    },
  };
  await Promise.all(
    ALERT_RULES.filter((r) => thresholds[r].enabled).map(async (rule) => {
      try {
        observations.push(...(await readers[rule]()));
        judged.add(rule);
      } catch (error) {
        onError(rule, error);
      }
    }),
  );
  return { observations, judged };
}

export interface RuleState {
  /** `<rule>|<subject>` → the open alert */
  open: Map<string, AlertRecord>;
  /** `<rule>|<subject>` → when its value first went past the threshold (not open yet) */
  pending: Map<string, number>;
}

export interface StepResult extends RuleState {
  opened: AlertRecord[];
  updated: AlertRecord[];
  cleared: AlertRecord[];
}

export const ruleKey = (rule: AlertRuleId, subject: string): string => `${rule}|${subject}`;
const ruleOfKey = (key: string): AlertRuleId => key.slice(0, key.indexOf('|')) as AlertRuleId;

export function isBad(rule: AlertRuleId, value: number, threshold: number): boolean {
  return ALERT_RULE_META[rule].direction === 'above' ? value >= threshold : value <= threshold;
}

export function isGood(rule: AlertRuleId, value: number, threshold: number, hysteresis: number): boolean {
  return ALERT_RULE_META[rule].direction === 'above'
    ? value < threshold - hysteresis
    : value > threshold + hysteresis;
}

/** One evaluation round. Returns the next state and what changed. */
export function step(
  connId: string,
  state: RuleState,
  round: RoundInput,
  thresholds: AlertThresholds,
  now: number,
): StepResult {
  const open = new Map(state.open);
  const pending = new Map(state.pending);
  const opened: AlertRecord[] = [];
  const updated: AlertRecord[] = [];
  const cleared: AlertRecord[] = [];
  const seen = new Set<string>();
  const clear = (key: string, a: AlertRecord): void => {
    open.delete(key);
    cleared.push({ ...a, state: 'cleared', clearedAt: now, updatedAt: now });
  };

  for (const o of round.observations) {
    const t = thresholds[o.rule];
    if (!t.enabled || !round.judged.has(o.rule)) continue;
    const key = ruleKey(o.rule, o.subject);
    if (seen.has(key)) continue; // one observation per subject and round
    seen.add(key);
    const bad = isBad(o.rule, o.value, o.threshold);
    const current = open.get(key);
    if (current) {
      const worse = ALERT_RULE_META[o.rule].direction === 'above' ? Math.max : Math.min;
      const next: AlertRecord = {
        ...current,
        value: o.value,
        peak: worse(current.peak, o.value),
        threshold: o.threshold,
        detail: o.detail ?? current.detail,
        updatedAt: now,
      };
      if (isGood(o.rule, o.value, o.threshold, t.hysteresis)) clear(key, next);
      else {
        open.set(key, next);
        if (next.value !== current.value || next.threshold !== current.threshold) updated.push(next);
      }
      continue;
    }
    if (!bad) {
      pending.delete(key);
      continue;
    }
    const since = pending.get(key) ?? now;
    // the alert log rule's forSec is its counting window, not a duration
    const needMs = o.rule === 'alertLogErrors' ? 0 : t.forSec * 1000;
    if (now - since < needMs) {
      pending.set(key, since);
      continue;
    }
    pending.delete(key);
    const alert: AlertRecord = {
      id: `${key}|${now}`,
      connId,
      rule: o.rule,
      subject: o.subject,
      state: 'open',
      startedAt: now,
      clearedAt: null,
      value: o.value,
      peak: o.value,
      threshold: o.threshold,
      unit: ALERT_RULE_META[o.rule].unit,
      detail: o.detail,
      ack: null,
      updatedAt: now,
    };
    open.set(key, alert);
    opened.push(alert);
  }

  // subjects gone from a judged rule, and every subject of a disabled rule: cleared / forgotten
  for (const [key, a] of [...open]) {
    const rule = ruleOfKey(key);
    if (!thresholds[rule].enabled || (round.judged.has(rule) && !seen.has(key))) clear(key, a);
  }
  for (const key of [...pending.keys()]) {
    const rule = ruleOfKey(key);
    if (!thresholds[rule].enabled || (round.judged.has(rule) && !seen.has(key))) pending.delete(key);
  }
  return { open, pending, opened, updated, cleared };
}
