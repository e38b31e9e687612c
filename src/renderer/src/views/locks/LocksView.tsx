import type { BlockingNode, KillSessionResult, LockRow } from '@shared/types/oracle';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { KillSessionDialog, type KillTarget } from '../../components/KillSessionDialog';
import { duration } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { waitClassColor } from '../../components/waitClasses';
import { useConnection } from '../../state/connection';
import '../views.css';

const LOCKS_MS = 30_000;

function lockText(locks: LockRow[], kind: 'held' | 'requested'): LockRow[] {
  return locks.filter((l) => (kind === 'held' ? l.block > 0 || l.modeHeld > 0 : l.modeRequested > 0));
}

function LockCell({ locks, kind }: { locks: LockRow[]; kind: 'held' | 'requested' }) {
  const rows = lockText(locks, kind);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <span className="lock-list">
      {rows.map((l) => (
        <span
          key={`${l.lockType}:${l.id1}:${l.id2}:${kind}`}
          className="lock-chip"
          title={`${l.lockType} ${l.lockTypeName} · ID1 ${l.id1} · ID2 ${l.id2} · CTIME ${l.ctimeSec} s`}
        >
          <strong className="mono">{l.lockType}</strong>{' '}
          {kind === 'held' ? l.modeHeldName : l.modeRequestedName}
          <span className="muted lock-type-name"> · {l.lockTypeName}</span>
        </span>
      ))}
    </span>
  );
}

function NodeRows({
  node,
  depth,
  onKill,
  onSqlId,
}: {
  node: BlockingNode;
  depth: number;
  onKill: (target: KillTarget) => void;
  onSqlId: (sqlId: string) => void;
}) {
  const { t } = useTranslation('locks');
  const s = node.session;
  const root = depth === 0;
  const sqlId = s.sqlId ?? s.prevSqlId;
  return (
    <>
      <tr
        className={root ? 'row-blocker' : 'row-blocked'}
        data-testid={root ? 'lock-root' : 'lock-waiter'}
        data-sid={s.sid}
        data-depth={depth}
      >
        <td>
          <span className="tree-indent" style={{ paddingLeft: depth * 20 }}>
            {root ? <span className="badge bad">{t('root')}</span> : <span className="muted">└─</span>}{' '}
            <span className="mono">
              {s.sid},{s.serial}
            </span>
            {s.instId > 1 ? <span className="muted"> @{s.instId}</span> : null}
          </span>
        </td>
        <td>{s.username ?? '—'}</td>
        <td>
          <span className={`status status-${s.status.toLowerCase()}`}>{s.status}</span>
        </td>
        <td className="ellipsis narrow" title={`${s.program ?? ''} ${s.machine ?? ''}`}>
          {s.program ?? '—'}
          {s.machine ? <span className="muted"> · {s.machine}</span> : null}
        </td>
        <td className="ellipsis narrow" title={s.event ?? ''}>
          {s.waitClass && <span className="dot" style={{ background: waitClassColor(s.waitClass) }} />}
          {s.event ?? '—'}
        </td>
        <td>
          <LockCell locks={node.locks} kind="held" />
        </td>
        <td>
          <LockCell locks={node.locks} kind="requested" />
        </td>
        <td className="mono">{s.rowWaitObj !== null && s.rowWaitObj >= 0 ? s.rowWaitObj : '—'}</td>
        <td className="num">{root ? duration(s.lastCallEt) : duration(s.secondsInWait)}</td>
        <td>
          {sqlId ? (
            <button type="button" className="link mono" onClick={() => onSqlId(sqlId)}>
              {sqlId}
            </button>
          ) : (
            '—'
          )}
        </td>
        <td>
          {root ? (
            <span className="nowrap">
              <span className="badge bad" data-testid="waiter-count">
                {t('waiters', { count: node.totalWaiters })}
              </span>{' '}
              <button
                type="button"
                className="btn btn-xs danger"
                data-testid="kill-blocker"
                onClick={() =>
                  onKill({
                    instId: s.instId,
                    sid: s.sid,
                    serial: s.serial,
                    username: s.username,
                    program: s.program,
                    machine: s.machine,
                    sqlId,
                    waiters: node.totalWaiters,
                  })
                }
              >
                {t('killBlocker')}
              </button>
            </span>
          ) : null}
        </td>
      </tr>
      {node.waiters.map((w) => (
        <NodeRows
          key={`${w.session.instId}:${w.session.sid}`}
          node={w}
          depth={depth + 1}
          onKill={onKill}
          onSqlId={onSqlId}
        />
      ))}
    </>
  );
}

function LocksView() {
  const { t } = useTranslation('locks');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const res = useResource('monitor:locks', connId ? { connId } : null, { refreshMs: LOCKS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const [killTarget, setKillTarget] = useState<KillTarget>();
  const [notice, setNotice] = useState<string>();
  const snap = res.data?.data;
  const onSqlId = (sqlId: string) => {
    window.location.hash = `/top-sql/${encodeURIComponent(sqlId)}`;
  };
  const onKilled = (r: KillSessionResult) => {
    setKillTarget(undefined);
    setNotice(t(r.outcome === 'killed' ? 'killed' : 'marked', { sid: r.sid, serial: r.serial }));
    void res.refresh();
  };

  return (
    <div className="view" data-testid="view-locks">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={LOCKS_MS}
      >
        <a className="link" href="#/activity/blocking" data-testid="locks-history-link">
          {t('history')}
        </a>
      </ViewHeader>
      {notice && (
        <div className="notice" data-testid="notice" role="status">
          {notice}
        </div>
      )}
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap && snap.roots.length === 0 ? (
        <EmptyState testId="locks-empty">{t('empty')}</EmptyState>
      ) : snap ? (
        <>
          <p className="muted" data-testid="locks-summary">
            {t('summary', { blockers: snap.roots.length, blocked: snap.blockedCount })}
          </p>
          <div className="panel table-wrap">
            <table className="tree-table" data-testid="lock-tree">
              <thead>
                <tr>
                  <th>{t('col.session')}</th>
                  <th>{t('col.user')}</th>
                  <th>{t('col.status')}</th>
                  <th>{t('col.program')}</th>
                  <th>{t('col.event')}</th>
                  <th>{t('col.held')}</th>
                  <th>{t('col.requested')}</th>
                  <th title={t('col.objectHint')}>{t('col.object')}</th>
                  <th>{t('col.waiting')}</th>
                  <th>SQL ID</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {snap.roots.map((root) => (
                  <Fragment key={`${root.session.instId}:${root.session.sid}`}>
                    <NodeRows node={root} depth={0} onKill={setKillTarget} onSqlId={onSqlId} />
                  </Fragment>
                ))}
              </tbody>
            </table>
          </div>
          <p className="muted small">{t('legend')}</p>
        </>
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

export default withViewBoundary(LocksView);
