import type { AlertRecord } from '@shared/types/alerts';
import { type ColumnDef, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { dateTime, duration } from '../../components/units';
import { alertValue } from '../../features/alerts/format';

export interface AlertActions {
  onAck: (a: AlertRecord) => void;
  onMute: (a: AlertRecord, muted: boolean) => void;
  isMuted: (a: AlertRecord) => boolean;
}

function useAlertColumns(kind: 'open' | 'history', actions: AlertActions | null): ColumnDef<AlertRecord>[] {
  const { t, i18n } = useTranslation('alerts');
  const lang = i18n.language;
  return useMemo<ColumnDef<AlertRecord>[]>(() => {
    const cols: ColumnDef<AlertRecord>[] = [
      {
        id: 'rule',
        header: t('col.rule'),
        size: 220,
        meta: { label: t('col.rule'), priority: 1, sticky: true, required: true },
        cell: ({ row }) => (
          <span title={t(`scope.${row.original.rule}`)}>{t(`rule.${row.original.rule}`)}</span>
        ),
      },
      {
        id: 'subject',
        header: t('col.subject'),
        size: 170,
        meta: { label: t('col.subject'), priority: 1, sticky: true, required: true, className: 'mono' },
        cell: ({ row }) => (
          <span title={row.original.detail ?? ''} data-testid="alert-subject">
            {row.original.subject}
          </span>
        ),
      },
      {
        id: 'value',
        header: kind === 'open' ? t('col.value') : t('col.peak'),
        size: 110,
        meta: { label: kind === 'open' ? t('col.value') : t('col.peak'), priority: 1, numeric: true },
        cell: ({ row }) => {
          const a = row.original;
          return (
            <span data-testid="alert-value">
              {alertValue(kind === 'open' ? a.value : a.peak, a.unit, lang, t)}
            </span>
          );
        },
      },
      {
        id: 'threshold',
        header: t('col.threshold'),
        size: 100,
        meta: { label: t('col.threshold'), priority: 2, numeric: true },
        cell: ({ row }) => alertValue(row.original.threshold, row.original.unit, lang, t),
      },
      {
        id: 'startedAt',
        header: t('col.startedAt'),
        size: 170,
        meta: { label: t('col.startedAt'), priority: 1 },
        cell: ({ row }) => (
          <span data-testid="alert-started" data-at={row.original.startedAt}>
            {dateTime(row.original.startedAt, lang)}
          </span>
        ),
      },
      kind === 'open'
        ? {
            id: 'duration',
            header: t('col.duration'),
            size: 100,
            meta: { label: t('col.duration'), priority: 3, numeric: true },
            cell: ({ row }) => duration((row.original.updatedAt - row.original.startedAt) / 1000, lang),
          }
        : {
            id: 'clearedAt',
            header: t('col.clearedAt'),
            size: 170,
            meta: { label: t('col.clearedAt'), priority: 2 },
            cell: ({ row }) => dateTime(row.original.clearedAt, lang),
          },
      {
        id: 'ack',
        header: t('col.ack'),
        size: 190,
        meta: { label: t('col.ack'), priority: 1, grow: true, minSize: 120 },
        cell: ({ row }) => {
          const a = row.original;
          if (a.ack) {
            return (
              <span data-testid="alert-acked" data-by={a.ack.by}>
                {t('ackedBy', { by: a.ack.by, at: dateTime(a.ack.at, lang) })}
              </span>
            );
          }
          if (!actions) return <span className="muted">{t('notAcked')}</span>;
          return (
            <button
              type="button"
              className="btn btn-small"
              data-testid="alert-ack"
              onClick={() => actions.onAck(a)}
            >
              {t('ack')}
            </button>
          );
        },
      },
    ];
    if (actions) {
      cols.push({
        id: 'actions',
        header: t('col.actions'),
        size: 150,
        meta: { label: t('col.actions'), priority: 2 },
        cell: ({ row }) => {
          const a = row.original;
          const muted = actions.isMuted(a);
          return (
            <label className="inline-check" title={muted ? t('unmute') : t('mute')}>
              <input
                type="checkbox"
                data-testid="alert-mute"
                checked={muted}
                onChange={(e) => actions.onMute(a, e.target.checked)}
              />{' '}
              {t('muted')}
            </label>
          );
        },
      });
    }
    return cols;
  }, [t, lang, kind, actions]);
}

export function AlertTable({
  kind,
  alerts,
  actions,
}: {
  kind: 'open' | 'history';
  alerts: AlertRecord[];
  actions: AlertActions | null;
}) {
  const defs = useAlertColumns(kind, actions);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout(`alerts-${kind}`, specs);
  const table = useReactTable({
    data: alerts,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (a) => a.id,
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
          testId={`alerts-${kind}`}
          rowAttributes={(row) => ({
            'data-testid': kind === 'open' ? 'alert-row' : 'alert-history-row',
            'data-rule': row.original.rule,
            'data-subject': row.original.subject,
            'data-id': row.original.id,
            'data-peak': row.original.peak,
          })}
        />
      </div>
    </>
  );
}
