import type { DashboardMetrics, MetricScope, ScopedDashboardFigure } from '@shared/types/oracle';
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
// the centrepiece: the Activity view's chart (its own small chunk, no recharts)
const ActivityCentrepiece = lazy(() =>
  import('../activity/ActivityCentrepiece').then((m) => ({ default: m.ActivityCentrepiece })),
);

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
  /** which containers the figure covers (PDB, CDB-wide, database, host) */
  scope?: MetricScope;
}

function ScopeTag({ scope }: { scope: MetricScope | undefined }) {
  const { t } = useTranslation('dashboard');
  if (!scope) return null;
  return (
    <span
      className={`scope-tag scope-${scope}`}
      data-testid="scope"
      data-scope={scope}
      title={t(`scopeHint.${scope}`)}
    >
      {t(`scope.${scope}`)}
    </span>
  );
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
            <div className="tile-label">
              {tile.label} <ScopeTag scope={tile.scope} />
            </div>
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
    const tiles: Tile[] = [
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
    const field: Record<string, ScopedDashboardFigure> = {
      aas: 'averageActiveSessions',
      hostCpu: 'hostCpuPct',
      dbCpu: 'dbCpuPerSec',
      dbTime: 'dbTimePerSec',
      executions: 'executionsPerSec',
      userCalls: 'userCallsPerSec',
      logicalReads: 'logicalReadsPerSec',
      physicalReads: 'physicalReadsPerSec',
      redo: 'redoBytesPerSec',
      commits: 'userCommitsPerSec',
      hardParses: 'hardParsesPerSec',
      bufferHit: 'bufferCacheHitPct',
    };
    return tiles.map((tile) => {
      const f = field[tile.id] ?? (tile.id.startsWith('sessions') ? 'sessions' : undefined);
      return f ? { ...tile, scope: d.scopes[f] } : tile;
    });
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

/** RAC: each instance's figures and the cluster total; CDB$ROOT: each visible PDB's. */
function Breakdown({ d }: { d: DashboardMetrics }) {
  const { t, i18n } = useTranslation('dashboard');
  const lang = i18n.language;
  const showInstances = d.perInstance.length > 1;
  if (!showInstances && d.perContainer.length === 0) return null;
  return (
    <div className="chart-grid-2">
      {showInstances && (
        <section className="panel" data-testid="per-instance">
          <h2>{t('perInstance')}</h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t('instance')}</th>
                <th className="num">{t('tiles.aas')}</th>
                <th className="num">{t('tiles.dbCpu')}</th>
                <th className="num">{t('tiles.hostCpu')}</th>
                <th className="num">{t('tiles.executions')}</th>
                <th className="num">{t('tiles.sessionsTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {d.perInstance.map((p) => (
                <tr key={p.instId} data-testid="instance-row" data-inst={p.instId}>
                  <td>
                    {p.instanceName} <span className="muted">#{p.instId}</span>
                  </td>
                  <td className="num">{num(p.averageActiveSessions, lang)}</td>
                  <td className="num">{num(p.dbCpuPerSec, lang)}</td>
                  <td className="num">{pct(p.hostCpuPct, lang)}</td>
                  <td className="num">{num(p.executionsPerSec, lang)}</td>
                  <td className="num">{num(p.sessions.total, lang)}</td>
                </tr>
              ))}
              <tr className="total-row" data-testid="cluster-total">
                <td>{t('clusterTotal')}</td>
                <td className="num">{num(d.averageActiveSessions, lang)}</td>
                <td className="num">{num(d.dbCpuPerSec, lang)}</td>
                <td className="num">{pct(d.hostCpuPct, lang)}</td>
                <td className="num">{num(d.executionsPerSec, lang)}</td>
                <td className="num">{num(d.sessions.total, lang)}</td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
      {d.perContainer.length > 0 && (
        <section className="panel" data-testid="per-container">
          <h2>{t('perContainer')}</h2>
          <table className="grid compact">
            <thead>
              <tr>
                <th>{t('container')}</th>
                <th className="num">{t('tiles.aas')}</th>
                <th className="num">{t('tiles.dbCpu')}</th>
                <th className="num">{t('tiles.executions')}</th>
                <th className="num">{t('tiles.sessionsTotal')}</th>
              </tr>
            </thead>
            <tbody>
              {d.perContainer.map((c) => (
                <tr key={c.conId} data-testid="container-row" data-con-id={c.conId}>
                  <td>
                    {c.name} <span className="muted">CON_ID {c.conId}</span>
                  </td>
                  <td className="num">{num(c.averageActiveSessions, lang)}</td>
                  <td className="num">{num(c.dbCpuPerSec, lang)}</td>
                  <td className="num">{num(c.executionsPerSec, lang)}</td>
                  <td className="num">{num(c.sessions, lang)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      )}
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
          {connId && (
            <ChartSlot height={300}>
              <ActivityCentrepiece connId={connId} />
            </ChartSlot>
          )}
          <Breakdown d={d} />
          <div className="chart-grid-2">
            <section className="panel">
              <h2>
                {t('charts.waitClasses')} <ScopeTag scope={d.scopes.waitClasses} />{' '}
                <span className="muted small">
                  {t('lastInterval', { interval: duration(Math.round(d.intervalSec ?? 60), lang) })}
                </span>
              </h2>
              <ChartSlot>
                <WaitClassBars d={d} />
              </ChartSlot>
              {(d.backgroundWaitClasses.some((b) => b.aas > 0) || (d.backgroundCpuPerSec ?? 0) > 0) && (
                <p className="muted small" data-testid="background-waits">
                  {t('background')}:{' '}
                  {d.backgroundWaitClasses
                    .filter((b) => b.aas >= 0.005)
                    .map((b) => `${b.waitClass} ${num(b.aas, lang)}`)
                    .join(' · ')}
                  {d.backgroundCpuPerSec !== null &&
                    ` · ${t('backgroundCpu', { value: num(d.backgroundCpuPerSec, lang) })}`}
                </p>
              )}
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
