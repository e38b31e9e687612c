/**
 * Which columns a table shows, in what order and how wide, for the width it has: pure logic, shared by
 * every table (sessions, locks, top SQL, …). The DBA's choices (shown, hidden, widths, order) come from
 * `ColumnPrefs`; whatever is left undecided is settled by each column's priority so the key columns
 * fit without sideways scrolling.
 */

export interface ColumnSpec {
  id: string;
  /** 1 = key column, always shown unless the DBA hides it; larger numbers give way first when space is short */
  priority: number;
  /** default width in px */
  size: number;
  /** narrowest width a resize may reach */
  minSize?: number;
  /** identifying column: stays at the left edge while the table scrolls sideways */
  sticky?: boolean;
  /** takes the width left over (e.g. the SQL text) unless the DBA sized it */
  grow?: boolean;
  /** the column cannot be hidden (a row's identity, the kill button) */
  required?: boolean;
}

export interface ColumnPrefs {
  /** the DBA's order of the movable columns (sticky ones always lead) */
  order: string[];
  /** hidden by the DBA */
  hidden: string[];
  /** shown by the DBA even when they do not fit (then the table scrolls sideways) */
  shown: string[];
  /** widths set by resizing, px */
  widths: Record<string, number>;
}

export const EMPTY_PREFS: ColumnPrefs = { order: [], hidden: [], shown: [], widths: {} };

export interface ColumnLayout {
  /** visible column ids, in display order */
  visible: string[];
  /** every column id, in display order (visible or not) */
  order: string[];
  /** px per visible column */
  widths: Record<string, number>;
  /** px from the left edge for each sticky visible column */
  stickyLeft: Record<string, number>;
  /** columns hidden only because they did not fit */
  autoHidden: string[];
  /** sum of the visible widths */
  totalWidth: number;
  /**
   * wider than the space it was laid out for (or that space is not known yet): the table scrolls
   * sideways, so its sticky columns have work to do. A table that fits has nothing to stick.
   */
  scrollsX: boolean;
}

export const MIN_COLUMN_WIDTH = 40;
export const MAX_COLUMN_WIDTH = 1200;

function clampWidth(spec: ColumnSpec, width: number): number {
  const min = Math.max(MIN_COLUMN_WIDTH, spec.minSize ?? MIN_COLUMN_WIDTH);
  return Math.round(Math.min(MAX_COLUMN_WIDTH, Math.max(min, width)));
}

/** Display order: sticky columns first (spec order), then the DBA's order, then columns new to the prefs. */
export function orderColumns(specs: readonly ColumnSpec[], prefs: ColumnPrefs): string[] {
  const known = new Set(specs.map((s) => s.id));
  const sticky = specs.filter((s) => s.sticky).map((s) => s.id);
  const stickySet = new Set(sticky);
  const seen = new Set<string>(sticky);
  const rest: string[] = [];
  for (const id of prefs.order) {
    if (known.has(id) && !seen.has(id)) {
      seen.add(id);
      rest.push(id);
    }
  }
  // a column the prefs do not know (added in a later version) goes where its spec puts it
  specs.forEach((s, index) => {
    if (seen.has(s.id) || stickySet.has(s.id)) return;
    seen.add(s.id);
    const prevId = specs
      .slice(0, index)
      .map((p) => p.id)
      .reverse()
      .find((id) => rest.includes(id));
    const at = prevId === undefined ? 0 : rest.indexOf(prevId) + 1;
    rest.splice(at, 0, s.id);
  });
  return [...sticky, ...rest];
}

/**
 * Lay the columns out for `available` px: the DBA's hidden columns go, then — while the rest is too
 * wide — the column with the largest priority number (the rightmost of equals), never a required,
 * sticky, `keep` or DBA-shown one. Left-over width goes to `grow` columns the DBA has not sized (or, with none shown, to every unsized one).
 */
