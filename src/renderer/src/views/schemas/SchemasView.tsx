import type { ColumnRow, TableRow } from '@shared/types/oracle';
import { type ColumnDef, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { DataStatus } from '../../components/DataStatus';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
import { dateOnly, dateTime, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import '../views.css';
import { ConstraintsTable, IndexesTable } from './TableKeys';

const TABS = ['columns', 'indexes', 'constraints'] as const;
type Tab = (typeof TABS)[number];

function matches(value: string, search: string): boolean {
  return !search || value.toLowerCase().includes(search.trim().toLowerCase());
}

function TableInfo({ table }: { table: TableRow }) {
  const { t, i18n } = useTranslation('schemas');
  const lang = i18n.language;
  return (
    <dl className="kv compact table-info" data-testid="table-info">
      <dt>{t('info.rows')}</dt>
      <dd>{table.numRows === null ? t('info.notAnalyzed') : num(table.numRows, lang)}</dd>
      <dt>{t('info.blocks')}</dt>
      <dd>{num(table.blocks, lang)}</dd>
      <dt>{t('info.avgRowLen')}</dt>
      <dd>{table.avgRowLen === null ? '—' : `${num(table.avgRowLen, lang)} B`}</dd>
      <dt>{t('info.lastAnalyzed')}</dt>
      <dd>{table.lastAnalyzed === null ? t('info.never') : dateTime(table.lastAnalyzed, lang)}</dd>
      <dt>{t('info.tablespace')}</dt>
      <dd>{table.tablespaceName ?? '—'}</dd>
      <dt>{t('info.kind')}</dt>
      <dd>
        {[
          table.partitioned ? t('info.partitioned') : null,
          table.temporary ? t('info.temporary') : null,
          table.iotType,
          table.compression && table.compression !== 'DISABLED'
            ? `${t('info.compression')} ${table.compression}`
            : null,
          table.logging === 'NO' ? 'NOLOGGING' : null,
        ]
          .filter(Boolean)
          .join(' · ') || t('info.heap')}
      </dd>
    </dl>
  );
}

function useTableColumns(): ColumnDef<TableRow>[] {
  const { t, i18n } = useTranslation('schemas');
  const lang = i18n.language;
  return useMemo<ColumnDef<TableRow>[]>(
    () => [
      {
        id: 'tableName',
        header: t('col.table'),
        size: 150,
        meta: { label: t('col.table'), priority: 1, sticky: true, required: true, grow: true, minSize: 90 },
        cell: ({ row }) => <span title={row.original.tableName}>{row.original.tableName}</span>,
      },
      {
        id: 'numRows',
        header: t('info.rows'),
        size: 96,
        meta: { label: t('info.rows'), priority: 1, numeric: true },
        cell: ({ row }) => num(row.original.numRows, lang),
      },
      {
        id: 'blocks',
        header: t('info.blocks'),
        size: 84,
        meta: { label: t('info.blocks'), priority: 2, numeric: true },
        cell: ({ row }) => num(row.original.blocks, lang),
      },
      {
        id: 'lastAnalyzed',
        header: t('info.lastAnalyzed'),
        size: 104,
        meta: { label: t('info.lastAnalyzed'), priority: 2 },
        cell: ({ row }) => {
          const at = row.original.lastAnalyzed;
          return <span title={dateTime(at, lang)}>{at ? dateOnly(at, lang) : t('info.never')}</span>;
        },
      },
    ],
    [t, lang],
  );
}

function TablesTable({
  rows,
  selected,
  onPick,
}: {
  rows: TableRow[];
  selected: string | undefined;
  onPick: (table: string) => void;
}) {
  const defs = useTableColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout('schemaTables', specs);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (r) => r.tableName,
  });
  return (
    <>
      <div className="table-toolbar">
        <span />
        <ColumnMenu state={columns} labels={labels} testId="tables-column-menu" />
      </div>
      <DataTable
        table={table}
        columns={columns}
        testId="tables-table"
        className="compact-table clickable-rows"
        rowAttributes={(row) => ({
          className: row.original.tableName === selected ? 'selected' : undefined,
          'data-testid': 'table-item',
          'data-name': row.original.tableName,
          tabIndex: 0,
          onClick: () => onPick(row.original.tableName),
          onKeyDown: (e) => {
            if (e.key === 'Enter') onPick(row.original.tableName);
          },
        })}
      />
    </>
  );
}

