/**
 * Issue 15: a table's indexes and constraints (the Indexes / Constraints tabs of the Schemas view).
 * Statistics are the optimizer's (DBA_INDEXES), as of "Last analyzed" — never live counts.
 */
import type { ConstraintRow, IndexRow } from '@shared/types/oracle';
import { type ColumnDef, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { dateOnly, dateTime, num } from '../../components/units';

function useIndexColumns(): ColumnDef<IndexRow>[] {
  const { t, i18n } = useTranslation('schemas');
  const lang = i18n.language;
  return useMemo<ColumnDef<IndexRow>[]>(
    () => [
      {
        id: 'indexName',
        header: t('ix.name'),
        size: 116,
        meta: {
          label: t('ix.name'),
          priority: 1,
          sticky: true,
          required: true,
          grow: true,
          className: 'mono',
        },
        cell: ({ row }) => <span title={row.original.indexName}>{row.original.indexName}</span>,
      },
      {
        id: 'columns',
        header: t('ix.columns'),
        size: 112,
        meta: { label: t('ix.columns'), priority: 1, className: 'mono wrap' },
        cell: ({ row }) => row.original.columns.join(', ') || '—',
      },
      {
        id: 'unique',
        header: t('ix.uniqueness'),
        size: 52,
        meta: { label: t('ix.uniqueness'), priority: 1 },
        cell: ({ row }) => (row.original.unique ? t('ix.unique') : t('ix.nonUnique')),
      },
      {
        id: 'status',
        header: t('ix.status'),
        size: 80,
        meta: { label: t('ix.status'), priority: 2 },
        cell: ({ row }) => {
          const r = row.original;
          const bad = r.status === 'UNUSABLE' || r.visibility === 'INVISIBLE';
          const text = [r.status, r.visibility === 'INVISIBLE' ? 'INVISIBLE' : null]
            .filter(Boolean)
            .join(' · ');
          return bad ? <strong>{text}</strong> : text || '—';
        },
      },
      {
        id: 'distinctKeys',
        header: t('ix.distinctKeys'),
        size: 84,
        meta: { label: t('ix.distinctKeys'), priority: 1, numeric: true },
        cell: ({ row }) => num(row.original.distinctKeys, lang),
      },
      {
        id: 'clusteringFactor',
        header: t('ix.clusteringFactor'),
        size: 100,
        meta: { label: t('ix.clusteringFactor'), priority: 2, numeric: true },
        cell: ({ row }) => num(row.original.clusteringFactor, lang),
      },
      {
        id: 'blevel',
        header: t('ix.blevel'),
        size: 64,
        meta: { label: t('ix.blevel'), priority: 3, numeric: true },
        cell: ({ row }) => num(row.original.blevel, lang),
      },
      {
        id: 'leafBlocks',
        header: t('ix.leafBlocks'),
        size: 90,
        meta: { label: t('ix.leafBlocks'), priority: 3, numeric: true },
        cell: ({ row }) => num(row.original.leafBlocks, lang),
      },
      {
        id: 'type',
        header: t('ix.type'),
        size: 100,
        meta: { label: t('ix.type'), priority: 3 },
        cell: ({ row }) =>
          [row.original.indexType, row.original.partitioned ? t('info.partitioned') : null]
            .filter(Boolean)
            .join(' · '),
      },
      {
        id: 'lastAnalyzed',
        header: t('info.lastAnalyzed'),
        size: 92,
        meta: { label: t('info.lastAnalyzed'), priority: 1 },
        cell: ({ row }) => {
          const at = row.original.lastAnalyzed;
          return (
            <span title={at ? t('ix.analyzedTitle', { at: dateTime(at, lang) }) : undefined}>
              {at ? dateOnly(at, lang) : t('info.never')}
            </span>
          );
        },
      },
    ],
    [t, lang],
  );
}

export function IndexesTable({ rows }: { rows: IndexRow[] }) {
  const { t } = useTranslation('schemas');
  const defs = useIndexColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout('schemaIndexes', specs);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (r) => `${r.owner}.${r.indexName}`,
  });
  return (
    <>
      <div className="table-toolbar">
        <span className="muted small">{t('ix.note')}</span>
        <ColumnMenu state={columns} labels={labels} testId="indexes-column-menu" />
      </div>
      <DataTable
        table={table}
        columns={columns}
        testId="indexes-table"
        className="compact-table"
        rowAttributes={(row) => ({ 'data-testid': 'index-item', 'data-name': row.original.indexName })}
      />
    </>
  );
}

function useConstraintColumns(): ColumnDef<ConstraintRow>[] {
  const { t } = useTranslation('schemas');
  return useMemo<ColumnDef<ConstraintRow>[]>(
    () => [
      {
        id: 'constraintName',
        header: t('ck.name'),
        size: 116,
        meta: {
          label: t('ck.name'),
          priority: 1,
          sticky: true,
          required: true,
          grow: true,
          className: 'mono',
        },
        cell: ({ row }) => <span title={row.original.constraintName}>{row.original.constraintName}</span>,
      },
      {
        id: 'kind',
        header: t('ck.type'),
        size: 80,
        meta: { label: t('ck.type'), priority: 1 },
        cell: ({ row }) => t(`ck.kind.${row.original.kind}`),
      },
      {
        id: 'columns',
        header: t('ck.columns'),
        size: 100,
        meta: { label: t('ck.columns'), priority: 1, className: 'mono wrap' },
        cell: ({ row }) => row.original.columns.join(', ') || '—',
      },
      {
        id: 'detail',
        header: t('ck.detail'),
        size: 164,
        meta: { label: t('ck.detail'), priority: 1, className: 'mono wrap' },
        cell: ({ row }) => {
          const r = row.original;
          if (r.kind === 'foreign') {
            const target = `${r.refOwner}.${r.refTable ?? '?'} (${r.refConstraint})`;
            return (
              <span title={r.deleteRule ? `ON DELETE ${r.deleteRule}` : undefined}>
                → {target}
                {r.deleteRule === 'CASCADE' || r.deleteRule === 'SET NULL'
                  ? ` · ON DELETE ${r.deleteRule}`
                  : ''}
              </span>
            );
          }
          if (r.kind === 'check') return r.condition ?? t('ck.noCondition');
          return r.indexName ? t('ck.index', { name: r.indexName }) : '—';
        },
      },
      {
        id: 'status',
        header: t('ck.status'),
        size: 130,
        meta: { label: t('ck.status'), priority: 2 },
        cell: ({ row }) => {
          const r = row.original;
          const text = [r.status, r.validated].filter(Boolean).join(' · ');
          return r.status !== 'ENABLED' || r.validated !== 'VALIDATED' ? <strong>{text}</strong> : text;
        },
      },
    ],
    [t],
  );
}

export function ConstraintsTable({ rows }: { rows: ConstraintRow[] }) {
  const defs = useConstraintColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout('schemaConstraints', specs);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (r) => r.constraintName,
  });
  return (
    <>
      <div className="table-toolbar">
        <span />
        <ColumnMenu state={columns} labels={labels} testId="constraints-column-menu" />
      </div>
      <DataTable
        table={table}
        columns={columns}
        testId="constraints-table"
        className="compact-table"
        rowAttributes={(row) => ({
          'data-testid': 'constraint-item',
          'data-name': row.original.constraintName,
          'data-kind': row.original.kind,
        })}
      />
    </>
  );
}
