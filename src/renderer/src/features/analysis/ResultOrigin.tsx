/**
 * Where an analysis answer came from, said truthfully: offline rules computed now, a model's answer
 * computed now, or one from the cache with its age; and what the analysis read (text, plan, statistics,
 * table statistics: as shown on screen, or read by main for it) and what it lacked, with the reason.
 */
import type { CacheMeta } from '@shared/cache';
import { ANALYSIS_INPUTS, type AnalyzeResponse } from '@shared/types/llm';
import { useTranslation } from 'react-i18next';
import { formatAge, formatNumber } from '../../components/format';
import { dateTime } from '../../components/units';

export function OriginLine({ result, now }: { result: AnalyzeResponse; now: number }) {
  const { t, i18n } = useTranslation('analysis');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const tokens = result.usage?.totalTokens;
  const computed = <Computed at={result.generatedAt} now={now} />;
  if (result.provider === 'offline') {
    return (
      <div
        className="an-cache muted"
        data-testid="analysis-origin"
        data-from-cache="false"
        data-origin="offline"
      >
        <span>{t('result.offline')}</span>
        {computed}
      </div>
    );
  }
  const meta: CacheMeta | undefined = result.cache;
  const seconds =
    result.modelLatencyMs !== undefined ? formatNumber(result.modelLatencyMs / 1000, lang, 1) : '—';
  if (result.fromCache) {
    const storedAt = meta?.storedAt ?? result.generatedAt;
    return (
      <div className="an-cache" data-testid="analysis-origin" data-from-cache="true" data-origin="cache">
        <span className="an-cache-hit">
          {t('result.fromCache', { age: formatAge(now - storedAt, lang) })}
        </span>
        {meta && (
          <span className={`origin-badge origin-${meta.origin}`} data-origin={meta.origin}>
            {tc(`status.origin.${meta.origin}`)}
          </span>
        )}
        <span className="muted" title={dateTime(storedAt, lang)}>
          {t('result.saved', { seconds })}
          {tokens ? ` · ${t('result.tokensSaved', { tokens: formatNumber(tokens, lang) })}` : ''}
        </span>
      </div>
    );
  }
  return (
    <div
      className="an-cache"
      data-testid="analysis-origin"
      data-from-cache="false"
      data-origin={result.modelCalled ? 'model' : 'shared'}
    >
      <span>{result.modelCalled ? t('result.fresh', { seconds }) : t('result.shared', { seconds })}</span>
      {computed}
      {tokens ? (
        <span className="muted">{t('result.tokens', { tokens: formatNumber(tokens, lang) })}</span>
      ) : null}
      {meta && (
        <span className="muted">
          {t('result.cachedFor', { age: formatAge(meta.ttlSeconds * 1000, lang) })}
        </span>
      )}
      {result.masked && <span className="muted">{t('provider.masked')}</span>}
    </div>
  );
}

/** When this answer was produced: "computed just now", then its age as the panel stays open. */
function Computed({ at, now }: { at: number; now: number }) {
  const { t, i18n } = useTranslation('analysis');
  const age = now - at;
  return (
    <span className="muted" data-testid="analysis-computed" title={dateTime(at, i18n.language)}>
      {'· '}
      {age < 5000 ? t('result.computedNow') : t('result.computedAgo', { age: formatAge(age, i18n.language) })}
    </span>
  );
}

/**
 * What the analysis read (text, plan, statistics, table statistics) and where from: as shown on screen,
 * or read by main for this analysis (with the data's age); and, as a notice, each input it needed and
 * could not have, with the reason. A missing plan is never silent.
 */
export function InputsView({ result, now }: { result: AnalyzeResponse; now: number }) {
  const { t, i18n } = useTranslation('analysis');
  const { t: tc } = useTranslation();
  const inputs = result.inputs;
  if (!inputs) return null;
  const used = ANALYSIS_INPUTS.filter((k) => inputs[k]?.status === 'used');
  const missing = ANALYSIS_INPUTS.filter((k) => inputs[k]?.status === 'missing');
  return (
    <div className="an-inputs" data-testid="analysis-inputs">
      <div className="an-inputs-used small">
        <span className="an-label">{t('inputs.title')}</span>{' '}
        {used.map((k, i) => {
          const use = inputs[k];
          const name =
            k === 'tables' && use.count !== undefined
              ? t('inputs.tables', { count: use.count })
              : t(`inputs.name.${k}`);
          const where =
            use.source !== 'fetched'
              ? t('inputs.fromScreen')
              : use.storedAt !== undefined
                ? t('inputs.fetched', { age: formatAge(now - use.storedAt, i18n.language) })
                : t('inputs.fetchedNow');
          return (
            <span key={k} data-input={k} data-source={use.source}>
              {i > 0 ? ' · ' : ''}
              {name} <span className="muted">({where})</span>
            </span>
          );
        })}
      </div>
      {missing.map((k) => {
        const use = inputs[k];
        const reason = t(`inputs.reason.${use.reason ?? 'noSource'}`, {
          cause: tc(`error.codes.${use.errorCode ?? 'INTERNAL'}`, { defaultValue: use.errorCode ?? '' }),
        });
        return (
          <p
            key={k}
            className="notice an-missing"
            data-testid="analysis-missing"
            data-input={k}
            data-reason={use.reason}
          >
            {t('inputs.missing', { input: t(`inputs.missingName.${k}`), reason })}
          </p>
        );
      })}
    </div>
  );
}
