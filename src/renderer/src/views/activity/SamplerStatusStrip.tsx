/**
 * Which source the view shows and how fresh it is: shared sampler (Redis) / this console only / ASH,
 * who samples and how often, the newest sample's age, and the memory the samples take.
 */
import type { ActivitySource, SamplerStatus } from '@shared/types/activity';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAge, formatBytes } from '../../components/format';
import { dateTime, num } from '../../components/units';
import { useErrorBody } from '../../components/useErrorWords';

export function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

export function SamplerStatusStrip({
  status,
  shown,
  newestSampleAt,
}: {
  status: SamplerStatus | undefined;
  /** the source of the answer on screen (may differ from the sampler's while ASH is chosen) */
  shown: ActivitySource | undefined;
  newestSampleAt: number | null | undefined;
}) {
  const { t, i18n } = useTranslation('activity');
  const errorBody = useErrorBody();
  const lang = i18n.language;
  const now = useNow();
  if (!status) return null;
  const source = shown ?? status.source;
  const newest = newestSampleAt ?? status.newestSampleAt;
  const age = newest !== null ? now - newest : null;
  return (
    <div
      className="activity-status"
      data-testid="activity-status"
      data-role={status.role}
      data-source={source}
    >
      <span
        className={`origin-badge activity-source-${source}`}
        data-testid="activity-source"
        data-source={source}
      >
        {t(`source.${source}`)}
      </span>
      <span data-testid="activity-role" title={t('roleHint')}>
        {t(`role.${status.role}`, { watchers: status.watchers })}
        {status.role !== 'idle' && status.role !== 'local'
          ? ` · ${t('leader', { id: status.leaderConsoleId ? status.leaderConsoleId.slice(0, 8) : '—' })}`
          : ''}
      </span>
      <span>{t('interval', { seconds: status.settings.intervalSec })}</span>
      <span data-testid="activity-age" title={newest !== null ? dateTime(newest, lang) : undefined}>
        {age === null
          ? t('noSamplesYet')
          : t('newestSample', { age: formatAge(age, lang), time: dateTime(newest, lang) })}
      </span>
      <span className="muted" data-testid="activity-memory">
        {t('memory', {
          bytes: formatBytes(status.memoryBytes, lang),
          samples: num(status.samplesRetained, lang),
          rows: num(status.rowsRetained, lang),
          perRow: status.bytesPerRow === null ? '—' : num(status.bytesPerRow, lang),
        })}
      </span>
      {status.redis !== 'shared' && (
        <span className="badge warn" data-testid="activity-redis-warning">
          {t(`redis.${status.redis}`)}
        </span>
      )}
      {status.lastError && (
        <span className="badge bad" data-testid="activity-sampler-error">
          {status.lastErrorDetail ? errorBody(status.lastErrorDetail) : t('samplerFailed')}
        </span>
      )}
    </div>
  );
}
