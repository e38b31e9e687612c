import type { FacetCount, SessionsFilter } from '@shared/contract/monitor';
import { SESSION_SORT_KEYS, type SessionSortKey } from '@shared/contract/session-sort';
import type { CancelSqlResult } from '@shared/types/interventions';
import type { KillSessionResult } from '@shared/types/oracle';
import type { SortingState, Updater } from '@tanstack/react-table';
import { memo, useCallback, useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { type StopMode, StopSessionDialog, type StopTarget, useCancelAvailable } from '../../components/stop';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useDatabaseIdentity } from '../../features/database/DatabaseIdentity';
import { useConnection } from '../../state/connection';
import { SessionsTable, useSessionColumns } from './SessionsTable';
import { useSessionsWindow } from './useSessionsWindow';
import '../views.css';

/** the view's cadence when an answer carries no cache metadata (the TTL times the refresh otherwise) */
const SESSIONS_MS = 30_000;
/** typing pauses this long before the filter goes to main */
const TEXT_FILTER_DELAY_MS = 150;

const isSortKey = (id: string): id is SessionSortKey => (SESSION_SORT_KEYS as readonly string[]).includes(id);

function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/** `#/sessions/<text>` (e.g. a SID from the Activity view) starts with that filter text. */
function textFromHash(): string {
  const m = /^#\/?sessions\/([^/?#]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : '';
}

/**
 * Sessions (issue 15): filtering, sorting and paging run in main over the cached snapshot; this view
 * holds the filter and sort, and draws the rows of the pages on screen.
 */
function openSqlId(sqlId: string): void {
  window.location.hash = `/top-sql/${encodeURIComponent(sqlId)}`;
}

/**
 * The options of a filter list. Memoized on the list, which changes with the snapshot, not with each
 * page scrolled in (i18next's t() per option per render was a third of the view's render time while
 * scrolling).
 */
const FacetOptions = memo(function FacetOptions({ facets }: { facets: FacetCount[] | undefined }) {
  const { t } = useTranslation('sessions');
  return facets?.map((f) => (
    <option key={f.value} value={f.value}>
      {t('filter.option', { value: f.value, count: f.count })}
    </option>
  ));
});

