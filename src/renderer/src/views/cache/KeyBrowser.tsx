import { buildKeyTree } from '@shared/cache-tree';
import type { KeyPage } from '@shared/contract/cache';
import type { TmsError } from '@shared/errors';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatAge, formatBytes, formatNumber } from '../../components/format';
import {
  flattenTree,
  formatTtlSeconds,
  keysNeedingDetails,
  patternForScan,
  type TreeRow,
} from './cache-model';
import type { InvalidateTarget } from './Invalidation';
import { KeyDetailsPane } from './KeyDetailsPane';
import { type DetailEntry, TtlCell } from './TtlCell';
import { asError } from './useCacheData';

const ROW_HEIGHT = 26;
const PAGE_LIMIT = 200;
const DETAILS_MAX_AGE_MS = 15_000;

type Row = { kind: 'tree'; row: TreeRow } | { kind: 'key'; key: string };

/** Live "now" for TTL countdowns and ages (one timer for the whole list). */
function useNow(periodMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), periodMs);
    return () => clearInterval(timer);
  }, [periodMs]);
  return now;
}

/**
 * SCAN-based key browser: pages of keys (cursor over every master), confined to `tms:` unless asked,
 * a tree by `:` or a flat list (both virtualized), details only for the rows on screen, a value viewer.
 */
