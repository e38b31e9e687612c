import type { AlertLogEntry } from '@shared/types/alert-log';

/** Least severe MESSAGE_LEVEL shown: 'all', or 8 (important and worse), 2 (severe and worse), 1 (critical). */
export type LevelFilter = 'all' | '8' | '2' | '1';

export interface AlertFilter {
  level: LevelFilter;
  /** case-insensitive substring of the message, component or an ORA- code */
  text: string;
  oraOnly: boolean;
}

export const NO_ALERT_FILTER: AlertFilter = { level: 'all', text: '', oraOnly: false };

/** Filters the cached window (≤ 500 rows) in the renderer: no Oracle read, no extra cache key. */
export function filterAlerts(entries: readonly AlertLogEntry[], f: AlertFilter): AlertLogEntry[] {
  const needle = f.text.trim().toLowerCase();
  const maxLevel = f.level === 'all' ? Number.POSITIVE_INFINITY : Number(f.level);
  return entries.filter(
    (e) =>
      e.level <= maxLevel &&
      (!f.oraOnly || e.oraCodes.length > 0) &&
      (needle === '' ||
        e.text.toLowerCase().includes(needle) ||
        (e.component ?? '').toLowerCase().includes(needle) ||
        e.oraCodes.some((c) => c.toLowerCase().includes(needle))),
  );
}

/** ORA- codes of the entries with their counts, most frequent first. */
export function oraCounts(entries: readonly AlertLogEntry[]): [string, number][] {
  const m = new Map<string, number>();
  for (const e of entries) for (const c of e.oraCodes) m.set(c, (m.get(c) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** The text cut at each ORA-nnnnn, so the codes can be highlighted. */
export function splitOra(text: string): { text: string; ora: boolean }[] {
  return text
    .split(/(\bORA-\d{1,5}\b)/)
    .filter((p) => p !== '')
    .map((p) => ({ text: p, ora: /^ORA-\d{1,5}$/.test(p) }));
}
