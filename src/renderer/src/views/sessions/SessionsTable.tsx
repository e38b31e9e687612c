import type { SessionRow } from '@shared/types/oracle';
import {
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type Row,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { KillTarget } from '../../components/KillSessionDialog';
import { dateTime, duration } from '../../components/units';
import { waitClassColor } from '../../components/waitClasses';
import type { WindowRow } from './useSessionsWindow';

/** Fixed row height: the virtualizer never measures rows (10,000 rows scroll smoothly). */
export const SESSION_ROW_HEIGHT = 28;

export interface SessionsTableProps {
  /** rows of the filtered, sorted list (main's `matched`) */
  count: number;
  /** the loaded rows (pages on and near the screen) */
  loaded: SessionRow[];
  /** the row at a position, when its page is loaded (else a placeholder line is drawn) */
  rowAt: (index: number) => WindowRow | undefined;
  /** sorting is done in main over the whole list */
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  /** the rows on screen (with overscan), so their pages are loaded */
  onRange: (first: number, last: number) => void;
  onKill: (target: KillTarget) => void;
  onSqlId: (sqlId: string) => void;
}

function useColumns(
  onKill: SessionsTableProps['onKill'],
  onSqlId: SessionsTableProps['onSqlId'],
): ColumnDef<SessionRow>[] {
  const { t, i18n } = useTranslation('sessions');
  const lang = i18n.language;
  return useMemo<ColumnDef<SessionRow>[]>(() => {
    // labels resolved once per language, not per row render
    const killTitle = t('kill');
    const killShort = t('killShort');
    return [
      {
        id: 'actions',
        header: '',
        size: 64,
        enableSorting: false,
        cell: ({ row }) => (
          <button
            type="button"
            className="btn btn-xs danger"
            data-testid="kill"
            title={killTitle}
            onClick={(e) => {
              e.stopPropagation();
              const s = row.original;
              onKill({
                sid: s.sid,
                serial: s.serial,
                username: s.username,
                program: s.program,
                machine: s.machine,
                osUser: s.osUser,
                sqlId: s.sqlId,
              });
            }}
          >
            {killShort}
          </button>
        ),
      },
      { id: 'sid', accessorKey: 'sid', header: 'SID', size: 64, sortDescFirst: false },
      { id: 'serial', accessorKey: 'serial', header: 'SERIAL#', size: 72 },
      { id: 'username', accessorFn: (s) => s.username ?? '', header: t('col.user'), size: 110 },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('col.status'),
        size: 82,
        cell: ({ getValue }) => {
          const v = getValue<string>();
          return <span className={`status status-${v.toLowerCase()}`}>{v}</span>;
        },
      },
      { id: 'osUser', accessorFn: (s) => s.osUser ?? '', header: t('col.osUser'), size: 90 },
      { id: 'machine', accessorFn: (s) => s.machine ?? '', header: t('col.machine'), size: 130 },
      { id: 'program', accessorFn: (s) => s.program ?? '', header: t('col.program'), size: 170 },
      { id: 'module', accessorFn: (s) => s.module ?? '', header: t('col.module'), size: 130 },
      {
        id: 'sqlId',
        accessorFn: (s) => s.sqlId ?? '',
        header: 'SQL ID',
        size: 118,
        cell: ({ row }) => {
          const id = row.original.sqlId;
          return id ? (
            <button
              type="button"
              className="link mono"
              data-testid="sql-id"
              onClick={(e) => {
                e.stopPropagation();
                onSqlId(id);
              }}
            >
              {id}
            </button>
          ) : (
            <span className="muted">—</span>
          );
        },
      },
      {
        id: 'event',
        accessorFn: (s) => (s.onCpu ? 'ON CPU' : (s.event ?? '')),
        header: t('col.event'),
        size: 210,
        cell: ({ row, getValue }) =>
          row.original.onCpu ? <span className="on-cpu">ON CPU</span> : getValue<string>(),
      },
      {
        id: 'waitClass',
        accessorFn: (s) => (s.onCpu ? 'CPU' : (s.waitClass ?? '')),
        header: t('col.waitClass'),
        size: 118,
        cell: ({ getValue }) => {
          const v = getValue<string>();
          return v ? (
            <span>
              <span className="dot" style={{ background: waitClassColor(v) }} />
              {v}
            </span>
          ) : null;
        },
      },
      {
        id: 'secondsInWait',
        accessorKey: 'secondsInWait',
        header: t('col.secondsInWait'),
        size: 84,
        meta: { numeric: true },
      },
      {
        id: 'blockingSession',
        accessorFn: (s) => s.blockingSession ?? -1,
        header: t('col.blockingSession'),
        size: 84,
        cell: ({ row }) =>
          row.original.blockingSession !== null ? (
            <span className="text-bad" data-testid="blocked-by">
              ← {row.original.blockingSession}
            </span>
          ) : null,
      },
      {
        id: 'lastCallEt',
        accessorKey: 'lastCallEt',
        header: t('col.lastCallEt'),
        size: 92,
        cell: ({ getValue }) => duration(getValue<number>()),
      },
      {
        id: 'logonTime',
        accessorKey: 'logonTime',
        header: t('col.logonTime'),
        size: 150,
        cell: ({ getValue }) => dateTime(getValue<number>(), lang),
      },
      { id: 'spid', accessorFn: (s) => s.spid ?? '', header: 'SPID', size: 70 },
    ];
  }, [t, lang, onKill, onSqlId]);
}

