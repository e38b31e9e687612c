/**
 * The connection's sampler settings, shared by the team through Redis (per console when Redis is down):
 * interval, always-on, raw retention (time and memory) and roll-up retention.
 */

import { TmsError } from '@shared/errors';
import {
  type ActivitySettings,
  ROLLUP_RETENTION_MAX_H,
  ROLLUP_RETENTION_MIN_H,
  SAMPLE_INTERVAL_MAX_SEC,
  SAMPLE_INTERVAL_MIN_SEC,
  SAMPLE_MEMORY_MAX_MB,
  SAMPLE_MEMORY_MIN_MB,
  SAMPLE_RETENTION_MAX_MIN,
  SAMPLE_RETENTION_MIN_MIN,
  type SamplerStatus,
} from '@shared/types/activity';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatBytes } from '../../components/format';
import { dateTime, num } from '../../components/units';

type NumberField = 'intervalSec' | 'retentionMinutes' | 'rollupRetentionHours' | 'maxMemoryMb';
const LIMITS: Record<NumberField, [number, number]> = {
  intervalSec: [SAMPLE_INTERVAL_MIN_SEC, SAMPLE_INTERVAL_MAX_SEC],
  retentionMinutes: [SAMPLE_RETENTION_MIN_MIN, SAMPLE_RETENTION_MAX_MIN],
  rollupRetentionHours: [ROLLUP_RETENTION_MIN_H, ROLLUP_RETENTION_MAX_H],
  maxMemoryMb: [SAMPLE_MEMORY_MIN_MB, SAMPLE_MEMORY_MAX_MB],
};

export function SamplerSettings({
  connId,
  status,
  onSaved,
  onClose,
}: {
  connId: string;
  status: SamplerStatus;
  onSaved: (s: ActivitySettings) => void;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('activity');
  const lang = i18n.language;
  const [form, setForm] = useState<ActivitySettings>(status.settings);
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<TmsError>();
  const invalid = (Object.keys(LIMITS) as NumberField[]).filter((k) => {
    const [lo, hi] = LIMITS[k];
    const v = form[k];
    return !Number.isInteger(v) || v < lo || v > hi;
  });

  const field = (k: NumberField, unit: string) => {
    const [lo, hi] = LIMITS[k];
    return (
      <label className="settings-field">
        <span>{t(`settings.${k}`)}</span>
        <input
          type="number"
          min={lo}
          max={hi}
          step={1}
          value={Number.isNaN(form[k]) ? '' : form[k]}
          data-testid={`activity-setting-${k}`}
          aria-invalid={invalid.includes(k)}
          onChange={(e) => setForm({ ...form, [k]: e.target.valueAsNumber })}
        />
        <span className="muted small">
          {unit} ({lo}–{hi})
        </span>
      </label>
    );
  };

  const save = async () => {
    setSaving(true);
    try {
      const saved = await call('activity:setSettings', { connId, patch: form });
      setError(undefined);
      onSaved(saved);
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    } finally {
      setSaving(false);
    }
  };

  return (
    <section className="panel activity-settings" data-testid="activity-settings">
      <h2>
        {t('settings.title')} <span className="muted small">{t(`settings.from.${status.settingsFrom}`)}</span>
      </h2>
      <div className="settings-grid">
        {field('intervalSec', t('units.s'))}
        <label className="settings-field">
          <span>{t('settings.alwaysOn')}</span>
          <input
            type="checkbox"
            checked={form.alwaysOn}
            data-testid="activity-setting-alwaysOn"
            onChange={(e) => setForm({ ...form, alwaysOn: e.target.checked })}
          />
          <span className="muted small">{t('settings.alwaysOnHint')}</span>
        </label>
        {field('retentionMinutes', t('units.min'))}
        {field('maxMemoryMb', 'MB')}
        {field('rollupRetentionHours', t('units.h'))}
      </div>
      <p className="muted small" data-testid="activity-settings-memory">
        {t('settings.memoryNow', {
          bytes: formatBytes(status.memoryBytes, lang),
          samples: num(status.samplesRetained, lang),
          rows: num(status.rowsRetained, lang),
          oldest: dateTime(status.oldestSampleAt, lang),
          perRow: status.bytesPerRow === null ? '—' : num(status.bytesPerRow, lang),
        })}
      </p>
      {error && <ErrorMessage error={error} />}
      <div className="settings-actions">
        <button
          type="button"
          className="btn primary"
          data-testid="activity-settings-save"
          disabled={saving || invalid.length > 0}
          onClick={() => void save()}
        >
          {saving ? t('settings.saving') : t('settings.save')}
        </button>
        <button type="button" className="btn" onClick={onClose}>
          {t('settings.close')}
        </button>
      </div>
    </section>
  );
}
