import type { CacheMeta } from '@shared/cache';
import type {
  AsmData,
  RecoveryAreaData,
  SpaceDenied,
  TablespaceRow,
  TablespacesData,
  TempUserRow,
} from '@shared/types/space';
import {
  type ColumnDef,
  getCoreRowModel,
  getSortedRowModel,
  type SortingState,
  useReactTable,
} from '@tanstack/react-table';
import { type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatAge } from '../../components/format';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { num, pct } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { binBytes, fullness } from './format';
import { PctBar } from './PctBar';
import '../views.css';
import './space.css';

/** tms:{connId}:space is on the long tier (300 s); TEMP by session on the short one (30 s) */
const SPACE_MS = 300_000;
const TEMP_MS = 30_000;

function Denied({ denied, testId }: { denied: SpaceDenied; testId: string }) {
  const { t } = useTranslation('space');
  return (
    <div className="view-error" data-testid={testId}>
      <p>{t('denied', { views: denied.views.join(', ') })}</p>
      <pre className="error-grant">{denied.grant}</pre>
    </div>
  );
}

function useTablespaceColumns(withContainer: boolean): ColumnDef<TablespaceRow>[] {
  const { t, i18n } = useTranslation('space');
  const lang = i18n.language;
  return useMemo<ColumnDef<TablespaceRow>[]>(() => {
    const bytes = (
      id: keyof TablespaceRow,
      label: string,
      priority: number,
      size = 110,
    ): ColumnDef<TablespaceRow> => ({
      id,
      accessorFn: (r) => (r[id] as number | null) ?? -1,
      header: label,
      size,
      sortDescFirst: true,
      meta: { label, priority, numeric: true },
      cell: ({ row }) => binBytes(row.original[id] as number | null, lang),
    });
    const cols: ColumnDef<TablespaceRow>[] = [];
    if (withContainer) {
      cols.push({
        id: 'container',
        accessorFn: (r) => r.container ?? String(r.conId ?? ''),
        header: t('col.container'),
        size: 110,
        meta: { label: t('col.container'), priority: 1, sticky: true },
      });
    }
    cols.push(
      {
        id: 'name',
        accessorKey: 'name',
        header: t('col.name'),
        size: 160,
        meta: { label: t('col.name'), priority: 1, sticky: true, required: true, grow: true, minSize: 110 },
        cell: ({ row }) => (
          <span title={row.original.name}>
            {row.original.name}
            {row.original.atMaxSize && (
              <span className="badge bad at-max" title={t('atMaxTitle')} data-testid="at-max">
                {t('atMax')}
              </span>
            )}
          </span>
        ),
      },
      {
        id: 'usedPct',
        accessorKey: 'usedPct',
        header: t('col.pctOfMax'),
        size: 140,
        sortDescFirst: true,
        meta: { label: t('col.pctOfMax'), priority: 1, numeric: true },
        cell: ({ row }) => <PctBar value={row.original.usedPct} lang={lang} />,
      },
      bytes('usedBytes', t('col.used'), 1),
      bytes('maxBytes', t('col.max'), 1, 130),
      bytes('freeBytes', t('col.free'), 2),
      bytes('allocatedBytes', t('col.allocated'), 2, 120),
      {
        id: 'contents',
        accessorKey: 'contents',
        header: t('col.contents'),
        size: 110,
        meta: { label: t('col.contents'), priority: 3 },
      },
      {
        id: 'autoextend',
        accessorFn: (r) => r.autoextensibleFiles ?? -1,
        header: t('col.autoextend'),
        size: 150,
        meta: { label: t('col.autoextend'), priority: 3 },
        cell: ({ row }) =>
          row.original.files === null
            ? '—'
            : t('autoextendOf', { n: row.original.autoextensibleFiles ?? 0, files: row.original.files }),
      },
      {
        id: 'blockSize',
        accessorKey: 'blockSize',
        header: t('col.blockSize'),
        size: 80,
        meta: { label: t('col.blockSize'), priority: 3, numeric: true },
        cell: ({ row }) => binBytes(row.original.blockSize, lang),
      },
    );
    return cols;
  }, [t, lang, withContainer]);
}

function TablespacesTable({ data }: { data: TablespacesData }) {
  const defs = useTablespaceColumns(data.source === 'cdb');
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'usedPct', desc: true }]);
  const columns = useColumnLayout(
    'tablespaces',
    specs,
    sorting.map((s) => s.id),
  );
  const table = useReactTable({
    data: data.rows,
    columns: defs,
    state: { sorting, ...columns.tableState },
    onSortingChange: setSorting,
    getCoreRowModel: getCoreRowModel(),
    getSortedRowModel: getSortedRowModel(),
    getRowId: (r) => `${r.conId ?? ''}:${r.name}`,
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
        testId="tablespaces-table"
        rowAttributes={(row) => ({
          'data-testid': 'tablespace-row',
          'data-name': row.original.name,
          'data-pct': String(row.original.usedPct),
          'data-fullness': fullness(row.original.usedPct),
        })}
      />
    </>
  );
}

