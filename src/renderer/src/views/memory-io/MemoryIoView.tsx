import type { IoLine, MemoryIoSnapshot } from '@shared/types/memory-io';
import {
  type ColumnDef,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatNumber } from '../../components/format';
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
import {
  formatBinaryBytes,
  type InstanceChoice,
  ioLinesFor,
  mibToBytes,
  pgaFor,
  sgaFor,
} from './memory-model';
import '../views.css';
import './memory-io.css';

/** the cache tier of `tms:{connId}:memory-io` ('short'): the I/O rates' window */
const MEMORY_IO_MS = 30_000;

type IoBy = 'fileType' | 'function';

function useIoColumns(by: IoBy, cumulativeOnly: boolean): ColumnDef<IoLine>[] {
  const { t, i18n } = useTranslation('memory');
  const lang = i18n.language;
  return useMemo<ColumnDef<IoLine>[]>(() => {
    const col = (
      id: string,
      label: string,
      priority: number,
      value: (l: IoLine) => number | null,
      show: (v: number | null) => ReactNode,
      size = 104,
    ): ColumnDef<IoLine> => ({
      id,
      accessorFn: (l) => value(l) ?? -1,
      header: label,
      size,
      sortDescFirst: true,
      meta: { label, priority, numeric: true },
      cell: ({ row }) => show(value(row.original)),
    });
    const mibRate = (v: number | null) => (v === null ? '—' : `${formatBinaryBytes(mibToBytes(v), lang)}/s`);
    const perSec = (v: number | null) => (v === null ? '—' : num(v, lang));
    const cols: ColumnDef<IoLine>[] = [
      {
        id: 'name',
        accessorKey: 'name',
        header: by === 'fileType' ? t('col.fileType') : t('col.function'),
        size: 170,
        meta: {
          label: by === 'fileType' ? t('col.fileType') : t('col.function'),
          priority: 1,
          sticky: true,
          required: true,
          grow: true,
          minSize: 120,
        },
        cell: ({ row }) => <span title={row.original.name}>{row.original.name}</span>,
      },
    ];
    if (!cumulativeOnly) {
      cols.push(
        col('readRate', t('col.readRate'), 1, (l) => l.perSec?.readMiB ?? null, mibRate, 110),
        col('writeRate', t('col.writeRate'), 1, (l) => l.perSec?.writeMiB ?? null, mibRate, 110),
        col('smallReadRate', t('col.smallReadRate'), 1, (l) => l.perSec?.smallReadReqs ?? null, perSec),
        col('largeReadRate', t('col.largeReadRate'), 2, (l) => l.perSec?.largeReadReqs ?? null, perSec),
        col('smallWriteRate', t('col.smallWriteRate'), 1, (l) => l.perSec?.smallWriteReqs ?? null, perSec),
        col('largeWriteRate', t('col.largeWriteRate'), 2, (l) => l.perSec?.largeWriteReqs ?? null, perSec),
      );
      if (by === 'function') {
        cols.push(col('waitRate', t('col.waitRate'), 1, (l) => l.perSec?.waitMsPerSec ?? null, perSec, 110));
      }
    }
    const bytes = (v: number | null) => formatBinaryBytes(mibToBytes(v), lang);
    const count = (v: number | null) => (v === null ? '—' : formatNumber(v, lang));
    cols.push(
      col('totalRead', t('col.totalRead'), cumulativeOnly ? 1 : 3, (l) => l.total.readMiB, bytes, 120),
      col('totalWrite', t('col.totalWrite'), cumulativeOnly ? 1 : 3, (l) => l.total.writeMiB, bytes, 120),
      col(
        'totalReqs',
        t('col.totalReqs'),
        cumulativeOnly ? 1 : 4,
        (l) =>
          l.total.smallReadReqs + l.total.largeReadReqs + l.total.smallWriteReqs + l.total.largeWriteReqs,
        count,
        130,
      ),
    );
    if (by === 'function') {
      cols.push(
        col('totalWait', t('col.totalWait'), cumulativeOnly ? 1 : 4, (l) => l.total.waitMs, count, 120),
      );
    }
    return cols;
  }, [t, lang, by, cumulativeOnly]);
}

