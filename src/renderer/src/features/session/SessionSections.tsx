/** The drill-down's sections (issue 17): each shows its source view, unit and window. */
import type {
  SessionCursorGroup,
  SessionDetail,
  SessionLock,
  SessionStat,
  SessionWait,
} from '@shared/types/session-detail';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { LoadingState } from '../../components/EmptyState';
import { formatBytes, formatNumber } from '../../components/format';
import { dateTime, duration, num } from '../../components/units';
import { ViewError } from '../../components/ViewError';
import { waitClassColor } from '../../components/waitClasses';

export function IdentitySection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const s = d.identity;
  const onCpu = s.state !== null && s.state !== 'WAITING';
  return (
    <section className="sd-section" data-testid="sd-identity">
      <h3>{t('identity.title')}</h3>
      <dl className="kv sd-kv">
        <dt>{t('identity.user')}</dt>
        <dd data-testid="sd-user">{s.username ?? '—'}</dd>
        <dt>{t('identity.status')}</dt>
        <dd>
          <span className={`status status-${s.status.toLowerCase()}`}>{s.status}</span>
        </dd>
        <dt>{t('identity.program')}</dt>
        <dd className="sd-wrap">{s.program ?? '—'}</dd>
        <dt>{t('identity.machine')}</dt>
        <dd className="sd-wrap">
          {s.machine ?? '—'} / {s.osUser ?? '—'}
        </dd>
        <dt>{t('identity.module')}</dt>
        <dd className="sd-wrap">
          {s.module ?? '—'} / {s.action ?? '—'}
        </dd>
        <dt>{t('identity.service')}</dt>
        <dd>{s.serviceName ?? '—'}</dd>
        <dt>{t('identity.logon')}</dt>
        <dd data-testid="sd-logon">
          {dateTime(s.logonTime, lang)}
          {s.logonTime !== null && (
            <span className="muted">
              {' '}
              · {t('identity.ago', { d: duration(Math.max(0, (d.sampledAt - s.logonTime) / 1000), lang) })}
            </span>
          )}
        </dd>
        <dt>{t('identity.lastCall')}</dt>
        <dd>
          {t(s.status === 'ACTIVE' ? 'identity.lastCallActive' : 'identity.lastCallInactive', {
            d: duration(s.lastCallEt, lang),
          })}
        </dd>
        <dt>{t('identity.event')}</dt>
        <dd className="sd-wrap">
          {onCpu ? (
            <span>
              <span className="dot" style={{ background: waitClassColor('CPU') }} />
              {t('identity.onCpu')}
            </span>
          ) : (
            <span>
              {s.waitClass && <span className="dot" style={{ background: waitClassColor(s.waitClass) }} />}
              {t('identity.waiting', { event: s.event ?? '?', d: duration(s.secondsInWait ?? 0, lang) })}
            </span>
          )}
        </dd>
        {s.blockingSession !== null && (
          <>
            <dt>{t('identity.blockedBy')}</dt>
            <dd data-testid="sd-blocked-by">
              <BlockerLink d={d} />
            </dd>
          </>
        )}
      </dl>
    </section>
  );
}

/** The blocker's SERIAL# is not in V$SESSION's BLOCKING_* columns: it is looked up in the sessions list. */
function BlockerLink({ d }: { d: SessionDetail }) {
  const s = d.identity;
  const inst = s.blockingInstance ?? s.instId;
  return (
    <span className="mono">
      SID {s.blockingSession}
      {d.instanceScope === 'cluster' ? ` @${inst}` : ''}
    </span>
  );
}

export function SqlSection({ d, connId }: { d: SessionDetail; connId: string }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const q = d.currentSql;
  const [showPlan, setShowPlan] = useState(false);
  return (
    <section className="sd-section" data-testid="sd-sql">
      <h3>{t('sql.title')}</h3>
      {q ? (
        <>
          <div className="sd-line">
            <a
              className="link mono"
              href={`#/top-sql/${q.sqlId}`}
              data-testid="sd-sql-id"
              title={t('sql.openSql')}
            >
              {q.sqlId}
            </a>
            {q.childNumber !== null && (
              <span className="muted"> · {t('sql.child', { child: q.childNumber })}</span>
            )}
            {q.planHashValue !== null && (
              <span className="muted"> · {t('sql.phv', { phv: q.planHashValue })}</span>
            )}
            {q.execStart !== null && (
              <span className="muted"> · {t('sql.since', { at: dateTime(q.execStart, lang) })}</span>
            )}
          </div>
          {q.textExcerpt ? (
            <pre className="code sd-sql-text" data-testid="sd-sql-text">
              {q.textExcerpt}
            </pre>
          ) : (
            <p className="muted">{t('sql.agedOut')}</p>
          )}
          <button
            type="button"
            className="btn btn-xs"
            data-testid="sd-show-plan"
            aria-expanded={showPlan}
            onClick={() => setShowPlan((v) => !v)}
          >
            {t('sql.showPlan')}
          </button>
          {showPlan && <PlanBlock connId={connId} sqlId={q.sqlId} />}
        </>
      ) : (
        <p className="muted" data-testid="sd-no-sql">
          {t('sql.none')}
          {d.identity.prevSqlId && (
            <>
              {' '}
              {t('sql.previous')}{' '}
              <a className="link mono" href={`#/top-sql/${d.identity.prevSqlId}`}>
                {d.identity.prevSqlId}
              </a>
            </>
          )}
        </p>
      )}
    </section>
  );
}