function RecoveryArea({ fra }: { fra: RecoveryAreaData }) {
  const { t, i18n } = useTranslation('space');
  const lang = i18n.language;
  return (
    <>
      <p className="muted" data-testid="fra-scope" data-scope={fra.scope}>
        {t(`fraScope.${fra.scope}`)}
      </p>
      {!fra.configured ? (
        <EmptyState testId="no-fra">{t('noFra')}</EmptyState>
      ) : (
        <>
          <p data-testid="fra-summary" data-pct={String(fra.usedPct ?? '')}>
            <PctBar value={fra.usedPct} lang={lang} />{' '}
            {t('fraUsed', {
              used: binBytes(fra.usedBytes, lang),
              limit: binBytes(fra.limitBytes, lang),
              pct: pct(fra.usedPct, lang),
              reclaimable: binBytes(fra.reclaimableBytes, lang),
              net: pct(fra.usedNetPct, lang),
              files: num(fra.files, lang),
            })}
          </p>
          <p className="muted">
            {t('fraDest')}: <code>{fra.name}</code>
          </p>
          <table className="compact-table" data-testid="fra-usage-table">
            <thead>
              <tr>
                <th>{t('col.fileType')}</th>
                <th className="num">{t('col.pctUsed')}</th>
                <th className="num">{t('col.reclaimable')}</th>
                <th className="num">{t('col.files')}</th>
              </tr>
            </thead>
            <tbody>
              {fra.usage
                .filter((u) => u.usedPct > 0 || u.files > 0)
                .map((u) => (
                  <tr key={u.fileType} data-testid="fra-usage-row">
                    <td>{u.fileType}</td>
                    <td className="num">{pct(u.usedPct, lang)}</td>
                    <td className="num">{pct(u.reclaimablePct, lang)}</td>
                    <td className="num">{num(u.files, lang)}</td>
                  </tr>
                ))}
            </tbody>
          </table>
        </>
      )}
    </>
  );
}

