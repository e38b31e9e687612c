/**
 * The alert log (issue 17): recent V$DIAG_ALERT_EXT entries, read for a bounded window (minutes) and at
 * most ALERT_LOG_MAX_ROWS rows. Shared by main (gateway, service) and the renderer; plain JSON.
 *
 * Units and scope, as the view must say them:
 * - `time` is an instant (epoch ms, UTC) computed in SQL from ORIGINATING_TIMESTAMP (TIMESTAMP WITH TIME
 *   ZONE), so neither the database host's zone nor the console's shifts it.
 * - Scope: in a PDB the view shows only that PDB's messages (12.2+: CON_ID of the PDB); instance-wide
 *   messages (log switches, checkpoints, startup) are in CDB$ROOT's view. From CDB$ROOT: every container;
 *   a non-CDB: the database. V$DIAG_ALERT_EXT reads one instance's ADR: on RAC every instance is read
 *   (GV$ cursor) and each entry names its instance.
 */
import type { InstanceScope, MetricScope } from './oracle';

/** The windows the alert log may be read for (minutes): whitelisted, they are part of the cache key. */
export const ALERT_LOG_WINDOWS = [15, 60, 240, 1440] as const;
export type AlertLogWindow = (typeof ALERT_LOG_WINDOWS)[number];
export const ALERT_LOG_DEFAULT_WINDOW: AlertLogWindow = 60;
/** Most entries one read returns (the newest first; per instance on RAC, then overall). */
export const ALERT_LOG_MAX_ROWS = 500;

/** MESSAGE_LEVEL: a lower level is more severe. */
export const ALERT_LEVELS = { 1: 'critical', 2: 'severe', 8: 'important', 16: 'normal' } as const;
export type AlertLevelName = (typeof ALERT_LEVELS)[keyof typeof ALERT_LEVELS] | 'other';

/** MESSAGE_TYPE. */
export const ALERT_TYPES = {
  1: 'unknown',
  2: 'incident',
  3: 'error',
  4: 'warning',
  5: 'notification',
  6: 'trace',
} as const;
export type AlertTypeName = (typeof ALERT_TYPES)[keyof typeof ALERT_TYPES] | 'other';

export interface AlertLogEntry {
  /** INST_ID of the instance whose alert log holds it */
  instId: number;
  /** CON_ID (0 non-CDB or CDB-wide, 1 CDB$ROOT, 3+ a PDB) */
  conId: number;
  /** container name when the console knows it (CON_ID → V$CONTAINERS), else null */
  containerName: string | null;
  /** RECORD_ID: unique within one instance's alert log */
  recordId: number;
  /** ORIGINATING_TIMESTAMP as an instant, epoch ms */
  time: number;
  /** MESSAGE_LEVEL (1 critical, 2 severe, 8 important, 16 normal) */
  level: number;
  /** MESSAGE_TYPE (1 unknown, 2 incident error, 3 error, 4 warning, 5 notification, 6 trace) */
  type: number;
  /** COMPONENT_ID (e.g. rdbms) */
  component: string | null;
  /** MESSAGE_TEXT (first 2000 characters) */
  text: string;
  /** ORA-nnnnn codes in the text, normalised to five digits (ORA-1652 → ORA-01652), in order, unique */
  oraCodes: string[];
}

export interface AlertLogSnapshot {
  /** epoch ms on the database clock when it was read */
  sampledAt: number;
  /** the window read: entries newer than sampledAt - minutes */
  minutes: AlertLogWindow;
  /** the row bound: when `truncated`, older entries of the window were left out */
  maxRows: number;
  truncated: boolean;
  /** newest first */
  entries: AlertLogEntry[];
  /** whose messages: 'pdb' (this PDB's only), 'cdb' (every container), 'database' (non-CDB) */
  scope: MetricScope;
  /** 'cluster' when every RAC instance's alert log was read */
  instanceScope: InstanceScope;
  /** INST_IDs read */
  instances: number[];
}

/** Canonical ORA- codes of a message: `ORA-1652` and `ORA-01652` are the same error. */
export function extractOraCodes(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/\bORA-(\d{1,5})\b/g)) {
    const code = `ORA-${(m[1] ?? '').padStart(5, '0')}`;
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

export function alertLevelName(level: number): AlertLevelName {
  return (ALERT_LEVELS as Record<number, AlertLevelName>)[level] ?? 'other';
}

export function alertTypeName(type: number): AlertTypeName {
  return (ALERT_TYPES as Record<number, AlertTypeName>)[type] ?? 'other';
}

export function isAlertLogWindow(n: number): n is AlertLogWindow {
  return (ALERT_LOG_WINDOWS as readonly number[]).includes(n);
}