function SessionsView() {
  const { t } = useTranslation('sessions');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const [text, setText] = useState(textFromHash);
  const [status, setStatus] = useState<string | null>(null);
  const [waitClass, setWaitClass] = useState<string | null>(null);
  const [blockingOnly, setBlockingOnly] = useState(false);
  const [conId, setConId] = useState<number | null>(null);
  const identity = useDatabaseIdentity(connId);
  const containers = identity?.containerKind === 'root' ? identity.visibleContainers : [];
  const [sorting, setSorting] = useState<SortingState>([]);
  const settledText = useDeferredValue(useDebounced(text, TEXT_FILTER_DELAY_MS));
  const filter = useMemo<SessionsFilter>(
    () => ({ text: settledText.trim(), status, waitClass, blockingOnly, conId }),
    [settledText, status, waitClass, blockingOnly, conId],
  );
  const sort = useMemo(() => {
    const s = sorting[0];
    return s && isSortKey(s.id) ? { key: s.id, desc: s.desc } : null;
  }, [sorting]);
  const res = useSessionsWindow(connId, filter, sort, SESSIONS_MS);
  const onSortingChange = useCallback(
    (u: Updater<SortingState>) => setSorting((s) => (typeof u === 'function' ? u(s) : u)),
    [],
  );
  const [stop, setStop] = useState<{ mode: StopMode; target: StopTarget }>();
  const cancelAvailable = useCancelAvailable(connId);
  const onKill = useCallback((target: StopTarget) => setStop({ mode: 'kill', target }), []);
  const onCancel = useCallback((target: StopTarget) => setStop({ mode: 'cancel', target }), []);
  const [notice, setNotice] = useState<string>();

  const summary = res.summary;
  // RAC: the instance column joins the identifying columns at the left edge
  const columns = useSessionColumns(
    onKill,
    openSqlId,
    summary?.instanceScope === 'cluster',
    cancelAvailable ? onCancel : undefined,
  );
  // benchmarks: when the first answer reached the view (rows follow with tms:sessions:first-rows)
  const markedData = useRef(false);
  useEffect(() => {
    if (summary && !markedData.current) {
      markedData.current = true;
      performance.mark('tms:sessions:data');
    }
  }, [summary]);
  const refreshView = res.refresh;
  const onRefresh = useCallback(() => void refreshView(), [refreshView]);
  const filtered =
    filter.text !== '' || status !== null || waitClass !== null || blockingOnly || conId !== null;

  const onCancelled = (result: CancelSqlResult) => {
    setStop(undefined);
    setNotice(t('cancelled', { sid: result.sid, serial: result.serial }));
    void res.refresh();
  };
  const onKilled = (result: KillSessionResult) => {
    setStop(undefined);
    setNotice(
      t(result.outcome === 'killed' ? 'killed' : 'marked', { sid: result.sid, serial: result.serial }),
    );
    void res.refresh();
  };

  return (
    <div className="view view-fill" data-testid="view-sessions">
      <ViewHeader
        title={t('title')}
        meta={res.meta}
        refreshing={res.refreshing}
        onRefresh={onRefresh}
        refreshMs={SESSIONS_MS}
      />
      <div className="toolbar">
        <input
          type="search"
          className="filter-input"
          placeholder={t('filter.placeholder')}
          aria-label={t('filter.placeholder')}
          data-testid="sessions-filter"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <label>
          {t('filter.status')}{' '}
          <select
            data-testid="sessions-status-filter"
            value={status ?? ''}
            onChange={(e) => setStatus(e.target.value || null)}
          >
            <option value="">{t('filter.all')}</option>
            {status !== null && !summary?.statuses.some((f) => f.value === status) && (
              <option value={status}>{t('filter.option', { value: status, count: 0 })}</option>
            )}
            <FacetOptions facets={summary?.statuses} />
          </select>
        </label>
        <label>
          {t('filter.waitClass')}{' '}
          <select
            data-testid="sessions-waitclass-filter"
            value={waitClass ?? ''}
            onChange={(e) => setWaitClass(e.target.value || null)}
          >
            <option value="">{t('filter.all')}</option>
            {waitClass !== null && !summary?.waitClasses.some((f) => f.value === waitClass) && (
              <option value={waitClass}>{t('filter.option', { value: waitClass, count: 0 })}</option>
            )}
            <FacetOptions facets={summary?.waitClasses} />
          </select>
        </label>
        {containers.length > 1 && (
          <label>
            {t('filter.container')}{' '}
            <select
              data-testid="sessions-container-filter"
              value={conId === null ? 'all' : String(conId)}
              onChange={(e) => setConId(e.target.value === 'all' ? null : Number(e.target.value))}
            >
              <option value="all">{t('filter.allContainers')}</option>
              {containers.map((c) => (
                <option key={c.conId} value={String(c.conId)}>
                  {c.name} (CON_ID {c.conId})
                </option>
              ))}
            </select>
          </label>
        )}
        <label className="checkbox">
          <input
            type="checkbox"
            data-testid="sessions-blocking-filter"
            checked={blockingOnly}
            onChange={(e) => setBlockingOnly(e.target.checked)}
          />
          {t('filter.blockingOnly')}
        </label>
        <span
          className="muted"
          data-testid="sessions-count"
          data-total={summary?.total ?? 0}
          data-shown={summary?.matched ?? 0}
        >
          {t('count', { shown: summary?.matched ?? 0, total: summary?.total ?? 0 })}
          {summary && summary.blockedCount > 0 && (
            <span className="text-bad">
              {' '}
              · {t('blockedCount', { count: summary.blockedCount, blockers: summary.blockerCount })}
            </span>
          )}
          {summary && summary.hiddenOwnSessions > 0 && (
            <span> · {t('hiddenOwn', { count: summary.hiddenOwnSessions })}</span>
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
      {res.loading ? (
        <LoadingState label={tc('status.loading')} />
      ) : summary && summary.total === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : summary && summary.matched === 0 && filtered ? (
        <EmptyState>{t('emptyFiltered')}</EmptyState>
      ) : summary ? (
        <SessionsTable
          count={summary.matched}
          rowAt={res.rowAt}
          sorting={sorting}
          onSortingChange={onSortingChange}
          onRange={res.setRange}
          columns={columns}
        />
      ) : null}
      {stop && connId && (
        <StopSessionDialog
          connId={connId}
          mode={stop.mode}
          target={stop.target}
          onClose={() => setStop(undefined)}
          onKilled={onKilled}
          onCancelled={onCancelled}
        />
      )}
    </div>
  );
}

export default withViewBoundary(SessionsView);
