import type { ColumnOrderState, ColumnSizingState, VisibilityState } from '@tanstack/react-table';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  type ColumnLayout,
  type ColumnPrefs,
  type ColumnSpec,
  EMPTY_PREFS,
  layoutColumns,
  parsePrefs,
} from './column-layout';

const STORAGE_PREFIX = 'tms.columns.';

function readPrefs(tableId: string): ColumnPrefs {
  try {
    return parsePrefs(localStorage.getItem(STORAGE_PREFIX + tableId));
  } catch {
    return EMPTY_PREFS;
  }
}

const WIDTH_PREFIX = 'tms.tableWidth.';
const widths = new Map<string, number>();

/** the table's last measured width (px), 0 when never measured */
function readWidth(tableId: string): number {
  const known = widths.get(tableId);
  if (known !== undefined) return known;
  try {
    const stored = Number(localStorage.getItem(WIDTH_PREFIX + tableId));
    return Number.isFinite(stored) && stored > 0 && stored < 100_000 ? Math.round(stored) : 0;
  } catch {
    return 0;
  }
}

function rememberWidth(tableId: string, width: number): void {
  if (width <= 0 || widths.get(tableId) === width) return;
  widths.set(tableId, width);
  try {
    localStorage.setItem(WIDTH_PREFIX + tableId, String(width));
  } catch {
    // storage full or denied: the next start measures
  }
}

export interface ColumnLayoutState {
  specs: readonly ColumnSpec[];
  layout: ColumnLayout;
  prefs: ColumnPrefs;
  setPrefs: (next: ColumnPrefs) => void;
  reset: () => void;
  /** attach to the element whose width the table may use (its scroll container) */
  containerRef: (el: HTMLElement | null) => void;
  /** TanStack Table state for the layout: pass as `state` to useReactTable */
  tableState: {
    columnVisibility: VisibilityState;
    columnOrder: ColumnOrderState;
    columnSizing: ColumnSizingState;
  };
}

/**
 * One table's column layout: the DBA's choices remembered in localStorage under `tms.columns.<tableId>`,
 * fitted to the width of the container (a ResizeObserver follows window and panel resizes).
 * `keep` = columns that must stay visible right now (e.g. the column the list is sorted by).
 */
export function useColumnLayout(
  tableId: string,
  specs: readonly ColumnSpec[],
  keep: readonly string[] = [],
): ColumnLayoutState {
  const [prefs, setPrefsState] = useState<ColumnPrefs>(() => readPrefs(tableId));
  // the width this table had last time (same window, same panel: usually still right), so the first
  // render lays the columns out for it instead of measuring during the commit
  const [available, setAvailable] = useState(() => readWidth(tableId));
  const observer = useRef<ResizeObserver | null>(null);

  const containerRef = useCallback(
    (el: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (!el) return;
      // Nothing remembered: measure now (a forced layout, but no frame with a 0-px layout). Otherwise
      // the observer's first report, after the browser's own layout, corrects the width if it changed.
      if (readWidth(tableId) === 0) setAvailable(el.clientWidth);
      observer.current = new ResizeObserver(() => {
        const width = el.clientWidth;
        setAvailable(width);
        rememberWidth(tableId, width);
      });
      observer.current.observe(el);
    },
    [tableId],
  );
  useEffect(() => () => observer.current?.disconnect(), []);

  const setPrefs = useCallback(
    (next: ColumnPrefs) => {
      setPrefsState(next);
      try {
        localStorage.setItem(STORAGE_PREFIX + tableId, JSON.stringify(next));
      } catch {
        // storage full or denied: the choice lasts for this session only
      }
    },
    [tableId],
  );
  const reset = useCallback(() => {
    setPrefsState(EMPTY_PREFS);
    try {
      localStorage.removeItem(STORAGE_PREFIX + tableId);
    } catch {
      // nothing stored
    }
  }, [tableId]);

  const keepKey = keep.join(',');
  const layout = useMemo(
    () => layoutColumns(specs, prefs, available, keepKey ? keepKey.split(',') : []),
    [specs, prefs, available, keepKey],
  );
  const tableState = useMemo(() => {
    const shown = new Set(layout.visible);
    const columnVisibility: VisibilityState = {};
    for (const id of layout.order) columnVisibility[id] = shown.has(id);
    return { columnVisibility, columnOrder: layout.order, columnSizing: layout.widths };
  }, [layout]);

  return { specs, layout, prefs, setPrefs, reset, containerRef, tableState };
}
