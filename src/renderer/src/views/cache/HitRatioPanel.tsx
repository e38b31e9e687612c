import type { CacheStatsSnapshot, HitSummary, StatsScope, TtlPolicySnapshot } from '@shared/contract/cache';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../components/format';
import { dateTime, ms, pct } from '../../components/units';
import { useErrorWords } from '../../components/useErrorWords';
import { formatTtlSeconds, historyRows, isBelow, toPercent } from './cache-model';
import { HitChart } from './HitChart';
import { asError } from './useCacheData';

export type StatsScopeName = 'console' | 'all';

const COLORS = { hit: '#2f9e6b', l1: '#3b82c4', l2: '#8b5cf6' };

function Tile({
  label,
  value,
  sub,
  testId,
  tone,
  dataValue,
  title,
  lookups,
  hits,
}: {
  label: string;
  value: string;
  sub?: string;
  testId: string;
  tone?: 'warn' | 'bad' | 'ok';
  dataValue?: number | null;
  title?: string;
  lookups?: number;
  hits?: number;
}) {
  return (
    <div
      className={`tile${tone ? ` tile-${tone}` : ''}`}
      data-testid={testId}
      data-value={dataValue ?? ''}
      data-lookups={lookups}
      data-hits={hits}
      title={title}
    >
      <div className="tile-label">{label}</div>
      <div className="tile-value">{value}</div>
      {sub && <div className="tile-unit">{sub}</div>}
    </div>
  );
}