function Asm({ asm }: { asm: AsmData }) {
  const { t, i18n } = useTranslation('space');
  const lang = i18n.language;
  if (!asm.present) return <EmptyState testId="no-asm">{t('noAsm')}</EmptyState>;
  return (
    <>
      <p className="muted" data-testid="asm-scope">
        {t('asmScope')}
      </p>
      <div className="table-wrap">
        <table className="compact-table" data-testid="asm-table">
          <thead>
            <tr>
              <th>{t('col.group')}</th>
              <th className="num">{t('col.pctUsedRaw')}</th>
              <th className="num">{t('col.total')}</th>
              <th className="num">{t('col.freeRaw')}</th>
              <th className="num">{t('col.usable')}</th>
              <th>{t('col.redundancy')}</th>
              <th>{t('col.state')}</th>
              <th className="num">{t('col.offline')}</th>
            </tr>
          </thead>
          <tbody>
            {asm.groups.map((g) => (
              <tr key={g.name} data-testid="asm-row" data-name={g.name}>
                <td>{g.name}</td>
                <td className="num">
                  <PctBar value={g.usedPct} lang={lang} />
                </td>
                <td className="num">{binBytes(g.totalBytes, lang)}</td>
                <td className="num">{binBytes(g.freeBytes, lang)}</td>
                <td className="num">{binBytes(g.usableFileBytes, lang)}</td>
                <td>{g.type}</td>
                <td>{g.state}</td>
                <td className="num">{num(g.offlineDisks, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function useTempColumns(): ColumnDef<TempUserRow>[] {
  const { t, i18n } = useTranslation('space');
  const lang = i18n.language;
  return useMemo<ColumnDef<TempUserRow>[]>(() => {
    const text = (
      id: keyof TempUserRow,
      label: string,
      priority: number,
      size = 110,
    ): ColumnDef<TempUserRow> => ({
      id,
      accessorFn: (r) => (r[id] as string | null) ?? '',
      header: label,
      size,
      meta: { label, priority },
      cell: ({ row }) => {
        const v = row.original[id] as string | null;
        return <span title={v ?? ''}>{v ?? '—'}</span>;
      },
    });
    return [
      {
        id: 'sid',
        accessorKey: 'sid',
        header: t('col.sid'),
        size: 80,
        meta: { label: t('col.sid'), priority: 1, sticky: true, required: true, numeric: true },
      },
      {
        id: 'instId',
        accessorKey: 'instId',
        header: t('col.inst'),
        size: 60,
        meta: { label: t('col.inst'), priority: 1, numeric: true },
      },
      text('username', t('col.username'), 1, 120),
      {
        id: 'bytes',
        accessorKey: 'bytes',
        header: t('col.size'),
        size: 110,
        sortDescFirst: true,
        meta: { label: t('col.size'), priority: 1, numeric: true },
        cell: ({ row }) => binBytes(row.original.bytes, lang),
      },
      {
        id: 'blocks',
        accessorKey: 'blocks',
        header: t('col.blocks'),
        size: 100,
        sortDescFirst: true,
        meta: { label: t('col.blocks'), priority: 2, numeric: true },
        cell: ({ row }) => num(row.original.blocks, lang),
      },
      {
        id: 'segmentTypes',
        accessorFn: (r) => r.segmentTypes.join(', '),
        header: t('col.segments'),
        size: 120,
        meta: { label: t('col.segments'), priority: 2 },
      },
      text('sqlId', t('col.sqlId'), 2, 130),
      text('tablespace', t('col.tablespace'), 3, 100),
      text('program', t('col.program'), 3, 160),
      {
        id: 'serial',
        accessorKey: 'serial',
        header: t('col.serial'),
        size: 80,
        meta: { label: t('col.serial'), priority: 3, numeric: true },
      },
    ];
  }, [t, lang]);
}

function TempTable({ rows }: { rows: TempUserRow[] }) {
  const defs = useTempColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const [sorting, setSorting] = useState<SortingState>([{ id: 'bytes', desc: true }]);
  const columns = useColumnLayout(
    'tempUsers',
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
    getRowId: (r) => `${r.instId}:${r.sid}:${r.tablespace}`,
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
        testId="temp-users-table"
        rowAttributes={(row) => ({
          'data-testid': 'temp-user-row',
          'data-sid': String(row.original.sid),
          'data-serial': String(row.original.serial),
          'data-inst': String(row.original.instId),
        })}
      />
    </>
  );
}

/** "read 12 s ago · L2 Redis": the TEMP section has its own, faster cache entry. */
function SectionAge({ meta, seconds }: { meta: CacheMeta | undefined; seconds: number }) {
  const { t, i18n } = useTranslation('space');
  const { t: tc } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  if (!meta) return null;
  return (
    <span className="muted" data-testid="temp-age" data-origin={meta.origin}>
      {t('tempAge', {
        age: formatAge(now - meta.storedAt, i18n.language),
        origin: tc(`status.origin.${meta.origin}`),
        seconds: meta.ttlSeconds > 0 ? meta.ttlSeconds : seconds,
      })}
    </span>
  );
}

function TempSection({ connId }: { connId: string }) {
  const { t, i18n } = useTranslation('space');
  const lang = i18n.language;
  const res = useResource('space:tempUsage', { connId }, { refreshMs: TEMP_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  let body: ReactNode = null;
  if (res.error) body = <ViewError error={res.error} onRetry={() => void res.reload()} />;
  else if (snap)
    body = (
      <>
        <p className="muted" data-testid="temp-scope" data-scope={snap.scope}>
          {t(`tempScope.${snap.scope}`)}
          {snap.instanceScope === 'cluster'
            ? ` · ${t('tempCluster', { n: new Set(snap.rows.map((r) => r.instId)).size || 2 })}`
            : ''}{' '}
          {t('tempBlocks', { size: binBytes(snap.blockSize, lang), total: binBytes(snap.totalBytes, lang) })}
        </p>
        {snap.rows.length === 0 ? (
          <EmptyState testId="no-temp">{t('emptyTemp')}</EmptyState>
        ) : (
          <TempTable rows={snap.rows} />
        )}
      </>
    );
  return (
    <section className="panel" data-testid="temp-panel">
      <div className="panel-head">
        <h2>{t('temp')}</h2>
        <SectionAge meta={res.data?.cache} seconds={TEMP_MS / 1000} />
      </div>
      {body}
    </section>
  );
}

function SpaceView() {
  const { t } = useTranslation('space');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const res = useResource('space:space', connId ? { connId } : null, { refreshMs: SPACE_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  return (
    <div className="view" data-testid="view-space">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={SPACE_MS}
      />
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="space-units">
            {t('unitsNote')}
          </p>
          <section className="panel" data-testid="tablespaces-panel">
            <h2>{t('tablespaces')}</h2>
            {snap.tablespaces.ok ? (
              <>
                <p className="muted" data-testid="tablespaces-scope" data-scope={snap.tablespaces.data.scope}>
                  {t(`scope.${snap.tablespaces.data.scope}`)}
                </p>
                {snap.tablespaces.data.rows.length === 0 ? (
                  <EmptyState>{t('emptyTablespaces')}</EmptyState>
                ) : (
                  <TablespacesTable data={snap.tablespaces.data} />
                )}
              </>
            ) : (
              <Denied denied={snap.tablespaces.denied} testId="tablespaces-denied" />
            )}
          </section>
          <div className="chart-grid-2">
            <section className="panel" data-testid="fra-panel">
              <h2>{t('recoveryArea')}</h2>
              {snap.recoveryArea.ok ? (
                <RecoveryArea fra={snap.recoveryArea.data} />
              ) : (
                <Denied denied={snap.recoveryArea.denied} testId="fra-denied" />
              )}
            </section>
            <section className="panel" data-testid="asm-panel">
              <h2>{t('asm')}</h2>
              {snap.asm.ok ? (
                <Asm asm={snap.asm.data} />
              ) : (
                <Denied denied={snap.asm.denied} testId="asm-denied" />
              )}
            </section>
          </div>
        </>
      ) : null}
      {connId && <TempSection connId={connId} />}
    </div>
  );
}

export default withViewBoundary(SpaceView);