function useColumnColumns(): ColumnDef<ColumnRow>[] {
  const { t, i18n } = useTranslation('schemas');
  const lang = i18n.language;
  return useMemo<ColumnDef<ColumnRow>[]>(
    () => [
      {
        id: 'columnId',
        header: '#',
        size: 40,
        meta: { label: '#', priority: 3, numeric: true, className: 'muted' },
        cell: ({ row }) => row.original.columnId,
      },
      {
        id: 'columnName',
        header: t('col.column'),
        size: 150,
        meta: {
          label: t('col.column'),
          priority: 1,
          sticky: true,
          required: true,
          grow: true,
          className: 'mono',
        },
        cell: ({ row }) => <span title={row.original.columnName}>{row.original.columnName}</span>,
      },
      {
        id: 'typeDisplay',
        header: t('col.type'),
        size: 150,
        meta: { label: t('col.type'), priority: 1, className: 'mono' },
        cell: ({ row }) => <span title={row.original.typeDisplay}>{row.original.typeDisplay}</span>,
      },
      {
        id: 'nullable',
        header: t('col.nullable'),
        size: 100,
        meta: { label: t('col.nullable'), priority: 1 },
        cell: ({ row }) => (row.original.nullable ? t('yes') : <strong>NOT NULL</strong>),
      },
      {
        id: 'numDistinct',
        header: t('col.distinct'),
        size: 90,
        meta: { label: t('col.distinct'), priority: 2, numeric: true },
        cell: ({ row }) => num(row.original.numDistinct, lang),
      },
      {
        id: 'numNulls',
        header: t('col.nulls'),
        size: 80,
        meta: { label: t('col.nulls'), priority: 3, numeric: true },
        cell: ({ row }) => num(row.original.numNulls, lang),
      },
      {
        id: 'histogram',
        header: t('col.histogram'),
        size: 110,
        meta: { label: t('col.histogram'), priority: 3 },
        cell: ({ row }) => {
          const h = row.original.histogram;
          return h && h !== 'NONE' ? h : '—';
        },
      },
    ],
    [t, lang],
  );
}

function ColumnsTable({ rows }: { rows: ColumnRow[] }) {
  const defs = useColumnColumns();
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout('schemaColumns', specs);
  const table = useReactTable({
    data: rows,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (c) => c.columnName,
  });
  return (
    <>
      <div className="table-toolbar">
        <span />
        <ColumnMenu state={columns} labels={labels} testId="columns-column-menu" />
      </div>
      <DataTable
        table={table}
        columns={columns}
        testId="columns-table"
        className="compact-table"
        rowAttributes={() => ({ 'data-testid': 'column-item' })}
      />
    </>
  );
}