/** Overall, per layer and per resource hit ratios, Oracle queries avoided, the 30-minute chart. */
export function HitRatioPanel({
  snap,
  scope,
  onScope,
  policy,
}: {
  snap: CacheStatsSnapshot;
  scope: StatsScopeName;
  onScope: (s: StatsScopeName) => void;
  /** to show each resource's configured TTL next to its hit ratio */
  policy?: TtlPolicySnapshot | undefined;
}) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  const data: StatsScope | null = scope === 'all' ? snap.all : snap.console;
  const threshold = snap.threshold.percent;
  const s: HitSummary | undefined = data?.summary;
  const rows = useMemo(() => (data ? historyRows(data.history) : []), [data]);
  const hasHistory = rows.some((r) => r.lookups > 0);
  const low = isBelow(s, threshold);
  const ks = snap.keyspace;

  return (
    <section
      className="panel cache-section"
      data-testid="hit-ratio-panel"
      data-scope={scope}
      data-at={snap.at}
    >
      <div className="panel-head">
        <h2>{t('hit.title')}</h2>
        <div className="toolbar">
          <div className="segmented" role="tablist" aria-label={t('hit.scope')}>
            {(['console', 'all'] as const).map((id) => (
              <button
                key={id}
                type="button"
                role="tab"
                aria-selected={scope === id}
                className={`seg${scope === id ? ' active' : ''}`}
                data-testid={`hit-scope-${id}`}
                onClick={() => onScope(id)}
              >
                {t(`hit.scopes.${id}`)}
              </button>
            ))}
          </div>
          <ThresholdEditor percent={threshold} minSamples={snap.threshold.minSamples} />
        </div>
      </div>
      {!data ? (
        <EmptyState testId="hit-all-unavailable">{t('hit.allUnavailable')}</EmptyState>
      ) : (
        <>
          <div className="tiles">
            <Tile
              testId="hit-ratio"
              label={t('hit.overall')}
              value={pct(toPercent(s?.hitRatio), lang)}
              sub={t('hit.ratioSub', {
                hits: formatNumber(s?.hits ?? 0, lang),
                lookups: formatNumber(s?.lookups ?? 0, lang),
                recent: pct(toPercent(data.recent.hitRatio), lang),
                minutes: data.recentMinutes,
              })}
              tone={low ? 'bad' : s?.hitRatio != null ? 'ok' : undefined}
              dataValue={s?.hitRatio}
              lookups={s?.lookups ?? 0}
              hits={s?.hits ?? 0}
              title={t('hit.def.hitRatio')}
            />
            <Tile
              testId="hit-l1"
              label={t('hit.l1')}
              value={pct(toPercent(s?.l1Ratio), lang)}
              sub={t('hit.hitsCount', { n: formatNumber(data.totals.l1Hit, lang) })}
              dataValue={s?.l1Ratio}
              title={t('hit.def.layers')}
            />
            <Tile
              testId="hit-l2"
              label={t('hit.l2')}
              value={pct(toPercent(s?.l2Ratio), lang)}
              sub={t('hit.hitsCount', { n: formatNumber(data.totals.l2Hit, lang) })}
              dataValue={s?.l2Ratio}
              title={t('hit.def.layers')}
            />
            <Tile
              testId="hit-stale"
              label={t('hit.stale')}
              value={pct(toPercent(s?.staleRatio), lang)}
              sub={t('hit.hitsCount', { n: formatNumber(data.totals.staleServed, lang) })}
              dataValue={s?.staleRatio}
              title={t('hit.def.layers')}
            />
            <Tile
              testId="oracle-avoided"
              label={t('hit.avoided')}
              value={formatNumber(s?.oracleAvoided ?? 0, lang)}
              sub={t('hit.avoidedSub', {
                hits: formatNumber(s?.hits ?? 0, lang),
                coalesced: formatNumber(s?.coalesced ?? 0, lang),
              })}
              dataValue={s?.oracleAvoided}
              title={t('hit.def.avoided')}
            />
            <Tile
              testId="oracle-queries"
              label={t('hit.oracleQueries')}
              value={formatNumber(s?.oracleQueries ?? 0, lang)}
              sub={t('hit.avgFetch', { ms: ms(s?.avgFetchMs, lang) })}
              dataValue={s?.oracleQueries}
              title={t('hit.def.oracleQueries')}
            />
            <Tile
              testId="hit-failed"
              label={t('hit.failed')}
              value={formatNumber(s?.failedLookups ?? 0, lang)}
              sub={t('hit.failedSub')}
              dataValue={s?.failedLookups}
              tone={(s?.failedLookups ?? 0) > 0 ? 'warn' : undefined}
              title={t('hit.def.failed')}
            />
            <Tile
              testId="hit-errors"
              label={t('hit.errors')}
              value={formatNumber(s?.redisErrors ?? 0, lang)}
              sub={t('hit.errorsSub', {
                errors: formatNumber(data.totals.error, lang),
                without: formatNumber(data.totals.l2Unavailable, lang),
                corrupt: formatNumber(data.totals.corrupt, lang),
              })}
              dataValue={s?.redisErrors}
              tone={(s?.redisErrors ?? 0) > 0 ? 'warn' : undefined}
              title={t('hit.def.errors')}
            />
            <Tile
              testId="keyspace-ratio"
              label={t('hit.keyspace')}
              value={pct(toPercent(ks?.ratio), lang)}
              sub={
                ks
                  ? t('hit.keyspaceSub', {
                      hits: formatNumber(ks.hits, lang),
                      misses: formatNumber(ks.misses, lang),
                    })
                  : t('hit.keyspaceNone')
              }
              title={t('hit.keyspaceHint')}
              dataValue={ks?.ratio}
            />
          </div>
          <details className="hit-definitions small" data-testid="hit-definitions" open>
            <summary>{t('hit.def.title')}</summary>
            <dl>
              {(
                ['hitRatio', 'layers', 'avoided', 'oracleQueries', 'failed', 'errors', 'keyspace'] as const
              ).map((id) => (
                <div key={id} data-testid={`hit-def-${id}`}>
                  <dt>{t(`hit.def.${id}Term`)}</dt>
                  <dd>{t(`hit.def.${id}`)}</dd>
                </div>
              ))}
            </dl>
          </details>
          <div className="muted small">
            {t('hit.since', { time: dateTime(data.since, lang) })} · {t('hit.keyspaceHint')}
          </div>
          <div className="cache-two">
            <div>
              <h3>{t('hit.chartTitle')}</h3>
              {hasHistory ? (
                <HitChart
                  rows={rows}
                  series={[
                    { key: 'hit', label: t('hit.overall'), color: COLORS.hit },
                    { key: 'l1', label: t('hit.l1'), color: COLORS.l1 },
                    { key: 'l2', label: t('hit.l2'), color: COLORS.l2 },
                  ]}
                  lang={lang}
                />
              ) : (
                <EmptyState testId="hit-chart-empty">{t('hit.noHistory')}</EmptyState>
              )}
            </div>
            <div>
              <h3>{t('hit.perResource')}</h3>
              <PerResourceTable data={data} threshold={threshold} policy={policy} />
            </div>
          </div>
        </>
      )}
    </section>
  );
}

