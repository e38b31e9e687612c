import type { ResourceLimitRow } from '@shared/types/limits';
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
import { dateTime, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { PctBar } from '../space/PctBar';
import '../views.css';
import '../space/space.css';

/** tms:{connId}:limits is on the short tier (30 s) */
const LIMITS_MS = 30_000;

function useLimitColumns(): ColumnDef<ResourceLimitRow>[] {
  const { t, i18n } = useTranslation('limits');
  const lang = i18n.language;
  return useMemo<ColumnDef<ResourceLimitRow>[]>(() => {
    const count = (id: 'current' | 'max', label: string): ColumnDef<ResourceLimitRow> => ({
      id,
      accessorKey: id,
      header: label,
      size: 110,
      sortDescFirst: true,
      meta: { label, priority: 1, numeric: true },
      cell: ({ row }) => num(row.original[id], lang),
    });
    const pctCol = (id: 'currentPct' | 'maxPct', label: string): ColumnDef<ResourceLimitRow> => ({
      id,
      accessorFn: (r) => r[id] ?? -1,
      header: label,
      size: 150,
      sortDescFirst: true,
      meta: { label, priority: 1, numeric: true },
      cell: ({ row }) => (row.original[id] === null ? '—' : <PctBar value={row.original[id]} lang={lang} />),
    });
    const alloc = (
      id: 'initial' | 'limit',
      label: string,
      priority: number,
    ): ColumnDef<ResourceLimitRow> => ({
      id,
      accessorFn: (r) => r[id] ?? Number.MAX_SAFE_INTEGER,
      header: label,
      size: 120,
      meta: { label, priority, numeric: true },
      cell: ({ row }) => (row.original[id] === null ? t('unlimited') : num(row.original[id], lang)),
    });
    return [
      {
        id: 'resource',
        accessorKey: 'resource',
        header: t('col.resource'),
        size: 190,
        meta: {
          label: t('col.resource'),
          priority: 1,
          sticky: true,
          required: true,
          grow: true,
          minSize: 140,
        },
      },
      {
        id: 'instId',
        accessorKey: 'instId',
        header: t('col.inst'),
        size: 60,
        meta: { label: t('col.inst'), priority: 1, numeric: true },
      },
      pctCol('currentPct', t('col.currentPct')),
      count('current', t('col.current')),
      pctCol('maxPct', t('col.maxPct')),
      count('max', t('col.max')),
      alloc('limit', t('col.limit'), 1),
      alloc('initial', t('col.initial'), 2),
    ];
  }, [t, lang]);
}

function LimitsTable({ rows }: { rows: ResourceLimitRow[] }) {
  const defs = useLimitColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  // the service's order: closest to its limit first, unlimited last
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useColumnLayout(
    'resourceLimits',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => `${r.instId}:${r.resource}`,
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
        testId="limits-table"
        rowAttributes={(row) => ({
          'data-testid': 'limit-row',
          'data-resource': row.original.resource,
          'data-inst': String(row.original.instId),
          'data-pct': row.original.currentPct === null ? '' : String(row.original.currentPct),
        })}
      />
    </>
  );
}

function LimitsView() {
  const { t, i18n } = useTranslation('limits');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const res = useResource('space:limits', connId ? { connId } : null, { refreshMs: LIMITS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const since = snap
    ? snap.instances
        .map((i) => t('startups', { inst: i.instId, at: dateTime(i.startupTime, lang) }))
        .join('; ')
    : '';
  return (
    <div className="view" data-testid="view-limits">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={LIMITS_MS}
      />
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="limits-note">
            {t('note', { since })}
          </p>
          <p
            className="muted"
            data-testid="limits-scope"
            data-scope={snap.scope}
            data-instances={snap.instanceScope}
          >
            {t(`scope.${snap.scope}`)}
            {snap.instanceScope === 'cluster' ? ` · ${t('cluster', { n: snap.instances.length })}` : ''}
          </p>
          <section className="panel">
            {snap.rows.length === 0 ? (
              <EmptyState>{t('empty')}</EmptyState>
            ) : (
              <LimitsTable rows={snap.rows} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(LimitsView);
