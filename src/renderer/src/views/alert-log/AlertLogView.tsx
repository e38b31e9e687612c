import {
  ALERT_LOG_DEFAULT_WINDOW,
  ALERT_LOG_WINDOWS,
  type AlertLogEntry,
  type AlertLogWindow,
  alertLevelName,
  alertTypeName,
} from '@shared/types/alert-log';
import {
  type ColumnDef,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { dateTime, duration, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import {
  type AlertFilter,
  filterAlerts,
  type LevelFilter,
  NO_ALERT_FILTER,
  oraCounts,
  splitOra,
} from './filter';
import '../views.css';
import './alert-log.css';

/** The alert-log key's TTL tier is medium (60 s): the poll follows the answer's own TTL. */
const ALERT_LOG_MS = 60_000;

function MessageText({ text }: { text: string }) {
  return (
    // Oracle's own words (English whatever the UI language): marked so the Korean-screen check skips them
    <span className="alert-text" title={text} data-oracle-text="">
      {splitOra(text).map((p, i) =>
        p.ora ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: the parts of one message never reorder
          <mark key={i} className="ora-code" data-testid="ora-code">
            {p.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: idem
          <span key={i}>{p.text}</span>
        ),
      )}
    </span>
  );
}

function useAlertColumns(showInstance: boolean, showContainer: boolean): ColumnDef<AlertLogEntry>[] {
  const { t, i18n } = useTranslation('alertLog');
  const lang = i18n.language;
  return useMemo<ColumnDef<AlertLogEntry>[]>(() => {
    const defs: ColumnDef<AlertLogEntry>[] = [
      {
        id: 'time',
        accessorKey: 'time',
        header: t('col.time'),
        size: 160,
        sortDescFirst: true,
        meta: { label: t('col.time'), priority: 1, sticky: true, required: true },
        cell: ({ row }) => (
          <span className="mono" title={new Date(row.original.time).toISOString()}>
            {dateTime(row.original.time, lang)}
          </span>
        ),
      },
    ];
    if (showInstance)
      defs.push({
        id: 'instId',
        accessorKey: 'instId',
        header: t('col.instance'),
        size: 60,
        meta: { label: t('col.instance'), priority: 1, numeric: true },
        cell: ({ row }) => <span data-testid="alert-inst">{row.original.instId}</span>,
      });
    if (showContainer)
      defs.push({
        id: 'container',
        accessorFn: (e) => e.containerName ?? String(e.conId),
        header: t('col.container'),
        size: 100,
        meta: { label: t('col.container'), priority: 2 },
        cell: ({ row }) => row.original.containerName ?? `CON_ID ${row.original.conId}`,
      });
    defs.push(
      {
        id: 'level',
        accessorKey: 'level',
        header: t('col.level'),
        size: 96,
        meta: { label: t('col.level'), priority: 1 },
        cell: ({ row }) => {
          const name = alertLevelName(row.original.level);
          return (
            <span
              className={`badge alert-level-${name}${row.original.level <= 2 ? ' bad' : ''}`}
              title={`MESSAGE_LEVEL ${row.original.level}`}
            >
              {t(`level.${name}`)}
            </span>
          );
        },
      },
      {
        id: 'type',
        accessorKey: 'type',
        header: t('col.type'),
        size: 96,
        meta: { label: t('col.type'), priority: 3 },
        cell: ({ row }) => (
          <span title={`MESSAGE_TYPE ${row.original.type}`}>
            {t(`type.${alertTypeName(row.original.type)}`)}
          </span>
        ),
      },
      {
        id: 'component',
        accessorFn: (e) => e.component ?? '',
        header: t('col.component'),
        size: 80,
        meta: { label: t('col.component'), priority: 3 },
      },
      {
        id: 'text',
        accessorKey: 'text',
        header: t('col.message'),
        size: 520,
        enableSorting: false,
        meta: { label: t('col.message'), priority: 1, grow: true, required: true, minSize: 240 },
        cell: ({ row }) => <MessageText text={row.original.text} />,
      },
    );
    return defs;
  }, [t, lang, showInstance, showContainer]);
}

function AlertTable({
  entries,
  showInstance,
  showContainer,
}: {
  entries: AlertLogEntry[];
  showInstance: boolean;
  showContainer: boolean;
}) {
  const defs = useAlertColumns(showInstance, showContainer);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'time', desc: true }]);
  const columns = useColumnLayout(
    'alertLog',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: entries,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (e) => `${e.instId}:${e.recordId}`,
  });
  return (
    <>
      <div className="table-toolbar">
        <span />
        <ColumnMenu state={columns} labels={labels} />
      </div>
      <DataTable
        table={table}
        columns={columns}
        testId="alert-log-table"
        rowAttributes={(row) => ({
          'data-testid': 'alert-row',
          'data-level': row.original.level,
          'data-inst': row.original.instId,
          'data-ora': row.original.oraCodes.join(' ') || undefined,
          className: row.original.level <= 2 ? 'alert-row-severe' : undefined,
        })}
      />
    </>
  );
}

