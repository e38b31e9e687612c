/**
 * Top SQL over a window (issue 14): deltas of V$SQLSTATS between the team's shared snapshots
 * (activity:topSqlWindow), "top SQL in the last 5, 15, 60 min" by elapsed, CPU, gets, reads, executions.
 * Shown by the Top SQL view next to its cumulative-since-load ranking.
 */

import { TmsError } from '@shared/errors';
import {
  TOP_SQL_WINDOW_ORDERS,
  TOP_SQL_WINDOWS,
  type TopSqlWindow,
  type TopSqlWindowOrder,
  type TopSqlWindowResult,
} from '@shared/types/activity';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatAge } from '../../components/format';
import { dateTime, duration, ms, num } from '../../components/units';
import { ViewError } from '../../components/ViewError';
import { useNow } from './SamplerStatusStrip';

/** 'cumulative' = V$SQLSTATS since each cursor was loaded; a number = a window of minutes */
export type TopSqlScope = 'cumulative' | TopSqlWindow;
export const TOP_SQL_SCOPES: readonly TopSqlScope[] = ['cumulative', ...TOP_SQL_WINDOWS];
const WINDOW_REFRESH_MS = 60_000;

export function TopSqlScopeSelect({
  value,
  onChange,
}: {
  value: TopSqlScope;
  onChange: (v: TopSqlScope) => void;
}) {
  const { t } = useTranslation('topSql');
  return (
    <label>
      {t('window.label')}{' '}
      <select
        data-testid="top-sql-window"
        value={String(value)}
        onChange={(e) =>
          onChange(e.target.value === 'cumulative' ? 'cumulative' : (Number(e.target.value) as TopSqlWindow))
        }
      >
        {TOP_SQL_SCOPES.map((s) => (
          <option key={s} value={String(s)}>
            {s === 'cumulative' ? t('window.cumulative') : t('window.minutes', { count: s })}
          </option>
        ))}
      </select>
    </label>
  );
}

const HOT: Record<TopSqlWindowOrder, string> = {
  elapsed: 'elapsedMs',
  cpu: 'cpuMs',
  gets: 'bufferGets',
  reads: 'diskReads',
  executions: 'executions',
};

export function TopSqlWindowTable({
  connId,
  windowMin,
  limit,
  selectedSqlId,
}: {
  connId: string;
  windowMin: TopSqlWindow;
  limit: number;
  selectedSqlId: string | undefined;
}) {
  const { t, i18n } = useTranslation('topSql');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const now = useNow();
  const [orderBy, setOrderBy] = useState<TopSqlWindowOrder>('elapsed');
  const [result, setResult] = useState<TopSqlWindowResult>();
  const [error, setError] = useState<TmsError>();
  const [loading, setLoading] = useState(true);
  const seq = useRef(0);
  const load = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const r = await call('activity:topSqlWindow', {
        connId,
        windowMin,
        orderBy,
        limit: Math.min(limit, 200),
      });
      if (mine !== seq.current) return;
      setResult(r);
      setError(undefined);
    } catch (e) {
      if (mine === seq.current) setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [connId, windowMin, orderBy, limit]);
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (!document.hidden) void load();
    }, WINDOW_REFRESH_MS);
    const onRefresh = () => void load();
    window.addEventListener('tms:refresh-view', onRefresh);
    return () => {
      clearInterval(timer);
      window.removeEventListener('tms:refresh-view', onRefresh);
    };
  }, [load]);
  const open = (id: string) => {
    window.location.hash = `/top-sql/${encodeURIComponent(id)}`;
  };
  const hot = HOT[orderBy];
  const cell = (key: string, text: string) => <td className={`num${key === hot ? ' hot' : ''}`}>{text}</td>;
  return (
    <div className="panel" data-testid="top-sql-window-panel" data-window={windowMin}>
      <div className="top-sql-window">
        <label>
          {t('orderBy')}{' '}
          <select
            data-testid="top-sql-window-order"
            value={orderBy}
            onChange={(e) => setOrderBy(e.target.value as TopSqlWindowOrder)}
          >
            {TOP_SQL_WINDOW_ORDERS.map((o) => (
              <option key={o} value={o}>
                {t(`window.order.${o}`)}
              </option>
            ))}
          </select>
        </label>
        {result && (
          <span className="muted small" data-testid="top-sql-window-scope" data-complete={result.complete}>
            {t('window.scope', {
              from: dateTime(result.from, lang),
              to: dateTime(result.to, lang),
              actual: duration(result.actualSec, lang),
              snapshots: result.snapshots,
            })}{' '}
            · {tc(`status.origin.${result.origin === 'local' ? 'oracle' : result.origin}`)} ·{' '}
            {tc('status.ago', { age: formatAge(now - result.at, lang) })}
            {!result.complete && (
              <span className="badge warn" data-testid="top-sql-window-building">
                {' '}
                {t('window.building', { actual: duration(result.actualSec, lang), window: windowMin })}
              </span>
            )}
          </span>
        )}
      </div>
      {error && <ViewError error={error} onRetry={() => void load()} />}
      {loading && !result ? (
        <LoadingState label={tc('status.loading')} />
      ) : result && result.rows.length === 0 ? (
        <EmptyState testId="top-sql-window-empty">{t('window.empty')}</EmptyState>
      ) : result ? (
        <div className="table-wrap">
          <table data-testid="top-sql-window-table" className="clickable-rows">
            <thead>
              <tr>
                <th>#</th>
                <th>SQL ID</th>
                <th>{t('col.text')}</th>
                <th className="num">{t('window.col.executions')}</th>
                <th className="num">{t('window.col.elapsed')}</th>
                <th className="num">{t('col.elapsedPerExec')}</th>
                <th className="num">{t('window.col.cpu')}</th>
                <th className="num">{t('window.col.gets')}</th>
                <th className="num">{t('window.col.reads')}</th>
                <th className="num">{t('window.col.rows')}</th>
                <th>{t('window.col.planHash')}</th>
              </tr>
            </thead>
            <tbody>
              {result.rows.map((r, i) => (
                <tr
                  key={`${r.sqlId}:${r.planHashValue}`}
                  data-testid="top-sql-window-row"
                  data-sql-id={r.sqlId}
                  className={r.sqlId === selectedSqlId ? 'selected' : undefined}
                  tabIndex={0}
                  onClick={() => open(r.sqlId)}
                  onKeyDown={(e) => {
                    if (e.key === 'Enter') open(r.sqlId);
                  }}
                >
                  <td className="muted">{i + 1}</td>
                  <td className="mono">
                    {r.sqlId}
                    {r.newInWindow && (
                      <span className="badge" title={t('window.newHint')}>
                        {' '}
                        {t('window.new')}
                      </span>
                    )}
                  </td>
                  <td className="mono ellipsis sql-snippet" title={r.sqlTextSnippet}>
                    {r.sqlTextSnippet}
                  </td>
                  {cell('executions', num(r.executions, lang))}
                  {cell('elapsedMs', ms(r.elapsedMs, lang))}
                  {cell('elapsedMsPerExec', ms(r.elapsedMsPerExec, lang))}
                  {cell('cpuMs', ms(r.cpuMs, lang))}
                  {cell('bufferGets', num(r.bufferGets, lang))}
                  {cell('diskReads', num(r.diskReads, lang))}
                  {cell('rowsProcessed', num(r.rowsProcessed, lang))}
                  <td className="mono small">{r.planHashValue}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}
