/**
 * The dashboard's charts (recharts), loaded on demand: the tiles do not wait for this code (issue 15).
 */
import type { DashboardMetrics, RealtimeMetrics } from '@shared/types/oracle';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useResource } from '../../api/useResource';
import { EmptyState } from '../../components/EmptyState';
import { type Series, TimeChart } from '../../components/TimeChart';
import { num } from '../../components/units';
import { WaitClassDonut } from '../../components/WaitClassDonut';
import { sortWaitClasses, waitClassColor } from '../../components/waitClasses';
import { REALTIME_WINDOW_MS, useHistory } from './realtime-history';
import { HISTORY_SUFFIX, realtimeChartRows } from './realtime-rows';

export function WaitClassBars({ d }: { d: DashboardMetrics }) {
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

export function WaitClassHistory({ connId }: { connId: string }) {
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

export function RealtimeCharts({ connId }: { connId: string }) {
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
