import type { SessionRow } from '@shared/types/oracle';
import {
  type CellContext,
  type Column,
  type ColumnDef,
  flexRender,
  getCoreRowModel,
  type OnChangeFn,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { memo, type RefObject, useCallback, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { StopTarget as KillTarget } from '../../components/stop';
import { setColumnWidth } from '../../components/table/column-layout';
import { cellClass, labelsOf, metaOf, specsOf } from '../../components/table/columns';
import { ResizeHandle } from '../../components/table/ResizeHandle';
import { canvasMeasure, type FitContext, gridFonts, needsClip } from '../../components/table/text-fit';
import { type ColumnLayoutState, useColumnLayout } from '../../components/table/useColumnLayout';
import '../../components/table/table.css';
import { SidButton } from '../../components/SidLink';
import { useTimeDisplay } from '../../components/TimeDisplay';
import { dateTime, durationNarrow } from '../../components/units';
import { waitClassColor } from '../../components/waitClasses';
import { useConnection } from '../../state/connection';
import type { WindowRow } from './useSessionsWindow';

/** Fixed row height: the virtualizer never measures rows (10,000 rows scroll smoothly). */
export const SESSION_ROW_HEIGHT = 28;
/**
 * Lines are keyed by their position modulo this (more than the lines on screen, so each key is one row):
 * a row scrolled out is removed and the one scrolled in is created, and rows that stay keep their key and
 * skip rendering. Reusing the scrolled-out line for the one scrolled in (a fixed pool of lines) measured
 * no faster here and would leave the DOM, the Tab order and a screen reader in another order than the
 * screen's.
 */
const LINE_SLOTS = 256;

export interface SessionsTableProps {
  /** rows of the filtered, sorted list (main's `matched`) */
  count: number;
  /** the row at a position, when its page is loaded (else a placeholder line is drawn) */
  rowAt: (index: number) => WindowRow | undefined;
  /** sorting is done in main over the whole list */
  sorting: SortingState;
  onSortingChange: OnChangeFn<SortingState>;
  /** the rows on screen (with overscan), so their pages are loaded */
  onRange: (first: number, last: number) => void;
  /** column definitions and their layout (useSessionColumns) */
  columns: SessionColumns;
}

export interface SessionColumns {
  defs: ColumnDef<SessionRow>[];
  layout: ColumnLayoutState;
  labels: Record<string, string>;
}

/**
 * The sessions grid's columns, by priority: the kill button and SID stay at the left edge; SQL ID,
 * status, event and blocker come before the descriptive columns that give way on a narrow window.
 */
export function useSessionColumns(
  onKill: (target: KillTarget) => void,
  onSqlId: (sqlId: string) => void,
  /** RAC: show the INST_ID column */
  showInstance = false,
  /** issue 17: Cancel SQL next to Kill (absent: the database or kill method has no cancel) */
  onCancel?: (target: KillTarget) => void,
): SessionColumns {
  // the callbacks may change every render; the definitions must not (rows are memoized on them)
  const handlers = useRef({ onKill, onSqlId, onCancel });
  handlers.current = { onKill, onSqlId, onCancel };
  const defs = useColumnDefs(handlers, showInstance, onCancel !== undefined);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const layout = useColumnLayout('sessions', specs);
  return { defs, layout, labels };
}

function useColumnDefs(
  handlers: RefObject<{
    onKill: (target: KillTarget) => void;
    onSqlId: (sqlId: string) => void;
    onCancel?: ((target: KillTarget) => void) | undefined;
  }>,
  showInstance: boolean,
  showCancel: boolean,
): ColumnDef<SessionRow>[] {
  const { t, i18n } = useTranslation('sessions');
  const lang = i18n.language;
  // read at click time: the definitions stay the same when the connection changes
  const { connId } = useConnection();
  const connRef = useRef(connId);
  connRef.current = connId;
  const { mode, dbOffsetMin } = useTimeDisplay();
  return useMemo<ColumnDef<SessionRow>[]>(() => {
    void mode;
    void dbOffsetMin;
    // labels resolved once per language, not per row render
    const killTitle = t('kill');
    const killShort = t('killShort');
    const onCpu = t('onCpu');
    const sidTitle = t('openDetails', { ns: 'session' });
    const cancelTitle = t('cancelSql');
    const cancelShort = t('cancelSqlShort');
    const targetOf = (s: SessionRow): KillTarget => ({
      instId: s.instId,
      sid: s.sid,
      serial: s.serial,
      username: s.username,
      program: s.program,
      machine: s.machine,
      osUser: s.osUser,
      sqlId: s.sqlId,
    });
    return [
      {
        id: 'actions',
        header: '',
        size: showCancel ? 136 : 64,
        enableSorting: false,
        meta: {
          label: killTitle,
          priority: 1,
          sticky: true,
          required: true,
          // the buttons' labels (measured in the grid's 13 px, wider than their 11 px) and, per button,
          // its 2 × 6 px padding and 2 × 1 px border (components.css .btn-xs)
          fit: (s: SessionRow) =>
            showCancel && s.status === 'ACTIVE'
              ? { text: `${killShort} ${cancelShort}`, extraPx: 28 }
              : { text: killShort, extraPx: 14 },
        },
        cell: ({ row }) => (
          <span className="nowrap">
            <button
              type="button"
              className="btn btn-xs danger"
              data-testid="kill"
              title={killTitle}
              onClick={(e) => {
                e.stopPropagation();
                handlers.current.onKill(targetOf(row.original));
              }}
            >
              {killShort}
            </button>
            {showCancel && row.original.status === 'ACTIVE' ? (
              <>
                {' '}
                <button
                  type="button"
                  className="btn btn-xs"
                  data-testid="cancel-sql"
                  title={cancelTitle}
                  onClick={(e) => {
                    e.stopPropagation();
                    handlers.current.onCancel?.(targetOf(row.original));
                  }}
                >
                  {cancelShort}
                </button>
              </>
            ) : null}
          </span>
        ),
      },
      ...(showInstance
        ? [
            {
              id: 'instId',
              accessorKey: 'instId',
              header: t('col.instance'),
              size: 48,
              meta: {
                label: t('col.instance'),
                priority: 1,
                sticky: true,
                numeric: true,
                fit: (s: SessionRow) => ({ text: String(s.instId) }),
              },
            } satisfies ColumnDef<SessionRow>,
          ]
        : []),
      {
        id: 'sid',
        accessorKey: 'sid',
        header: 'SID',
        size: 64,
        sortDescFirst: false,
        meta: {
          label: 'SID',
          priority: 1,
          sticky: true,
          required: true,
          numeric: true,
          fit: (s: SessionRow) => ({ text: String(s.sid), mono: true }),
        },
        // issue 17: the SID opens the session drill-down
        // a hook-free button: 10,000 rows scroll through this cell
        cell: ({ row }) => (
          <SidButton
            connId={connRef.current}
            instId={row.original.instId}
            sid={row.original.sid}
            serial={row.original.serial}
            title={sidTitle}
          />
        ),
      },
      {
        id: 'serial',
        accessorKey: 'serial',
        header: 'SERIAL#',
        size: 76,
        meta: {
          label: 'SERIAL#',
          priority: 2,
          numeric: true,
          fit: (s: SessionRow) => ({ text: String(s.serial) }),
        },
      },
      {
        id: 'username',
        accessorFn: (s) => s.username ?? '',
        header: t('col.user'),
        size: 110,
        meta: { label: t('col.user'), priority: 1, fit: (s: SessionRow) => ({ text: s.username ?? '' }) },
      },
      {
        id: 'status',
        accessorKey: 'status',
        header: t('col.status'),
        size: 82,
        // measured in the grid's font: wider than the status's own 11 px, so it errs on the side of the clip
        meta: { label: t('col.status'), priority: 1, fit: (s: SessionRow) => ({ text: s.status }) },
        cell: ({ getValue }) => {
          const v = getValue<string>();
          return <span className={`status status-${v.toLowerCase()}`}>{v}</span>;
        },
      },
      {
        id: 'sqlId',
        accessorFn: (s) => s.sqlId ?? '',
        header: 'SQL ID',
        size: 118,
        meta: {
          label: 'SQL ID',
          priority: 1,
          fit: (s: SessionRow) => ({ text: s.sqlId ?? '—', mono: true }),
        },
        cell: ({ row }) => {
          const id = row.original.sqlId;
          return id ? (
            <button
              type="button"
              className="link mono"
              data-testid="sql-id"
              onClick={(e) => {
                e.stopPropagation();
                handlers.current.onSqlId(id);
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
        meta: {
          label: t('col.event'),
          priority: 1,
          grow: true,
          minSize: 100,
          fit: (s: SessionRow) => ({ text: s.onCpu ? onCpu : (s.event ?? '') }),
        },
        cell: ({ row, getValue }) =>
          row.original.onCpu ? (
            <span className="on-cpu">{onCpu}</span>
          ) : (
            <span title={getValue<string>()}>{getValue<string>()}</span>
          ),
      },
      {
        id: 'blockingSession',
        accessorFn: (s) => s.blockingSession ?? -1,
        header: t('col.blockingSession'),
        size: 84,
        meta: {
          label: t('col.blockingSession'),
          priority: 1,
          fit: (s: SessionRow) => ({ text: s.blockingSession !== null ? `← ${s.blockingSession}` : '' }),
        },
        cell: ({ row }) =>
          row.original.blockingSession !== null ? (
            <span className="text-bad" data-testid="blocked-by">
              ← {row.original.blockingSession}
            </span>
          ) : null,
      },
      {
        id: 'waitClass',
        accessorFn: (s) => (s.onCpu ? 'CPU' : (s.waitClass ?? '')),
        header: t('col.waitClass'),
        size: 118,
        meta: {
          label: t('col.waitClass'),
          priority: 2,
          // the colour dot before the name: a 9 px square and its 6 px margin (components.css .dot)
          fit: (s: SessionRow) => {
            const v = s.onCpu ? 'CPU' : (s.waitClass ?? '');
            return { text: v, extraPx: v ? 15 : 0 };
          },
        },
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
      durationColumn('secondsInWait', t('col.secondsInWait'), 84, lang),
      durationColumn('lastCallEt', t('col.lastCallEt'), 92, lang),
      {
        id: 'program',
        accessorFn: (s) => s.program ?? '',
        header: t('col.program'),
        size: 170,
        meta: { label: t('col.program'), priority: 3, fit: (s: SessionRow) => ({ text: s.program ?? '' }) },
      },
      {
        id: 'machine',
        accessorFn: (s) => s.machine ?? '',
        header: t('col.machine'),
        size: 130,
        meta: { label: t('col.machine'), priority: 3, fit: (s: SessionRow) => ({ text: s.machine ?? '' }) },
      },
      {
        id: 'module',
        accessorFn: (s) => s.module ?? '',
        header: t('col.module'),
        size: 130,
        meta: { label: t('col.module'), priority: 4, fit: (s: SessionRow) => ({ text: s.module ?? '' }) },
      },
      {
        id: 'osUser',
        accessorFn: (s) => s.osUser ?? '',
        header: t('col.osUser'),
        size: 90,
        meta: { label: t('col.osUser'), priority: 4, fit: (s: SessionRow) => ({ text: s.osUser ?? '' }) },
      },
      {
        id: 'logonTime',
        accessorKey: 'logonTime',
        header: t('col.logonTime'),
        size: 150,
        meta: {
          label: t('col.logonTime'),
          priority: 4,
          fit: (s: SessionRow) => ({ text: dateTime(s.logonTime, lang) }),
        },
        cell: ({ getValue }) => dateTime(getValue<number>(), lang),
      },
      {
        id: 'spid',
        accessorFn: (s) => s.spid ?? '',
        header: 'SPID',
        size: 70,
        meta: { label: 'SPID', priority: 5, fit: (s: SessionRow) => ({ text: s.spid ?? '' }) },
      },
    ];
  }, [t, lang, handlers, showInstance, showCancel, mode, dbOffsetMin]);
}

/** A wait column: seconds in Intl's narrow units ("15m 14s"), whole at the column's width. */
function durationColumn(
  id: 'secondsInWait' | 'lastCallEt',
  label: string,
  size: number,
  lang: string,
): ColumnDef<SessionRow> {
  return {
    id,
    accessorKey: id,
    header: label,
    size,
    meta: {
      label,
      priority: 2,
      numeric: true,
      fit: (s: SessionRow) => ({ text: durationNarrow(s[id], lang) }),
    },
    cell: ({ getValue }) => durationNarrow(getValue<number>(), lang),
  };
}

/** The visible columns, in order, and their layout: a new set (language, resize, hide) re-renders lines. */
interface LineColumns {
  cols: Column<SessionRow, unknown>[];
  layout: unknown;
}

interface SessionLineProps {
  session: SessionRow;
  /** position in the filtered, sorted list */
  index: number;
  start: number;
  blocker: boolean;
  width: number;
  /** px from the left edge of the sticky columns (none while the grid fits its width) */
  stickyLeft: Record<string, number>;
  columns: LineColumns;
  /** how cells decide whether they need a clip (null: every cell is clipped) */
  fit: FitContext | null;
}

/**
 * What a column's cell renderer reads (its value, the session), made for the line without TanStack's
 * row model: building that model for every loaded page cost ~8 ms per page arriving while scrolling.
 */
function cellContext(
  column: Column<SessionRow, unknown>,
  session: SessionRow,
  index: number,
): CellContext<SessionRow, unknown> {
  const getValue = () => column.accessorFn?.(session, index);
  return {
    column,
    getValue,
    renderValue: getValue,
    row: { original: session, index },
  } as unknown as CellContext<SessionRow, unknown>;
}

const SessionLine = memo(function SessionLine({
  session: s,
  index,
  start,
  blocker,
  width,
  stickyLeft,
  columns,
  fit,
}: SessionLineProps) {
  const blocked = s.blockingSession !== null;
  return (
    <div
      className={`vrow${blocker ? ' row-blocker' : ''}${blocked ? ' row-blocked' : ''}`}
      data-testid="sessions-row"
      data-index={index}
      data-sid={s.sid}
      data-serial={s.serial}
      data-inst={s.instId}
      data-status={s.status}
      data-blocker={blocker ? 'true' : undefined}
      data-blocked={blocked ? 'true' : undefined}
      style={{ transform: `translateY(${start}px)`, height: SESSION_ROW_HEIGHT, width }}
    >
      {columns.cols.map((column) => {
        const id = column.id;
        const sticky = stickyLeft[id];
        const meta = metaOf(column.columnDef);
        const width = column.getSize();
        // a cell whose text fits draws without a clip (the clips were a third of each scrolled frame)
        const fits = meta?.fit !== undefined && !needsClip(meta.fit(s), width, blocker, fit);
        return (
          <div
            key={id}
            className={`vcell${fits ? ' fits' : ''} ${cellClass(meta, sticky !== undefined, false)}`}
            style={{ width, ...(sticky !== undefined ? { left: sticky } : {}) }}
          >
            {flexRender(column.columnDef.cell, cellContext(column, s, index))}
          </div>
        );
      })}
    </div>
  );
}, sameLine);

/** A line re-renders when its session data, place or columns change, nothing else. */
function sameLine(a: SessionLineProps, b: SessionLineProps): boolean {
  return (
    a.session === b.session &&
    a.index === b.index &&
    a.start === b.start &&
    a.blocker === b.blocker &&
    a.width === b.width &&
    a.stickyLeft === b.stickyLeft &&
    a.columns === b.columns &&
    a.fit === b.fit
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
  rowAt,
  sorting,
  onSortingChange,
  onRange,
  columns: sessionColumns,
}: SessionsTableProps) {
  const { defs, layout: columnLayout } = sessionColumns;
  const { layout, tableState, prefs, setPrefs, specs } = columnLayout;
  // the columns' model only (visibility, order, sizes, sorting state): lines render their sessions
  // without a row model, so a page of rows arriving builds nothing here
  const table = useReactTable({
    data: NO_ROWS,
    columns: defs,
    state: { sorting, ...tableState },
    onSortingChange,
    manualSorting: true,
    enableSortingRemoval: true,
    getCoreRowModel: getCoreRowModel(),
  });
  const scrollRef = useRef<HTMLDivElement | null>(null);
  const attachScroll = useCallback(
    (el: HTMLDivElement | null) => {
      scrollRef.current = el;
      columnLayout.containerRef(el);
    },
    [columnLayout.containerRef],
  );
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => SESSION_ROW_HEIGHT,
    overscan: 8,
    useFlushSync: false,
    // the window's height until the grid is measured: the first answer's rows render in the same pass
    // as the grid (an empty first pass cost a second render before any row showed)
    initialRect: { width: 0, height: window.innerHeight },
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;
  useEffect(() => {
    onRange(first, last);
  }, [first, last, onRange]);
  const totalWidth = layout.totalWidth;
  // a new set of definitions (language, time display) or layout re-renders every line
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new set of definitions or layout changes the visible columns
  const lineColumns = useMemo<LineColumns>(
    () => ({ cols: table.getVisibleLeafColumns(), layout }),
    [table, defs, layout],
  );
  // The lines' sticky columns only while the grid is wider than its pane: a sticky cell in every line
  // costs each scrolled frame (bench), and a grid that fits has nothing to keep in view.
  const lineSticky = layout.scrollsX ? layout.stickyLeft : NO_STICKY;
  const fit = sharedFitContext();
  const anyRow = items.some((item) => rowAt(item.index) !== undefined);
  const marked = useRef(false);
  useEffect(() => {
    if (!marked.current && anyRow) {
      marked.current = true;
      performance.mark('tms:sessions:first-rows');
    }
  }, [anyRow]);

  // the header changes with the sorting and the columns, not with each scrolled frame or page of rows
  // biome-ignore lint/correctness/useExhaustiveDependencies: sorting and columns change what the table's header shows
  const header = useMemo(
    () => (
      <div className="vhead" style={{ width: totalWidth }}>
        {table.getHeaderGroups()[0]!.headers.map((header) => {
          const id = header.column.id;
          const sorted = header.column.getIsSorted();
          const meta = metaOf(header.column.columnDef);
          const sticky = layout.stickyLeft[id];
          return (
            <div
              key={header.id}
              className={`vth ${cellClass(meta, sticky !== undefined, false)}`}
              data-column-header={id}
              style={{ width: header.getSize(), ...(sticky !== undefined ? { left: sticky } : {}) }}
              title={meta?.label}
            >
              <button
                type="button"
                className={`th-sort${header.column.getCanSort() ? ' sortable' : ''}`}
                onClick={header.column.getToggleSortingHandler()}
                disabled={!header.column.getCanSort()}
                data-sort={sorted || undefined}
                data-testid={`col-${id}`}
              >
                {flexRender(header.column.columnDef.header, header.getContext())}
                {sorted === 'asc' ? ' ▲' : sorted === 'desc' ? ' ▼' : ''}
              </button>
              <ResizeHandle
                width={header.getSize()}
                label={meta?.label ?? id}
                onResize={(w) => {
                  const spec = specs.find((x) => x.id === id);
                  if (spec) setPrefs(setColumnWidth(prefs, spec, w));
                }}
              />
            </div>
          );
        })}
      </div>
    ),
    [table, sorting, defs, layout, prefs, specs, setPrefs, totalWidth],
  );

  return (
    <div className="vtable" data-testid="sessions-table" data-row-count={count}>
      <div className="vscroll" ref={attachScroll} data-testid="sessions-scroll">
        {header}
        <div className="vbody" style={{ height: virtualizer.getTotalSize(), width: totalWidth }}>
          {items.map((item) => {
            const w = rowAt(item.index);
            return w ? (
              <SessionLine
                key={`line-${item.index % LINE_SLOTS}`}
                session={w.row}
                index={item.index}
                start={item.start}
                blocker={w.blocker}
                width={totalWidth}
                stickyLeft={lineSticky}
                columns={lineColumns}
                fit={fit}
              />
            ) : (
              <PendingLine key={`pending-${item.index % LINE_SLOTS}`} start={item.start} width={totalWidth} />
            );
          })}
        </div>
      </div>
    </div>
  );
}

const NO_ROWS: SessionRow[] = [];
const NO_STICKY: Record<string, number> = {};

/** The cells' horizontal padding, each side (views.css `.vcell`). */
const CELL_PADDING_PX = 8;

let fitContext: FitContext | null | undefined;

/**
 * The grid's fonts and a text measure, made once and kept (what was measured stays measured when the
 * view is opened again); null without a 2D canvas: cells are clipped.
 */
function sharedFitContext(): FitContext | null {
  if (fitContext === undefined) {
    const measure = canvasMeasure();
    fitContext = measure ? { fonts: gridFonts(document.body), measure, paddingPx: CELL_PADDING_PX } : null;
  }
  return fitContext;
}
