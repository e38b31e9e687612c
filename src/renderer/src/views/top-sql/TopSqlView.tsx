import { TOP_SQL_ORDERS, type TopSqlOrder, type TopSqlRow } from '@shared/types/oracle';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { dateTime, ms, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { type TopSqlScope, TopSqlScopeSelect, TopSqlWindowTable } from '../activity/TopSqlWindow';
import { SqlDetailPanel } from './SqlDetailPanel';
import '../views.css';

const TOP_SQL_MS = 60_000;
export const TOP_SQL_LIMITS = [10, 25, 50, 100, 200] as const;
const ORDER_STORAGE = 'tms.topSql.order';
const LIMIT_STORAGE = 'tms.topSql.limit';

/** `#/top-sql/<sqlId>` opens SQL detail; `#/top-sql` is the list. */
function sqlIdFromHash(): string | undefined {
  const m = /^#\/?top-sql\/([^/?#]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}

function storedOrder(): TopSqlOrder {
  const v = localStorage.getItem(ORDER_STORAGE);
  return (TOP_SQL_ORDERS as readonly string[]).includes(v ?? '') ? (v as TopSqlOrder) : 'elapsed';
}

function storedLimit(): number {
  const v = Number(localStorage.getItem(LIMIT_STORAGE));
  return (TOP_SQL_LIMITS as readonly number[]).includes(v) ? v : 25;
}

/** The metric column that follows the sort, highlighted. */
const ORDER_COLUMN: Record<TopSqlOrder, keyof TopSqlRow> = {
  elapsed: 'elapsedMs',
  cpu: 'cpuMs',
  gets: 'bufferGets',
  diskReads: 'diskReads',
  executions: 'executions',
  rows: 'rowsProcessed',
  elapsedPerExec: 'elapsedMsPerExec',
  cpuPerExec: 'cpuMsPerExec',
  getsPerExec: 'bufferGetsPerExec',
};

function TopSqlView() {
  const { t, i18n } = useTranslation('topSql');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const [orderBy, setOrderBy] = useState<TopSqlOrder>(storedOrder);
  const [limit, setLimit] = useState<number>(storedLimit);
  const [sqlId, setSqlId] = useState(sqlIdFromHash);
  const [scope, setScope] = useState<TopSqlScope>('cumulative');

  useEffect(() => {
    const onHash = () => setSqlId(sqlIdFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    localStorage.setItem(ORDER_STORAGE, orderBy);
    localStorage.setItem(LIMIT_STORAGE, String(limit));
  }, [orderBy, limit]);

  const res = useResource(
    'monitor:topSql',
    connId && scope === 'cumulative' ? { connId, limit, orderBy } : null,
    {
      refreshMs: TOP_SQL_MS,
    },
  );
  useStaleFollowUp(res.data?.cache, res.reload);
  const result = res.data?.data;
  // RAC: a SQL_ID appears once per instance holding the cursor, so each row names its instance
  const rac = result?.instanceScope === 'cluster';
  const hot = ORDER_COLUMN[orderBy];
  const open = (id: string) => {
    window.location.hash = `/top-sql/${encodeURIComponent(id)}`;
  };

  const cell = (_row: TopSqlRow, key: keyof TopSqlRow, text: string) => (
    <td className={`num${key === hot ? ' hot' : ''}`}>{text}</td>
  );

  return (
    <div className="view" data-testid="view-top-sql">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={TOP_SQL_MS}
      >
        <TopSqlScopeSelect value={scope} onChange={setScope} />
        {scope === 'cumulative' && (
          <span className="muted small" data-testid="top-sql-cumulative-note">
            {t('window.cumulativeNote')}
          </span>
        )}
        <label hidden={scope !== 'cumulative'}>
          {t('orderBy')}{' '}
          <select
            data-testid="top-sql-order"
            value={orderBy}
            onChange={(e) => setOrderBy(e.target.value as TopSqlOrder)}
          >
            {TOP_SQL_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`order.${o}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('limit')}{' '}
          <select
            data-testid="top-sql-limit"
            value={limit}
            onChange={(e) => setLimit(Number(e.target.value))}
          >
            {TOP_SQL_LIMITS.map((l) => (
              <option key={l} value={l}>
                {l}
              </option>
            ))}
          </select>
        </label>
      </ViewHeader>
      {sqlId && connId && (
        <SqlDetailPanel
          connId={connId}
          sqlId={sqlId}
          onClose={() => {
            window.location.hash = '/top-sql';
          }}
        />
      )}
      {scope !== 'cumulative' && connId && (
        <TopSqlWindowTable connId={connId} windowMin={scope} limit={limit} selectedSqlId={sqlId} />
      )}
      {scope === 'cumulative' && res.error && (
        <ViewError error={res.error} onRetry={() => void res.reload()} />
      )}
      {scope !== 'cumulative' ? null : res.loading && !result ? (
        <LoadingState label={tc('status.loading')} />
      ) : result && result.rows.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : result ? (
        <div className="panel table-wrap">
          <table data-testid="top-sql-table" className="clickable-rows">
            <thead>
              <tr>
                <th>#</th>
                {rac && <th>{t('col.instance')}</th>}
                <th>SQL ID</th>
                <th>{t('col.text')}</th>
                <th className="num">{t('col.executions')}</th>
                <th className="num">{t('col.elapsed')}</th>
                <th className="num">{t('col.elapsedPerExec')}</th>
                <th className="num">{t('col.cpu')}</th>
                <th className="num">{t('col.cpuPerExec')}</th>
                <th className="num">{t('col.gets')}</th>
                <th className="num">{t('col.getsPerExec')}</th>
                <th className="num">{t('col.diskReads')}</th>
                <th className="num">{t('col.rows')}</th>
                <th>{t('col.schema')}</th>
                <th>{t('col.lastActive')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                <tr
                  key={`${r.instId}:${r.sqlId}`}
                  data-testid="top-sql-row"
                  data-sql-id={r.sqlId}
                  className={r.sqlId === sqlId ? 'selected' : undefined}
                  onClick={() => open(r.sqlId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') open(r.sqlId);
                  }}
                  tabIndex={0}
                >
                  <td className="muted">{i + 1}</td>
                  {rac && <td data-testid="top-sql-inst">{r.instId}</td>}
                  <td className="mono">{r.sqlId}</td>
                  <td className="mono ellipsis sql-snippet" title={r.sqlTextSnippet}>
                    {r.sqlTextSnippet}
                  </td>
                  {cell(r, 'executions', num(r.executions, lang))}
                  {cell(r, 'elapsedMs', ms(r.elapsedMs, lang))}
                  {cell(r, 'elapsedMsPerExec', ms(r.elapsedMsPerExec, lang))}
                  {cell(r, 'cpuMs', ms(r.cpuMs, lang))}
                  {cell(r, 'cpuMsPerExec', ms(r.cpuMsPerExec, lang))}
                  {cell(r, 'bufferGets', num(r.bufferGets, lang))}
                  {cell(r, 'bufferGetsPerExec', num(r.bufferGetsPerExec, lang))}
                  {cell(r, 'diskReads', num(r.diskReads, lang))}
                  {cell(r, 'rowsProcessed', num(r.rowsProcessed, lang))}
                  <td>{r.parsingSchemaName ?? '—'}</td>
                  <td>{dateTime(r.lastActiveTime, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

export default withViewBoundary(TopSqlView);
