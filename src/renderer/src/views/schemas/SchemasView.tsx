import type { TableRow } from '@shared/types/oracle';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { DataStatus } from '../../components/DataStatus';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { dateOnly, dateTime, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import '../views.css';

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

  const schemas = useResource('monitor:schemas', connId ? { connId } : null);
  useStaleFollowUp(schemas.data?.cache, schemas.reload);
  const tables = useResource('monitor:tables', connId && schema ? { connId, schema } : null);
  const columns = useResource(
    'monitor:columns',
    connId && schema && table ? { connId, schema, table } : null,
  );

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
  const limitedDictionary = [schemas.data, tables.data, columns.data].some(
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
          if (table) void columns.refresh();
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
                  <span>{s.username}</span>
                  <span className="muted small">{s.created ? dateOnly(s.created, lang) : ''}</span>
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
                  <table className="compact-table clickable-rows" data-testid="tables-table">
                    <thead>
                      <tr>
                        <th>{t('col.table')}</th>
                        <th className="num">{t('info.rows')}</th>
                        <th className="num">{t('info.blocks')}</th>
                        <th>{t('info.lastAnalyzed')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {tableRows.map((r) => (
                        <tr
                          key={r.tableName}
                          className={r.tableName === table ? 'selected' : undefined}
                          data-testid="table-item"
                          data-name={r.tableName}
                          onClick={() => {
                            setTable(r.tableName);
                            setColumnSearch('');
                          }}
                        >
                          <td>{r.tableName}</td>
                          <td className="num">{num(r.numRows, lang)}</td>
                          <td className="num">{num(r.blocks, lang)}</td>
                          <td title={dateTime(r.lastAnalyzed, lang)}>
                            {r.lastAnalyzed ? dateOnly(r.lastAnalyzed, lang) : t('info.never')}
                          </td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </>
          )}
        </section>
        <section className="panel pane pane-wide" data-testid="columns-pane">
          <div className="pane-head">
            <h2>
              {t('columns')}
              {table ? (
                <span className="muted small">
                  {' '}
                  · {schema}.{table}
                </span>
              ) : null}
            </h2>
            {columns.data && (
              <DataStatus
                meta={columns.data.cache}
                refreshing={columns.refreshing}
                onRefresh={() => void columns.refresh()}
              />
            )}
          </div>
          {!table ? (
            <EmptyState>{t('pickTable')}</EmptyState>
          ) : (
            <>
              {selectedTable && <TableInfo table={selectedTable} />}
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
                  <table className="compact-table" data-testid="columns-table">
                    <thead>
                      <tr>
                        <th className="num">#</th>
                        <th>{t('col.column')}</th>
                        <th>{t('col.type')}</th>
                        <th>{t('col.nullable')}</th>
                        <th className="num">{t('col.distinct')}</th>
                        <th className="num">{t('col.nulls')}</th>
                        <th>{t('col.histogram')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {columnRows.map((c) => (
                        <tr key={c.columnName} data-testid="column-item">
                          <td className="num muted">{c.columnId}</td>
                          <td className="mono">{c.columnName}</td>
                          <td className="mono">{c.typeDisplay}</td>
                          <td>{c.nullable ? t('yes') : <strong>NOT NULL</strong>}</td>
                          <td className="num">{num(c.numDistinct, lang)}</td>
                          <td className="num">{num(c.numNulls, lang)}</td>
                          <td>{c.histogram && c.histogram !== 'NONE' ? c.histogram : '—'}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                )}
              </div>
            </>
          )}
        </section>
      </div>
    </div>
  );
}

export default withViewBoundary(SchemasView);