/** The plan through the existing sql-plan read (cached `tms:{connId}:sql-plan:{sqlId}`). */
function PlanBlock({ connId, sqlId }: { connId: string; sqlId: string }) {
  const { t } = useTranslation('session');
  const { t: tc } = useTranslation();
  const plan = useResource('monitor:sqlPlan', { connId, sqlId });
  const p = plan.data?.data;
  if (plan.error && plan.error.code !== 'NOT_FOUND') return <ViewError error={plan.error} />;
  if (plan.loading) return <LoadingState label={tc('status.loading')} />;
  return (
    <>
      <div className="muted small">{t('sql.plan')}</div>
      {p && p.lines.length > 0 ? (
        <pre className="code plan sd-plan" data-testid="sd-plan" data-scroll-x="allowed">
          {p.lines.join('\n')}
        </pre>
      ) : (
        <p className="muted">{t('sql.noPlan')}</p>
      )}
    </>
  );
}

function paramText(w: SessionWait, lang: string): string {
  const parts: string[] = [];
  const add = (label: string | null, v: number | null) => {
    if (label) parts.push(`${label}=${v === null ? '—' : formatNumber(v, lang)}`);
  };
  add(w.p1Text, w.p1);
  add(w.p2Text, w.p2);
  add(w.p3Text, w.p3);
  return parts.join(' · ');
}

