import type { WaitEventRow } from '@shared/types/oracle';
import {
  type ColumnDef,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { duration, ms, num, pct } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { WaitClassDonut } from '../../components/WaitClassDonut';
import { waitClassColor } from '../../components/waitClasses';
import { useConnection } from '../../state/connection';
import '../views.css';

const WAITS_MS = 30_000;

type EventLine = WaitEventRow & { pct: number };

function useEventColumns(): ColumnDef<EventLine>[] {
  const { t, i18n } = useTranslation('waits');
  const lang = i18n.language;
  return useMemo<ColumnDef<EventLine>[]>(() => {
    const metric = (
      id: keyof EventLine,
      label: string,
      priority: number,
      cell: (e: EventLine) => ReactNode,
      size = 110,
    ): ColumnDef<EventLine> => ({
      id,
      accessorFn: (e) => e[id] ?? -1,
      header: label,
      size,
      sortDescFirst: true,
      meta: { label, priority, numeric: true },
      cell: ({ row }) => cell(row.original),
    });
    return [
      {
        id: 'event',
        accessorKey: 'event',
        header: t('col.event'),
        size: 240,
        meta: { label: t('col.event'), priority: 1, sticky: true, required: true, grow: true, minSize: 140 },
        cell: ({ row }) => <span title={row.original.event}>{row.original.event}</span>,
      },
      {
        id: 'waitClass',
        accessorKey: 'waitClass',
        header: t('col.waitClass'),
        size: 130,
        meta: { label: t('col.waitClass'), priority: 1 },
        cell: ({ row }) => (
          <>
            <span className="dot" style={{ background: waitClassColor(row.original.waitClass) }} />
            {row.original.waitClass}
          </>
        ),
      },
      metric('waitsPerSec', t('col.waitsPerSec'), 1, (e) => num(e.waitsPerSec, lang)),
      metric(
        'timeWaitedMsPerSec',
        t('col.timeWaitedMsPerSec'),
        1,
        (e) => num(e.timeWaitedMsPerSec, lang),
        130,
      ),
      metric('avgWaitMs', t('col.avgWaitMs'), 1, (e) => ms(e.avgWaitMs, lang)),
      metric(
        'pct',
        t('col.pct'),
        1,
        (e) => (
          <>
            <span className="pct-bar">
              <span style={{ width: `${Math.min(100, e.pct)}%` }} />
            </span>
            {pct(e.pct, lang)}
          </>
        ),
        140,
      ),
      metric('totalWaits', t('col.totalWaits'), 3, (e) => num(e.totalWaits, lang), 120),
      metric(
        'avgWaitMsSinceStartup',
        t('col.avgSinceStartup'),
        3,
        (e) => ms(e.avgWaitMsSinceStartup, lang),
        130,
      ),
    ];
  }, [t, lang]);
}

function WaitEventsTable({ events }: { events: EventLine[] }) {
  const defs = useEventColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'timeWaitedMsPerSec', desc: true }]);
  const columns = useColumnLayout(
    'waitEvents',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: events,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (e) => e.event,
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
        testId="wait-events-table"
        rowAttributes={() => ({ 'data-testid': 'wait-event-row' })}
      />
    </>
  );
}

function WaitsView() {
  const { t, i18n } = useTranslation('waits');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const res = useResource('monitor:waitEvents', connId ? { connId } : null, { refreshMs: WAITS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const [classFilter, setClassFilter] = useState('all');

  const totalMsPerSec = useMemo(
    () => (snap ? snap.events.reduce((sum, e) => sum + e.timeWaitedMsPerSec, 0) : 0),
    [snap],
  );
  const events = useMemo<EventLine[]>(() => {
    if (!snap) return [];
    const pctOf = (e: WaitEventRow) => (totalMsPerSec > 0 ? (e.timeWaitedMsPerSec / totalMsPerSec) * 100 : 0);
    return snap.events
      .filter((e) => classFilter === 'all' || e.waitClass === classFilter)
      .map((e) => ({ ...e, pct: pctOf(e) }));
  }, [snap, classFilter, totalMsPerSec]);

  const classData = useMemo(
    () =>
      (snap?.classes ?? [])
        .filter((c) => c.timeWaitedMsPerSec > 0 || c.waitsPerSec > 0)
        .map((c) => ({ ...c, name: c.waitClass })),
    [snap],
  );

  return (
    <div className="view" data-testid="view-waits">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={WAITS_MS}
      />
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="waits-interval">
            {snap.sinceStartup
              ? t('sinceStartup')
              : t('interval', { interval: duration(snap.intervalSec, lang) })}{' '}
            <span data-testid="waits-scope" data-scope={snap.scope}>
              {t(`scope.${snap.scope}`)}
              {snap.instanceScope === 'cluster'
                ? ` · ${t('clusterScope', { n: snap.instances.length })}`
                : ''}
            </span>{' '}
            {t('foregroundNote')}
          </p>
          {classData.length === 0 ? (
            <EmptyState>{t('emptyClasses')}</EmptyState>
          ) : (
            <div className="chart-grid-2">
              <section className="panel">
                <h2>{t('byClass')} (ms/s)</h2>
                <div className="chart" style={{ height: 260 }} data-testid="wait-class-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={classData} layout="vertical" margin={{ left: 8, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
                      <XAxis type="number" fontSize={11} />
                      <YAxis type="category" dataKey="name" width={110} fontSize={11} interval={0} />
                      <Tooltip
                        formatter={(v) => [`${num(Number(v), lang)} ms/s`, t('col.timeWaited')]}
                        contentStyle={{
                          background: 'var(--panel)',
                          border: '1px solid var(--border)',
                          fontSize: 12,
                        }}
                      />
                      <Bar dataKey="timeWaitedMsPerSec" isAnimationActive={false}>
                        {classData.map((c, i) => (
                          <Cell key={c.waitClass} fill={waitClassColor(c.waitClass, i)} />
                        ))}
                      </Bar>
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="panel">
                <h2>{t('share')}</h2>
                <div className="chart-with-legend">
                  <WaitClassDonut
                    slices={classData}
                    valueKey="timeWaitedMsPerSec"
                    size={240}
                    format={(v) => `${num(v, lang)} ms/s`}
                  />
                  <table className="compact-table" data-testid="wait-class-table">
                    <tbody>
                      {classData.map((c, i) => (
                        <tr key={c.waitClass}>
                          <td>
                            <span className="dot" style={{ background: waitClassColor(c.waitClass, i) }} />
                            {c.waitClass}
                          </td>
                          <td className="num">{num(c.pctOfWaitTime, lang)} %</td>
                          <td className="num">{num(c.timeWaitedMsPerSec, lang)} ms/s</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          )}
          <section className="panel">
            <div className="panel-head">
              <h2>{t('byEvent')}</h2>
              <label>
                {t('col.waitClass')}{' '}
                <select
                  value={classFilter}
                  onChange={(e) => setClassFilter(e.target.value)}
                  data-testid="waits-class-filter"
                >
                  <option value="all">{t('all')}</option>
                  {snap.classes.map((c) => (
                    <option key={c.waitClass} value={c.waitClass}>
                      {c.waitClass}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {events.length === 0 ? (
              <EmptyState>{t('emptyEvents')}</EmptyState>
            ) : (
              <WaitEventsTable events={events} />
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(WaitsView);
