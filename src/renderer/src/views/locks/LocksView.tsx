import type { CancelSqlResult } from '@shared/types/interventions';
import type { BlockingNode, KillSessionResult, LockObjectName, LockRow } from '@shared/types/oracle';
import { type ColumnDef, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { SidLink } from '../../components/SidLink';
import {
  type StopTarget as KillTarget,
  type StopMode,
  StopSessionDialog,
  useCancelAvailable,
} from '../../components/stop';
import { ColumnMenu } from '../../components/table/ColumnMenu';
import { labelsOf, specsOf } from '../../components/table/columns';
import { DataTable } from '../../components/table/DataTable';
import { useColumnLayout } from '../../components/table/useColumnLayout';
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

/** OWNER.NAME of an object id, or `#id` when it could not be named */
export function objectLabel(id: number, objects: ReadonlyMap<number, LockObjectName>): string {
  const o = objects.get(id);
  return o?.owner && o.name ? `${o.owner}.${o.name}` : `#${id}`;
}

function LockCell({
  locks,
  kind,
  objects,
}: {
  locks: LockRow[];
  kind: 'held' | 'requested';
  objects: ReadonlyMap<number, LockObjectName>;
}) {
  const { i18n } = useTranslation();
  const lang = i18n.language;
  const rows = lockText(locks, kind);
  if (rows.length === 0) return <span className="muted">—</span>;
  return (
    <span className="lock-list">
      {rows.map((l) => (
        <span
          key={`${l.lockType}:${l.id1}:${l.id2}:${kind}`}
          className="lock-chip"
          title={`${l.lockType} ${l.lockTypeName} · ID1 ${l.id1} · ID2 ${l.id2} · CTIME ${duration(l.ctimeSec, lang)}`}
        >
          <strong className="mono">{l.lockType}</strong>{' '}
          {kind === 'held' ? l.modeHeldName : l.modeRequestedName}
          {l.lockType === 'TM' ? (
            <span className="mono" data-testid="lock-tm-object">
              {' '}
              {objectLabel(l.id1, objects)}
            </span>
          ) : (
            <span className="muted lock-type-name"> · {l.lockTypeName}</span>
          )}
        </span>
      ))}
    </span>
  );
}

/** One line of the blocking tree: a session and how deep it waits under the root blocker. */
export interface LockLine {
  node: BlockingNode;
  depth: number;
}

/** The tree as lines, depth first (root, its waiters, their waiters, …), the order the table shows. */
export function flattenLockTree(roots: readonly BlockingNode[]): LockLine[] {
  const out: LockLine[] = [];
  const walk = (node: BlockingNode, depth: number) => {
    out.push({ node, depth });
    for (const w of node.waiters) walk(w, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  return out;
}

function useLockColumns(
  onKill: (target: KillTarget) => void,
  onSqlId: (sqlId: string) => void,
  objects: ReadonlyMap<number, LockObjectName>,
  namesReadable: boolean,
  /** issue 17: Cancel SQL on sessions running a statement (absent: no cancel on this database / method) */
  onCancel?: (target: KillTarget) => void,
): ColumnDef<LockLine>[] {
  const { t, i18n } = useTranslation('locks');
  const lang = i18n.language;
  return useMemo<ColumnDef<LockLine>[]>(
    () => [
      {
        id: 'session',
        header: t('col.session'),
        size: 172,
        meta: { label: t('col.session'), priority: 1, sticky: true, required: true },
        cell: ({ row }) => {
          const { node, depth } = row.original;
          const s = node.session;
          return (
            <span className="tree-indent" style={{ paddingLeft: depth * 12 }}>
              {depth === 0 ? (
                <span className="badge bad">{t('root')}</span>
              ) : (
                <span className="muted">└─</span>
              )}{' '}
              <SidLink instId={s.instId} sid={s.sid} serial={s.serial} />
              {s.instId > 1 ? <span className="muted"> @{s.instId}</span> : null}
            </span>
          );
        },
      },
      {
        id: 'actions',
        header: t('col.actions'),
        size: onCancel ? 226 : 170,
        meta: { label: t('col.actions'), priority: 1, sticky: true, required: true },
        cell: ({ row }) => {
          const { node, depth } = row.original;
          const s = node.session;
          const cancel =
            onCancel && s.status === 'ACTIVE' ? (
              <button
                type="button"
                className="btn btn-xs"
                data-testid="cancel-sql"
                onClick={() =>
                  onCancel({
                    instId: s.instId,
                    sid: s.sid,
                    serial: s.serial,
                    username: s.username,
                    program: s.program,
                    machine: s.machine,
                    sqlId: s.sqlId,
                    waiters: node.totalWaiters,
                  })
                }
              >
                {t('cancelSql')}
              </button>
            ) : null;
          if (depth > 0) return cancel;
          return (
            <span className="nowrap">
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
                    sqlId: s.sqlId ?? s.prevSqlId,
                    waiters: node.totalWaiters,
                  })
                }
              >
                {t('killBlocker')}
              </button>{' '}
              {cancel}
              {cancel ? ' ' : null}
              <span className="badge bad" data-testid="waiter-count">
                {t('waiters', { count: node.totalWaiters })}
              </span>
            </span>
          );
        },
      },
      {
        id: 'sqlId',
        header: t('col.sqlId'),
        size: 122,
        meta: { label: t('col.sqlId'), priority: 1 },
        cell: ({ row }) => {
          const s = row.original.node.session;
          const sqlId = s.sqlId ?? s.prevSqlId;
          return sqlId ? (
            <button
              type="button"
              className="link mono"
              data-testid="lock-sql-id"
              onClick={() => onSqlId(sqlId)}
            >
              {sqlId}
            </button>
          ) : (
            '—'
          );
        },
      },
      {
        id: 'waiting',
        header: t('col.waiting'),
        size: 110,
        meta: { label: t('col.waiting'), priority: 1, numeric: true },
        cell: ({ row }) => {
          const { node, depth } = row.original;
          return depth === 0
            ? duration(node.session.lastCallEt, lang)
            : duration(node.session.secondsInWait, lang);
        },
      },
      {
        id: 'held',
        header: t('col.held'),
        size: 170,
        meta: { label: t('col.held'), priority: 2, className: 'wrap' },
        cell: ({ row }) => <LockCell locks={row.original.node.locks} kind="held" objects={objects} />,
      },
      {
        id: 'requested',
        header: t('col.requested'),
        size: 170,
        meta: { label: t('col.requested'), priority: 2, className: 'wrap' },
        cell: ({ row }) => <LockCell locks={row.original.node.locks} kind="requested" objects={objects} />,
      },
      {
        id: 'object',
        header: () => <span title={t('col.objectHint')}>{t('col.object')}</span>,
        size: 170,
        meta: { label: t('col.object'), priority: 2, className: 'mono' },
        cell: ({ row }) => {
          const id = row.original.node.session.rowWaitObj;
          if (id === null || id <= 0) return '—';
          const o = objects.get(id);
          const title = namesReadable ? `OBJECT_ID ${id}` : t('objectNoPrivilege', { id });
          return (
            <span title={title} data-testid="lock-object">
              {objectLabel(id, objects)}
              {o?.type ? <span className="muted"> · {o.type}</span> : null}
            </span>
          );
        },
      },
      {
        id: 'user',
        header: t('col.user'),
        size: 110,
        meta: { label: t('col.user'), priority: 2 },
        cell: ({ row }) => row.original.node.session.username ?? '—',
      },
      {
        id: 'event',
        header: t('col.event'),
        size: 200,
        meta: { label: t('col.event'), priority: 3, grow: true, minSize: 100 },
        cell: ({ row }) => {
          const s = row.original.node.session;
          return (
            <span title={s.event ?? ''}>
              {s.waitClass && <span className="dot" style={{ background: waitClassColor(s.waitClass) }} />}
              {s.event ?? '—'}
            </span>
          );
        },
      },
      {
        id: 'status',
        header: t('col.status'),
        size: 86,
        meta: { label: t('col.status'), priority: 3 },
        cell: ({ row }) => {
          const st = row.original.node.session.status;
          return <span className={`status status-${st.toLowerCase()}`}>{st}</span>;
        },
      },
      {
        id: 'program',
        header: t('col.program'),
        size: 200,
        meta: { label: t('col.program'), priority: 4 },
        cell: ({ row }) => {
          const s = row.original.node.session;
          return (
            <span title={`${s.program ?? ''} ${s.machine ?? ''}`}>
              {s.program ?? '—'}
              {s.machine ? <span className="muted"> · {s.machine}</span> : null}
            </span>
          );
        },
      },
    ],
    [t, lang, onKill, onSqlId, objects, namesReadable, onCancel],
  );
}

