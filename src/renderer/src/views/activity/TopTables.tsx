/**
 * Top SQL, top sessions and top events over the chart's range or its brushed selection (activity:top):
 * AAS and share of the sampled rows, with a bar by wait class. A SQL opens SQL detail; a session or an
 * event narrows the chart.
 */
import type { ActivityTop, TopActivityItem } from '@shared/types/activity';
import { useTranslation } from 'react-i18next';
import { SidLink } from '../../components/SidLink';
import { num, pct } from '../../components/units';
import { sortWaitClasses, waitClassColor } from '../../components/waitClasses';
import { aasText } from './format';

function ClassBar({ item }: { item: TopActivityItem }) {
  const classes = sortWaitClasses(Object.keys(item.byClass));
  const total = classes.reduce((a, c) => a + (item.byClass[c] ?? 0), 0) || 1;
  return (
    <span className="class-bar" title={classes.map((c) => `${c}: ${item.byClass[c]}`).join('\n')}>
      {classes.map((c, i) => (
        <span
          key={c}
          style={{ width: `${((item.byClass[c] ?? 0) / total) * 100}%`, background: waitClassColor(c, i) }}
        />
      ))}
    </span>
  );
}

export function TopTables({
  top,
  onSql,
  onFilter,
  onSession,
}: {
  top: ActivityTop;
  onSql: (sqlId: string) => void;
  onFilter: (dimension: 'sqlId' | 'session' | 'event', value: string) => void;
  onSession: (sid: number) => void;
}) {
  const { t, i18n } = useTranslation('activity');
  const lang = i18n.language;
  const aas = (v: number) => aasText(v, lang);
  return (
    <div
      className="activity-tops"
      data-testid="activity-tops"
      data-from={top.from}
      data-to={top.to}
      data-samples={top.samples}
      data-rows={top.totalRows}
    >
      <section className="panel table-wrap">
        <h2>{t('top.sql')}</h2>
        <table data-testid="activity-top-sql" className="clickable-rows">
          <thead>
            <tr>
              <th>SQL ID</th>
              <th className="num">{t('col.aas')}</th>
              <th className="num">{t('col.pct')}</th>
              <th>{t('col.byClass')}</th>
              <th>{t('col.plans')}</th>
              <th className="num" title={t('col.execsHint')}>
                {t('col.execs')}
              </th>
              <th />
            </tr>
          </thead>
          <tbody>
            {top.topSql.map((r) => (
              <tr
                key={r.sqlId}
                data-testid="activity-top-sql-row"
                data-sql-id={r.sqlId}
                tabIndex={0}
                onClick={() => onSql(r.sqlId)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onSql(r.sqlId);
                }}
              >
                <td className="mono">{r.sqlId}</td>
                <td className="num">{aas(r.aas)}</td>
                <td className="num">{pct(r.pct, lang)}</td>
                <td>
                  <ClassBar item={r} />
                </td>
                <td className="mono small">
                  {r.planHashValues.join(', ') || '—'}
                  {r.planHashValues.length > 1 && (
                    <span className="badge warn" title={t('planChangedHint')}>
                      {t('planChanged')}
                    </span>
                  )}
                </td>
                <td className="num">{num(r.executionsSeen, lang)}</td>
                <td>
                  <button
                    type="button"
                    className="btn btn-xs"
                    data-testid="activity-filter-sql"
                    onClick={(e) => {
                      e.stopPropagation();
                      onFilter('sqlId', r.sqlId);
                    }}
                  >
                    {t('narrow')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {top.topSql.length === 0 && <p className="muted small">{t('top.none')}</p>}
      </section>
      <section className="panel table-wrap">
        <h2>{t('top.sessions')}</h2>
        <table data-testid="activity-top-sessions" className="clickable-rows">
          <thead>
            <tr>
              <th>{t('col.session')}</th>
              <th>{t('col.user')}</th>
              <th>{t('col.program')}</th>
              <th className="num">{t('col.aas')}</th>
              <th className="num">{t('col.pct')}</th>
              <th>{t('col.byClass')}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {top.topSessions.map((r) => (
              <tr
                key={r.key}
                data-testid="activity-top-session-row"
                data-key={r.key}
                tabIndex={0}
                onClick={() => onFilter('session', r.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onFilter('session', r.key);
                }}
              >
                <td className="mono">
                  <SidLink instId={r.instId} sid={r.sid} serial={r.serial} />
                  {r.instId > 1 ? <span className="muted"> @{r.instId}</span> : null}
                </td>
                <td>{r.user ?? '—'}</td>
                <td className="ellipsis narrow" title={`${r.program ?? ''} ${r.machine ?? ''}`}>
                  {r.program ?? '—'}
                  {r.machine ? <span className="muted"> · {r.machine}</span> : null}
                </td>
                <td className="num">{aas(r.aas)}</td>
                <td className="num">{pct(r.pct, lang)}</td>
                <td>
                  <ClassBar item={r} />
                </td>
                <td>
                  <button
                    type="button"
                    className="btn btn-xs"
                    data-testid="activity-open-session"
                    onClick={(e) => {
                      e.stopPropagation();
                      onSession(r.sid);
                    }}
                  >
                    {t('openSession')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {top.topSessions.length === 0 && <p className="muted small">{t('top.none')}</p>}
      </section>
      <section className="panel table-wrap">
        <h2>{t('top.events')}</h2>
        <table data-testid="activity-top-events" className="clickable-rows">
          <thead>
            <tr>
              <th>{t('col.event')}</th>
              <th>{t('col.waitClass')}</th>
              <th className="num">{t('col.aas')}</th>
              <th className="num">{t('col.pct')}</th>
            </tr>
          </thead>
          <tbody>
            {top.topEvents.map((r) => (
              <tr
                key={r.key}
                data-testid="activity-top-event-row"
                data-key={r.key}
                tabIndex={0}
                onClick={() => onFilter('event', r.key)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') onFilter('event', r.key);
                }}
              >
                <td>
                  <span className="dot" style={{ background: waitClassColor(r.waitClass) }} />
                  {r.event === 'CPU' ? t('onCpu') : r.event}
                </td>
                <td>{r.waitClass}</td>
                <td className="num">{aas(r.aas)}</td>
                <td className="num">{pct(r.pct, lang)}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {top.topEvents.length === 0 && <p className="muted small">{t('top.none')}</p>}
      </section>
    </div>
  );
}
