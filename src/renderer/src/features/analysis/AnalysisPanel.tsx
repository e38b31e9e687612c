import { TmsError } from '@shared/errors';
import type { AnalysisType, AnalyzeResponse, Finding, LlmSettings, LlmTableInfo } from '@shared/types/llm';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../components/format';
import { Modal } from '../../components/Modal';
import './analysis.css';
import {
  hideThinking,
  MAX_SQL_CHARS,
  newRequestId,
  type PlanInput,
  type StatsInput,
  toPlanText,
  toSchema,
  toStats,
} from './inputs';
import { LlmSettingsForm } from './LlmSettingsForm';
import { Markdown } from './Markdown';
import { InputsView, OriginLine } from './ResultOrigin';

export interface AnalysisPanelProps {
  connId: string;
  sqlId: string;
  /** undefined while SQL detail is still loading the text (or it aged out): main then reads it by SQL_ID */
  sqlText: string | undefined;
  /** SqlPlan (DBMS_XPLAN lines / V$SQL_PLAN rows) or plan text */
  plan?: PlanInput;
  /** SqlDetail, a TopSqlRow, or LlmSqlStats */
  stats?: StatsInput;
  /** table sizes when the caller has them (main may also look them up) */
  tables?: LlmTableInfo[];
}

const TYPES: AnalysisType[] = ['sql', 'plan', 'tuning'];

function useNow(intervalMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

/**
 * SQL analysis for one statement: SQL / plan / tuning, by the offline analyser (default) or the configured
 * OpenAI-compatible model; the answer streams in, can be cancelled, and says truthfully whether it came
 * from the 24 h cache.
 */
export function AnalysisPanel({ connId, sqlId, sqlText, plan, stats, tables }: AnalysisPanelProps) {
  const { t, i18n } = useTranslation('analysis');
  const [settings, setSettings] = useState<LlmSettings>();
  const [settingsError, setSettingsError] = useState<TmsError>();
  const [type, setType] = useState<AnalysisType>('sql');
  const [running, setRunning] = useState<{ requestId: string; type: AnalysisType }>();
  const [streamed, setStreamed] = useState('');
  const [result, setResult] = useState<AnalyzeResponse>();
  const [error, setError] = useState<TmsError>();
  const [cancelled, setCancelled] = useState(false);
  const [showSettings, setShowSettings] = useState(false);
  const current = useRef<string | undefined>(undefined);
  const now = useNow(5000);

  const planText = useMemo(() => toPlanText(plan), [plan]);
  const llmStats = useMemo(() => toStats(stats), [stats]);
  const schema = useMemo(() => toSchema(stats), [stats]);

  useEffect(() => {
    let live = true;
    call('llm:settings', {})
      .then((s) => live && setSettings(s))
      .catch(
        (e) => live && setSettingsError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e))),
      );
    return () => {
      live = false;
    };
  }, []);

  useEffect(
    () =>
      subscribe('llm:chunk', (p) => {
        if (p.requestId === current.current) setStreamed((x) => x + p.delta);
      }),
    [],
  );

  // another statement: forget the previous answer, stop a running analysis
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on statement change only
  useEffect(() => {
    setResult(undefined);
    setError(undefined);
    setStreamed('');
    setCancelled(false);
    return () => {
      const id = current.current;
      current.current = undefined;
      if (id) void call('llm:cancel', { requestId: id }).catch(() => {});
    };
  }, [connId, sqlId]);

  const run = useCallback(
    async (which: AnalysisType, refresh = false) => {
      const requestId = newRequestId();
      current.current = requestId;
      setType(which);
      setRunning({ requestId, type: which });
      setStreamed('');
      setResult(undefined);
      setError(undefined);
      setCancelled(false);
      try {
        const res = await call('llm:analyze', {
          requestId,
          connId,
          ...(sqlId ? { sqlId } : {}),
          // not loaded yet (or aged out): main reads it by SQL_ID, or says why it cannot
          ...(sqlText ? { sqlText } : {}),
          type: which,
          ...(planText ? { plan: planText } : {}),
          ...(llmStats ? { stats: llmStats } : {}),
          ...(schema ? { schema } : {}),
          ...(tables?.length ? { tables: tables.slice(0, 100) } : {}),
          language: i18n.language.startsWith('ko') ? 'ko' : 'en',
          ...(refresh ? { refresh: true } : {}),
        });
        if (current.current === requestId) setResult(res);
      } catch (e) {
        if (current.current !== requestId) return;
        const err = e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
        if (err.details?.cancelled) setCancelled(true);
        else setError(err);
      } finally {
        if (current.current === requestId) {
          current.current = undefined;
          setRunning(undefined);
        }
      }
    },
    [connId, sqlId, sqlText, planText, llmStats, schema, tables, i18n.language],
  );

  const cancel = () => {
    if (running) void call('llm:cancel', { requestId: running.requestId }).catch(() => {});
  };

  const tooLong = (sqlText?.length ?? 0) > MAX_SQL_CHARS;
  const offline = settings?.provider !== 'openai-compatible';

  return (
    <section className="an-panel" data-testid="analysis-panel" data-sql-id={sqlId}>
      <div className="an-head">
        <h3>{t('title')}</h3>
        <ProviderBadge settings={settings} />
        <button
          type="button"
          className="btn btn-xs"
          onClick={() => setShowSettings(true)}
          data-testid="analysis-settings"
        >
          {t('settings.open')}
        </button>
      </div>
      {settingsError && <ErrorMessage error={settingsError} />}
      <div className="an-actions">
        <div className="segmented">
          {TYPES.map((k) => (
            <button
              key={k}
              type="button"
              className={`seg${type === k && (running || result) ? ' active' : ''}`}
              disabled={Boolean(running) || tooLong}
              onClick={() => void run(k)}
              data-testid={`analyze-${k}`}
              title={t(`types.${k}.hint`)}
            >
              {t(`types.${k}.label`)}
            </button>
          ))}
        </div>
        {running && (
          <>
            <span className="an-running" data-testid="analysis-running">
              <span className="spinner" aria-hidden="true" />
              {t('running', { type: t(`types.${running.type}.label`) })}
            </span>
            <button type="button" className="btn btn-xs" onClick={cancel} data-testid="analysis-cancel">
              {t('cancel')}
            </button>
          </>
        )}
        {!running && result && !offline && result.provider === 'openai-compatible' && (
          <button
            type="button"
            className="btn btn-xs"
            onClick={() => void run(result.type, true)}
            data-testid="analysis-refresh"
            title={t('askAgainHint')}
          >
            {t('askAgain')}
          </button>
        )}
      </div>
      {tooLong && (
        <p className="notice">{t('tooLong', { max: formatNumber(MAX_SQL_CHARS, i18n.language) })}</p>
      )}
      {cancelled && (
        <p className="notice" data-testid="analysis-cancelled">
          {t('cancelled')}
        </p>
      )}
      {error && <ErrorMessage error={error} onRetry={() => void run(type)} />}
      {running && streamed && (
        <div className="an-output an-streaming" data-testid="analysis-stream" aria-live="polite">
          <Markdown text={hideThinking(streamed)} />
        </div>
      )}
      {result && <ResultView result={result} now={now} />}
      {showSettings && (
        <Modal
          title={t('settings.title')}
          onClose={() => setShowSettings(false)}
          wide
          testId="llm-settings-modal"
        >
          <LlmSettingsForm
            initial={settings}
            onSaved={(s) => {
              setSettings(s);
              setShowSettings(false);
            }}
            onCancel={() => setShowSettings(false)}
          />
        </Modal>
      )}
    </section>
  );
}

