/**
 * Pure helpers of the cache panel (no React, no I/O): chart rows from the stats history, live TTL
 * countdowns, TTL form validation, the flattened (virtualizable) key tree, and the key-pattern input.
 */
import type { KeyTreeNode } from '@shared/cache-tree';
import type { HitSummary, StatsMinute } from '@shared/contract/cache';
import { duration, withUnit } from '../../components/units';

/** 0..1 ratio → percent (one decimal kept by the formatter), null stays null. */
export function toPercent(ratio: number | null | undefined): number | null {
  if (ratio === null || ratio === undefined || Number.isNaN(ratio)) return null;
  return ratio * 100;
}

export interface HitChartRow extends Record<string, number | null> {
  t: number;
  hit: number | null;
  l1: number | null;
  l2: number | null;
  lookups: number;
}

/** One row per minute for the 30-minute chart: percentages, null where the minute had no lookups. */
export function historyRows(history: readonly StatsMinute[]): HitChartRow[] {
  return history.map((m) => ({
    t: m.at,
    hit: m.summary.lookups > 0 ? toPercent(m.summary.hitRatio) : null,
    l1: m.summary.lookups > 0 ? toPercent(m.summary.l1Ratio) : null,
    l2: m.summary.lookups > 0 ? toPercent(m.summary.l2Ratio) : null,
    lookups: m.summary.lookups,
  }));
}

/** Is the ratio under the threshold (percent)? null ratios (no lookups) are never "low". */
export function isBelow(
  summary: Pick<HitSummary, 'hitRatio'> | undefined,
  thresholdPercent: number,
): boolean {
  const r = summary?.hitRatio;
  return r !== null && r !== undefined && r * 100 < thresholdPercent;
}

/**
 * The live remaining TTL of a key, from the PTTL read at `readAt`: -1 = no expiry, -2 = gone,
 * otherwise the milliseconds left now (never below 0).
 */
export function remainingTtlMs(pttlMs: number, readAt: number, now: number): number {
  if (pttlMs < 0) return pttlMs;
  return Math.max(0, pttlMs - Math.max(0, now - readAt));
}

/** A live countdown in the UI language: "42 sec", "4 min, 5 sec", "2 hr, 3 min"; "4분 5초" in Korean. */
export function formatCountdown(ms: number, lang: string): string {
  return duration(Math.max(0, Math.floor(ms / 1000)), lang);
}

/** A configured TTL in seconds, compact, in the UI language: "15 sec", "5 min", "1 hr", "7 days"; "5분". */
export function formatTtlSeconds(sec: number | null | undefined, lang: string): string {
  if (sec === null || sec === undefined || Number.isNaN(sec)) return '—';
  if (sec < 120 && sec % 60 !== 0) return withUnit(sec, 'second', lang);
  if (sec < 3600) return sec % 60 === 0 ? withUnit(sec / 60, 'minute', lang) : withUnit(sec, 'second', lang);
  if (sec >= 2 * 86_400 && sec % 86_400 === 0) return withUnit(sec / 86_400, 'day', lang);
  if (sec % 3600 === 0) return withUnit(sec / 3600, 'hour', lang);
  return withUnit(Math.floor(sec / 60), 'minute', lang);
}

export type TtlFieldError = 'required' | 'integer' | 'min' | 'max' | 'l1Longer';

export interface TtlFormValues {
  ttl: string;
  l1Ttl: string;
  grace: string;
}

export interface TtlFormResult {
  errors: Partial<Record<keyof TtlFormValues, TtlFieldError>>;
  /** the request body when valid (l1Ttl/grace omitted when empty: main derives them) */
  value?: { ttl: number; l1Ttl?: number; grace?: number };
}

/** Validate the TTL editor's inputs against the policy limits (the same rules main enforces). */
export function validateTtlForm(form: TtlFormValues, limits: { min: number; max: number }): TtlFormResult {
  const errors: TtlFormResult['errors'] = {};
  const parse = (field: keyof TtlFormValues, raw: string, required: boolean, min: number) => {
    const text = raw.trim();
    if (text === '') {
      if (required) errors[field] = 'required';
      return undefined;
    }
    const n = Number(text);
    if (!Number.isInteger(n)) {
      errors[field] = 'integer';
      return undefined;
    }
    if (n < min) errors[field] = 'min';
    else if (n > limits.max) errors[field] = 'max';
    return n;
  };
  const ttl = parse('ttl', form.ttl, true, limits.min);
  const l1Ttl = parse('l1Ttl', form.l1Ttl, false, limits.min);
  const grace = parse('grace', form.grace, false, 0);
  if (ttl !== undefined && l1Ttl !== undefined && !errors.ttl && !errors.l1Ttl && l1Ttl > ttl) {
    errors.l1Ttl = 'l1Longer';
  }
  if (Object.keys(errors).length > 0 || ttl === undefined) return { errors };
  return {
    errors,
    value: {
      ttl,
      ...(l1Ttl !== undefined ? { l1Ttl } : {}),
      ...(grace !== undefined ? { grace } : {}),
    },
  };
}

export interface TreeRow {
  node: KeyTreeNode;
  depth: number;
  /** a group row (has children) */
  group: boolean;
  expanded: boolean;
}

/**
 * Depth-first rows of the key tree for a virtualized list: every group is open unless its path is in
 * `collapsed`. A node that is both a key and a group shows as a group (its own key row follows first).
 */
export function flattenTree(root: KeyTreeNode, collapsed: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: KeyTreeNode, depth: number) => {
    for (const child of node.children) {
      const group = child.children.length > 0;
      const expanded = group && !collapsed.has(child.path);
      rows.push({ node: child, depth, group, expanded });
      if (expanded) walk(child, depth + 1);
    }
  };
  walk(root, 0);
  return rows;
}

/**
 * What the pattern box sends as `pattern`: empty → undefined (everything under `tms:`). Inside `tms:` main
 * prefixes the namespace and turns a plain word into a prefix search; for the whole Redis (read-only
 * browsing) the same convenience is applied here: a word without glob characters becomes `word*`.
 */
export function patternForScan(input: string, includeForeign: boolean): string | undefined {
  const p = input.trim();
  if (p === '') return undefined;
  if (includeForeign && !/[*?[\]]/.test(p)) return `${p}*`;
  return p;
}

/** The keys among `keys` whose details are missing or older than `maxAgeMs`. */
export function keysNeedingDetails(
  keys: readonly string[],
  readAt: ReadonlyMap<string, number>,
  now: number,
  maxAgeMs: number,
): string[] {
  return keys.filter((k) => {
    const at = readAt.get(k);
    return at === undefined || now - at > maxAgeMs;
  });
}
