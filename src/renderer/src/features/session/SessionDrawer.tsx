/**
 * The session drill-down drawer (issue 17): one for the whole app, opened by any SidLink for
 * (connection, instance, SID, SERIAL#). Reads `session:detail` (cached `tms:{connId}:session:…`,
 * realtime tier: refreshed with the TTL) and the sampler's activity of that session.
 *
 * `actions` is the slot for session actions (kill / cancel SQL) the app may pass in; the drawer itself
 * only reads.
 */
import type { SessionDetail } from '@shared/types/session-detail';
import { type ReactNode, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { DataStatus } from '../../components/DataStatus';
import { LoadingState } from '../../components/EmptyState';
import { ViewError } from '../../components/ViewError';
import {
  closeSession,
  openSession,
  type SessionTarget,
  useSessionDrilldown,
} from '../../state/session-drilldown';
import { SessionActivity } from './SessionActivity';
import {
  CursorsSection,
  IdentitySection,
  LocksSection,
  SqlSection,
  StatsSection,
  TransactionSection,
  WaitsSection,
} from './SessionSections';
import './session.css';

const REFRESH_MS = 15_000;

export type SessionActions = (target: SessionTarget, detail: SessionDetail | undefined) => ReactNode;

export function SessionDrawer({ actions }: { actions?: SessionActions }) {
  const target = useSessionDrilldown();
  if (!target) return null;
  return (
    <SessionPanel
      key={`${target.connId}:${target.instId}:${target.sid}:${target.serial}`}
      target={target}
      {...(actions ? { actions } : {})}
    />
  );
}

function GoneMessage({
  target,
  error,
}: {
  target: SessionTarget;
  error: { details?: Record<string, unknown> };
}) {
  const { t } = useTranslation('session');
  const now = typeof error.details?.serial === 'number' ? error.details.serial : null;
  return (
    <div className="notice sd-gone" data-testid="sd-gone" role="status">
      {now === null
        ? t('gone', { sid: target.sid, serial: target.serial })
        : t('serialChanged', { sid: target.sid, serial: target.serial, now })}
      {now !== null && (
        <>
          {' '}
          <button
            type="button"
            className="link"
            onClick={() => openSession({ ...target, serial: now })}
            data-testid="sd-open-new"
          >
            {t('openNew', { sid: target.sid, now })}
          </button>
        </>
      )}
    </div>
  );
}

function SessionPanel({ target, actions }: { target: SessionTarget; actions?: SessionActions }) {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation();
  const res = useResource('session:detail', target, { refreshMs: REFRESH_MS });
  const d = res.data?.data;
  const ref = useRef<HTMLElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') closeSession();
    };
    window.addEventListener('keydown', onKey);
    ref.current?.focus();
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const gone = res.error?.code === 'NOT_FOUND';
  return (
    <aside
      ref={ref}
      tabIndex={-1}
      className="session-drawer"
      role="dialog"
      aria-label={t('title', { sid: target.sid, serial: target.serial })}
      data-testid="session-drawer"
      data-sid={target.sid}
      data-serial={target.serial}
      data-inst={target.instId}
    >
      <header className="sd-head">
        <div className="sd-title">
          <h2>{t('title', { sid: target.sid, serial: target.serial })}</h2>
          <div className="sd-scope small muted" data-testid="sd-scope">
            {d ? (
              <>
                <span>
                  {d.instanceScope === 'cluster'
                    ? t('instanceScope.cluster', { inst: d.identity.instId })
                    : t('instanceScope.instance')}
                </span>
                {' · '}
                <span>{t(`scope.${d.scope}`, { conId: d.identity.conId })}</span>
              </>
            ) : (
              t('instance', { inst: target.instId })
            )}
          </div>
        </div>
        <div className="sd-controls">
          <DataStatus
            meta={res.data?.cache}
            refreshing={res.refreshing}
            onRefresh={() => void res.refresh()}
            refreshMs={REFRESH_MS}
          />
          {actions && (
            <div className="sd-actions" data-testid="sd-actions">
              {actions(target, d)}
            </div>
          )}
          <button type="button" className="btn" onClick={closeSession} data-testid="sd-close">
            {t('close')}
          </button>
        </div>
      </header>
      <div className="sd-body">
        {gone && res.error ? (
          <GoneMessage target={target} error={res.error} />
        ) : res.error ? (
          <ViewError error={res.error} onRetry={() => void res.reload()} />
        ) : null}
        {res.loading && !d ? <LoadingState label={tc('status.loading')} /> : null}
        {d && !gone && (
          <>
            {d.errors.map((e) => (
              <div key={e.part} className="notice small" data-testid="sd-part-error" data-part={e.part}>
                {t('partError', { part: t(`parts.${e.part}`) })}
                {e.grant && <pre className="error-grant">{t('partGrant', { grant: e.grant })}</pre>}
              </div>
            ))}
            <IdentitySection d={d} />
            <SqlSection d={d} connId={target.connId} />
            <StatsSection d={d} />
            <WaitsSection d={d} />
            <LocksSection d={d} />
            <TransactionSection d={d} />
            <CursorsSection d={d} />
          </>
        )}
        {!gone && <SessionActivity target={target} />}
      </div>
    </aside>
  );
}
