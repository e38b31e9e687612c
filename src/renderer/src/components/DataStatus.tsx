import type { CacheMeta } from '@shared/cache';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatAge } from './format';
import { dateTime } from './units';

export interface DataStatusProps {
  meta: CacheMeta | undefined;
  refreshing: boolean;
  onRefresh: () => void;
  /** auto-refresh cadence, shown to the DBA */
  refreshMs?: number;
}

/**
 * What the auto-refresh does, as it does it (useResource / nextPollDelay): in step with the answer's TTL
 * (the current policy, carried by every answer), or the view's own cadence when caching is off.
 */
export function autoRefreshLabel(
  t: (key: string, params?: Record<string, unknown>) => string,
  meta: CacheMeta | undefined,
  refreshMs: number,
): string {
  return meta && meta.ttlSeconds > 0
    ? t('status.autoRefreshTtl', { seconds: meta.ttlSeconds })
    : t('status.autoRefresh', { seconds: Math.round(refreshMs / 1000) });
}

/** "12 s ago · L2 Redis" + the cache-bypassing refresh button. Every view shows it. */
export function DataStatus({ meta, refreshing, onRefresh, refreshMs }: DataStatusProps) {
  const { t, i18n } = useTranslation();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = meta ? now - meta.storedAt : undefined;
  return (
    <div className="data-status" data-testid="data-status">
      {meta && age !== undefined && (
        <>
          <span className="data-age" data-testid="data-age" title={dateTime(meta.storedAt, i18n.language)}>
            {age < 1500 ? t('status.justNow') : t('status.ago', { age: formatAge(age, i18n.language) })}
          </span>
          <span
            className={`origin-badge origin-${meta.origin}`}
            data-testid="data-origin"
            data-origin={meta.origin}
          >
            {t(`status.origin.${meta.origin}`)}
          </span>
        </>
      )}
      {refreshMs ? (
        <span className="muted" data-testid="auto-refresh" title={t('status.autoRefreshHint')}>
          {autoRefreshLabel(t, meta, refreshMs)}
        </span>
      ) : null}
      <button
        type="button"
        className="btn"
        data-testid="refresh"
        onClick={onRefresh}
        disabled={refreshing}
        title={t('status.refreshHint')}
      >
        {refreshing ? t('status.refreshing') : t('status.refresh')}
      </button>
    </div>
  );
}