function AlertLogView() {
  const { t, i18n } = useTranslation('alertLog');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const [minutes, setMinutes] = useState<AlertLogWindow>(ALERT_LOG_DEFAULT_WINDOW);
  const [filter, setFilter] = useState<AlertFilter>(NO_ALERT_FILTER);
  const res = useResource('diagnostics:alertLog', connId ? { connId, minutes } : null, {
    refreshMs: ALERT_LOG_MS,
  });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const shown = useMemo(() => (snap ? filterAlerts(snap.entries, filter) : []), [snap, filter]);
  const codes = useMemo(() => (snap ? oraCounts(snap.entries) : []), [snap]);
  const cluster = snap?.instanceScope === 'cluster';

  return (
    <div className="view" data-testid="view-alert-log">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={ALERT_LOG_MS}
      >
        <label>
          {t('window')}{' '}
          <select
            value={minutes}
            onChange={(e) => setMinutes(Number(e.target.value) as AlertLogWindow)}
            data-testid="alert-window"
          >
            {ALERT_LOG_WINDOWS.map((w) => (
              <option key={w} value={w}>
                {duration(w * 60, lang)}
              </option>
            ))}
          </select>
        </label>
      </ViewHeader>
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="alert-summary">
            <span data-testid="alert-window-label">
              {t('windowNote', { window: duration(snap.minutes * 60, lang), max: num(snap.maxRows, lang) })}
            </span>{' '}
            <span data-testid="alert-scope" data-scope={snap.scope} data-instance-scope={snap.instanceScope}>
              {t(`scope.${snap.scope}`)}
              {cluster
                ? ` ${t('clusterScope', { n: snap.instances.length, list: snap.instances.join(', ') })}`
                : ''}
            </span>{' '}
            {t('timeNote')}
          </p>
          {snap.truncated && (
            <p className="notice" role="status" data-testid="alert-truncated">
              {t('truncated', { max: num(snap.maxRows, lang) })}
            </p>
          )}
          <section className="panel">
            <div className="panel-head alert-filters">
              <label>
                {t('filter.level')}{' '}
                <select
                  value={filter.level}
                  onChange={(e) => setFilter({ ...filter, level: e.target.value as LevelFilter })}
                  data-testid="alert-level-filter"
                >
                  <option value="all">{t('filter.all')}</option>
                  <option value="8">{t('filter.important')}</option>
                  <option value="2">{t('filter.severe')}</option>
                  <option value="1">{t('filter.critical')}</option>
                </select>
              </label>
              <input
                type="search"
                value={filter.text}
                placeholder={t('filter.text')}
                aria-label={t('filter.text')}
                onChange={(e) => setFilter({ ...filter, text: e.target.value })}
                data-testid="alert-text-filter"
              />
              <label>
                <input
                  type="checkbox"
                  checked={filter.oraOnly}
                  onChange={(e) => setFilter({ ...filter, oraOnly: e.target.checked })}
                  data-testid="alert-ora-only"
                />{' '}
                {t('filter.oraOnly')}
              </label>
              <span
                className="muted"
                data-testid="alert-count"
                data-shown={shown.length}
                data-total={snap.entries.length}
              >
                {t('count', { shown: num(shown.length, lang), total: num(snap.entries.length, lang) })}
              </span>
            </div>
            {codes.length > 0 && (
              <div className="ora-summary" data-testid="ora-summary">
                {codes.map(([code, n]) => (
                  <button
                    type="button"
                    key={code}
                    className="badge bad ora-chip"
                    data-testid="ora-chip"
                    data-code={code}
                    onClick={() => setFilter({ ...filter, text: code })}
                    title={t('filter.byCode', { code })}
                  >
                    {code} × {num(n, lang)}
                  </button>
                ))}
              </div>
            )}
            {shown.length === 0 ? (
              <EmptyState>{snap.entries.length === 0 ? t('empty') : t('emptyFiltered')}</EmptyState>
            ) : (
              <AlertTable entries={shown} showInstance={cluster} showContainer={snap.scope === 'cdb'} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(AlertLogView);