export function layoutColumns(
  specs: readonly ColumnSpec[],
  prefs: ColumnPrefs,
  available: number,
  keep: readonly string[] = [],
): ColumnLayout {
  const byId = new Map(specs.map((s) => [s.id, s]));
  const order = orderColumns(specs, prefs);
  const userHidden = new Set(prefs.hidden);
  const userShown = new Set(prefs.shown);
  const keepSet = new Set(keep);
  const base: Record<string, number> = {};
  for (const s of specs) base[s.id] = clampWidth(s, prefs.widths[s.id] ?? s.size);

  const visible = order.filter((id) => {
    const s = byId.get(id)!;
    return s.required || keepSet.has(id) || !userHidden.has(id);
  });
  const autoHidden: string[] = [];
  const sum = (ids: string[]) => ids.reduce((acc, id) => acc + (base[id] ?? 0), 0);
  let total = sum(visible);
  while (available > 0 && total > available) {
    let drop: string | undefined;
    let dropPriority = 1;
    for (const id of visible) {
      const s = byId.get(id)!;
      if (s.required || s.sticky || keepSet.has(id) || userShown.has(id) || s.priority <= 1) continue;
      if (s.priority >= dropPriority) {
        drop = id;
        dropPriority = s.priority;
      }
    }
    if (drop === undefined) break;
    visible.splice(visible.indexOf(drop), 1);
    autoHidden.push(drop);
    total -= base[drop] ?? 0;
  }

  const widths: Record<string, number> = {};
  for (const id of visible) widths[id] = base[id]!;
  // spare width goes to the grow columns; when none is shown, to every column the DBA has not sized
  // (a table as wide as its panel, rows highlighted edge to edge)
  const unsized = visible.filter((id) => prefs.widths[id] === undefined && !byId.get(id)!.sticky);
  const growing = unsized.filter((id) => byId.get(id)!.grow);
  const growers = growing.length > 0 ? growing : unsized;
  let spare = available > 0 ? available - total : 0;
  if (spare > 0 && growers.length > 0) {
    const each = Math.floor(spare / growers.length);
    for (const id of growers) {
      const add = Math.min(each, MAX_COLUMN_WIDTH - widths[id]!);
      widths[id] = widths[id]! + add;
      spare -= add;
    }
    // the pixels the even split left over go to the last one
    const last = growers[growers.length - 1]!;
    if (spare > 0) widths[last] = Math.min(MAX_COLUMN_WIDTH, widths[last]! + spare);
  }

  const stickyLeft: Record<string, number> = {};
  let left = 0;
  for (const id of visible) {
    if (!byId.get(id)!.sticky) break;
    stickyLeft[id] = left;
    left += widths[id]!;
  }
  const totalWidth = visible.reduce((acc, id) => acc + widths[id]!, 0);
  const scrollsX = available <= 0 || totalWidth > available;
  return { visible, order, widths, stickyLeft, autoHidden, totalWidth, scrollsX };
}

// --- the DBA's changes, as pure updates of the prefs ----------------------------------------------

export function setColumnShown(prefs: ColumnPrefs, id: string, shown: boolean): ColumnPrefs {
  const hidden = prefs.hidden.filter((h) => h !== id);
  const show = prefs.shown.filter((h) => h !== id);
  return shown
    ? { ...prefs, hidden, shown: [...show, id] }
    : { ...prefs, hidden: [...hidden, id], shown: show };
}

export function setColumnWidth(prefs: ColumnPrefs, spec: ColumnSpec, width: number): ColumnPrefs {
  return { ...prefs, widths: { ...prefs.widths, [spec.id]: clampWidth(spec, width) } };
}

/** Move a movable column one place left (-1) or right (+1) among the movable ones. */
export function moveColumn(
  specs: readonly ColumnSpec[],
  prefs: ColumnPrefs,
  id: string,
  step: -1 | 1,
): ColumnPrefs {
  const sticky = new Set(specs.filter((s) => s.sticky).map((s) => s.id));
  const movable = orderColumns(specs, prefs).filter((c) => !sticky.has(c));
  const from = movable.indexOf(id);
  const to = from + step;
  if (from < 0 || to < 0 || to >= movable.length) return prefs;
  [movable[from], movable[to]] = [movable[to]!, movable[from]!];
  return { ...prefs, order: movable };
}

/** Prefs read back from storage: anything malformed is dropped, never trusted. */
export function parsePrefs(raw: string | null): ColumnPrefs {
  if (!raw) return EMPTY_PREFS;
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return EMPTY_PREFS;
  }
  if (typeof value !== 'object' || value === null) return EMPTY_PREFS;
  const v = value as Record<string, unknown>;
  const ids = (x: unknown): string[] =>
    Array.isArray(x)
      ? x.filter((i): i is string => typeof i === 'string' && i.length < 100).slice(0, 200)
      : [];
  const widths: Record<string, number> = {};
  if (typeof v.widths === 'object' && v.widths !== null) {
    for (const [k, w] of Object.entries(v.widths as Record<string, unknown>)) {
      if (typeof w === 'number' && Number.isFinite(w) && w > 0) widths[k] = w;
    }
  }
  return { order: ids(v.order), hidden: ids(v.hidden), shown: ids(v.shown), widths };
}