function IoTable({ lines, by, cumulativeOnly }: { lines: IoLine[]; by: IoBy; cumulativeOnly: boolean }) {
  const defs = useIoColumns(by, cumulativeOnly);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([]);
  const columns = useColumnLayout(
    by === 'fileType' ? 'memoryIoFileTypes' : 'memoryIoFunctions',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: lines,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (l) => l.name,
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
        testId="memory-io-table"
        rowAttributes={(row) => ({ 'data-testid': 'memory-io-row', 'data-name': row.original.name })}
      />
    </>
  );
}

function SgaPanel({ snap, choice }: { snap: MemoryIoSnapshot; choice: InstanceChoice }) {
  const { t, i18n } = useTranslation('memory');
  const lang = i18n.language;
  const sga = sgaFor(snap, choice);
  const b = (v: number | null | undefined) => formatBinaryBytes(v, lang);
  if (!sga) return <EmptyState>{t('noSga')}</EmptyState>;
  const cluster = choice === 'cluster' && snap.instIds.length > 1;
  return (
    <section className="panel" data-testid="memory-sga">
      <h2>{t('sga.title')}</h2>
      <p className="muted small" data-testid="memory-sga-summary">
        {t('sga.summary', {
          total: b(sga.summary.totalBytes),
          max: b(sga.summary.maxBytes),
          target: sga.summary.targetBytes ? b(sga.summary.targetBytes) : t('sga.off'),
          granule: b(sga.summary.granuleBytes),
          free: b(sga.summary.freeBytes),
        })}
        {sga.summary.memoryTargetBytes
          ? ` ${t('sga.memoryTarget', { v: b(sga.summary.memoryTargetBytes) })}`
          : ''}
      </p>
      <table className="compact-table memory-kv" data-testid="memory-sga-table">
        <thead>
          <tr>
            <th>{t('sga.component')}</th>
            <th className="num">{t('sga.current')}</th>
            <th className="num" title={t('sga.sinceStartupTitle')}>
              {t('sga.min')}
            </th>
            <th className="num" title={t('sga.sinceStartupTitle')}>
              {t('sga.max')}
            </th>
            <th className="num">{t('sga.resizes')}</th>
          </tr>
        </thead>
        <tbody>
          {sga.components.map((c) => (
            <tr key={c.component} data-testid="memory-sga-row" data-component={c.component}>
              <td>{c.component}</td>
              <td className="num">{b(c.currentBytes)}</td>
              <td className="num">{b(c.minBytes)}</td>
              <td className="num">{b(c.maxBytes)}</td>
              <td className="num">{formatNumber(c.operationCount, lang)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {sga.zero.length > 0 && (
        <p className="muted small" data-testid="memory-sga-zero">
          {t('sga.zero', { list: sga.zero.join(', ') })}
        </p>
      )}
      <p className="muted small">
        {cluster ? t('sga.clusterNote', { n: snap.instIds.length }) : t('sga.note')}
      </p>
    </section>
  );
}

function PgaPanel({ snap, choice }: { snap: MemoryIoSnapshot; choice: InstanceChoice }) {
  const { t, i18n } = useTranslation('memory');
  const lang = i18n.language;
  const p = pgaFor(snap, choice);
  const b = (v: number | null | undefined) => formatBinaryBytes(v, lang);
  if (!p) return <EmptyState>{t('noPga')}</EmptyState>;
  const cluster = choice === 'cluster' && snap.instIds.length > 1;
  const rows: [string, string, ReactNode][] = [
    ['target', t('pga.target'), b(p.targetBytes)],
    ['limit', t('pga.limit'), p.limitBytes === 0 ? t('pga.noLimit') : b(p.limitBytes)],
    ['allocated', t('pga.allocated'), b(p.allocatedBytes)],
    ['inUse', t('pga.inUse'), b(p.inUseBytes)],
    ['maxAllocated', t('pga.maxAllocated'), b(p.maxAllocatedBytes)],
    [
      'overAllocation',
      t('pga.overAllocation'),
      p.overAllocationCount === null ? '—' : formatNumber(p.overAllocationCount, lang),
    ],
    ['cacheHit', t('pga.cacheHit'), pct(p.cacheHitPct, lang)],
  ];
  const usedPct =
    p.allocatedBytes !== null && p.targetBytes ? (p.allocatedBytes / p.targetBytes) * 100 : null;
  return (
    <section className="panel" data-testid="memory-pga">
      <h2>{t('pga.title')}</h2>
      {usedPct !== null && (
        <p className="muted small" data-testid="memory-pga-summary">
          <span className="pct-bar">
            <span style={{ width: `${Math.min(100, usedPct)}%` }} />
          </span>
          {t('pga.ofTarget', { pct: pct(usedPct, lang) })}
        </p>
      )}
      <table className="compact-table memory-kv" data-testid="memory-pga-table">
        <tbody>
          {rows.map(([id, label, value]) => (
            <tr key={id} data-testid={`memory-pga-${id}`}>
              <td>{label}</td>
              <td className="num">{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="muted small">
        {cluster ? t('pga.clusterNote', { n: snap.instIds.length }) : t('pga.note')}
      </p>
    </section>
  );
}

function MemoryIoView() {
  const { t, i18n } = useTranslation('memory');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const res = useResource('memory:snapshot', connId ? { connId } : null, { refreshMs: MEMORY_IO_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const [choice, setChoice] = useState<InstanceChoice>('cluster');
  const [by, setBy] = useState<IoBy>('fileType');
  const rac = (snap?.instIds.length ?? 0) > 1;
  const effective: InstanceChoice =
    rac && choice !== 'cluster' && snap?.instIds.includes(choice) ? choice : 'cluster';
  const io = snap ? ioLinesFor(snap, effective, by) : null;
  const windows =
    snap?.io.window.instances.filter((w) => effective === 'cluster' || w.instId === effective) ?? [];
  const cumulativeOnly = io ? io.seconds === null || io.lines.every((l) => l.perSec === null) : true;
  const restarted = windows.filter((w) => w.restarted).map((w) => w.instId);
  const startups = windows.map((w) => w.startupTime).filter((x): x is number => x !== null);

  return (
    <div className="view" data-testid="view-memory-io">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={MEMORY_IO_MS}
      >
        {rac && snap && (
          <label>
            {t('instance')}{' '}
            <select
              value={String(effective)}
              onChange={(e) => setChoice(e.target.value === 'cluster' ? 'cluster' : Number(e.target.value))}
              data-testid="memory-instance"
            >
              <option value="cluster">{t('clusterTotal', { n: snap.instIds.length })}</option>
              {snap.instIds.map((id) => (
                <option key={id} value={id}>
                  {t('instanceN', { n: id })}
                </option>
              ))}
            </select>
          </label>
        )}
      </ViewHeader>
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p
            className="muted"
            data-testid="memory-scope"
            data-scope={snap.scope}
            data-instance-scope={snap.instanceScope}
          >
            {snap.inPdb ? t('scope.pdb') : t(`scope.${snap.scope}`)}{' '}
            {rac
              ? effective === 'cluster'
                ? t('scope.cluster', { n: snap.instIds.length })
                : t('scope.oneInstance', { n: effective })
              : ''}
          </p>
          <div className="chart-grid-2 memory-grid">
            <SgaPanel snap={snap} choice={effective} />
            <PgaPanel snap={snap} choice={effective} />
          </div>
          <section className="panel" data-testid="memory-io">
            <div className="panel-head">
              <h2>{t('io.title')}</h2>
              <div className="segmented" role="tablist">
                {(['fileType', 'function'] as const).map((k) => (
                  <button
                    key={k}
                    type="button"
                    role="tab"
                    aria-selected={by === k}
                    className={by === k ? 'active' : ''}
                    onClick={() => setBy(k)}
                    data-testid={`memory-io-by-${k}`}
                  >
                    {t(`io.by.${k}`)}
                  </button>
                ))}
              </div>
            </div>
            <p
              className="muted small"
              data-testid="memory-io-window"
              data-cumulative={cumulativeOnly ? 'yes' : 'no'}
            >
              {cumulativeOnly
                ? t('io.cumulativeOnly', {
                    since: startups.length > 0 ? dateTime(Math.min(...startups), lang) : '—',
                  })
                : t('io.window', {
                    window: duration(io?.seconds ?? 0, lang),
                    since: startups.length > 0 ? dateTime(Math.min(...startups), lang) : '—',
                  })}
              {restarted.length > 0 ? ` ${t('io.restarted', { list: restarted.join(', ') })}` : ''}
              {effective === 'cluster' && rac && !cumulativeOnly ? ` ${t('io.clusterNote')}` : ''}
            </p>
            {io && io.lines.length > 0 ? (
              <IoTable lines={io.lines} by={by} cumulativeOnly={cumulativeOnly} />
            ) : (
              <EmptyState>{t('io.empty')}</EmptyState>
            )}
            <p className="muted small">{t('io.units')}</p>
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(MemoryIoView);
