/**
 * Activity (issue 14): Average Active Sessions over 5 min-24 h from the team's one sampler (or ASH with
 * the pack), sliced by a dimension, narrowed by filters, a brushed range filtering the top tables,
 * blocking history and the sampler's settings. Live: every pushed sample moves the chart.
 * Routes: `#/activity`, `#/activity/blocking/<episodeId>` (a chain opened, e.g. from the Locks view).
 */

import { TmsError } from '@shared/errors';
import {
  ACTIVITY_DIMENSIONS,
  type ActivityDimension,
  type ActivityTop,
  type BlockingHistory,
} from '@shared/types/activity';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatAge } from '../../components/format';
import { dateTime } from '../../components/units';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import { useConnection } from '../../state/connection';
import { AasChart, type TimeRange } from './AasChart';
import { BlockingHistoryPanel, ChainDetail } from './BlockingHistory';
import { RANGES_MS } from './chart-model';
import type { RowFilter } from './dimensions';
import { keyLabel, rangeLabel } from './labels';
import { SamplerSettings } from './SamplerSettings';
import { SamplerStatusStrip } from './SamplerStatusStrip';
import { TopTables } from './TopTables';
import { type SourceChoice, useAas } from './useAas';
import { useActivityWatch } from './useActivity';
import '../views.css';
import './activity.css';

/** dimensions offered in the "slice by" selector (session is reached by clicking a top session) */
const SLICES = ACTIVITY_DIMENSIONS;
const MAX_FILTERS = 4;
/** tables follow live samples at most this often (they are a read over the whole range) */
const TABLES_FOLLOW_MS = 10_000;
const RANGE_STORAGE = 'tms.activity.rangeMs';
const DIMENSION_STORAGE = 'tms.activity.dimension';

function episodeFromHash(): string | undefined {
  const m = /^#\/?activity\/blocking\/([^/?#]+)/.exec(window.location.hash);
  return m?.[1] ? decodeURIComponent(m[1]) : undefined;
}
function blockingFromHash(): boolean {
  return /^#\/?activity\/blocking/.test(window.location.hash);
}

function storedRange(): number {
  const v = Number(localStorage.getItem(RANGE_STORAGE));
  return (RANGES_MS as readonly number[]).includes(v) ? v : 60 * 60_000;
}
function storedDimension(): ActivityDimension {
  const v = localStorage.getItem(DIMENSION_STORAGE);
  return (SLICES as readonly string[]).includes(v ?? '') ? (v as ActivityDimension) : 'waitClass';
}

function asError(e: unknown): TmsError {
  return e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
}

