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
  const [available, setAvailable] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);

  const containerRef = useCallback((el: HTMLElement | null) => {
    observer.current?.disconnect();
    observer.current = null;
    if (!el) return;
    setAvailable(el.clientWidth);
    observer.current = new ResizeObserver(() => setAvailable(el.clientWidth));
    observer.current.observe(el);
  }, []);
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