interface SessionLineProps {
  row: Row<SessionRow>;
  /** position in the filtered, sorted list */
  index: number;
  start: number;
  blocker: boolean;
  width: number;
  /** the column definitions: a new set (language switch) re-renders the row */
  columns: unknown;
}

const SessionLine = memo(function SessionLine({ row, index, start, blocker, width }: SessionLineProps) {
  const s = row.original;
  const blocked = s.blockingSession !== null;
  return (
    <div
      className={`vrow${blocker ? ' row-blocker' : ''}${blocked ? ' row-blocked' : ''}`}
      data-testid="sessions-row"
      data-index={index}
      data-sid={s.sid}
      data-serial={s.serial}
      data-blocker={blocker ? 'true' : undefined}
      data-blocked={blocked ? 'true' : undefined}
      style={{ transform: `translateY(${start}px)`, height: SESSION_ROW_HEIGHT, width }}
    >
      {row.getVisibleCells().map((cell) => (
        <div
          key={cell.column.id}
          className={`vcell${(cell.column.columnDef.meta as { numeric?: boolean } | undefined)?.numeric ? ' num' : ''}`}
          style={{ width: cell.column.getSize() }}
        >
          {flexRender(cell.column.columnDef.cell, cell.getContext())}
        </div>
      ))}
    </div>
  );
}, sameLine);

/** A line re-renders when its session data, place or columns change, not when the table rebuilt its rows. */
function sameLine(a: SessionLineProps, b: SessionLineProps): boolean {
  return (
    a.row.original === b.row.original &&
    a.index === b.index &&
    a.start === b.start &&
    a.blocker === b.blocker &&
    a.width === b.width &&
    a.columns === b.columns
  );
}

/** A row whose page is still on its way: same height, no content. */
const PendingLine = memo(function PendingLine({ start, width }: { start: number; width: number }) {
  return (
    <div
      className="vrow vrow-pending"
      data-testid="sessions-row-pending"
      style={{ transform: `translateY(${start}px)`, height: SESSION_ROW_HEIGHT, width }}
    />
  );
});

/**
 * The sessions grid: TanStack Table for the columns (sorting is manual: main sorts the whole list),
 * TanStack Virtual for the rows (fixed height, absolutely positioned) over main's `matched` count, with
 * the rows of the loaded pages. Benchmarks find it by `data-testid`: `sessions-scroll` (the scrolling
 * element), `sessions-row` (rendered rows), and the `tms:sessions:first-rows` performance mark set when
 * rows first reach the DOM.
 */
export function SessionsTable({
  count,
  loaded,
  rowAt,
  sorting,
  onSortingChange,
  onRange,
  onKill,
  onSqlId,
}: SessionsTableProps) {
  const columns = useColumns(onKill, onSqlId);
  const table = useReactTable({
    data: loaded,
    columns,
    state: { sorting },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: true,
    getCoreRowModel: getCoreRowModel(),
    getRowId: rowId,
  });
  const rowsById = table.getCoreRowModel().rowsById;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SESSION_ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    onRange(first, last);
  }, [first, last, onRange]);
  const totalWidth = table.getTotalSize();
  const anyRow = items.some((item) => rowAt(item.index) !== undefined);
  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && anyRow) {
      marked.current = true;
      performance.mark('tms:sessions:first-rows');
    }
  }, [anyRow]);

  return (
    <div className="vtable" data-testid="sessions-table" data-row-count={count}>
      <div className="vscroll" ref={scrollRef} data-testid="sessions-scroll">
        <div className="vhead" style={{ width: totalWidth }}>
          {table.getHeaderGroups()[0]!.headers.map((header) => {
            const sorted = header.column.getIsSorted();
            return (
              <button
                type="button"
                key={header.id}
                className={`vth${header.column.getCanSort() ? ' sortable' : ''}`}
                style={{ width: header.getSize() }}
                onClick={header.column.getToggleSortingHandler()}
                disabled={!header.column.getCanSort()}
                data-sort={sorted || undefined}
                data-testid={`col-${header.id}`}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
                {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
              </button>
            );
          })}
        </div>
        <div className="vbody" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const w = rowAt(item.index);
            const row = w ? rowsById[rowId(w.row)] : undefined;
            return row && w ? (
              <SessionLine
                key={row.id}
                row={row}
                index={item.index}
                start={item.start}
                blocker={w.blocker}
                width={totalWidth}
                columns={columns}
              />
            ) : (
              <PendingLine key={`pending-${item.index}`} start={item.start} width={totalWidth} />
            );
          })}
        </div>
      </div>
    </div>
  );
}

function rowId(s: SessionRow): string {
  return `${s.instId}:${s.sid}:${s.serial}`;
}