function SchemasView() {
  const { t, i18n } = useTranslation('schemas');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const [schema, setSchema] = useState<string>();
  const [table, setTable] = useState<string>();
  const [schemaSearch, setSchemaSearch] = useState('');
  const [tableSearch, setTableSearch] = useState('');
  const [columnSearch, setColumnSearch] = useState('');
  const [tab, setTab] = useState<Tab>('columns');

  const schemas = useResource('monitor:schemas', connId ? { connId } : null);
  useStaleFollowUp(schemas.data?.cache, schemas.reload);
  const tables = useResource('monitor:tables', connId && schema ? { connId, schema } : null);
  const columns = useResource(
    'monitor:columns',
    connId && schema && table ? { connId, schema, table } : null,
  );
  // read only when their tab is open (each is an Oracle query on a cache miss)
  const indexes = useResource(
    'monitor:indexes',
    connId && schema && table && tab === 'indexes' ? { connId, schema, table } : null,
  );
  const constraints = useResource(
    'monitor:constraints',
    connId && schema && table && tab === 'constraints' ? { connId, schema, table } : null,
  );
  const active = tab === 'indexes' ? indexes : tab === 'constraints' ? constraints : columns;

  const schemaRows = useMemo(
    () => (schemas.data?.data.rows ?? []).filter((s) => matches(s.username, schemaSearch)),
    [schemas.data, schemaSearch],
  );
  const tableRows = useMemo(
    () => (tables.data?.data.rows ?? []).filter((r) => matches(r.tableName, tableSearch)),
    [tables.data, tableSearch],
  );
  const columnRows = useMemo(
    () =>
      (columns.data?.data.rows ?? []).filter(
        (c) => matches(c.columnName, columnSearch) || matches(c.typeDisplay, columnSearch),
      ),
    [columns.data, columnSearch],
  );
  // ALL_* instead of DBA_*: the lists hold only objects this account can access
  const limitedDictionary = [schemas.data, tables.data, columns.data, indexes.data, constraints.data].some(
    (r) => r?.data.dictionary === 'all',
  );
  const selectedTable = tables.data?.data.rows.find((r) => r.tableName === table);

  return (
    <div className="view" data-testid="view-schemas">
      <ViewHeader
        title={t('title')}
        meta={schemas.data?.cache}
        refreshing={schemas.refreshing}
        onRefresh={() => {
          void schemas.refresh();
          if (schema) void tables.refresh();
          if (table) void active.refresh();
        }}
      />
      {schemas.error && <ViewError error={schemas.error} onRetry={() => void schemas.reload()} />}
      {limitedDictionary && (
        <p className="notice small" role="note" data-testid="dictionary-note">
          {t('accessibleOnly')}
        </p>
      )}
      <div className="three-panes">
        <section className="panel pane" data-testid="schemas-pane">
          <div className="pane-head">
            <h2>{t('schemas')}</h2>
            <span className="muted small">{schemas.data ? schemas.data.data.rows.length : ''}</span>
          </div>
          <input
            type="search"
            placeholder={t('search')}
            aria-label={t('searchSchemas')}
            value={schemaSearch}
            onChange={(e) => setSchemaSearch(e.target.value)}
            data-testid="schema-search"
          />
          <div className="pane-list-head muted small">
            <span>{t('col.schema')}</span>
            <span>{t('col.created')}</span>
          </div>
          <div className="pane-list">
            {schemas.loading ? (
              <LoadingState label={tc('status.loading')} />
            ) : schemaRows.length === 0 && schemas.data ? (
              <EmptyState>{schemas.data.data.rows.length === 0 ? t('noSchemas') : t('noMatch')}</EmptyState>
            ) : (
              schemaRows.map((s) => (
                <button
                  type="button"
                  key={s.username}
                  className={`pane-item${s.username === schema ? ' selected' : ''}`}
                  data-testid="schema-item"
                  data-name={s.username}
                  onClick={() => {
                    setSchema(s.username);
                    setTable(undefined);
                    setTableSearch('');
                  }}
                >
                  <span className="pane-item-name">{s.username}</span>
                  <span
                    className="muted small nowrap"
                    data-testid="schema-created"
                    title={s.created ? `${t('col.created')} ${dateTime(s.created, lang)}` : undefined}
                  >
                    {s.created ? dateOnly(s.created, lang) : '—'}
                  </span>
                </button>
              ))
            )}
          </div>
        </section>
        <section className="panel pane" data-testid="tables-pane">
          <div className="pane-head">
            <h2>
              {t('tables')}
              {schema ? <span className="muted small"> · {schema}</span> : null}
            </h2>
            {tables.data && (
              <DataStatus
                meta={tables.data.cache}
                refreshing={tables.refreshing}
                onRefresh={() => void tables.refresh()}
              />
            )}
          </div>
          {!schema ? (
            <EmptyState>{t('pickSchema')}</EmptyState>
          ) : (
            <>
              <input
                type="search"
                placeholder={t('search')}
                aria-label={t('searchTables')}
                value={tableSearch}
                onChange={(e) => setTableSearch(e.target.value)}
                data-testid="table-search"
              />
              {tables.error && <ViewError error={tables.error} onRetry={() => void tables.reload()} />}
              <div className="pane-list">
                {tables.loading ? (
                  <LoadingState label={tc('status.loading')} />
                ) : tableRows.length === 0 && tables.data ? (
                  <EmptyState>{tables.data.data.rows.length === 0 ? t('noTables') : t('noMatch')}</EmptyState>
                ) : (
                  <TablesTable
                    rows={tableRows}
                    selected={table}
                    onPick={(name) => {
                      setTable(name);
                      setColumnSearch('');
                    }}
                  />
                )}
              </div>
            </>
          )}
        </section>
        <section className="panel pane pane-wide" data-testid="columns-pane">
          <div className="pane-head">
            <h2>
              {t(`tab.${tab}`)}
              {table ? (
                <span className="muted small">
                  {' '}
                  · {schema}.{table}
                </span>
              ) : null}
            </h2>
            {active.data && (
              <DataStatus
                meta={active.data.cache}
                refreshing={active.refreshing}
                onRefresh={() => void active.refresh()}
              />
            )}
          </div>
          {!table ? (
            <EmptyState>{t('pickTable')}</EmptyState>
          ) : (
            <>
              {selectedTable && <TableInfo table={selectedTable} />}
              <div className="segmented table-tabs" role="tablist" aria-label={t('tab.label')}>
                {TABS.map((id) => (
                  <button
                    key={id}
                    type="button"
                    role="tab"
                    aria-selected={tab === id}
                    className={`seg${tab === id ? ' active' : ''}`}
                    data-testid={`table-tab-${id}`}
                    onClick={() => setTab(id)}
                  >
                    {t(`tab.${id}`)}
                  </button>
                ))}
              </div>
              {tab === 'indexes' && (
                <>
                  {indexes.error && <ViewError error={indexes.error} onRetry={() => void indexes.reload()} />}
                  <div className="pane-list">
                    {indexes.loading ? (
                      <LoadingState label={tc('status.loading')} />
                    ) : indexes.data && indexes.data.data.rows.length === 0 ? (
                      <EmptyState>{t('noIndexes')}</EmptyState>
                    ) : indexes.data ? (
                      <IndexesTable rows={indexes.data.data.rows} />
                    ) : null}
                  </div>
                </>
              )}
              {tab === 'constraints' && (
                <>
                  {constraints.error && (
                    <ViewError error={constraints.error} onRetry={() => void constraints.reload()} />
                  )}
                  <div className="pane-list">
                    {constraints.loading ? (
                      <LoadingState label={tc('status.loading')} />
                    ) : constraints.data && constraints.data.data.rows.length === 0 ? (
                      <EmptyState>{t('noConstraints')}</EmptyState>
                    ) : constraints.data ? (
                      <ConstraintsTable rows={constraints.data.data.rows} />
                    ) : null}
                  </div>
                </>
              )}
              {tab === 'columns' && (
                <>
                  <input
                    type="search"
                    placeholder={t('search')}
                    aria-label={t('searchColumns')}
                    value={columnSearch}
                    onChange={(e) => setColumnSearch(e.target.value)}
                    data-testid="column-search"
                  />
                  {columns.error && <ViewError error={columns.error} onRetry={() => void columns.reload()} />}
                  <div className="pane-list">
                    {columns.loading ? (
                      <LoadingState label={tc('status.loading')} />
                    ) : columnRows.length === 0 && columns.data ? (
                      <EmptyState>{t('noMatch')}</EmptyState>
                    ) : (
                      <ColumnsTable rows={columnRows} />
                    )}
                  </div>
                </>
              )}
            </>
          )}
        </section>
      </div>
    </div>
  );
}

export default withViewBoundary(SchemasView);
