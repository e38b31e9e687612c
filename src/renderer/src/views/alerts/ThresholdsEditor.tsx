import { TmsError } from '@shared/errors';
import { ALERT_RULE_META, ALERT_RULES, type AlertRuleId, type AlertThresholds } from '@shared/types/alerts';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ViewError } from '../../components/ViewError';

type Draft = Record<AlertRuleId, { enabled: boolean; threshold: string; forSec: string; hysteresis: string }>;

const toDraft = (t: AlertThresholds): Draft =>
  Object.fromEntries(
    ALERT_RULES.map((r) => [
      r,
      {
        enabled: t[r].enabled,
        threshold: String(t[r].threshold),
        forSec: String(t[r].forSec),
        hysteresis: String(t[r].hysteresis),
      },
    ]),
  ) as Draft;

/** The team's thresholds: edited here, saved to Redis, seen by every console (pushed back to them). */
export function ThresholdsEditor({ thresholds, shared }: { thresholds: AlertThresholds; shared: boolean }) {
  const { t } = useTranslation('alerts');
  const [draft, setDraft] = useState<Draft>(() => toDraft(thresholds));
  const [error, setError] = useState<TmsError>();
  const [saved, setSaved] = useState(false);
  // another console's edit (or ours, echoed back) replaces the form
  // (compared by value: a re-read with the same thresholds keeps what the DBA is typing)
  const key = JSON.stringify(thresholds);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `key` stands for `thresholds` by value
  useEffect(() => setDraft(toDraft(thresholds)), [key]);

  const save = async () => {
    setSaved(false);
    const patch = Object.fromEntries(
      ALERT_RULES.map((r) => [
        r,
        {
          enabled: draft[r].enabled,
          threshold: Number(draft[r].threshold),
          forSec: Number(draft[r].forSec),
          hysteresis: Number(draft[r].hysteresis),
        },
      ]),
    );
    try {
      await call('alerts:setThresholds', { patch });
      setError(undefined);
      setSaved(true);
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    }
  };
  const reset = async () => {
    try {
      await call('alerts:resetThresholds', {});
      setError(undefined);
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    }
  };
  const set = (r: AlertRuleId, field: keyof Draft[AlertRuleId], value: string | boolean) =>
    setDraft((d) => ({ ...d, [r]: { ...d[r], [field]: value } }));

  return (
    <section className="panel alerts-thresholds" data-testid="alert-thresholds">
      <h2>{t('thresholds.title')}</h2>
      <p className="muted">{t('thresholds.hint')}</p>
      <table className="data-table thresholds-table">
        <thead>
          <tr>
            <th>{t('col.rule')}</th>
            <th>{t('thresholds.enabled')}</th>
            <th>{t('thresholds.threshold')}</th>
            <th>{t('thresholds.forSec')}</th>
            <th>{t('thresholds.hysteresis')}</th>
          </tr>
        </thead>
        <tbody>
          {ALERT_RULES.map((r) => {
            const meta = ALERT_RULE_META[r];
            return (
              <tr key={r} data-testid="threshold-row" data-rule={r}>
                <td title={t(`scope.${r}`)}>{t(`rule.${r}`)}</td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${t(`rule.${r}`)} ${t('thresholds.enabled')}`}
                    data-testid="threshold-enabled"
                    checked={draft[r].enabled}
                    disabled={!shared}
                    onChange={(e) => set(r, 'enabled', e.target.checked)}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    className="num-input"
                    aria-label={`${t(`rule.${r}`)} ${t('thresholds.threshold')}`}
                    data-testid="threshold-value"
                    min={meta.min}
                    max={meta.max}
                    step="any"
                    value={draft[r].threshold}
                    disabled={!shared}
                    onChange={(e) => set(r, 'threshold', e.target.value)}
                  />{' '}
                  <span className="muted">{t(`unit.${meta.unit}`)}</span>
                  {r === 'cacheHitRatio' && (
                    <div className="muted small" style={{ whiteSpace: 'normal' }}>
                      {t('thresholds.cacheFromPanel')}
                    </div>
                  )}
                </td>
                <td>
                  <input
                    type="number"
                    className="num-input"
                    aria-label={`${t(`rule.${r}`)} ${r === 'alertLogErrors' ? t('thresholds.forSecWindow') : t('thresholds.forSec')}`}
                    title={r === 'alertLogErrors' ? t('thresholds.forSecWindow') : t('thresholds.forSec')}
                    data-testid="threshold-for"
                    min={0}
                    step={1}
                    value={draft[r].forSec}
                    disabled={!shared}
                    onChange={(e) => set(r, 'forSec', e.target.value)}
                  />
                </td>
                <td>
                  <input
                    type="number"
                    className="num-input"
                    aria-label={`${t(`rule.${r}`)} ${t('thresholds.hysteresis')}`}
                    data-testid="threshold-hysteresis"
                    min={0}
                    step="any"
                    value={draft[r].hysteresis}
                    disabled={!shared}
                    onChange={(e) => set(r, 'hysteresis', e.target.value)}
                  />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {error && <ViewError error={error} />}
      <div className="form-actions">
        <button
          type="button"
          className="btn btn-primary"
          data-testid="thresholds-save"
          disabled={!shared}
          onClick={() => void save()}
        >
          {t('thresholds.save')}
        </button>
        <button
          type="button"
          className="btn"
          data-testid="thresholds-reset"
          disabled={!shared}
          onClick={() => void reset()}
        >
          {t('thresholds.reset')}
        </button>
        {saved && (
          <span role="status" data-testid="thresholds-saved">
            {t('thresholds.saved')}
          </span>
        )}
      </div>
    </section>
  );
}
