/**
 * The Redis keys of one connection's alerts, under the connection's `tms:<connId>:` namespace with the
 * hash tag `{<connId>}` (one Cluster slot: the evaluator's MULTI touches several). The evaluator's lease
 * and fence live under `tms:lock:` (never removed by an invalidation), like the activity sampler's.
 */
import { encodeConnId, KEY_NAMESPACE, LOCK_PREFIX } from '../cache/keys';

export const ALERTS_SEGMENT = 'alerts';
/** every alert key is renewed to this on each write: a deleted connection's alerts go away by themselves */
export const ALERTS_KEY_TTL_MS = 7 * 24 * 3600 * 1000;
export const ALERT_HISTORY_MAX = 200;

export interface AlertKeys {
  /** Hash: `<rule>|<subject>` → the open alert (JSON) */
  readonly open: string;
  /** Hash: `<rule>|<subject>` → epoch ms its value first went past the threshold (not open yet) */
  readonly pending: string;
  /** List: cleared alerts (JSON), newest first, at most ALERT_HISTORY_MAX */
  readonly history: string;
  /** Hash: alert id → `{by, at}` (JSON) */
  readonly acks: string;
  /** Hash: `evaluator` (console id), `evaluatedAt` (epoch ms) */
  readonly meta: string;
  /** String (INCR): bumped by every change; consoles poll it to know when to re-read */
  readonly rev: string;
  /** String: `<consoleId>:<token>` with PX (activity/lease.ts) */
  readonly lease: string;
  readonly fence: string;
}

export function alertKeys(connId: string): AlertKeys {
  const c = encodeConnId(connId);
  const head = `${KEY_NAMESPACE}${c}:${ALERTS_SEGMENT}:{${c}}:`;
  const lock = `${LOCK_PREFIX}${ALERTS_SEGMENT}:{${c}}:`;
  return {
    open: `${head}open`,
    pending: `${head}pending`,
    history: `${head}history`,
    acks: `${head}acks`,
    meta: `${head}meta`,
    rev: `${head}rev`,
    lease: `${lock}lease`,
    fence: `${lock}fence`,
  };
}
