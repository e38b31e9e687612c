import type { DashboardMetrics } from '@shared/types/oracle';
import { lazy, memo, type ReactNode, Suspense, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { LoadingState } from '../../components/EmptyState';
import { bytesPerSec, duration, num, pct, timeOfDay } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import { addDashboardSample, addRealtimeSample, REALTIME_WINDOW_MS } from './realtime-history';

// the charts (recharts) load on demand: the tiles show as soon as their data is there, not after the chart code
const loadCharts = () => import('./DashboardCharts');
const WaitClassBars = lazy(() => loadCharts().then((m) => ({ default: m.WaitClassBars })));
const WaitClassHistory = lazy(() => loadCharts().then((m) => ({ default: m.WaitClassHistory })));
const RealtimeCharts = lazy(() => loadCharts().then((m) => ({ default: m.RealtimeCharts })));

function ChartSlot({ children, height = 220 }: { children: ReactNode; height?: number }) {
  return (
    <Suspense fallback={<div className="chart chart-loading" style={{ height }} />}>{children}</Suspense>
  );
}

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
  useEffect(() => {
    // benchmarks: page load → tiles on screen (once per page load)
    if (tiles.length > 0 && performance.getEntriesByName('tms:dashboard:tiles').length === 0)
      performance.mark('tms:dashboard:tiles');
  }, [tiles.length]);
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
              <ChartSlot>
                <WaitClassBars d={d} />
              </ChartSlot>
            </section>
            <section className="panel">
              <h2>
                {t('charts.waitClassesOverTime')} <span className="muted small">{t('waitHistoryNote')}</span>
              </h2>
              {connId && (
                <ChartSlot>
                  <WaitClassHistory connId={connId} />
                </ChartSlot>
              )}
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
          {connId && (
            <ChartSlot height={480}>
              <RealtimeCharts connId={connId} />
            </ChartSlot>
          )}
        </>
      ) : null}
    </div>
  );
}

export default withViewBoundary(DashboardView);
