import type { ColumnDef } from '@tanstack/react-table';
import type { ColumnSpec } from './column-layout';
import type { CellFit } from './text-fit';

/**
 * What a table column says about itself beyond TanStack's definition (`columnDef.meta`): its label
 * for menus, layout priority and role. A view adds a column by adding one definition; the layout,
 * menu and stored preferences pick it up.
 */
export interface ColumnMetaInfo {
  /** name in the column menu and resize handle (the header may be shorter) */
  label: string;
  /** 1 = key column; see ColumnSpec.priority (default 2) */
  priority?: number;
  sticky?: boolean;
  grow?: boolean;
  required?: boolean;
  minSize?: number;
  numeric?: boolean;
  /** extra class for the column's cells (e.g. 'wrap', 'mono') */
  className?: string;
  /**
   * virtualized grids: what a cell shows, so a cell whose text fits draws without a clip (text-fit.ts);
   * without it the cell is always clipped
   */
  // biome-ignore lint/suspicious/noExplicitAny: the row type of the column's table
  fit?: (row: any) => CellFit;
}

export function metaOf(def: { meta?: unknown }): ColumnMetaInfo | undefined {
  return def.meta as ColumnMetaInfo | undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: column definitions of any row type
type AnyDef = ColumnDef<any, any>;

/** Layout specs of column definitions (every definition needs an `id`). */
export function specsOf(defs: readonly AnyDef[]): ColumnSpec[] {
  return defs.map((d) => {
    const m = metaOf(d);
    return {
      id: d.id!,
      priority: m?.priority ?? 2,
      size: d.size ?? 120,
      ...(m?.minSize !== undefined ? { minSize: m.minSize } : {}),
      ...(m?.sticky ? { sticky: true } : {}),
      ...(m?.grow ? { grow: true } : {}),
      ...(m?.required ? { required: true } : {}),
    };
  });
}

export function labelsOf(defs: readonly AnyDef[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const d of defs) out[d.id!] = metaOf(d)?.label ?? d.id!;
  return out;
}

/** Class names of a cell or header from its column's meta and the layout (sticky edge). */
export function cellClass(meta: ColumnMetaInfo | undefined, sticky: boolean, lastSticky: boolean): string {
  return [
    meta?.numeric ? 'num' : '',
    meta?.className ?? '',
    sticky ? 'col-sticky' : '',
    lastSticky ? 'col-sticky-last' : '',
  ]
    .filter(Boolean)
    .join(' ');
}