function PerResourceTable({
  data,
  threshold,
  policy,
}: {
  data: StatsScope;
  threshold: number;
  policy: TtlPolicySnapshot | undefined;
}) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  if (data.perResource.length === 0)
    return <EmptyState testId="per-resource-empty">{t('hit.noResources')}</EmptyState>;
  return (
    <div className="table-wrap cache-resource-table">
      <table className="compact-table" data-testid="per-resource">
        <thead>
          <tr>
            <th>{t('hit.resource')}</th>
            <th className="num">{t('hit.lookupsCol')}</th>
            <th className="num">{t('hit.ratioCol')}</th>
            <th className="num">L1</th>
            <th className="num">L2</th>
            <th className="num">{t('hit.oracleCol')}</th>
            <th className="num">{t('hit.avgFetchCol')}</th>
            <th className="num">{t('hit.ttlCol')}</th>
          </tr>
        </thead>
        <tbody>
          {data.perResource.map((r) => (
            <tr key={r.resource} data-testid="per-resource-row" data-resource={r.resource}>
              <td className="mono">{r.resource}</td>
              <td className="num">{formatNumber(r.summary.lookups, lang)}</td>
              <td className={`num${isBelow(r.summary, threshold) ? ' text-bad' : ''}`}>
                <span
                  className={`pct-bar ${isBelow(r.summary, threshold) ? 'bar-bad' : 'bar-ok'}`}
                  aria-hidden="true"
                >
                  <span style={{ width: `${Math.round((r.summary.hitRatio ?? 0) * 100)}%` }} />
                </span>
                {pct(toPercent(r.summary.hitRatio), lang)}
              </td>
              <td className="num">{formatNumber(r.counters.l1Hit, lang)}</td>
              <td className="num">{formatNumber(r.counters.l2Hit, lang)}</td>
              <td className="num">{formatNumber(r.summary.oracleQueries, lang)}</td>
              <td className="num">{ms(r.summary.avgFetchMs, lang)}</td>
              <td className="num muted">
                {formatTtlSeconds(
                  policy?.resources.find((p) => p.resource === r.resource)?.effective.ttl,
                  lang,
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** "Warn under [60] % after [50] lookups" — saved in Redis for every console (cache:setHitRatioThreshold). */
function ThresholdEditor({ percent, minSamples }: { percent: number; minSamples: number }) {
  const { t } = useTranslation('cache');
  const words = useErrorWords();
  const [value, setValue] = useState(String(percent));
  const [samples, setSamples] = useState(String(minSamples));
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string>();
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (!editing) {
      setValue(String(percent));
      setSamples(String(minSamples));
    }
  }, [percent, minSamples, editing]);
  const save = async () => {
    const n = Number(value);
    const m = Number(samples);
    if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > 100) {
      setInvalid(true);
      setMessage(t('hit.thresholdInvalid'));
      return;
    }
    if (samples.trim() === '' || !Number.isInteger(m) || m < 1 || m > 1_000_000) {
      setInvalid(true);
      setMessage(t('hit.minSamplesInvalid'));
      return;
    }
    setInvalid(false);
    try {
      const saved = await call('cache:setHitRatioThreshold', { percent: n, minSamples: m });
      setValue(String(saved.percent));
      setSamples(String(saved.minSamples));
      setMessage(t('hit.thresholdSaved'));
      setEditing(false);
    } catch (e) {
      setInvalid(true);
      setMessage(words(asError(e)));
    }
  };
  const edit = (set: (v: string) => void) => (e: { target: { value: string } }) => {
    setEditing(true);
    setMessage(undefined);
    set(e.target.value);
  };
  return (
    <form
      className="threshold"
      data-testid="threshold"
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <label htmlFor="cache-threshold">{t('hit.threshold')}</label>
      <input
        id="cache-threshold"
        className="num-input"
        data-testid="threshold-input"
        type="number"
        min={0}
        max={100}
        step={1}
        value={value}
        aria-invalid={invalid}
        onChange={edit(setValue)}
      />
      <span>%</span>
      <label htmlFor="cache-min-samples" className="muted">
        {t('hit.minSamples')}
      </label>
      <input
        id="cache-min-samples"
        className="num-input"
        data-testid="threshold-samples"
        type="number"
        min={1}
        step={1}
        value={samples}
        aria-invalid={invalid}
        title={t('hit.thresholdHint')}
        onChange={edit(setSamples)}
      />
      {editing && (
        <button type="submit" className="btn btn-xs" data-testid="threshold-save">
          {t('save')}
        </button>
      )}
      {message && (
        <span className={`small ${invalid ? 'text-bad' : 'muted'}`} data-testid="threshold-message">
          {message}
        </span>
      )}
    </form>
  );
}

export function HitRatioBanner({
  snap,
  eventRatio,
  error,
  onTune,
}: {
  snap: CacheStatsSnapshot | undefined;
  eventRatio: number | undefined;
  error?: unknown;
  /** open the TTL policy */
  onTune?: () => void;
}) {
  const { t, i18n } = useTranslation('cache');
  if (error) return <ErrorMessage error={asError(error)} />;
  if (!snap) return null;
  const th = snap.threshold;
  // the figure judged in main (the scope's last-5-minutes hit ratio the panel shows too), never the
  // event's copy of an earlier tick
  const ratio = th.ratio;
  if (!th.low && eventRatio === undefined) return null;
  if (!th.low && eventRatio !== undefined && ratio !== null && ratio * 100 >= th.percent) return null;
  return (
    <div className="cache-banner warn" role="alert" data-testid="hit-ratio-banner">
      <strong>{t('banner.title')}</strong>{' '}
      {t('banner.body', {
        ratio: pct(toPercent(ratio ?? null), i18n.language),
        threshold: th.percent,
        minutes: th.windowMinutes,
        lookups: formatNumber(th.lookups, i18n.language),
        scope: t(`hit.scopes.${th.scope}`),
      })}{' '}
      {onTune && (
        <button type="button" className="btn btn-xs" data-testid="banner-tune" onClick={onTune}>
          {t('banner.tune')}
        </button>
      )}
    </div>
  );
}
