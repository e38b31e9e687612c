import type { KeyDetails } from '@shared/contract/cache';
import { useTranslation } from 'react-i18next';
import { formatCountdown, remainingTtlMs } from './cache-model';

export interface DetailEntry {
  d: KeyDetails;
  /** epoch ms the details (PTTL) were read: the countdown runs from there */
  readAt: number;
}

/** The live TTL of a key, counting down from the PTTL read; past the fresh TTL it is in its grace window. */
export function TtlCell({ entry, now }: { entry: DetailEntry | undefined; now: number }) {
  const { t, i18n } = useTranslation('cache');
  if (!entry) return <span className="muted">…</span>;
  const left = remainingTtlMs(entry.d.pttlMs, entry.readAt, now);
  if (left === -1) return <span className="muted">{t('keys.noExpiry')}</span>;
  if (left === -2 || left === 0) return <span className="text-bad">{t('keys.expired')}</span>;
  const grace = entry.d.writtenGrace ?? null;
  const inGrace = grace !== null && grace > 0 && left < grace * 1000;
  return (
    <span
      className={inGrace ? 'ttl-grace' : ''}
      title={inGrace ? t('keys.inGrace') : undefined}
      data-testid="key-ttl"
      data-ms={left}
    >
      {formatCountdown(left, i18n.language)}
    </span>
  );
}