export function WaitsSection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  return (
    <section className="sd-section" data-testid="sd-waits">
      <h3 title={t('waits.hint')}>{t('waits.title')}</h3>
      <p className="muted small">{t('waits.hint')}</p>
      {d.waits.length === 0 ? (
        <p className="muted">{t('waits.none')}</p>
      ) : (
        <table className="compact-table sd-table">
          <colgroup>
            <col style={{ width: '2.2em' }} />
            <col style={{ width: '38%' }} />
            <col style={{ width: '14%' }} />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>{t('waits.seq')}</th>
              <th>{t('waits.event')}</th>
              <th className="num">{t('waits.time')}</th>
              <th>{t('waits.params')}</th>
            </tr>
          </thead>
          <tbody>
            {d.waits.map((w) => (
              <tr key={w.seq} data-testid="sd-wait-row">
                <td>{w.seq}</td>
                <td className="sd-wrap">{w.event}</td>
                <td className="num">{num(w.waitMs, lang)}</td>
                <td className="sd-wrap small muted">{paramText(w, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function statValue(
  s: SessionStat,
  v: number | null,
  lang: string,
  t: (k: string, o: Record<string, unknown>) => string,
): string {
  if (v === null) return '—';
  // CPU used by this session is in centiseconds
  if (s.key === 'cpu') return t('stats.cpuSeconds', { v: num(v / 100, lang) });
  if (s.key === 'redoBytes' || s.key === 'bytesSent') return formatBytes(v, lang);
  return num(v, lang);
}

export function StatsSection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const w = d.statWindow;
  const rate = w.kind === 'rate';
  return (
    <section className="sd-section" data-testid="sd-stats" data-window={w.kind}>
      <h3>{t('stats.title')}</h3>
      <p className="muted small" data-testid="sd-stats-window">
        {rate
          ? t('stats.windowRate', { s: formatNumber(w.seconds ?? 0, lang) })
          : t('stats.windowCumulative', { d: duration(w.seconds ?? 0, lang) })}
      </p>
      <table className="compact-table sd-table">
        <thead>
          <tr>
            <th>{t('stats.name')}</th>
            <th className="num">{t('stats.rate')}</th>
            <th className="num">{t('stats.value')}</th>
          </tr>
        </thead>
        <tbody>
          {d.stats.map((s) => (
            <tr key={s.key} data-testid="sd-stat-row" data-stat={s.key}>
              <td title={s.name}>{t(`stats.key.${s.key}`)}</td>
              <td className="num" data-testid="sd-stat-rate">
                {rate ? `${statValue(s, s.perSec, lang, t)}/s` : '—'}
              </td>
              <td className="num">{statValue(s, s.value, lang, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

export function CursorsSection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const c = d.openCursors;
  return (
    <section className="sd-section" data-testid="sd-cursors">
      <h3>
        {t('cursors.title')}{' '}
        <span className="muted small" data-testid="sd-cursor-total">
          {t('cursors.total', { count: c.total })}
        </span>
      </h3>
      {c.top.length === 0 ? (
        <p className="muted">{t('cursors.none')}</p>
      ) : (
        <table className="compact-table sd-table">
          <colgroup>
            <col style={{ width: '9.5em' }} />
            <col style={{ width: '5em' }} />
            <col />
          </colgroup>
          <thead>
            <tr>
              <th>SQL_ID</th>
              <th className="num">{t('cursors.count')}</th>
              <th>{t('cursors.top')}</th>
            </tr>
          </thead>
          <tbody>
            {c.top.map((g: SessionCursorGroup) => (
              <tr key={g.sqlId ?? '-'}>
                <td className="mono">{g.sqlId ?? '—'}</td>
                <td className="num">{formatNumber(g.count, lang)}</td>
                <td className="sd-ellipsis small muted" title={g.sqlText ?? ''}>
                  {g.sqlText ?? ''}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function objectText(l: SessionLock): string {
  if (l.lockType !== 'TM') return '—';
  return l.objectName ? `${l.objectOwner ?? '?'}.${l.objectName}` : `#${l.id1}`;
}

export function LocksSection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  return (
    <section className="sd-section" data-testid="sd-locks">
      <h3>{t('locks.title')}</h3>
      <p className="muted small">{t('locks.hint')}</p>
      {d.locks.length === 0 ? (
        <p className="muted">{t('locks.none')}</p>
      ) : (
        <table className="compact-table sd-table">
          <colgroup>
            <col style={{ width: '3.5em' }} />
            <col style={{ width: '21%' }} />
            <col style={{ width: '21%' }} />
            <col />
            <col style={{ width: '8em' }} />
          </colgroup>
          <thead>
            <tr>
              <th>{t('locks.type')}</th>
              <th>{t('locks.held')}</th>
              <th>{t('locks.requested')}</th>
              <th>{t('locks.object')}</th>
              <th className="num">{t('locks.ctime')}</th>
            </tr>
          </thead>
          <tbody>
            {d.locks.map((l) => (
              <tr
                key={`${l.lockType}:${l.id1}:${l.id2}:${l.modeHeld}:${l.modeRequested}`}
                data-testid="sd-lock-row"
                data-type={l.lockType}
              >
                <td className="mono" title={l.lockTypeName}>
                  {l.lockType}
                </td>
                <td className="sd-wrap">
                  {l.modeHeld > 0 ? l.modeHeldName : '—'}
                  {l.block > 0 && (
                    <span className="badge bad" data-testid="sd-lock-blocks">
                      {t('locks.blocks')}
                    </span>
                  )}
                </td>
                <td className="sd-wrap">{l.modeRequested > 0 ? l.modeRequestedName : '—'}</td>
                <td className="mono sd-wrap" data-testid="sd-lock-object">
                  {objectText(l)}
                </td>
                <td className="num sd-wrap">{duration(l.ctimeSec, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function TransactionSection({ d }: { d: SessionDetail }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const x = d.transaction;
  return (
    <section className="sd-section" data-testid="sd-tx">
      <h3>{t('tx.title')}</h3>
      {x ? (
        <dl className="kv sd-kv">
          <dt>{t('tx.started')}</dt>
          <dd>
            {dateTime(x.startTime, lang)}
            {x.startTime !== null && (
              <span className="muted">
                {' '}
                · {t('identity.ago', { d: duration(Math.max(0, (d.sampledAt - x.startTime) / 1000), lang) })}
              </span>
            )}
          </dd>
          <dt>{t('tx.undo')}</dt>
          <dd data-testid="sd-tx-undo">
            {t('tx.undoValue', {
              bytes: formatBytes(x.usedUndoBytes, lang),
              blocks: formatNumber(x.usedUndoBlocks, lang),
              blockSize: formatNumber(x.blockSize, lang),
            })}
          </dd>
          <dt>{t('tx.records')}</dt>
          <dd>{formatNumber(x.usedUndoRecords, lang)}</dd>
          <dt>{t('tx.status')}</dt>
          <dd>{x.status ?? '—'}</dd>
        </dl>
      ) : (
        <p className="muted" data-testid="sd-no-tx">
          {t('tx.none')}
        </p>
      )}
    </section>
  );
}
