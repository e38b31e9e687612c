/**
 * The session's sampled activity (issue 17) from the team's activity sampler: `activity:aas` narrowed
 * to this (inst, sid, serial) by wait class. With one session, a bucket's AAS is the share of its
 * samples in which the session was active (0-1).
 */
import type { ActivityAas } from '@shared/types/activity';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { formatNumber } from '../../components/format';
import { timeOfDay } from '../../components/units';
import { waitClassColor } from '../../components/waitClasses';
import type { SessionTarget } from '../../state/session-drilldown';

export const SESSION_ACTIVITY_MIN = 15;
const BUCKET_SEC = 30;

export function activityShares(a: ActivityAas): {
  sampled: number;
  active: number;
  byClass: [string, number][];
} {
  const sampledBuckets = a.samplesPerBucket.filter((n) => n > 0).length;
  const byClass = a.series
    .map((s) => [s.key, s.values.reduce((x, y) => x + y, 0)] as [string, number])
    .filter(([, v]) => v > 0)
    .sort((x, y) => y[1] - x[1]);
  const active = byClass.reduce((x, [, v]) => x + v, 0);
  return { sampled: sampledBuckets, active: sampledBuckets ? active / sampledBuckets : 0, byClass };
}

export function SessionActivity({ target }: { target: SessionTarget }) {
  const { t, i18n } = useTranslation('session');
  const lang = i18n.language;
  const res = useResource(
    'activity:aas',
    {
      connId: target.connId,
      range: { rangeMs: SESSION_ACTIVITY_MIN * 60_000 },
      dimension: 'waitClass',
      bucketSec: BUCKET_SEC,
      filters: [{ dimension: 'session', value: `${target.instId}.${target.sid}.${target.serial}` }],
      source: 'sampler',
    },
    { refreshMs: 15_000 },
  );
  const a = res.data;
  const shares = a ? activityShares(a) : null;
  const empty = !a || !shares || shares.byClass.length === 0;
  return (
    <section className="sd-section" data-testid="sd-activity">
      <h3>{t('activity.title', { min: SESSION_ACTIVITY_MIN })}</h3>
      <p className="muted small">{t('activity.hint', { bucket: a?.bucketSec ?? BUCKET_SEC })}</p>
      {res.error ? (
        <p className="muted" data-testid="sd-activity-empty">
          {t('activity.noData', { min: SESSION_ACTIVITY_MIN })}
        </p>
      ) : empty ? (
        a && (
          <p className="muted" data-testid="sd-activity-empty">
            {t('activity.noData', { min: SESSION_ACTIVITY_MIN })}{' '}
            <a className="link" href="#/activity">
              {t('activity.openActivity')}
            </a>
          </p>
        )
      ) : (
        <>
          <div
            className="sd-strip"
            data-testid="sd-activity-strip"
            role="img"
            aria-label={t('activity.title', { min: SESSION_ACTIVITY_MIN })}
          >
            {a.buckets.map((b, i) => (
              <div
                key={b}
                className={`sd-bucket${a.samplesPerBucket[i] ? '' : ' sd-gap'}`}
                title={timeOfDay(b, lang)}
              >
                {a.series.map((s) => {
                  const v = s.values[i] ?? 0;
                  return v > 0 ? (
                    <div
                      key={s.key}
                      style={{
                        height: `${Math.min(1, v) * 100}%`,
                        background: waitClassColor(s.waitClass ?? s.key),
                      }}
                    />
                  ) : null;
                })}
              </div>
            ))}
          </div>
          <div className="sd-legend small">
            <span data-testid="sd-activity-share">
              {t('activity.activeShare', { pct: `${formatNumber(shares.active * 100, lang)} %` })}
            </span>
            {shares.byClass.map(([k, v]) => (
              <span key={k}>
                <span className="dot" style={{ background: waitClassColor(k) }} />
                {k} {formatNumber((v / Math.max(1, shares.sampled)) * 100, lang)} %
              </span>
            ))}
          </div>
        </>
      )}
    </section>
  );
}
