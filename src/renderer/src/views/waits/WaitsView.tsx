import type { WaitEventRow } from '@shared/types/oracle';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { duration, ms, num } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { WaitClassDonut } from '../../components/WaitClassDonut';
import { waitClassColor } from '../../components/waitClasses';
import { useConnection } from '../../state/connection';
import '../views.css';

const WAITS_MS = 30_000;

type SortKey = 'event' | 'waitClass' | 'waitsPerSec' | 'timeWaitedMsPerSec' | 'avgWaitMs' | 'pct';

function WaitsView() {
  const { t, i18n } = useTranslation('waits');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const res = useResource('monitor:waitEvents', connId ? { connId } : null, { refreshMs: WAITS_MS });
  useStaleFollowUp(res.data?.cache, res.reload);
  const snap = res.data?.data;
  const [sort, setSort] = useState<{ key: SortKey; desc: boolean }>({
    key: 'timeWaitedMsPerSec',
    desc: true,
  });
  const [classFilter, setClassFilter] = useState('all');

  const totalMsPerSec = useMemo(
    () => (snap ? snap.events.reduce((sum, e) => sum + e.timeWaitedMsPerSec, 0) : 0),
    [snap],
  );
  const events = useMemo(() => {
    if (!snap) return [];
    const pctOf = (e: WaitEventRow) => (totalMsPerSec > 0 ? (e.timeWaitedMsPerSec / totalMsPerSec) * 100 : 0);
    const rows = snap.events
      .filter((e) => classFilter === 'all' || e.waitClass === classFilter)
      .map((e) => ({ ...e, pct: pctOf(e) }));
    const dir = sort.desc ? -1 : 1;
    return rows.sort((a, b) => {
      const av = a[sort.key];
      const bv = b[sort.key];
      if (typeof av === 'string' || typeof bv === 'string') return String(av).localeCompare(String(bv)) * dir;
      return ((av ?? -1) - (bv ?? -1)) * dir;
    });
  }, [snap, sort, classFilter, totalMsPerSec]);

  const classData = useMemo(
    () =>
      (snap?.classes ?? [])
        .filter((c) => c.timeWaitedMsPerSec > 0 || c.waitsPerSec > 0)
        .map((c) => ({ ...c, name: c.waitClass })),
    [snap],
  );

  const header = (key: SortKey, label: string, numeric = false) => (
    <th
      className={`sortable${numeric ? ' num' : ''}`}
      onClick={() => setSort((s) => ({ key, desc: s.key === key ? !s.desc : numeric }))}
      aria-sort={sort.key === key ? (sort.desc ? 'descending' : 'ascending') : undefined}
    >
      {label}
      {sort.key === key ? (sort.desc ? ' ▼' : ' ▲') : ''}
    </th>
  );

  return (
    <div className="view" data-testid="view-waits">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={WAITS_MS}
      />
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !snap ? (
        <LoadingState label={tc('status.loading')} />
      ) : snap ? (
        <>
          <p className="muted" data-testid="waits-interval">
            {snap.sinceStartup
              ? t('sinceStartup')
              : t('interval', { interval: duration(snap.intervalSec, lang) })}
          </p>
          {classData.length === 0 ? (
            <EmptyState>{t('emptyClasses')}</EmptyState>
          ) : (
            <div className="chart-grid-2">
              <section className="panel">
                <h2>{t('byClass')} (ms/s)</h2>
                <div className="chart" style={{ height: 260 }} data-testid="wait-class-chart">
                  <ResponsiveContainer width="100%" height="100%">
                    <BarChart data={classData} layout="vertical" margin={{ left: 8, right: 16 }}>
                      <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
                      <XAxis type="number" fontSize={11} />
                      <YAxis type="category" dataKey="name" width={110} fontSize={11} interval={0} />
                      <Tooltip
                        formatter={(v) => [`${num(Number(v), lang)} ms/s`, t('col.timeWaited')]}
                        contentStyle={{
                          background: 'var(--panel)',
                          border: '1px solid var(--border)',
                          fontSize: 12,
                        }}
                      />
                      <Bar dataKey="timeWaitedMsPerSec" isAnimationActive={false}>
                        {classData.map((c, i) => (
                          <Cell key={c.waitClass} fill={waitClassColor(c.waitClass, i)} />
                        ))}
                      </Bar>
                    </BarChart>
                  </ResponsiveContainer>
                </div>
              </section>
              <section className="panel">
                <h2>{t('share')}</h2>
                <div className="chart-with-legend">
                  <WaitClassDonut
                    slices={classData}
                    valueKey="timeWaitedMsPerSec"
                    size={240}
                    format={(v) => `${num(v, lang)} ms/s`}
                  />
                  <table className="compact-table" data-testid="wait-class-table">
                    <tbody>
                      {classData.map((c, i) => (
                        <tr key={c.waitClass}>
                          <td>
                            <span className="dot" style={{ background: waitClassColor(c.waitClass, i) }} />
                            {c.waitClass}
                          </td>
                          <td className="num">{num(c.pctOfWaitTime, lang)} %</td>
                          <td className="num">{num(c.timeWaitedMsPerSec, lang)} ms/s</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </section>
            </div>
          )}
          <section className="panel">
            <div className="panel-head">
              <h2>{t('byEvent')}</h2>
              <label>
                {t('col.waitClass')}{' '}
                <select
                  value={classFilter}
                  onChange={(e) => setClassFilter(e.target.value)}
                  data-testid="waits-class-filter"
                >
                  <option value="all">{t('all')}</option>
                  {snap.classes.map((c) => (
                    <option key={c.waitClass} value={c.waitClass}>
                      {c.waitClass}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            {events.length === 0 ? (
              <EmptyState>{t('emptyEvents')}</EmptyState>
            ) : (
              <div className="table-wrap">
                <table data-testid="wait-events-table">
                  <thead>
                    <tr>
                      {header('event', t('col.event'))}
                      {header('waitClass', t('col.waitClass'))}
                      {header('waitsPerSec', t('col.waitsPerSec'), true)}
                      {header('timeWaitedMsPerSec', t('col.timeWaitedMsPerSec'), true)}
                      {header('avgWaitMs', t('col.avgWaitMs'), true)}
                      {header('pct', t('col.pct'), true)}
                      <th className="num">{t('col.totalWaits')}</th>
                      <th className="num">{t('col.avgSinceStartup')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {events.map((e) => (
                      <tr key={e.event} data-testid="wait-event-row">
                        <td>{e.event}</td>
                        <td>
                          <span className="dot" style={{ background: waitClassColor(e.waitClass) }} />
                          {e.waitClass}
                        </td>
                        <td className="num">{num(e.waitsPerSec, lang)}</td>
                        <td className="num">{num(e.timeWaitedMsPerSec, lang)}</td>
                        <td className="num">{ms(e.avgWaitMs, lang)}</td>
                        <td className="num">
                          <span className="pct-bar">
                            <span style={{ width: `${Math.min(100, e.pct)}%` }} />
                          </span>
                          {num(e.pct, lang)} %
                        </td>
                        <td className="num">{num(e.totalWaits, lang)}</td>
                        <td className="num">{ms(e.avgWaitMsSinceStartup, lang)}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(WaitsView);
