import { TREND_PERIODS, type TrendPeriod } from '@shared/types/oracle';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatBytes } from '../../components/format';
import { TimeChart } from '../../components/TimeChart';
import { duration } from '../../components/units';
import { useStaleFollowUp } from '../../components/useStaleFollowUp';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { ViewHeader } from '../../components/ViewHeader';
import { useConnection } from '../../state/connection';
import '../views.css';
import { summarize, summaryValue } from './trend-summary';

/**
 * The last hour gains a V$SYSMETRIC_HISTORY point a minute: refresh it every minute; the 24 h and 7 d
 * trends (console samples) change slowly: every 5 minutes.
 */
export const TRENDS_REFRESH_MS: Record<TrendPeriod, number> = { '1h': 60_000, '24h': 300_000, '7d': 300_000 };

function TrendsView() {
  const { t, i18n } = useTranslation('trends');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const [period, setPeriod] = useState<TrendPeriod>('1h');
  const res = useResource('monitor:trend', connId ? { connId, period } : null, {
    refreshMs: TRENDS_REFRESH_MS[period],
  });
  useStaleFollowUp(res.data?.cache, res.reload);
  const series = res.data?.data;
  const rows = useMemo(
    () =>
      (series?.points ?? []).map((p) => ({
        t: p.t,
        aas: p.averageActiveSessions,
        dbCpu: p.dbCpuPerSec,
        hostCpu: p.hostCpuPct,
        executions: p.executionsPerSec,
        userCalls: p.userCallsPerSec,
        logicalReads: p.logicalReadsPerSec,
        physicalReads: p.physicalReadsPerSec,
        redo: p.redoBytesPerSec,
      })),
    [series],
  );
  const withDate = period !== '1h';
  const s = (key: string, color: string) => ({ key, label: t(`series.${key}`), color });

  return (
    <div className="view" data-testid="view-trends">
      <ViewHeader
        title={t('title')}
        meta={res.data?.cache}
        refreshing={res.refreshing}
        onRefresh={() => void res.refresh()}
        refreshMs={TRENDS_REFRESH_MS[period]}
      >
        <div className="segmented" title={t('period')} data-testid="trend-period">
          {TREND_PERIODS.map((p) => (
            <button
              type="button"
              key={p}
              aria-pressed={p === period}
              className={`seg${p === period ? ' active' : ''}`}
              data-testid={`period-${p}`}
              onClick={() => setPeriod(p)}
            >
              {t(`periods.${p}`)}
            </button>
          ))}
        </div>
      </ViewHeader>
      {res.error && <ViewError error={res.error} onRetry={() => void res.reload()} />}
      {res.loading && !series ? (
        <LoadingState label={tc('status.loading')} />
      ) : series && rows.length === 0 ? (
        <EmptyState>{t('empty')}</EmptyState>
      ) : series ? (
        <>
          <p className="muted small" data-testid="trend-source">
            {t(`source.${series.source}`)} · {t('step', { step: duration(series.stepSec, lang) })} ·{' '}
            {t('points', { count: rows.length })}
          </p>
          <div className="chart-grid-2" data-testid="trend-charts">
            <section className="panel">
              <h2>{t('charts.activity')}</h2>
              <TimeChart
                data={rows}
                series={[s('aas', '#c74634'), s('dbCpu', '#35c387')]}
                lang={lang}
                withDate={withDate}
                testId="trend-aas"
              />
            </section>
            <section className="panel">
              <h2>{t('charts.hostCpu')} (%)</h2>
              <TimeChart data={rows} series={[s('hostCpu', '#1e96dd')]} lang={lang} withDate={withDate} />
            </section>
            <section className="panel">
              <h2>{t('charts.throughput')} (/s)</h2>
              <TimeChart
                data={rows}
                series={[s('executions', '#6b46c1'), s('userCalls', '#e46800')]}
                lang={lang}
                withDate={withDate}
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
                  {
                    ...s('physicalReads', '#c02800'),
                    label: t('rightAxis', { label: t('series.physicalReads') }),
                    axis: 'right',
                  },
                ]}
                lang={lang}
                withDate={withDate}
              />
            </section>
            <section className="panel">
              <h2>{t('charts.redo')}</h2>
              <TimeChart
                data={rows}
                series={[s('redo', '#5c440b')]}
                lang={lang}
                withDate={withDate}
                format={(v) => `${formatBytes(v, lang)}/s`}
              />
            </section>
            <section className="panel">
              <h2>{t('charts.summary')}</h2>
              <TrendSummary rows={rows} lang={lang} />
            </section>
          </div>
        </>
      ) : null}
    </div>
  );
}

function TrendSummary({ rows, lang }: { rows: Array<Record<string, number | null>>; lang: string }) {
  const { t } = useTranslation('trends');
  const lines = useMemo(() => summarize(rows), [rows]);
  return (
    <table className="compact-table" data-testid="trend-summary">
      <thead>
        <tr>
          <th />
          <th>{t('unit')}</th>
          <th className="num">{t('avg')}</th>
          <th className="num">{t('max')}</th>
          <th className="num">{t('last')}</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => (
          <tr key={l.key} data-testid="trend-summary-row" data-metric={l.key}>
            <td>{t(`series.${l.key}`)}</td>
            <td className="muted" data-testid="trend-summary-unit">
              {t(`units.${l.unit}`)}
            </td>
            <td className="num">{summaryValue(l.avg, l.unit, lang)}</td>
            <td className="num">{summaryValue(l.max, l.unit, lang)}</td>
            <td className="num">{summaryValue(l.last, l.unit, lang)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export default withViewBoundary(TrendsView);
