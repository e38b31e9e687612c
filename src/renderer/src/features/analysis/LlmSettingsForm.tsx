import { TmsError } from '@shared/errors';
import type {
  LlmModelInfo,
  LlmProviderKind,
  LlmSettings,
  LlmSettingsUpdate,
  LlmStats,
  LlmTestResult,
  MaskMode,
} from '@shared/types/llm';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../components/format';
import { useErrorBody } from '../../components/useErrorWords';
import { testResultText } from './test-result-text';
import './analysis.css';

export interface LlmSettingsFormProps {
  initial: LlmSettings | undefined;
  onSaved: (settings: LlmSettings) => void;
  onCancel: () => void;
}

const PRESETS = [
  { id: 'ollama', url: 'http://localhost:11434/v1' },
  { id: 'lmstudio', url: 'http://localhost:1234/v1' },
] as const;

function isLoopback(url: string): boolean {
  try {
    const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
    return host === 'localhost' || host === '::1' || host.startsWith('127.');
  } catch {
    return false;
  }
}

const asError = (e: unknown) => (e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));

/** Provider, base URL, model (picked from /v1/models), write-only API key, literal masking, timeout. */
export function LlmSettingsForm({ initial, onSaved, onCancel }: LlmSettingsFormProps) {
  const { t, i18n } = useTranslation('analysis');
  const words = useErrorBody();
  const lang = i18n.language;
  const [provider, setProvider] = useState<LlmProviderKind>(initial?.provider ?? 'offline');
  const [baseUrl, setBaseUrl] = useState(initial?.baseUrl ?? PRESETS[0].url);
  const [model, setModel] = useState(initial?.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [clearKey, setClearKey] = useState(false);
  const [mask, setMask] = useState<MaskMode>(initial?.maskLiterals ?? 'auto');
  const [timeoutSec, setTimeoutSec] = useState(Math.round((initial?.timeoutMs ?? 120_000) / 1000));
  const [models, setModels] = useState<LlmModelInfo[]>();
  const [test, setTest] = useState<LlmTestResult>();
  const [stats, setStats] = useState<LlmStats>();
  const [busy, setBusy] = useState<'models' | 'test' | 'save'>();
  const [error, setError] = useState<TmsError>();
  const remote = provider === 'openai-compatible';
  const maskEffective = mask === 'on' || (mask === 'auto' && !isLoopback(baseUrl));
  const keyOverride = apiKey ? { apiKey } : {};

  useEffect(() => {
    call('llm:stats', {})
      .then(setStats)
      .catch(() => {});
  }, []);

  const loadModels = async () => {
    setBusy('models');
    setError(undefined);
    try {
      const list = await call('llm:models', { baseUrl: baseUrl.trim(), ...keyOverride });
      setModels(list.models);
      if (!model && list.models[0]) setModel(list.models[0].id);
    } catch (e) {
      setModels(undefined);
      setError(asError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const runTest = async () => {
    setBusy('test');
    setError(undefined);
    setTest(undefined);
    try {
      setTest(
        await call('llm:testProvider', {
          baseUrl: baseUrl.trim(),
          ...(model.trim() ? { model: model.trim() } : {}),
          ...keyOverride,
        }),
      );
    } catch (e) {
      setError(asError(e));
    } finally {
      setBusy(undefined);
    }
  };

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setBusy('save');
    setError(undefined);
    try {
      const update: LlmSettingsUpdate = {
        provider,
        maskLiterals: mask,
        timeoutMs: Math.min(3600, Math.max(1, timeoutSec)) * 1000,
        ...(remote ? { baseUrl: baseUrl.trim(), model: model.trim() } : {}),
        ...(apiKey ? { apiKey } : clearKey ? { apiKey: null } : {}),
      };
      onSaved(await call('llm:updateSettings', update));
    } catch (err) {
      setError(asError(err));
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <form className="an-settings" onSubmit={(e) => void save(e)} data-testid="llm-settings-form">
      <div className="an-field">
        <span>{t('settings.provider')}</span>
        <div className="segmented">
          {(['offline', 'openai-compatible'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={provider === p}
              className={`seg${provider === p ? ' active' : ''}`}
              onClick={() => setProvider(p)}
              data-testid={`llm-provider-${p}`}
            >
              {t(`settings.providers.${p}`)}
            </button>
          ))}
        </div>
        <small className="muted">{t(remote ? 'settings.remoteHint' : 'settings.offlineHint')}</small>
      </div>
      {remote && (
        <>
          <div className="an-field">
            <span>{t('settings.baseUrl')}</span>
            <input
              required
              type="url"
              maxLength={500}
              className="mono"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
              aria-label={t('settings.baseUrl')}
              data-testid="llm-base-url"
            />
            <span className="an-presets">
              {PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  className="btn btn-xs"
                  onClick={() => setBaseUrl(p.url)}
                  data-testid={`llm-preset-${p.id}`}
                >
                  {t(`settings.presets.${p.id}`)}
                </button>
              ))}
            </span>
          </div>
          <div className="an-field">
            <span>{t('settings.model')}</span>
            <span className="an-row">
              <input
                list="llm-model-options"
                maxLength={200}
                className="mono"
                value={model}
                onChange={(e) => setModel(e.target.value)}
                aria-label={t('settings.model')}
                placeholder={t('settings.modelPlaceholder')}
                data-testid="llm-model"
              />
              <datalist id="llm-model-options">
                {models?.map((m) => (
                  <option key={m.id} value={m.id} />
                ))}
              </datalist>
              <button
                type="button"
                className="btn"
                onClick={() => void loadModels()}
                disabled={busy !== undefined}
                data-testid="llm-load-models"
              >
                {busy === 'models' ? t('settings.loading') : t('settings.loadModels')}
              </button>
            </span>
            {models && (
              <small className="muted" data-testid="llm-model-count">
                {t('settings.modelCount', { count: models.length })}
              </small>
            )}
          </div>
          <div className="an-field">
            <span>{t('settings.apiKey')}</span>
            <input
              type="password"
              autoComplete="off"
              maxLength={4096}
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
              aria-label={t('settings.apiKey')}
              placeholder={initial?.hasApiKey ? t('settings.apiKeyStored') : t('settings.apiKeyNone')}
              data-testid="llm-api-key"
            />
            <small className="muted">{t('settings.apiKeyHint')}</small>
            {initial?.apiKeyOrigin && (
              <small className="muted" data-testid="llm-api-key-other">
                {t('settings.apiKeyOtherServer', { origin: initial.apiKeyOrigin })}
              </small>
            )}
            {initial?.hasApiKey && (
              <label className="checkbox">
                <input type="checkbox" checked={clearKey} onChange={(e) => setClearKey(e.target.checked)} />
                {t('settings.clearKey')}
              </label>
            )}
          </div>
          <label className="an-field">
            <span>{t('settings.mask')}</span>
            <select value={mask} onChange={(e) => setMask(e.target.value as MaskMode)} data-testid="llm-mask">
              {(['auto', 'on', 'off'] as const).map((m) => (
                <option key={m} value={m}>
                  {t(`settings.maskModes.${m}`)}
                </option>
              ))}
            </select>
            <small className="muted" data-testid="llm-mask-effective">
              {maskEffective ? t('settings.maskOn') : t('settings.maskOff')}
            </small>
          </label>
          <label className="an-field">
            <span>{t('settings.timeout')}</span>
            <input
              type="number"
              min={1}
              max={3600}
              value={timeoutSec}
              onChange={(e) => setTimeoutSec(Number(e.target.value) || 1)}
              data-testid="llm-timeout"
            />
          </label>
          {test && (
            <p
              className={`notice ${test.ok ? 'an-ok' : 'an-bad'}`}
              data-testid="llm-test-result"
              data-ok={test.ok}
            >
              {testResultText(test, model.trim(), t, words)}
            </p>
          )}
        </>
      )}
      {error && <ErrorMessage error={error} />}
      {stats && (
        <p className="muted small" data-testid="llm-stats">
          {t('stats.line', {
            hits: formatNumber(stats.servedFromCache, lang),
            calls: formatNumber(stats.modelCalls, lang),
            seconds: formatNumber(stats.timeSavedMs / 1000, lang, 1),
            tokens: formatNumber(stats.tokensSaved, lang),
          })}
        </p>
      )}
      <div className="an-form-footer">
        {remote && (
          <button
            type="button"
            className="btn"
            onClick={() => void runTest()}
            disabled={busy !== undefined}
            data-testid="llm-test"
          >
            {busy === 'test' ? t('settings.testing') : t('settings.test')}
          </button>
        )}
        <span className="an-spacer" />
        <button type="button" className="btn" onClick={onCancel}>
          {t('settings.cancel')}
        </button>
        <button type="submit" className="btn primary" disabled={busy !== undefined} data-testid="llm-save">
          {busy === 'save' ? t('settings.saving') : t('settings.save')}
        </button>
      </div>
      {remote && model && initial?.model && initial.model !== model && (
        <p className="muted small">{t('settings.modelChangeNote')}</p>
      )}
    </form>
  );
}
