/**
 * The dashboard's centrepiece: the Activity chart (last hour by wait class, live), from the same shared
 * sampler as the Activity view; the dashboard mounting it counts as watching.
 */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { AasChart } from './AasChart';
import { keyLabel, rangeLabel } from './labels';
import { SamplerStatusStrip } from './SamplerStatusStrip';
import { useAas } from './useAas';
import { useActivityWatch } from './useActivity';
import './activity.css';

const RANGE_MS = 60 * 60_000;
const NO_FILTERS: [] = [];

export function ActivityCentrepiece({ connId }: { connId: string }) {
  const { t, i18n } = useTranslation('activity');
  const { t: tc } = useTranslation();
  const { status } = useActivityWatch(connId);
  const chart = useAas(connId, RANGE_MS, 'waitClass', NO_FILTERS, true, 'auto');
  const labelOf = useCallback((key: string) => keyLabel(t, 'waitClass', key), [t]);
  const aas = chart.aas;
  return (
    <section className="panel" data-testid="activity-centrepiece">
      <div className="chain-head">
        <h2>
          {t('centre.title')}{' '}
          <span className="muted small">
            {t('chartScope', {
              range: rangeLabel(RANGE_MS, t),
              bucket: aas?.bucketSec ?? '—',
              dimension: t('dimension.waitClass'),
              resolution: aas ? t(`resolution.${aas.resolution}`) : '—',
              interval: aas?.intervalSec || status?.settings.intervalSec || '—',
            })}
          </span>
        </h2>
        <a className="link" href="#/activity" data-testid="activity-centrepiece-open">
          {t('centre.open')}
        </a>
      </div>
      <SamplerStatusStrip status={status} shown={aas?.source} newestSampleAt={aas?.newestSampleAt} />
      {chart.error && <ErrorMessage error={chart.error} onRetry={() => void chart.reload()} />}
      {aas ? (
        <AasChart
          aas={aas}
          dimension="waitClass"
          lang={i18n.language}
          labelOf={labelOf}
          selection={null}
          cpuLabel={t('cpuCount')}
          aasUnit={t('units.aas')}
          gapLabel={t('gap')}
          avgLabel={t('legendAvg')}
          height={220}
          testId="dashboard-aas-chart"
        />
      ) : chart.loading ? (
        <LoadingState label={tc('status.loading')} />
      ) : null}
    </section>
  );
}
