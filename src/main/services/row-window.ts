/**
 * Filter, sort and window a cached list in main, so a renderer receives only the rows it shows
 * (issue 15: a 10,000-row list must cost the renderer what a 300-row one does).
 *
 * Generic over the row type: the caller says how a row matches and what it sorts by. The cached list
 * is frozen and shared by every reader of the same L1 entry, so the derived index (text to search,
 * the order for each filter + sort) is memoized per list object: paging through one snapshot filters
 * and sorts it once, and nothing is kept once the cache lets the snapshot go (WeakMap).
 */

export type SortValue = string | number | boolean | null | undefined;

export interface WindowSpec<T> {
  /** identifies the filter + sort (the memo key within one list) */
  key: string;
  match?: (row: T, index: number) => boolean;
  /** the value a row sorts by; null/undefined sort last in both directions */
  sortValue?: (row: T) => SortValue;
  desc?: boolean;
  offset: number;
  limit: number;
}

export interface RowWindow<T> {
  /** rows that pass the filter */
  matched: number;
  /** the first row's position in the filtered, sorted list (the asked offset, at most `matched`) */
  offset: number;
  rows: T[];
  /** each row's index in the source list */
  indexes: number[];
}

/** Orders memoized per list: a DBA switches between a few filters and sorts, not hundreds. */
const ORDERS_PER_LIST = 8;

const orders = new WeakMap<readonly object[], Map<string, Int32Array>>();

/** Compare two sort values: numbers numerically, text by code point, empty values last. */
export function compareSortValues(a: SortValue, b: SortValue): number {
  const aEmpty = a === null || a === undefined || a === '';
  const bEmpty = b === null || b === undefined || b === '';
  if (aEmpty || bEmpty) return aEmpty === bEmpty ? 0 : aEmpty ? 1 : -1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  const x = String(a);
  const y = String(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

function orderOf<T extends object>(rows: readonly T[], spec: WindowSpec<T>): Int32Array {
  let perList = orders.get(rows);
  if (!perList) {
    perList = new Map();
    orders.set(rows, perList);
  }
  const cached = perList.get(spec.key);
  if (cached) {
    // most recently used last
    perList.delete(spec.key);
    perList.set(spec.key, cached);
    return cached;
  }
  const picked: number[] = [];
  for (let i = 0; i < rows.length; i++) if (!spec.match || spec.match(rows[i]!, i)) picked.push(i);
  if (spec.sortValue) {
    const values = rows.map((r) => spec.sortValue!(r));
    const sign = spec.desc ? -1 : 1;
    picked.sort((i, j) => {
      const a = values[i];
      const b = values[j];
      const aEmpty = a === null || a === undefined || a === '';
      const bEmpty = b === null || b === undefined || b === '';
      // empty values stay last whichever the direction; ties keep the source order (stable)
      if (aEmpty || bEmpty) return aEmpty === bEmpty ? i - j : aEmpty ? 1 : -1;
      return sign * compareSortValues(a, b) || i - j;
    });
  }
  const order = Int32Array.from(picked);
  perList.set(spec.key, order);
  if (perList.size > ORDERS_PER_LIST) perList.delete(perList.keys().next().value as string);
  return order;
}

/** One window of `rows` after filter and sort. */
export function windowRows<T extends object>(rows: readonly T[], spec: WindowSpec<T>): RowWindow<T> {
  const order = orderOf(rows, spec);
  const offset = Math.min(spec.offset, order.length);
  const end = Math.min(order.length, offset + spec.limit);
  const indexes = Array.from(order.subarray(offset, end));
  return { matched: order.length, offset, rows: indexes.map((i) => rows[i]!), indexes };
}

const haystacks = new WeakMap<readonly object[], string[]>();

/**
 * Lower-case text of every string field of each row plus the listed number fields (ids, not epoch
 * times or byte counts, which would match any digits): what a free-text filter searches, built once per
 * list. Generic: a text field added to the row type is searchable without code here.
 */
export function searchText<T extends object>(
  rows: readonly T[],
  numberFields: readonly (keyof T)[],
): string[] {
  let text = haystacks.get(rows);
  if (!text) {
    text = rows.map((row) => {
      const parts: string[] = [];
      for (const v of Object.values(row)) if (typeof v === 'string') parts.push(v);
      for (const k of numberFields) {
        const v = row[k];
        if (typeof v === 'number' && Number.isFinite(v)) parts.push(String(v));
      }
      return parts.join('\u0001').toLowerCase();
    });
    haystacks.set(rows, text);
  }
  return text;
}
