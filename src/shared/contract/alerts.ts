/**
 * Alerts (issue 17): the open alerts and recent history of a connection (shared by the team through
 * Redis), the team's thresholds, acknowledgements and this console's notification mutes. Changes are
 * PUSHED (`alerts:changed`, `alerts:thresholdsChanged`): every console polls the shared state cheaply
 * (one revision counter per connection) and tells its renderers.
 */
import { z } from 'zod';
import {
  ALERT_RULE_META,
  ALERT_RULES,
  type AlertRecord,
  type AlertRuleId,
  type AlertsChangedEvent,
  type AlertsView,
  type AlertThresholds,
} from '../types/alerts';
import { connIdSchema } from './connections';
import { channel, event } from './define';

const ruleId = z.enum(ALERT_RULES);

/** One rule's settings as stored in Redis and as the editor sends them (threshold bounds per rule). */
export function alertThresholdSchema(rule: AlertRuleId) {
  const meta = ALERT_RULE_META[rule];
  return z
    .object({
      enabled: z.boolean(),
      threshold: z.number().finite().min(meta.min).max(meta.max),
      forSec: z.number().int().min(0).max(86_400),
      hysteresis: z.number().finite().min(0).max(meta.max),
    })
    .strict();
}

/** A patch: any rule, any field; the result is validated whole before it is saved. */
const thresholdPatch = z
  .object({
    enabled: z.boolean().optional(),
    threshold: z.number().finite().optional(),
    forSec: z.number().int().optional(),
    hysteresis: z.number().finite().optional(),
  })
  .strict();
export const alertThresholdsPatchSchema = z.partialRecord(ruleId, thresholdPatch);
export type AlertThresholdsPatch = z.infer<typeof alertThresholdsPatchSchema>;

/** `<rule>|<subject>|<startedAt>` (the subject may hold spaces, `@`, `/`, `$`, `#`). */
const alertId = z.string().min(3).max(400);
const subject = z.string().min(1).max(300);

export const alertsChannels = {
  /** open alerts, recent history, thresholds, evaluator and this console's mutes */
  'alerts:list': channel(z.object({ connId: connIdSchema }).strict()).returns<AlertsView>(),
  'alerts:thresholds': channel(z.object({}).strict()).returns<AlertThresholds>(),
  /** saved for the whole team (Redis `tms:config:alerts`); refused without Redis */
  'alerts:setThresholds': channel(
    z.object({ patch: alertThresholdsPatchSchema }).strict(),
  ).returns<AlertThresholds>(),
  'alerts:resetThresholds': channel(
    z.object({ rule: ruleId.optional() }).strict(),
  ).returns<AlertThresholds>(),
  /** acknowledged by this console's display name; seen by every console */
  'alerts:ack': channel(z.object({ connId: connIdSchema, alertId }).strict()).returns<AlertRecord>(),
  /** no desktop notification for this rule + subject on this console (remembered locally) */
  'alerts:mute': channel(z.object({ rule: ruleId, subject, muted: z.boolean() }).strict()).returns<{
    muted: string[];
  }>(),
};

export const alertsEvents = {
  /** alerts opened / cleared / acknowledged on a connection (by any console of the team) */
  'alerts:changed': event<AlertsChangedEvent>(),
  /** the team's thresholds changed (on this console or another) */
  'alerts:thresholdsChanged': event<AlertThresholds>(),
};