function LockTable({
  roots,
  onKill,
  onSqlId,
  objects,
  namesReadable,
  onCancel,
}: {
  roots: readonly BlockingNode[];
  onKill: (target: KillTarget) => void;
  onSqlId: (sqlId: string) => void;
  objects: ReadonlyMap<number, LockObjectName>;
  namesReadable: boolean;
  onCancel?: ((target: KillTarget) => void) | undefined;
}) {
  const defs = useLockColumns(onKill, onSqlId, objects, namesReadable, onCancel);
  const specs = useMemo(() => specsOf(defs), [defs]);
  const labels = useMemo(() => labelsOf(defs), [defs]);
  const columns = useColumnLayout('locks', specs);
  const data = useMemo(() => flattenLockTree(roots), [roots]);
  const table = useReactTable({
    data,
    columns: defs,
    state: columns.tableState,
    getCoreRowModel: getCoreRowModel(),
    enableSorting: false,
    getRowId: (l) => `${l.node.session.instId}:${l.node.session.sid}:${l.depth}`,
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
          testId="lock-tree"
          className="tree-table"
          rowAttributes={(row) => {
            const root = row.original.depth === 0;
            return {
              className: root ? 'row-blocker' : 'row-blocked',
              'data-testid': root ? 'lock-root' : 'lock-waiter',
              'data-sid': row.original.node.session.sid,
              'data-depth': row.original.depth,
            };
          }}
        />
      </div>
    </>
  );
}

function openSqlId(sqlId: string): void {
  window.location.hash = `/top-sql/${encodeURIComponent(sqlId)}`;
}

function LocksView() {
  const { t } = useTranslation('locks');
  const { t: tc } = useTranslation();
  const { connId } = useConnection();
  const res = useResource('monitor:locks', connId ? { connId } : null, { refreshMs: LOCKS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const [stop, setStop] = useState<{ mode: StopMode; target: KillTarget }>();
  const [notice, setNotice] = useState<string>();
  const cancelAvailable = useCancelAvailable(connId);
  const onKill = useCallback((target: KillTarget) => setStop({ mode: 'kill', target }), []);
  const onCancel = useCallback((target: KillTarget) => setStop({ mode: 'cancel', target }), []);
  const snap = res.data?.data;
  const objects = useMemo(
    () => new Map((snap?.objects ?? []).map((o) => [o.objectId, o] as const)),
    [snap?.objects],
  );
  const onCancelled = (r: CancelSqlResult) => {
    setStop(undefined);
    setNotice(t('cancelled', { sid: r.sid, serial: r.serial }));
    void res.refresh();
  };
  const onKilled = (r: KillSessionResult) => {
    setStop(undefined);
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
          <LockTable
            roots={snap.roots}
            onKill={onKill}
            onSqlId={openSqlId}
            onCancel={cancelAvailable ? onCancel : undefined}
            objects={objects}
            namesReadable={snap.objectNames !== 'no-privilege'}
          />
          {snap.objectNames === 'no-privilege' && (
            <p className="muted small" data-testid="locks-object-grant">
              {t('objectGrant')}
            </p>
          )}
          <p className="muted small">{t('legend')}</p>
        </>
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

export default withViewBoundary(LocksView);
