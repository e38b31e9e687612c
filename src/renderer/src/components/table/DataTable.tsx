import { flexRender, type Row, type Table } from '@tanstack/react-table';
import type { HTMLAttributes, ReactNode } from 'react';
import { setColumnWidth } from './column-layout';
import { cellClass, metaOf } from './columns';
import { ResizeHandle } from './ResizeHandle';
import type { ColumnLayoutState } from './useColumnLayout';
import './table.css';

export type RowAttributes = HTMLAttributes<HTMLTableRowElement> &
  Record<`data-${string}`, string | number | undefined>;

/**
 * A TanStack table drawn as an HTML table with the shared column layout: fixed widths from
 * `useColumnLayout`, sticky identifying columns, resize handles and sortable headers. Wrap the
 * scroll container with `columns.containerRef` (done here) so the layout follows its width.
 */
export function DataTable<T>({
  table,
  columns,
  testId,
  rowAttributes,
  className,
  caption,
}: {
  table: Table<T>;
  columns: ColumnLayoutState;
  testId: string;
  rowAttributes?: (row: Row<T>) => RowAttributes;
  className?: string;
  caption?: ReactNode;
}) {
  const { layout, specs, prefs, setPrefs } = columns;
  const specById = new Map(specs.map((s) => [s.id, s]));
  const stickyIds = Object.keys(layout.stickyLeft);
  const lastSticky = stickyIds[stickyIds.length - 1];
  const stickyStyle = (id: string) =>
    layout.stickyLeft[id] !== undefined ? { left: layout.stickyLeft[id] } : undefined;

  return (
    <div className="table-wrap data-table-wrap" ref={columns.containerRef} data-testid={`${testId}-scroll`}>
      <table
        className={`data-table${className ? ` ${className}` : ''}`}
        data-testid={testId}
        style={{ width: layout.totalWidth }}
      >
        {caption}
        <colgroup>
          {layout.visible.map((id) => (
            <col key={id} style={{ width: layout.widths[id] }} />
          ))}
        </colgroup>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((header) => {
                const id = header.column.id;
                const meta = metaOf(header.column.columnDef);
                const sorted = header.column.getIsSorted();
                const canSort = header.column.getCanSort();
                const content = flexRender(header.column.columnDef.header, header.getContext());
                return (
                  <th
                    key={header.id}
                    className={cellClass(meta, id in layout.stickyLeft, id === lastSticky)}
                    style={stickyStyle(id)}
                    data-testid={`col-${id}`}
                    data-column-header={id}
                    aria-sort={sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : undefined}
                    title={meta?.label}
                  >
                    {canSort ? (
                      <button
                        type="button"
                        className="th-sort"
                        onClick={header.column.getToggleSortingHandler()}
                      >
                        {content}
                        {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
                      </button>
                    ) : (
                      <span className="th-label">{content}</span>
                    )}
                    <ResizeHandle
                      width={layout.widths[id] ?? header.getSize()}
                      label={meta?.label ?? id}
                      onResize={(w) => {
                        const spec = specById.get(id);
                        if (spec) setPrefs(setColumnWidth(prefs, spec, w));
                      }}
                    />
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} {...rowAttributes?.(row)}>
              {row.getVisibleCells().map((cell) => {
                const id = cell.column.id;
                return (
                  <td
                    key={cell.id}
                    data-column={id}
                    className={cellClass(
                      metaOf(cell.column.columnDef),
                      id in layout.stickyLeft,
                      id === lastSticky,
                    )}
                    style={stickyStyle(id)}
                  >
                    {flexRender(cell.column.columnDef.cell, cell.getContext())}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
