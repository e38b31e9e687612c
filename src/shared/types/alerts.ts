/**
 * Alerts (issue 17): rules evaluated once per connection for the whole team (the console holding the
 * connection's alerts lease), their shared thresholds, and the alert records every console shows.
 */

export const ALERT_RULES = [
  'tablespace',
  'recoveryArea',
  'resourceLimit',
  'blockedSessions',
  'aasOverCpu',
  'alertLogErrors',
  'redisMemory',
  'cacheHitRatio',
] as const;
export type AlertRuleId = (typeof ALERT_RULES)[number];

/** What a rule's value and threshold measure (the renderer words the unit). */
export type AlertUnit = 'pct' | 'sec' | 'ratio' | 'count';

/**
 * One rule's settings. A subject opens when its value passes `threshold` for `forSec` seconds; it clears
 * only when the value is back past `threshold ∓ hysteresis` (no flapping around the line).
 */
export interface AlertThreshold {
  enabled: boolean;
  threshold: number;
  /** how long the value must stay past the threshold before the alert opens (0 = at once) */
  forSec: number;
  /** the clear line is this far on the good side of the threshold (same unit) */
  hysteresis: number;
}

export type AlertThresholds = Record<AlertRuleId, AlertThreshold>;

export interface AlertRuleMeta {
  unit: AlertUnit;
  /** 'above': the value is bad when ≥ threshold; 'below': bad when ≤ threshold */
  direction: 'above' | 'below';
  /** the threshold accepted by the editor */
  min: number;
  max: number;
}

export const ALERT_RULE_META: Record<AlertRuleId, AlertRuleMeta> = {
  tablespace: { unit: 'pct', direction: 'above', min: 1, max: 100 },
  recoveryArea: { unit: 'pct', direction: 'above', min: 1, max: 100 },
  resourceLimit: { unit: 'pct', direction: 'above', min: 1, max: 100 },
  blockedSessions: { unit: 'sec', direction: 'above', min: 1, max: 86_400 },
  aasOverCpu: { unit: 'ratio', direction: 'above', min: 0.1, max: 100 },
  alertLogErrors: { unit: 'count', direction: 'above', min: 1, max: 10_000 },
  redisMemory: { unit: 'pct', direction: 'above', min: 1, max: 100 },
  cacheHitRatio: { unit: 'pct', direction: 'below', min: 0, max: 100 },
};

/** The defaults every team starts with (overrides are shared through Redis `tms:config:alerts`). */
export const DEFAULT_ALERT_THRESHOLDS: AlertThresholds = {
  tablespace: { enabled: true, threshold: 90, forSec: 0, hysteresis: 2 },
  recoveryArea: { enabled: true, threshold: 85, forSec: 0, hysteresis: 2 },
  resourceLimit: { enabled: true, threshold: 90, forSec: 0, hysteresis: 5 },
  blockedSessions: { enabled: true, threshold: 60, forSec: 0, hysteresis: 0 },
  // AAS / CPU_COUNT: 1.0 = as many active sessions as CPUs, for 5 minutes
  aasOverCpu: { enabled: true, threshold: 1, forSec: 300, hysteresis: 0.1 },
  // new ORA- errors of one code within the last 10 minutes (forSec is the window here)
  alertLogErrors: { enabled: true, threshold: 1, forSec: 600, hysteresis: 0 },
  redisMemory: { enabled: true, threshold: 90, forSec: 60, hysteresis: 5 },
  // the cache panel's own hit-ratio threshold is used when it is set (see cacheHitRatio in the inputs)
  cacheHitRatio: { enabled: true, threshold: 80, forSec: 300, hysteresis: 5 },
};

export interface AlertAck {
  by: string;
  at: number;
}

export interface AlertRecord {
  /** `<rule>|<subject>|<startedAt>`: one occurrence */
  id: string;
  connId: string;
  rule: AlertRuleId;
  /** what the rule judged: a tablespace, `inst 1 processes`, `sid 123 @1`, `ORA-00600 @1`, `redis`, `cache` */
  subject: string;
  state: 'open' | 'cleared';
  startedAt: number;
  clearedAt: number | null;
  /** the latest value while open; the last one seen before clearing */
  value: number;
  /** the worst value while open */
  peak: number;
  threshold: number;
  unit: AlertUnit;
  /** a short detail (the alert log line, the blocker), never more than 300 characters */
  detail: string | null;
  ack: AlertAck | null;
  updatedAt: number;
}

export interface AlertsView {
  connId: string;
  open: AlertRecord[];
  /** cleared alerts, newest first */
  history: AlertRecord[];
  thresholds: AlertThresholds;
  /** which console evaluated last, and when (null: nobody yet) */
  evaluator: { consoleId: string; self: boolean; at: number } | null;
  /** 'shared': state in Redis (every console); 'local': this console only (no Redis) */
  source: 'shared' | 'local';
  /** `<rule>|<subject>` muted on this console (no desktop notification) */
  muted: string[];
  /** the name an acknowledgement records for this console */
  displayName: string;
  at: number;
}

export interface AlertsChangedEvent {
  connId: string;
  openCount: number;
  opened: AlertRecord[];
  cleared: AlertRecord[];
  acked: AlertRecord[];
  /** opened alerts that are not muted on this console: what a desktop notification shows */
  notify: AlertRecord[];
  at: number;
}

export const muteKey = (rule: AlertRuleId, subject: string): string => `${rule}|${subject}`;