function ActivityView() {
  const { t, i18n } = useTranslation('activity');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const { connId } = useConnection();
  const [rangeMs, setRangeMs] = useState(storedRange);
  const [dimension, setDimension] = useState<ActivityDimension>(storedDimension);
  const [filters, setFilters] = useState<RowFilter[]>([]);
  const [selection, setSelection] = useState<TimeRange | null>(null);
  const [live, setLive] = useState(true);
  const [source, setSource] = useState<SourceChoice>('auto');
  const [showSettings, setShowSettings] = useState(false);
  const [episodeId, setEpisodeId] = useState(episodeFromHash);
  const blockingRef = useRef<HTMLDivElement>(null);
  const { status, setStatus } = useActivityWatch(connId || undefined);

  useEffect(() => {
    localStorage.setItem(RANGE_STORAGE, String(rangeMs));
    localStorage.setItem(DIMENSION_STORAGE, dimension);
  }, [rangeMs, dimension]);
  useEffect(() => {
    const onHash = () => setEpisodeId(episodeFromHash());
    window.addEventListener('hashchange', onHash);
    if (blockingFromHash()) blockingRef.current?.scrollIntoView();
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  // a new range / slice / filter: the old selection no longer means the same
  // biome-ignore lint/correctness/useExhaustiveDependencies: reset on these changes only
  useEffect(() => setSelection(null), [rangeMs, connId]);

  // top tables and blocking history: read on changes, then follow pushed samples (throttled)
  const [top, setTop] = useState<ActivityTop>();
  const [topError, setTopError] = useState<TmsError>();
  const [history, setHistory] = useState<BlockingHistory>();
  const lastFollow = useRef(0);
  const filtersKey = JSON.stringify(filters);
  const loadTables = useCallback(async () => {
    if (!connId) return;
    lastFollow.current = Date.now();
    const range = selection ? { from: selection.from, to: selection.to } : { rangeMs };
    const f = JSON.parse(filtersKey) as RowFilter[];
    const [topAnswer, historyAnswer] = await Promise.allSettled([
      call('activity:top', { connId, range, limit: 10, filters: f, source }),
      call('activity:blockingHistory', { connId, range: { rangeMs }, limit: 100 }),
    ]);
    if (topAnswer.status === 'fulfilled') {
      setTop(topAnswer.value);
      setTopError(undefined);
    } else setTopError(asError(topAnswer.reason));
    if (historyAnswer.status === 'fulfilled') setHistory(historyAnswer.value);
  }, [connId, selection, rangeMs, filtersKey, source]);
  useEffect(() => {
    void loadTables();
  }, [loadTables]);

  const chart = useAas(connId || undefined, rangeMs, dimension, filters, live, source, () => {
    // a brushed selection is a fixed range: only the moving window follows new samples
    if (live && !selection && Date.now() - lastFollow.current >= TABLES_FOLLOW_MS) void loadTables();
  });
  const aas = chart.aas;

  const addFilter = (d: ActivityDimension, value: string) => {
    setFilters((fs) =>
      fs.some((f) => f.dimension === d) || fs.length >= MAX_FILTERS
        ? fs.map((f) => (f.dimension === d ? { dimension: d, value } : f))
        : [...fs, { dimension: d, value }],
    );
  };
  const openSql = (sqlId: string) => {
    window.location.hash = `/top-sql/${encodeURIComponent(sqlId)}`;
  };
  const openEpisode = (id: string) => {
    window.location.hash = `/activity/blocking/${encodeURIComponent(id)}`;
  };
  const labelOf = useCallback((key: string) => keyLabel(t, dimension, key), [t, dimension]);
  const newest = aas?.newestSampleAt ?? status?.newestSampleAt ?? null;

  return (
    <div className="view" data-testid="view-activity">
      <div className="view-header">
        <h1 data-testid="view-title">{t('title')}</h1>
        <div className="view-header-controls">
          <label>
            {t('rangeLabel')}{' '}
            <select
              data-testid="activity-range"
              value={rangeMs}
              onChange={(e) => setRangeMs(Number(e.target.value))}
            >
              {RANGES_MS.map((r) => (
                <option key={r} value={r}>
                  {rangeLabel(r, t)}
                </option>
              ))}
            </select>
          </label>
          <label>
            {t('sliceBy')}{' '}
            <select
              data-testid="activity-dimension"
              value={dimension}
              onChange={(e) => setDimension(e.target.value as ActivityDimension)}
            >
              {SLICES.map((d) => (
                <option key={d} value={d}>
                  {t(`dimension.${d}`)}
                </option>
              ))}
            </select>
          </label>
          <label title={t('liveHint')}>
            <input
              type="checkbox"
              checked={live}
              data-testid="activity-live"
              onChange={(e) => setLive(e.target.checked)}
            />{' '}
            {t('live')}
          </label>
          {status?.ashAvailable && (
            <label>
              {t('sourceLabel')}{' '}
              <select
                data-testid="activity-source-choice"
                value={source}
                onChange={(e) => setSource(e.target.value as SourceChoice)}
              >
                {(['auto', 'sampler', 'ash'] as const).map((s) => (
                  <option key={s} value={s}>
                    {t(`sourceChoice.${s}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button
            type="button"
            className="btn"
            data-testid="activity-settings-toggle"
            onClick={() => setShowSettings((v) => !v)}
            disabled={!status}
          >
            {t('settings.open')}
          </button>
        </div>
        <div className="data-status">
          <span className="data-age" data-testid="data-age">
            {aas ? tc('status.ago', { age: formatAge(Date.now() - aas.at, lang) }) : ''}
          </span>
          <button
            type="button"
            className="btn"
            data-testid="refresh"
            onClick={() => {
              void chart.reload();
              void loadTables();
            }}
            disabled={chart.loading}
          >
            {chart.loading ? tc('status.refreshing') : tc('status.refresh')}
          </button>
        </div>
      </div>
      <SamplerStatusStrip status={status} shown={aas?.source} newestSampleAt={newest} />
      {showSettings && status && connId && (
        <SamplerSettings
          connId={connId}
          status={status}
          onClose={() => setShowSettings(false)}
          onSaved={(settings) => {
            setStatus({ ...status, settings });
            setShowSettings(false);
          }}
        />
      )}
      {chart.error && <ViewError error={chart.error} onRetry={() => void chart.reload()} />}
      <section className="panel" data-testid="activity-chart-panel">
        <h2>
          {t('chartTitle')}{' '}
          <span className="muted small" data-testid="activity-chart-scope">
            {aas
              ? t('chartScope', {
                  range: rangeLabel(rangeMs, t),
                  bucket: aas.bucketSec,
                  dimension: t(`dimension.${dimension}`),
                  resolution: t(`resolution.${aas.resolution}`),
                  interval: aas.intervalSec || status?.settings.intervalSec || '—',
                })
              : ''}
          </span>
        </h2>
        {filters.length > 0 && (
          <div className="activity-filters" data-testid="activity-filters">
            {filters.map((f) => (
              <span
                key={f.dimension}
                className="filter-chip"
                data-testid="activity-filter"
                data-dimension={f.dimension}
              >
                {t(`dimension.${f.dimension}`)} = {keyLabel(t, f.dimension, f.value)}
                <button
                  type="button"
                  className="link"
                  aria-label={t('removeFilter')}
                  onClick={() => setFilters((fs) => fs.filter((x) => x !== f))}
                >
                  ×
                </button>
              </span>
            ))}
            <button type="button" className="btn btn-xs" onClick={() => setFilters([])}>
              {t('clearFilters')}
            </button>
          </div>
        )}
        {!aas && chart.loading ? (
          <LoadingState label={tc('status.loading')} />
        ) : aas ? (
          <>
            <AasChart
              aas={aas}
              dimension={dimension}
              lang={lang}
              labelOf={labelOf}
              selection={selection}
              onSelect={setSelection}
              onSeriesClick={(key) => addFilter(dimension, key)}
              cpuLabel={t('cpuCount')}
              aasUnit={t('units.aas')}
              gapLabel={t('gap')}
              avgLabel={t('legendAvg')}
              height={280}
            />
            <p className="muted small">{t('chartHint')}</p>
          </>
        ) : null}
      </section>
      <div className="activity-range-line" data-testid="activity-tables-range">
        {selection ? (
          <>
            <span data-testid="activity-selection">
              {t('selection', { from: dateTime(selection.from, lang), to: dateTime(selection.to, lang) })}
            </span>{' '}
            <button
              type="button"
              className="btn btn-xs"
              data-testid="activity-clear-selection"
              onClick={() => setSelection(null)}
            >
              {t('clearSelection')}
            </button>
          </>
        ) : (
          <span className="muted">{t('wholeRange', { range: rangeLabel(rangeMs, t) })}</span>
        )}
        {top && (
          <span className="muted">
            {' '}
            ·{' '}
            {t('topScope', {
              samples: top.samples,
              rows: top.totalRows,
              resolution: t(`resolution.${top.resolution}`),
            })}
          </span>
        )}
      </div>
      {topError && <ViewError error={topError} onRetry={() => void loadTables()} />}
      {top && top.totalRows === 0 && top.samples === 0 ? (
        <EmptyState testId="activity-empty">{t('empty')}</EmptyState>
      ) : top ? (
        <TopTables
          top={top}
          onSql={openSql}
          onFilter={(d, v) => {
            if (d === 'session' && dimension === 'session') return;
            addFilter(d, v);
          }}
          onSession={(sid) => {
            window.location.hash = `/sessions/${sid}`;
          }}
        />
      ) : null}
      <div ref={blockingRef}>
        <BlockingHistoryPanel history={history} openId={episodeId} onOpen={openEpisode} />
        {episodeId && connId && (
          <ChainDetail
            connId={connId}
            episodeId={episodeId}
            onClose={() => {
              window.location.hash = '/activity';
            }}
            onSql={openSql}
          />
        )}
      </div>
    </div>
  );
}

export default withViewBoundary(ActivityView);
