import { TOP_SQL_ORDERS, type TopSqlOrder, type TopSqlRow } from '@shared/types/oracle';
import { type ColumnDef, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { dateTime, ms, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { type TopSqlScope, TopSqlScopeSelect, TopSqlWindowTable } from '../activity/TopSqlWindow';
import { SqlDetailPanel } from './SqlDetailPanel';
import '../views.css';

const TOP_SQL_MS = 60_000;
export const TOP_SQL_LIMITS = [10, 25, 50, 100, 200] as const;
const ORDER_STORAGE = 'tms.topSql.order';
const LIMIT_STORAGE = 'tms.topSql.limit';

/** `#/top-sql/<sqlId>` opens SQL detail; `#/top-sql` is the list. */
function sqlIdFromHash(): string | undefined {
  const m = /^#\/?top-sql\/([^/?#]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

function storedOrder(): TopSqlOrder {
  const v = localStorage.getItem(ORDER_STORAGE);
  return (TOP_SQL_ORDERS as readonly string[]).includes(v ?? '') ? (v as TopSqlOrder) : 'elapsed';
}

function storedLimit(): number {
  const v = Number(localStorage.getItem(LIMIT_STORAGE));
  return (TOP_SQL_LIMITS as readonly number[]).includes(v) ? v : 25;
}

/** The metric column that follows the sort, highlighted. */
const ORDER_COLUMN: Record<TopSqlOrder, keyof TopSqlRow> = {
  elapsed: 'elapsedMs',
  cpu: 'cpuMs',
  gets: 'bufferGets',
  diskReads: 'diskReads',
  executions: 'executions',
  rows: 'rowsProcessed',
  elapsedPerExec: 'elapsedMsPerExec',
  cpuPerExec: 'cpuMsPerExec',
  getsPerExec: 'bufferGetsPerExec',
};

function useTopSqlColumns(hot: keyof TopSqlRow, rac: boolean): ColumnDef<TopSqlRow>[] {
  const { t, i18n } = useTranslation('topSql');
  const lang = i18n.language;
  return useMemo<ColumnDef<TopSqlRow>[]>(() => {
    const metric = (
      id: keyof TopSqlRow,
      label: string,
      priority: number,
      format: (r: TopSqlRow) => string,
      size = 96,
    ): ColumnDef<TopSqlRow> => ({
      id,
      header: label,
      size,
      meta: { label, priority, numeric: true, className: id === hot ? 'hot' : undefined },
      cell: ({ row }) => format(row.original),
    });
    return [
      {
        id: 'rank',
        header: '#',
        size: 44,
        meta: { label: '#', priority: 1, sticky: true, required: true, className: 'muted' },
        cell: ({ row }) => row.index + 1,
      },
      // RAC: a SQL_ID appears once per instance holding the cursor, so each row names its instance
      ...(rac
        ? [
            {
              id: 'instId',
              header: t('col.instance'),
              size: 52,
              meta: { label: t('col.instance'), priority: 1, sticky: true, numeric: true },
              cell: ({ row }) => <span data-testid="top-sql-inst">{row.original.instId}</span>,
            } satisfies ColumnDef<TopSqlRow>,
          ]
        : []),
      {
        id: 'sqlId',
        header: 'SQL ID',
        size: 124,
        meta: { label: 'SQL ID', priority: 1, sticky: true, required: true, className: 'mono' },
        cell: ({ row }) => row.original.sqlId,
      },
      {
        id: 'text',
        header: t('col.text'),
        size: 220,
        meta: { label: t('col.text'), priority: 1, grow: true, minSize: 120, className: 'mono sql-snippet' },
        cell: ({ row }) => <span title={row.original.sqlTextSnippet}>{row.original.sqlTextSnippet}</span>,
      },
      metric('executions', t('col.executions'), 1, (r) => num(r.executions, lang)),
      metric('elapsedMs', t('col.elapsed'), 1, (r) => ms(r.elapsedMs, lang), 104),
      metric('elapsedMsPerExec', t('col.elapsedPerExec'), 1, (r) => ms(r.elapsedMsPerExec, lang), 104),
      metric('cpuMs', t('col.cpu'), 2, (r) => ms(r.cpuMs, lang), 104),
      metric('cpuMsPerExec', t('col.cpuPerExec'), 2, (r) => ms(r.cpuMsPerExec, lang), 104),
      metric('bufferGets', t('col.gets'), 2, (r) => num(r.bufferGets, lang), 110),
      metric('bufferGetsPerExec', t('col.getsPerExec'), 3, (r) => num(r.bufferGetsPerExec, lang)),
      metric('diskReads', t('col.diskReads'), 3, (r) => num(r.diskReads, lang)),
      metric('rowsProcessed', t('col.rows'), 3, (r) => num(r.rowsProcessed, lang)),
      {
        id: 'parsingSchemaName',
        header: t('col.schema'),
        size: 120,
        meta: { label: t('col.schema'), priority: 4 },
        cell: ({ row }) => row.original.parsingSchemaName ?? '—',
      },
      {
        id: 'lastActiveTime',
        header: t('col.lastActive'),
        size: 156,
        meta: { label: t('col.lastActive'), priority: 4 },
        cell: ({ row }) => dateTime(row.original.lastActiveTime, lang),
      },
    ];
  }, [t, lang, hot, rac]);
}

function TopSqlTable({
  rows,
  hot,
  rac,
  selected,
  onOpen,
}: {
  rows: TopSqlRow[];
  hot: keyof TopSqlRow;
  rac: boolean;
  selected: string | undefined;
  onOpen: (sqlId: string) => void;
}) {
  const defs = useTopSqlColumns(hot, rac);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  // the column the list is sorted by stays on screen
  const columns = useColumnLayout('topSql', specs, [hot]);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (r) => `${r.instId}:${r.sqlId}`,
  });
  return (
    <>
      <div className="table-toolbar">
        <span />
        <ColumnMenu state={columns} labels={labels} />
      </div>
      <div className="panel panel-flush">
        <DataTable
          table={table}
          columns={columns}
          testId="top-sql-table"
          className="clickable-rows"
          rowAttributes={(row) => ({
            'data-testid': 'top-sql-row',
            'data-sql-id': row.original.sqlId,
            className: row.original.sqlId === selected ? 'selected' : undefined,
            tabIndex: 0,
            onClick: () => onOpen(row.original.sqlId),
            onKeyDown: (e) => {
              if (e.key === 'Enter') onOpen(row.original.sqlId);
            },
          })}
        />
      </div>
    </>
  );
}

function TopSqlView() {
  const { t } = useTranslation('topSql');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const [orderBy, setOrderBy] = useState<TopSqlOrder>(storedOrder);
  const [limit, setLimit] = useState<number>(storedLimit);
  const [sqlId, setSqlId] = useState(sqlIdFromHash);
  const [scope, setScope] = useState<TopSqlScope>('cumulative');

  useEffect(() => {
    const onHash = () => setSqlId(sqlIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    localStorage.setItem(ORDER_STORAGE, orderBy);
    localStorage.setItem(LIMIT_STORAGE, String(limit));
  }, [orderBy, limit]);

  const res = useResource(
    'monitor:topSql',
    connId && scope === 'cumulative' ? { connId, limit, orderBy } : null,
    {
      refreshMs: TOP_SQL_MS,
    },
  );
  useStaleFollowUp(res.data?.cache, res.reload);
  const result = res.data?.data;
  // RAC: a SQL_ID appears once per instance holding the cursor, so each row names its instance
  const rac = result?.instanceScope === 'cluster';
  const hot = ORDER_COLUMN[orderBy];
  const open = (id: string) => {
    window.location.hash = `/top-sql/${encodeURIComponent(id)}`;
  };

  return (
    <div className="view" data-testid="view-top-sql">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={TOP_SQL_MS}
      >
        <TopSqlScopeSelect value={scope} onChange={setScope} />
        {scope === 'cumulative' && (
          <span
            className="muted small"
            data-testid="top-sql-cumulative-note"
            title={t('window.cumulativeHint')}
          >
            {t('window.cumulativeNote')}
          </span>
        )}
        <label hidden={scope !== 'cumulative'}>
          {t('orderBy')}{' '}
          <select
            data-testid="top-sql-order"
            value={orderBy}
            onChange={(e) => setOrderBy(e.target.value as TopSqlOrder)}
          >
            {TOP_SQL_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`order.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('limit')}{' '}
          <select
            data-testid="top-sql-limit"
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value))}
          >
            {TOP_SQL_LIMITS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </ViewHeader>
      {sqlId && connId && (
        <SqlDetailPanel
          connId={connId}
          sqlId={sqlId}
          onClose={() => {
            window.location.hash = '/top-sql';
          }}
        />
      )}
      {scope !== 'cumulative' && connId && (
        <TopSqlWindowTable connId={connId} windowMin={scope} limit={limit} selectedSqlId={sqlId} />
      )}
      {scope === 'cumulative' && res.error && (
        <ViewError error={res.error} onRetry={() => void res.reload()} />
      )}
      {scope !== 'cumulative' ? null : res.loading && !result ? (
        <LoadingState label={tc('status.loading')} />
      ) : result && result.rows.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : result ? (
        <TopSqlTable rows={result.rows} hot={hot} rac={rac} selected={sqlId} onOpen={open} />
      ) : null}
    </div>
  );
}

export default withViewBoundary(TopSqlView);
