import type { LongOpRow } from '@shared/types/long-ops';
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
import { dateTime, duration, num, pct } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import '../views.css';
import '../alert-log/alert-log.css';
import { SidLink } from '../../components/SidLink';

/** The longops key's tier is realtime (15 s). */
const LONG_OPS_MS = 15_000;

const opKey = (o: LongOpRow) =>
  `${o.instId}:${o.sid}:${o.serial}:${o.opname}:${o.target ?? ''}:${o.startTime ?? ''}`;

function useLongOpColumns(showInstance: boolean): ColumnDef<LongOpRow>[] {
  const { t, i18n } = useTranslation('longOps');
  const lang = i18n.language;
  return useMemo<ColumnDef<LongOpRow>[]>(() => {
    const defs: ColumnDef<LongOpRow>[] = [
      {
        id: 'sid',
        accessorKey: 'sid',
        header: t('col.sid'),
        size: 96,
        meta: { label: t('col.sid'), priority: 1, sticky: true, required: true, numeric: true },
        cell: ({ row }) => {
          const o = row.original;
          return (
            // the session drill-down opens from the SID (the same link as in every other list)
            <span data-testid="longop-sid" data-sid={o.sid} data-serial={o.serial} data-inst={o.instId}>
              <SidLink instId={o.instId} sid={o.sid} serial={o.serial} />
            </span>
          );
        },
      },
    ];
    if (showInstance)
      defs.push({
        id: 'instId',
        accessorKey: 'instId',
        header: t('col.instance'),
        size: 56,
        meta: { label: t('col.instance'), priority: 1, numeric: true },
      });
    defs.push(
      {
        id: 'username',
        accessorFn: (o) => o.username ?? '',
        header: t('col.user'),
        size: 100,
        meta: { label: t('col.user'), priority: 2 },
      },
      {
        id: 'opname',
        accessorKey: 'opname',
        header: t('col.operation'),
        size: 230,
        meta: { label: t('col.operation'), priority: 1, grow: true, minSize: 150 },
        cell: ({ row }) => (
          <span title={row.original.message ?? row.original.opname}>
            {row.original.opname}
            {row.original.target ? <span className="muted"> · {row.original.target}</span> : null}
          </span>
        ),
      },
      {
        id: 'pctDone',
        accessorFn: (o) => o.pctDone ?? -1,
        header: t('col.progress'),
        size: 150,
        sortDescFirst: true,
        meta: { label: t('col.progress'), priority: 1, numeric: true },
        cell: ({ row }) => {
          const o = row.original;
          return (
            <span
              className="progress-cell"
              data-testid="longop-progress"
              data-pct={o.pctDone ?? ''}
              title={t('workDone', {
                sofar: num(o.sofar, lang),
                total: num(o.totalWork, lang),
                units: o.units ?? '',
              })}
            >
              <span className="pct-bar">
                <span style={{ width: `${Math.min(100, o.pctDone ?? 0)}%` }} />
              </span>
              {o.pctDone === null ? '—' : pct(o.pctDone, lang)}
            </span>
          );
        },
      },
      {
        id: 'work',
        accessorKey: 'sofar',
        header: t('col.work'),
        size: 190,
        meta: { label: t('col.work'), priority: 3, numeric: true },
        cell: ({ row }) =>
          t('workDone', {
            sofar: num(row.original.sofar, lang),
            total: num(row.original.totalWork, lang),
            units: row.original.units ?? '',
          }),
      },
      {
        id: 'elapsedSec',
        accessorFn: (o) => o.elapsedSec ?? -1,
        header: t('col.elapsed'),
        size: 100,
        sortDescFirst: true,
        meta: { label: t('col.elapsed'), priority: 1, numeric: true },
        cell: ({ row }) => duration(row.original.elapsedSec, lang),
      },
      {
        id: 'timeRemainingSec',
        accessorFn: (o) => o.timeRemainingSec ?? -1,
        header: t('col.remaining'),
        size: 120,
        meta: { label: t('col.remaining'), priority: 1, numeric: true },
        cell: ({ row }) =>
          row.original.done ? (
            <span className="badge ok" data-testid="longop-done">
              {t('done')}
            </span>
          ) : (
            <span title={t('remainingNote')}>≈ {duration(row.original.timeRemainingSec, lang)}</span>
          ),
      },
      {
        id: 'startTime',
        accessorFn: (o) => o.startTime ?? 0,
        header: t('col.started'),
        size: 160,
        meta: { label: t('col.started'), priority: 2 },
        cell: ({ row }) => <span className="mono">{dateTime(row.original.startTime, lang)}</span>,
      },
      {
        id: 'sqlId',
        accessorFn: (o) => o.sqlId ?? '',
        header: t('col.sqlId'),
        size: 122,
        meta: { label: t('col.sqlId'), priority: 2 },
        cell: ({ row }) =>
          row.original.sqlId ? (
            <span className="mono" data-testid="longop-sql-id">
              {row.original.sqlId}
            </span>
          ) : (
            '—'
          ),
      },
    );
    return defs;
  }, [t, lang, showInstance]);
}

function LongOpsTable({ ops, showInstance }: { ops: LongOpRow[]; showInstance: boolean }) {
  const defs = useLongOpColumns(showInstance);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useColumnLayout(
    'longOps',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: ops,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: opKey,
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
        testId="long-ops-table"
        rowAttributes={(row) => ({
          'data-testid': 'longop-row',
          'data-done': row.original.done ? 'true' : 'false',
          'data-sid': row.original.sid,
          'data-inst': row.original.instId,
        })}
      />
    </>
  );
}

function LongOpsView() {
  const { t, i18n } = useTranslation('longOps');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const res = useResource('diagnostics:longOps', connId ? { connId } : null, { refreshMs: LONG_OPS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const running = snap ? snap.ops.filter((o) => !o.done).length : 0;
  const done = snap ? snap.ops.length - running : 0;

  return (
    <div className="view" data-testid="view-long-ops">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={LONG_OPS_MS}
      />
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="longops-summary" data-running={running} data-done={done}>
            {t('summary', {
              running: num(running, lang),
              done: num(done, lang),
              recent: duration(snap.recentMinutes * 60, lang),
            })}{' '}
            <span
              data-testid="longops-scope"
              data-scope={snap.scope}
              data-instance-scope={snap.instanceScope}
            >
              {t(`scope.${snap.scope}`)}
              {snap.instanceScope === 'cluster' ? ` ${t('clusterScope')}` : ''}
            </span>{' '}
            {t('remainingNote')}
          </p>
          <section className="panel">
            {snap.ops.length === 0 ? (
              <EmptyState>{t('empty', { recent: duration(snap.recentMinutes * 60, lang) })}</EmptyState>
            ) : (
              <LongOpsTable ops={snap.ops} showInstance={snap.instanceScope === 'cluster'} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(LongOpsView);
