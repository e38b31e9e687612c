import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../components/EmptyState';
import { HitRatioBanner, HitRatioPanel, type StatsScopeName } from './HitRatioPanel';
import {
  ClearConnectionBar,
  InvalidateDialog,
  InvalidateNotice,
  type InvalidateOutcome,
  type InvalidateTarget,
  InvalidationPanel,
} from './Invalidation';
import { KeyBrowser } from './KeyBrowser';
import { RedisHealthPanel } from './RedisHealthPanel';
import { TtlPolicyPanel } from './TtlPolicyPanel';
import { useCacheStats, useRedisInfo, useTtlPolicy } from './useCacheData';
import '../views.css';
import './cache.css';

type Tab = 'overview' | 'keys' | 'ttl';
const TABS: Tab[] = ['overview', 'keys', 'ttl'];

/**
 * The cache panel (issue 6): hit ratios and Redis health, the key browser, invalidation and TTL tuning.
 * Everything Redis happens in main over the cache:* channels; this view only renders and asks.
 */
export default function CacheView() {
  const { t } = useTranslation('cache');
  const [tab, setTab] = useState<Tab>('overview');
  const [scope, setScope] = useState<StatsScopeName>('console');
  const stats = useCacheStats();
  const redis = useRedisInfo();
  const ttl = useTtlPolicy();
  const [asking, setAsking] = useState<InvalidateTarget>();
  const [outcome, setOutcome] = useState<InvalidateOutcome>();

  const snap = stats.snap;
  const low = stats.lowEvent;
  const eventRatio = low && snap && low.at >= snap.at - 10_000 ? low.ratio : undefined;

  return (
    <div className="view cache-view" data-testid="cache-panel">
      <div className="view-header">
        <h1 data-testid="view-title">{t('title')}</h1>
        <div className="segmented cache-tabs" role="tablist">
          {TABS.map((id) => (
            <button
              key={id}
              type="button"
              role="tab"
              aria-selected={tab === id}
              className={`seg${tab === id ? ' active' : ''}`}
              data-testid={`cache-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {t(`tabs.${id}`)}
            </button>
          ))}
        </div>
        <div className="view-header-controls cache-header-actions">
          <ClearConnectionBar onAsk={setAsking} />
        </div>
      </div>
      <HitRatioBanner snap={snap} eventRatio={eventRatio} error={stats.error} onTune={() => setTab('ttl')} />
      {outcome && <InvalidateNotice outcome={outcome} onDismiss={() => setOutcome(undefined)} />}
      {tab === 'overview' && (
        <>
          {snap ? (
            <HitRatioPanel snap={snap} scope={scope} onScope={setScope} policy={ttl.policy} />
          ) : (
            !stats.error && <LoadingState label={t('loading')} />
          )}
          <RedisHealthPanel
            view={redis.view}
            error={redis.error}
            onL2Changed={(l2) => {
              redis.setView((v) => (v ? { ...v, l2 } : v));
              void redis.reload();
            }}
          />
          <InvalidationPanel onAsk={setAsking} />
        </>
      )}
      {tab === 'keys' && <KeyBrowser onAsk={setAsking} />}
      {tab === 'ttl' && <TtlPolicyPanel policy={ttl.policy} error={ttl.error} onPolicy={ttl.setPolicy} />}
      {asking && (
        <InvalidateDialog target={asking} onClose={() => setAsking(undefined)} onDone={setOutcome} />
      )}
    </div>
  );
}
