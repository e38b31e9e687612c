import type { KillSessionResult, SessionRow } from '@shared/types/oracle';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { KillSessionDialog, type KillTarget } from '../../components/KillSessionDialog';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { SessionsTable, useSessionColumns } from './SessionsTable';
import '../views.css';

const SESSIONS_MS = 30_000;

export interface SessionFilters {
  text: string;
  status: string;
  waitClass: string;
  /** 'all' | 'blocking' (blockers and blocked) */
  blocking: 'all' | 'blocking';
}

/** Lower-case text a global filter searches, built once per snapshot. */
function haystack(s: SessionRow): string {
  return [
    s.sid,
    s.serial,
    s.username,
    s.status,
    s.osUser,
    s.machine,
    s.program,
    s.module,
    s.sqlId,
    s.event,
    s.waitClass,
    s.spid,
    s.serviceName,
  ]
    .filter((v) => v !== null && v !== undefined)
    .join('\u0001')
    .toLowerCase();
}

function openSqlId(sqlId: string): void {
  window.location.hash = `/top-sql/${encodeURIComponent(sqlId)}`;
}

function SessionsView() {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const res = useResource('monitor:sessions', connId ? { connId } : null, { refreshMs: SESSIONS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const [filters, setFilters] = useState<SessionFilters>({
    text: '',
    status: 'all',
    waitClass: 'all',
    blocking: 'all',
  });
  const [killTarget, setKillTarget] = useState<KillTarget>();
  const [notice, setNotice] = useState<string>();

  const snapshot = res.data?.data;
  // benchmarks: when the first snapshot reached the view (rows follow with tms:sessions:first-rows)
  const markedData = useRef(false);
  useEffect(() => {
    if (snapshot && !markedData.current) {
      markedData.current = true;
      performance.mark('tms:sessions:data');
    }
  }, [snapshot]);
  const all = snapshot?.sessions;

  const derived = useMemo(() => {
    const sessions = all ?? [];
    const blockers = new Set<number>();
    const statuses = new Set<string>();
    const waitClasses = new Set<string>();
    for (const s of sessions) {
      if (s.blockingSession !== null) blockers.add(s.blockingSession);
      statuses.add(s.status);
      if (s.waitClass) waitClasses.add(s.onCpu ? 'CPU' : s.waitClass);
    }
    const index = sessions.map(haystack);
    return {
      blockers,
      statuses: [...statuses].sort(),
      waitClasses: [...waitClasses].sort(),
      index,
      blockedCount: sessions.filter((s) => s.blockingSession !== null).length,
    };
  }, [all]);

  const rows = useMemo(() => {
    const sessions = all ?? [];
    const text = filters.text.trim().toLowerCase();
    if (!text && filters.status === 'all' && filters.waitClass === 'all' && filters.blocking === 'all') {
      return sessions;
    }
    return sessions.filter((s, i) => {
      if (filters.status !== 'all' && s.status !== filters.status) return false;
      if (filters.waitClass !== 'all') {
        const wc = s.onCpu ? 'CPU' : s.waitClass;
        if (wc !== filters.waitClass) return false;
      }
      if (filters.blocking === 'blocking' && s.blockingSession === null && !derived.blockers.has(s.sid)) {
        return false;
      }
      return !text || derived.index[i]!.includes(text);
    });
  }, [all, filters, derived]);

  const onKilled = (result: KillSessionResult) => {
    setKillTarget(undefined);
    setNotice(
      t(result.outcome === 'killed' ? 'killed' : 'marked', { sid: result.sid, serial: result.serial }),
    );
    void res.refresh();
  };

  const columns = useSessionColumns(setKillTarget, openSqlId);

  return (
    <div className="view view-fill" data-testid="view-sessions">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={SESSIONS_MS}
      />
      <div className="toolbar">
        <input
          type="search"
          className="filter-input"
          placeholder={t('filter.placeholder')}
          aria-label={t('filter.placeholder')}
          data-testid="sessions-filter"
          value={filters.text}
          onChange={(e) => setFilters((f) => ({ ...f, text: e.target.value }))}
        />
        <label>
          {t('filter.status')}{' '}
          <select
            data-testid="sessions-status-filter"
            value={filters.status}
            onChange={(e) => setFilters((f) => ({ ...f, status: e.target.value }))}
          >
            <option value="all">{t('filter.all')}</option>
            {derived.statuses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('filter.waitClass')}{' '}
          <select
            data-testid="sessions-waitclass-filter"
            value={filters.waitClass}
            onChange={(e) => setFilters((f) => ({ ...f, waitClass: e.target.value }))}
          >
            <option value="all">{t('filter.all')}</option>
            {derived.waitClasses.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="sessions-blocking-filter"
            checked={filters.blocking === 'blocking'}
            onChange={(e) => setFilters((f) => ({ ...f, blocking: e.target.checked ? 'blocking' : 'all' }))}
          />
          {t('filter.blockingOnly')}
        </label>
        <span
          className="muted"
          data-testid="sessions-count"
          data-total={all?.length ?? 0}
          data-shown={rows.length}
        >
          {t('count', { shown: rows.length, total: all?.length ?? 0 })}
          {derived.blockedCount > 0 && (
            <span className="text-bad">
              {' '}
              · {t('blockedCount', { count: derived.blockedCount, blockers: derived.blockers.size })}
            </span>
          )}
          {snapshot && snapshot.hiddenOwnSessions > 0 && (
            <span> · {t('hiddenOwn', { count: snapshot.hiddenOwnSessions })}</span>
          )}
        </span>
        <span className="toolbar-end">
          <ColumnMenu state={columns.layout} labels={columns.labels} />
        </span>
      </div>
      {notice && (
        <div className="notice" data-testid="notice" role="status">
          {notice}
          <button type="button" className="link" onClick={() => setNotice(undefined)}>
            ×
          </button>
        </div>
      )}
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !all ? (
        <LoadingState label={tc('status.loading')} />
      ) : all && all.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : all ? (
        rows.length === 0 ? (
          <EmptyState>{t('emptyFiltered')}</EmptyState>
        ) : (
          <SessionsTable rows={rows} blockers={derived.blockers} columns={columns} />
        )
      ) : null}
      {killTarget && connId && (
        <KillSessionDialog
          connId={connId}
          target={killTarget}
          onClose={() => setKillTarget(undefined)}
          onKilled={onKilled}
        />
      )}
    </div>
  );
}

export default withViewBoundary(SessionsView);