export function KeyBrowser({ onAsk }: { onAsk: (target: InvalidateTarget) => void }) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  const [patternInput, setPatternInput] = useState('');
  const [query, setQuery] = useState<{ pattern: string | undefined; includeForeign: boolean }>({
    pattern: undefined,
    includeForeign: false,
  });
  const [includeForeign, setIncludeForeign] = useState(false);
  const [mode, setMode] = useState<'tree' | 'list'>('tree');
  const [keys, setKeys] = useState<string[]>([]);
  const [cursor, setCursor] = useState<string | null>('0');
  const [lastPage, setLastPage] = useState<KeyPage>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<TmsError>();
  const [collapsed, setCollapsed] = useState<Set<string>>(() => new Set());
  const [selected, setSelected] = useState<string>();
  const [details, setDetails] = useState<Map<string, DetailEntry>>(() => new Map());
  const seq = useRef(0);
  const busy = useRef(false);
  const now = useNow();

  const loadPage = useCallback(
    async (reset: boolean) => {
      if (busy.current && !reset) return;
      const from = reset ? '0' : cursor;
      if (from === null) return;
      const my = ++seq.current;
      busy.current = true;
      setLoading(true);
      try {
        const page = await call('cache:scanKeys', {
          ...(from !== '0' ? { cursor: from } : {}),
          ...(query.pattern ? { pattern: query.pattern } : {}),
          ...(query.includeForeign ? { includeForeign: true } : {}),
          limit: PAGE_LIMIT,
        });
        if (my !== seq.current) return;
        setLastPage(page);
        setCursor(page.cursor);
        setKeys((prev) => {
          const base = reset ? [] : prev;
          const seen = new Set(base);
          const next = base.slice();
          for (const k of page.keys) if (!seen.has(k)) next.push(k);
          return next;
        });
        if (reset) setDetails(new Map());
        setError(undefined);
      } catch (e) {
        if (my === seq.current) setError(asError(e));
      } finally {
        if (my === seq.current) {
          busy.current = false;
          setLoading(false);
        }
      }
    },
    [cursor, query],
  );

  // a new query starts from the first page
  // biome-ignore lint/correctness/useExhaustiveDependencies: only the query restarts the scan
  useEffect(() => {
    void loadPage(true);
  }, [query]);

  // another console (or this one) invalidated: drop what is gone from the list
  useEffect(
    () =>
      subscribe('cache:invalidated', (e) => {
        if (e.scope === 'key' && e.key) {
          const gone = e.key;
          setKeys((prev) => prev.filter((k) => k !== gone));
        } else void loadPage(true);
      }),
    [loadPage],
  );

  const sortedKeys = useMemo(() => keys.slice().sort(), [keys]);
  const rows: Row[] = useMemo(() => {
    if (mode === 'list') return sortedKeys.map((key) => ({ kind: 'key' as const, key }));
    return flattenTree(buildKeyTree(sortedKeys), collapsed).map((row) => ({ kind: 'tree' as const, row }));
  }, [mode, sortedKeys, collapsed]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
    useFlushSync: false,
  });
  const items = virtualizer.getVirtualItems();
  const visibleKeys = items
    .map((it) => rows[it.index])
    .map((r) =>
      !r
        ? undefined
        : r.kind === 'key'
          ? r.key
          : r.row.node.isKey && !r.row.group
            ? r.row.node.path
            : undefined,
    )
    .filter((k): k is string => k !== undefined);
  const visibleSig = visibleKeys.join('\n');

  // details (TYPE, PTTL, MEMORY USAGE, age) only for the rows on screen, re-read when older than 15 s
  const detailsRef = useRef(details);
  detailsRef.current = details;
  const detailTick = Math.floor(now / 5000);
  // biome-ignore lint/correctness/useExhaustiveDependencies: detailTick re-checks the age of what is shown
  useEffect(() => {
    if (!visibleSig) return;
    const readAt = new Map([...detailsRef.current].map(([k, v]) => [k, v.readAt]));
    const need = keysNeedingDetails(visibleSig.split('\n'), readAt, Date.now(), DETAILS_MAX_AGE_MS).slice(
      0,
      500,
    );
    if (need.length === 0) return;
    const timer = setTimeout(() => {
      call('cache:keyDetails', { keys: need, ...(query.includeForeign ? { includeForeign: true } : {}) })
        .then((list) => {
          const at = Date.now();
          setDetails((prev) => {
            const next = new Map(prev);
            for (const d of list) next.set(d.key, { d, readAt: at });
            return next;
          });
        })
        .catch(() => undefined);
    }, 120);
    return () => clearTimeout(timer);
  }, [visibleSig, detailTick]);

  const onScroll = () => {
    const el = scrollRef.current;
    if (!el || cursor === null || loading) return;
    if (el.scrollTop + el.clientHeight >= el.scrollHeight - ROW_HEIGHT * 4) void loadPage(false);
  };

  const toggle = (path: string) =>
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(path)) next.delete(path);
      else next.add(path);
      return next;
    });

  const complete = cursor === null;
  return (
    <section className="panel cache-section key-browser" data-testid="key-browser">
      <div className="panel-head">
        <h2>{t('keys.title')}</h2>
        <form
          className="toolbar"
          onSubmit={(e) => {
            e.preventDefault();
            setSelected(undefined);
            setQuery({ pattern: patternForScan(patternInput, includeForeign), includeForeign });
          }}
        >
          <span className="muted mono">{includeForeign ? '' : 'tms:'}</span>
          <input
            className="filter-input mono"
            data-testid="key-pattern"
            placeholder={includeForeign ? t('keys.patternForeign') : t('keys.pattern')}
            value={patternInput}
            onChange={(e) => setPatternInput(e.target.value)}
            aria-label={t('keys.patternLabel')}
          />
          <button type="submit" className="btn" data-testid="key-search">
            {t('keys.search')}
          </button>
          <label className="checkbox" title={t('keys.foreignHint')}>
            <input
              type="checkbox"
              data-testid="key-foreign"
              checked={includeForeign}
              onChange={(e) => setIncludeForeign(e.target.checked)}
            />
            {t('keys.foreign')}
          </label>
          <div className="segmented">
            {(['tree', 'list'] as const).map((m) => (
              <button
                key={m}
                type="button"
                className={`seg${mode === m ? ' active' : ''}`}
                data-testid={`key-mode-${m}`}
                onClick={() => setMode(m)}
              >
                {t(`keys.modes.${m}`)}
              </button>
            ))}
          </div>
          <button type="button" className="btn" data-testid="key-reload" onClick={() => void loadPage(true)}>
            {t('keys.rescan')}
          </button>
        </form>
      </div>
      {error && <ErrorMessage error={error} onRetry={() => void loadPage(true)} />}
      <div className="key-browser-body">
        <div className="key-list-col">
          <div
            className="key-status muted small"
            data-testid="keys-count"
            data-count={keys.length}
            data-complete={String(complete)}
          >
            {t(complete ? 'keys.countComplete' : 'keys.countMore', { n: formatNumber(keys.length, lang) })}
            {lastPage && (
              <span className="mono">
                {' '}
                · MATCH {lastPage.match} · {t('keys.nodes', { count: lastPage.nodes })}
              </span>
            )}
          </div>
          <div className="vtable key-table">
            <div className="vscroll" ref={scrollRef} onScroll={onScroll} data-testid="key-scroll">
              <div className="vhead key-grid">
                <span className="vth">{t('keys.key')}</span>
                <span className="vth">{t('keys.type')}</span>
                <span className="vth num">{t('keys.ttl')}</span>
                <span className="vth num">{t('keys.configured')}</span>
                <span className="vth num">{t('keys.size')}</span>
                <span className="vth num">{t('keys.age')}</span>
              </div>
              <div className="vbody" style={{ height: virtualizer.getTotalSize() }}>
                {items.map((item) => {
                  const r = rows[item.index]!;
                  const key = r.kind === 'key' ? r.key : r.row.group ? undefined : r.row.node.path;
                  const style = {
                    transform: `translateY(${item.start}px)`,
                    height: ROW_HEIGHT,
                    width: '100%',
                  };
                  if (r.kind === 'tree' && r.row.group) {
                    const node = r.row.node;
                    const connGroup =
                      r.row.depth === 1 && node.path.startsWith('tms:') && !query.includeForeign;
                    const special = ['config', 'stats', 'lock', 'bus', 'connections'].includes(node.name);
                    return (
                      <div
                        key={`g:${node.path}`}
                        className="vrow key-grid key-group"
                        style={style}
                        data-testid="key-group"
                        data-path={node.path}
                      >
                        <button
                          type="button"
                          className="key-name tree-toggle"
                          style={{ paddingLeft: 8 + r.row.depth * 16 }}
                          aria-expanded={r.row.expanded}
                          onClick={() => toggle(node.path)}
                        >
                          <span className="caret">{r.row.expanded ? '▾' : '▸'}</span>
                          <span className="mono">{node.name}</span>
                          <span className="badge">{formatNumber(node.count, lang)}</span>
                        </button>
                        <span className="key-group-actions">
                          {connGroup && !special && (
                            <button
                              type="button"
                              className="btn btn-xs danger"
                              data-testid="group-clear"
                              onClick={() =>
                                onAsk(
                                  node.name === 'llm'
                                    ? { scope: 'llm' }
                                    : { scope: 'connection', connId: node.name, label: node.name },
                                )
                              }
                            >
                              {t('keys.clearGroup')}
                            </button>
                          )}
                        </span>
                      </div>
                    );
                  }
                  const entry = key ? details.get(key) : undefined;
                  const d = entry?.d;
                  return (
                    <button
                      type="button"
                      key={`k:${key}`}
                      className={`vrow key-grid key-row${key === selected ? ' selected' : ''}`}
                      style={style}
                      data-testid="key-row"
                      data-key={key}
                      onClick={() => setSelected(key)}
                    >
                      <span
                        className="key-name mono"
                        style={{ paddingLeft: r.kind === 'tree' ? 8 + r.row.depth * 16 + 14 : 8 }}
                        title={key}
                      >
                        {r.kind === 'tree' ? r.row.node.name : key}
                        {key !== undefined && !key.startsWith('tms:') && (
                          <span
                            className="badge warn"
                            data-testid="key-foreign"
                            title={t('keys.foreignTitle')}
                          >
                            {t('keys.foreignBadge')}
                          </span>
                        )}
                      </span>
                      <span className="vcell">
                        {d ? (
                          <span className={`type-badge type-${d.type}`} data-testid="key-type">
                            {d.type}
                          </span>
                        ) : (
                          ''
                        )}
                      </span>
                      <span className="vcell num">
                        <TtlCell entry={entry} now={now} />
                      </span>
                      <span className="vcell num muted">
                        {d?.configuredTtl ? formatTtlSeconds(d.configuredTtl.ttl, lang) : d ? '—' : ''}
                      </span>
                      <span className="vcell num" data-testid="key-size">
                        {d ? formatBytes(d.memoryBytes, lang) : ''}
                      </span>
                      <span className="vcell num muted">
                        {d?.storedAt ? formatAge(now - d.storedAt, lang) : d ? '—' : ''}
                      </span>
                    </button>
                  );
                })}
              </div>
              {rows.length === 0 && !loading && !error && (
                <EmptyState testId="keys-empty">{t('keys.empty')}</EmptyState>
              )}
            </div>
          </div>
          <div className="toolbar key-footer">
            <button
              type="button"
              className="btn"
              data-testid="key-more"
              disabled={complete || loading}
              onClick={() => void loadPage(false)}
            >
              {loading ? t('keys.scanning') : complete ? t('keys.scanDone') : t('keys.loadMore')}
            </button>
            {lastPage?.partial && !complete && <span className="muted small">{t('keys.partial')}</span>}
          </div>
        </div>
        <div className="key-detail-col">
          {selected ? (
            <KeyDetailsPane
              key={selected}
              keyName={selected}
              includeForeign={query.includeForeign}
              entry={details.get(selected)}
              now={now}
              onDeleted={(k) => {
                setKeys((prev) => prev.filter((x) => x !== k));
                setSelected(undefined);
              }}
            />
          ) : (
            <EmptyState testId="key-none-selected">{t('keys.select')}</EmptyState>
          )}
        </div>
      </div>
    </section>
  );
}
