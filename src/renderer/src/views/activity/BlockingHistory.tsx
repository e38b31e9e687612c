/**
 * Blocking history: every chain seen in at least one sample, newest first ("what was blocking at
 * 03:12"), and one chain opened: its tree at a sample (scrubbed across the episode), how long it lasted,
 * the SQL and the objects. `#/activity/blocking/<episodeId>` opens a chain directly (the Locks view links).
 */

import { TmsError } from '@shared/errors';
import type { BlockingChainDetail, BlockingHistory, BlockingTreeNode } from '@shared/types/activity';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { dateTime, duration, num } from '../../components/units';
import { waitClassColor } from '../../components/waitClasses';

/** SID,SERIAL#; a root blocker never seen active has no serial in the samples (0): the SID alone */
function sessionText(sid: number, serial: number): string {
  return serial > 0 ? `${sid},${serial}` : String(sid);
}

function TreeRows({
  node,
  depth,
  onSql,
}: {
  node: BlockingTreeNode;
  depth: number;
  onSql: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('activity');
  const lang = i18n.language;
  const s = node.session;
  return (
    <>
      <tr data-testid={depth === 0 ? 'chain-root' : 'chain-waiter'} data-sid={s.sid} data-depth={depth}>
        <td>
          <span style={{ paddingLeft: depth * 20 }}>
            {depth === 0 ? (
              <span className="badge bad">{t('blocking.root')}</span>
            ) : (
              <span className="muted">└─</span>
            )}{' '}
            <span className="mono">{sessionText(s.sid, s.serial)}</span>
            {s.instId > 1 ? <span className="muted"> @{s.instId}</span> : null}
          </span>
        </td>
        <td>{node.user ?? '—'}</td>
        <td className="ellipsis narrow" title={`${node.program ?? ''} ${node.machine ?? ''}`}>
          {node.program ?? '—'}
          {node.module ? <span className="muted"> · {node.module}</span> : null}
        </td>
        <td>
          {node.state === null ? (
            <span className="muted" title={t('blocking.notActiveHint')}>
              {t('blocking.notActive')}
            </span>
          ) : node.state === 'ON CPU' ? (
            <span className="on-cpu">{t('onCpu')}</span>
          ) : (
            <>
              {node.waitClass && (
                <span className="dot" style={{ background: waitClassColor(node.waitClass) }} />
              )}
              {node.event ?? '—'}
            </>
          )}
        </td>
        <td className="num">{node.state === 'WAITING' ? duration(node.waitSec, lang) : '—'}</td>
        <td>
          {node.sqlId ? (
            <button type="button" className="link mono" onClick={() => onSql(node.sqlId!)}>
              {node.sqlId}
            </button>
          ) : (
            '—'
          )}
        </td>
        <td className="mono">{node.currentObj ?? '—'}</td>
      </tr>
      {node.waiters.map((w) => (
        <TreeRows key={`${w.session.instId}.${w.session.sid}`} node={w} depth={depth + 1} onSql={onSql} />
      ))}
    </>
  );
}

export function ChainDetail({
  connId,
  episodeId,
  onClose,
  onSql,
}: {
  connId: string;
  episodeId: string;
  onClose: () => void;
  onSql: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('activity');
  const lang = i18n.language;
  const [at, setAt] = useState<number>();
  const [detail, setDetail] = useState<BlockingChainDetail>();
  const [error, setError] = useState<TmsError>();
  useEffect(() => {
    let live = true;
    call('activity:blockingChain', { connId, episodeId, ...(at !== undefined ? { at } : {}) })
      .then((d) => {
        if (!live) return;
        setDetail(d);
        setError(undefined);
      })
      .catch((e: unknown) => {
        if (live) setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
      });
    return () => {
      live = false;
    };
  }, [connId, episodeId, at]);
  const index = detail ? detail.sampleTimes.indexOf(detail.sampleAt) : -1;
  const ep = detail?.episode;
  return (
    <section className="panel chain-detail" data-testid="chain-detail" data-episode={episodeId}>
      <div className="chain-head">
        <h2>{t('blocking.chainTitle')}</h2>
        <button type="button" className="btn btn-xs" data-testid="chain-close" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
      {error && <ErrorMessage error={error} />}
      {ep && detail && (
        <>
          <p data-testid="chain-summary">
            {t('blocking.summary', {
              from: dateTime(ep.firstSeen, lang),
              to: dateTime(ep.lastSeen, lang),
              duration: duration(ep.durationSec, lang),
              waiters: ep.maxWaiters,
              waited: duration(ep.waitedSec, lang),
              samples: num(ep.samples, lang),
            })}
            {ep.ongoing && <span className="badge bad"> {t('blocking.ongoing')}</span>}
          </p>
          {detail.sampleTimes.length > 1 && (
            <label className="chain-scrubber">
              {t('blocking.sampleAt', { time: dateTime(detail.sampleAt, lang) })}
              <input
                type="range"
                min={0}
                max={detail.sampleTimes.length - 1}
                value={Math.max(0, index)}
                data-testid="chain-scrubber"
                onChange={(e) => setAt(detail.sampleTimes[Number(e.target.value)])}
              />
            </label>
          )}
          <div className="table-wrap">
            <table className="tree-table" data-testid="chain-tree">
              <thead>
                <tr>
                  <th>{t('col.session')}</th>
                  <th>{t('col.user')}</th>
                  <th>{t('col.program')}</th>
                  <th>{t('col.event')}</th>
                  <th>{t('col.waiting')}</th>
                  <th>SQL ID</th>
                  <th>{t('col.object')}</th>
                </tr>
              </thead>
              <tbody>
                {detail.roots.map((r) => (
                  <TreeRows key={`${r.session.instId}.${r.session.sid}`} node={r} depth={0} onSql={onSql} />
                ))}
              </tbody>
            </table>
          </div>
          <h3>{t('blocking.objects')}</h3>
          {detail.objects.length === 0 ? (
            <p className="muted small">{t('blocking.noObjects')}</p>
          ) : (
            <ul className="chain-objects" data-testid="chain-objects">
              {detail.objects.map((o) => (
                <li key={o.objectId}>
                  <span className="mono">{o.objectId}</span>{' '}
                  {o.name ? (
                    <>
                      <strong>
                        {o.owner}.{o.name}
                      </strong>{' '}
                      <span className="muted">{o.type}</span>
                    </>
                  ) : (
                    <span className="muted">{t('blocking.objectUnknown')}</span>
                  )}
                </li>
              ))}
            </ul>
          )}
          <h3>SQL</h3>
          <p>
            {ep.sqlIds.length === 0
              ? '—'
              : ep.sqlIds.map((id) => (
                  <button key={id} type="button" className="link mono chain-sql" onClick={() => onSql(id)}>
                    {id}
                  </button>
                ))}
          </p>
        </>
      )}
    </section>
  );
}

export function BlockingHistoryPanel({
  history,
  openId,
  onOpen,
}: {
  history: BlockingHistory | undefined;
  openId: string | undefined;
  onOpen: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('activity');
  const lang = i18n.language;
  const [atText, setAtText] = useState('');
  // "what was blocking at 03:12": the episodes whose span covers that time of day (newest day first)
  const atMatch = useMemo(() => {
    const m = /^(\d{1,2}):(\d{2})$/.exec(atText.trim());
    if (!m || !history) return null;
    const hh = Number(m[1]);
    const mm = Number(m[2]);
    return new Set(
      history.episodes
        .filter((e) => {
          for (
            let d = new Date(e.firstSeen);
            d.getTime() <= e.lastSeen + 60_000;
            d = new Date(d.getTime() + 86_400_000)
          ) {
            const probe = new Date(d);
            probe.setHours(hh, mm, 0, 0);
            if (probe.getTime() + 60_000 > e.firstSeen && probe.getTime() <= e.lastSeen) return true;
          }
          return false;
        })
        .map((e) => e.id),
    );
  }, [atText, history]);
  if (!history) return null;
  const shown = atMatch ? history.episodes.filter((e) => atMatch.has(e.id)) : history.episodes;
  return (
    <section className="panel" data-testid="blocking-history">
      <div className="chain-head">
        <h2>
          {t('blocking.title')}{' '}
          <span className="muted small">
            {t('blocking.window', { from: dateTime(history.from, lang), to: dateTime(history.to, lang) })}
          </span>
        </h2>
        <label className="small">
          {t('blocking.at')}{' '}
          <input
            type="text"
            placeholder="03:12"
            size={6}
            value={atText}
            data-testid="blocking-at"
            onChange={(e) => setAtText(e.target.value)}
          />
        </label>
      </div>
      {shown.length === 0 ? (
        <EmptyState testId="blocking-empty">{t('blocking.empty')}</EmptyState>
      ) : (
        <div className="table-wrap">
          <table data-testid="blocking-episodes" className="clickable-rows episodes-table">
            <thead>
              <tr>
                <th>{t('blocking.col.from')}</th>
                <th>{t('blocking.col.duration')}</th>
                <th>{t('blocking.col.root')}</th>
                <th className="num">{t('blocking.col.waiters')}</th>
                <th className="num">{t('blocking.col.waited')}</th>
                <th>{t('col.event')}</th>
                <th>SQL ID</th>
              </tr>
            </thead>
            <tbody>
              {shown.map((e) => (
                <tr
                  key={e.id}
                  data-testid="blocking-episode"
                  data-episode={e.id}
                  className={e.id === openId ? 'selected' : undefined}
                  tabIndex={0}
                  onClick={() => onOpen(e.id)}
                  onKeyDown={(k) => {
                    if (k.key === 'Enter') onOpen(e.id);
                  }}
                >
                  <td className="wrap-list">
                    {dateTime(e.firstSeen, lang)}
                    {e.ongoing && <span className="badge bad"> {t('blocking.ongoing')}</span>}
                  </td>
                  <td>{duration(e.durationSec, lang)}</td>
                  <td className="ellipsis narrow" title={e.root.program ?? undefined}>
                    <span className="mono">{sessionText(e.root.sid, e.root.serial)}</span>{' '}
                    {e.root.user ?? '—'} <span className="muted">{e.root.program ?? ''}</span>
                  </td>
                  <td className="num">{e.maxWaiters}</td>
                  <td className="num">{duration(e.waitedSec, lang)}</td>
                  <td className="ellipsis narrow" title={e.events.join(', ')}>
                    {e.events.join(', ')}
                  </td>
                  <td className="mono wrap-list">{e.sqlIds.join(', ') || '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