function ProviderBadge({ settings }: { settings: LlmSettings | undefined }) {
  const { t } = useTranslation('analysis');
  if (!settings) return null;
  if (settings.provider === 'offline') {
    return (
      <span
        className="badge an-provider an-provider-offline"
        data-testid="analysis-provider"
        data-provider="offline"
      >
        {t('provider.offline')}
      </span>
    );
  }
  return (
    <span
      className={`badge an-provider ${settings.localProvider ? 'an-provider-local' : 'an-provider-hosted'}`}
      data-testid="analysis-provider"
      data-provider="openai-compatible"
      title={settings.baseUrl}
    >
      {settings.model || t('provider.noModel')} · {hostOf(settings.baseUrl)} ·{' '}
      {settings.localProvider ? t('provider.local') : t('provider.hosted')}
      {settings.maskLiteralsEffective ? ` · ${t('provider.masked')}` : ''}
    </span>
  );
}

function ResultView({ result, now }: { result: AnalyzeResponse; now: number }) {
  const { t } = useTranslation('analysis');
  const offline = result.provider === 'offline';
  return (
    <div
      className="an-result"
      data-testid="analysis-result"
      data-type={result.type}
      data-provider={result.provider}
    >
      <OriginLine result={result} now={now} />
      <InputsView result={result} now={now} />
      {offline ? (
        <>
          <FindingsList findings={result.findings} />
          <details className="an-details">
            <summary>{t('result.fullReport')}</summary>
            <div className="an-output">
              <Markdown text={result.markdown} testId="analysis-markdown" />
            </div>
          </details>
        </>
      ) : (
        <>
          <div className="an-output">
            <Markdown text={result.markdown} testId="analysis-markdown" />
          </div>
          {result.finishReason === 'length' && <p className="notice">{t('result.truncated')}</p>}
          {result.findings.length > 0 && (
            <details className="an-details">
              <summary>{t('result.ruleChecks', { count: result.findings.length })}</summary>
              <FindingsList findings={result.findings} />
            </details>
          )}
        </>
      )}
    </div>
  );
}

function FindingsList({ findings }: { findings: Finding[] }) {
  const { t } = useTranslation('analysis');
  if (!findings.length) {
    return (
      <p className="muted" data-testid="analysis-findings" data-count="0">
        {t('findings.none')}
      </p>
    );
  }
  return (
    <ol className="an-findings" data-testid="analysis-findings" data-count={findings.length}>
      {findings.map((f) => (
        <li
          key={`${f.ruleId}|${f.evidence}`}
          className={`an-finding an-sev-${f.severity}`}
          data-rule={f.ruleId}
        >
          <div className="an-finding-head">
            <span className={`badge an-sev an-sev-badge-${f.severity}`}>{t(`severity.${f.severity}`)}</span>
            <strong>{f.title}</strong>
            <span className="muted small mono">{f.ruleId}</span>
          </div>
          <p>{f.explanation}</p>
          <p>
            <span className="an-label">{t('findings.suggestion')}</span> {f.suggestion}
          </p>
          {f.evidence && <pre className="code an-evidence">{f.evidence}</pre>}
        </li>
      ))}
    </ol>
  );
}
