import type { DashboardMetrics, RealtimeMetrics } from '@shared/types/oracle';
import { memo, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { type Series, TimeChart } from '../../components/TimeChart';
import { bytesPerSec, duration, num, pct, timeOfDay } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { WaitClassDonut } from '../../components/WaitClassDonut';
import { sortWaitClasses, waitClassColor } from '../../components/waitClasses';
import { useConnection } from '../../state/connection';
import { addDashboardSample, addRealtimeSample, REALTIME_WINDOW_MS, useHistory } from './realtime-history';
import { HISTORY_SUFFIX, realtimeChartRows } from './realtime-rows';
import '../views.css';

const DASHBOARD_MS = 30_000;
const REALTIME_MS = 15_000;

interface Tile {
  id: string;
  label: string;
  value: string;
  unit?: string;
  tone?: 'bad' | 'warn';
  hint?: string;
  /** a view to open on click (e.g. blocked sessions → locks) */
  link?: string;
}

const Tiles = memo(function Tiles({ tiles }: { tiles: Tile[] }) {
  return (
    <div className="tiles" data-testid="dashboard-tiles">
      {tiles.map((tile) => {
        const body = (
          <>
            <div className="tile-label">{tile.label}</div>
            <div className="tile-value" data-testid="tile-value">
              {tile.value}
              {tile.unit && <span className="tile-unit"> {tile.unit}</span>}
            </div>
          </>
        );
        const className = `tile${tile.tone ? ` tile-${tile.tone}` : ''}`;
        return tile.link ? (
          <button
            type="button"
            key={tile.id}
            className={className}
            data-testid={`tile-${tile.id}`}
            title={tile.hint}
            onClick={() => {
              window.location.hash = `/${tile.link}`;
            }}
          >
            {body}
          </button>
        ) : (
          <div key={tile.id} className={className} data-testid={`tile-${tile.id}`} title={tile.hint}>
            {body}
          </div>
        );
      })}
    </div>
  );
});

function useTiles(d: DashboardMetrics | undefined): Tile[] {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  return useMemo(() => {
    if (!d) return [];
    const s = d.sessions;
    return [
      { id: 'aas', label: t('tiles.aas'), value: num(d.averageActiveSessions, lang), hint: t('hints.aas') },
      {
        id: 'hostCpu',
        label: t('tiles.hostCpu'),
        value: pct(d.hostCpuPct, lang),
        tone: (d.hostCpuPct ?? 0) >= 90 ? 'bad' : (d.hostCpuPct ?? 0) >= 75 ? 'warn' : undefined,
      },
      { id: 'dbCpu', label: t('tiles.dbCpu'), value: num(d.dbCpuPerSec, lang), unit: t('units.secPerSec') },
      {
        id: 'dbTime',
        label: t('tiles.dbTime'),
        value: num(d.dbTimePerSec, lang),
        unit: t('units.secPerSec'),
      },
      { id: 'executions', label: t('tiles.executions'), value: num(d.executionsPerSec, lang), unit: '/s' },
      { id: 'userCalls', label: t('tiles.userCalls'), value: num(d.userCallsPerSec, lang), unit: '/s' },
      {
        id: 'logicalReads',
        label: t('tiles.logicalReads'),
        value: num(d.logicalReadsPerSec, lang),
        unit: t('units.blocksPerSec'),
      },
      {
        id: 'physicalReads',
        label: t('tiles.physicalReads'),
        value: num(d.physicalReadsPerSec, lang),
        unit: t('units.blocksPerSec'),
      },
      { id: 'redo', label: t('tiles.redo'), value: bytesPerSec(d.redoBytesPerSec, lang) },
      { id: 'commits', label: t('tiles.commits'), value: num(d.userCommitsPerSec, lang), unit: '/s' },
      { id: 'hardParses', label: t('tiles.hardParses'), value: num(d.hardParsesPerSec, lang), unit: '/s' },
      {
        id: 'bufferHit',
        label: t('tiles.bufferHit'),
        value: pct(d.bufferCacheHitPct, lang),
        tone: d.bufferCacheHitPct !== null && d.bufferCacheHitPct < 90 ? 'warn' : undefined,
      },
      { id: 'sessionsTotal', label: t('tiles.sessionsTotal'), value: num(s.total, lang) },
      { id: 'sessionsActive', label: t('tiles.sessionsActive'), value: num(s.active, lang) },
      { id: 'sessionsInactive', label: t('tiles.sessionsInactive'), value: num(s.inactive, lang) },
      {
        id: 'sessionsBlocked',
        label: t('tiles.sessionsBlocked'),
        value: num(s.blocked, lang),
        tone: s.blocked > 0 ? 'bad' : undefined,
        link: 'locks',
        hint: t('hints.blocked'),
      },
    ];
  }, [d, t, lang]);
}

function InstanceStrip({ connId }: { connId: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const { data } = useResource('monitor:health', { connId }, { refreshMs: 60_000 });
  const h = data?.data;
  if (!h) return null;
  return (
    <div className="instance-strip" data-testid="instance-strip">
      <span>
        <strong>{h.dbName}</strong>
        {h.containerName ? ` · ${h.containerName}` : ''} · {h.instanceName}@{h.hostName}
      </span>
      <span>Oracle {h.version}</span>
      <span>
        {h.status}
        {h.openMode ? ` · ${h.openMode}` : ''}
        {h.databaseRole ? ` · ${h.databaseRole}` : ''}
      </span>
      <span>
        {t('uptime')}: {duration(h.uptimeSec, i18n.language)}
      </span>
      {h.demo && <span className="badge">{t('demo')}</span>}
    </div>
  );
}

function WaitClassBars({ d }: { d: DashboardMetrics }) {
  const { t, i18n } = useTranslation('dashboard');
  const data = useMemo(
    () =>
      sortWaitClasses(d.waitClasses.map((w) => w.waitClass)).map((name) => ({
        waitClass: name,
        aas: d.waitClasses.find((w) => w.waitClass === name)?.aas ?? 0,
      })),
    [d],
  );
  if (data.length === 0) return <EmptyState>{t('noWaits')}</EmptyState>;
  return (
    <div className="chart" style={{ height: 220 }} data-testid="wait-class-bars">
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 16, bottom: 0, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" className="chart-grid" />
          <XAxis type="number" fontSize={11} />
          <YAxis type="category" dataKey="waitClass" width={110} fontSize={11} interval={0} />
          <Tooltip
            formatter={(v) => [`${num(Number(v), i18n.language)} ${t('units.aas')}`, t('charts.aas')]}
            contentStyle={{ background: 'var(--panel)', border: '1px solid var(--border)', fontSize: 12 }}
          />
          <Bar dataKey="aas" isAnimationActive={false}>
            {data.map((row, i) => (
              <Cell key={row.waitClass} fill={waitClassColor(row.waitClass, i)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The realtime charts start with the last minutes of the 1 h trend (V$SYSMETRIC_HISTORY), then grow by samples. */
function useRealtimeRows(connId: string, samples: RealtimeMetrics[]) {
  const trend = useResource('monitor:trend', { connId, period: '1h' });
  return useMemo(
    () => realtimeChartRows(samples, trend.data?.data.points ?? [], REALTIME_WINDOW_MS, Date.now()),
    [samples, trend.data],
  );
}

function WaitClassHistory({ connId }: { connId: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const history = useHistory(connId);
  const waitRows = useMemo(() => {
    const names = new Set<string>();
    for (const d of history.dashboard) for (const w of d.waitClasses) names.add(w.waitClass);
    const classes = sortWaitClasses([...names]);
    return {
      classes,
      rows: history.dashboard.map((d) => {
        const row: Record<string, number | null> = { t: d.metricEndTime ?? d.sampledAt };
        for (const c of classes) row[c] = d.waitClasses.find((w) => w.waitClass === c)?.aas ?? 0;
        return row;
      }),
    };
  }, [history.dashboard]);
  if (waitRows.rows.length < 2) {
    // one sample so far: its share by wait class, until the history has two points to draw
    const last = history.dashboard[history.dashboard.length - 1];
    const slices = last ? last.waitClasses.filter((w) => w.aas > 0) : [];
    if (slices.length === 0) return <EmptyState>{t('waitHistoryBuilding')}</EmptyState>;
    return (
      <div className="chart-with-legend" data-testid="wait-class-share">
        <WaitClassDonut
          slices={slices}
          valueKey="aas"
          size={200}
          format={(v) => `${num(v, i18n.language)} ${t('units.aas')}`}
        />
        <p className="muted small">{t('waitHistoryBuilding')}</p>
      </div>
    );
  }
  return (
    <TimeChart
      data={waitRows.rows}
      series={waitRows.classes.map((c, i) => ({ key: c, label: c, color: waitClassColor(c, i) }))}
      stacked
      height={220}
      lang={i18n.language}
      testId="chart-wait-classes"
    />
  );
}

function RealtimeCharts({ connId }: { connId: string }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const history = useHistory(connId);
  const rows = useRealtimeRows(connId, history.realtime);
  const s = (key: string, color: string): Series => ({ key, label: t(`charts.${key}`), color });
  const backfill = { historySuffix: HISTORY_SUFFIX, historyLabel: t('charts.historyPart') };
  if (rows.length === 0) return <EmptyState>{t('noSamples')}</EmptyState>;
  return (
    <div className="chart-grid-2" data-testid="realtime-charts">
      <section className="panel">
        <h2>{t('charts.activity')}</h2>
        <TimeChart
          data={rows}
          series={[s('aas', '#c74634'), s('dbCpu', '#35c387')]}
          lang={lang}
          testId="chart-aas"
          {...backfill}
        />
      </section>
      <section className="panel">
        <h2>{t('charts.hostCpu')} (%)</h2>
        <TimeChart
          data={rows}
          series={[s('hostCpu', '#1e96dd')]}
          lang={lang}
          testId="chart-cpu"
          {...backfill}
        />
      </section>
      <section className="panel">
        <h2>{t('charts.throughput')} (/s)</h2>
        <TimeChart
          data={rows}
          series={[s('executions', '#6b46c1'), s('userCalls', '#e46800'), s('commits', '#35c387')]}
          lang={lang}
          testId="chart-throughput"
          {...backfill}
        />
      </section>
      <section className="panel">
        <h2>
          {t('charts.io')} ({t('units.blocksPerSec')})
        </h2>
        <TimeChart
          data={rows}
          series={[
            s('logicalReads', '#0252d7'),
            // physical reads are a small fraction of logical ones: their own axis, or the line lies flat
            {
              ...s('physicalReads', '#c02800'),
              label: t('charts.rightAxis', { label: t('charts.physicalReads') }),
              axis: 'right',
            },
          ]}
          lang={lang}
          testId="chart-io"
          {...backfill}
        />
      </section>
    </div>
  );
}

function DashboardView() {
  const { t, i18n } = useTranslation('dashboard');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const request = connId ? { connId } : null;
  const dash = useResource('monitor:dashboard', request, { refreshMs: DASHBOARD_MS });
  useStaleFollowUp(dash.data?.cache, dash.reload);
  const rt = useResource('monitor:realtime', request, { refreshMs: REALTIME_MS });
  useStaleFollowUp(rt.data?.cache, rt.reload);
  const d = dash.data?.data;
  const tiles = useTiles(d);

  useEffect(() => {
    if (connId && rt.data) addRealtimeSample(connId, rt.data.data);
  }, [connId, rt.data]);
  useEffect(() => {
    if (connId && dash.data) addDashboardSample(connId, dash.data.data);
  }, [connId, dash.data]);

  return (
    <div className="view" data-testid="view-dashboard">
      <ViewHeader
        title={t('title')}
        meta={dash.data?.cache}
        refreshing={dash.refreshing || rt.refreshing}
        onRefresh={() => {
          void dash.refresh();
          void rt.refresh();
        }}
        refreshMs={DASHBOARD_MS}
      />
      {connId && <InstanceStrip connId={connId} />}
      {dash.error && <ViewError error={dash.error} onRetry={() => void dash.reload()} />}
      {dash.loading && !d ? (
        <LoadingState label={tc('status.loading')} />
      ) : d ? (
        <>
          <Tiles tiles={tiles} />
          <div className="chart-grid-2">
            <section className="panel">
              <h2>
                {t('charts.waitClasses')}{' '}
                <span className="muted small">
                  {t('lastInterval', { interval: duration(Math.round(d.intervalSec ?? 60), lang) })}
                </span>
              </h2>
              <WaitClassBars d={d} />
            </section>
            <section className="panel">
              <h2>
                {t('charts.waitClassesOverTime')} <span className="muted small">{t('waitHistoryNote')}</span>
              </h2>
              {connId && <WaitClassHistory connId={connId} />}
            </section>
          </div>
          <h2 className="section-title">
            {t('charts.realtime')}{' '}
            <span className="muted small">
              {t('window', {
                window: duration(REALTIME_WINDOW_MS / 1000, lang),
                every: duration(REALTIME_MS / 1000, lang),
              })}
            </span>
            {rt.data && (
              <span className="muted small">
                {' '}
                ·{' '}
                {t('lastSample', {
                  time: timeOfDay(rt.data.data.sampledAt, lang),
                })}
              </span>
            )}
          </h2>
          {rt.error && <ViewError error={rt.error} />}
          {connId && <RealtimeCharts connId={connId} />}
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(DashboardView);
