import type { Advice, L2Status, RedisInfoView } from '@shared/contract/cache';
import type { TmsError } from '@shared/errors';
import type { SamplerStatus } from '@shared/types/activity';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { LoadingState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatBytes, formatNumber } from '../../components/format';
import { duration } from '../../components/units';
import { useErrorWords } from '../../components/useErrorWords';
import { useConnection } from '../../state/connection';
import { asError } from './useCacheData';

/** Redis memory and health (INFO), the circuit breaker, the L2 switch, and advice for a cache setup. */
export function RedisHealthPanel({
  view,
  error,
  onL2Changed,
}: {
  view: RedisInfoView | undefined;
  error: TmsError | undefined;
  onL2Changed: (l2: L2Status) => void;
}) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  const info = view?.info ?? null;
  const n = (v: number | null | undefined, d = 0) => formatNumber(v, lang, d);
  const b = (v: number | null | undefined) => formatBytes(v, lang);
  const usedPct =
    info?.maxmemory && info.usedMemory !== null ? (info.usedMemory / info.maxmemory) * 100 : null;

  return (
    <section className="panel cache-section" data-testid="redis-health">
      <div className="panel-head">
        <h2>{t('redis.title')}</h2>
        {view && <L2Switch l2={view.l2} onChanged={onL2Changed} />}
      </div>
      {error && <ErrorMessage error={error} />}
      {!view && !error && <LoadingState label={t('loading')} />}
      {view && !info && (
        <div className="cache-banner bad" data-testid="redis-unavailable">
          {t('redis.unavailable', {
            reason:
              view.errorReason && i18n.exists(`errors:${view.errorReason}`)
                ? t(`errors:${view.errorReason}`)
                : i18n.language.startsWith('en')
                  ? (view.error ?? '')
                  : '',
          })}
        </div>
      )}
      {info && (
        <>
          <div className="tiles">
            <Metric
              id="used-memory"
              label={t('redis.usedMemory')}
              value={b(info.usedMemory)}
              sub={usedPct !== null ? t('redis.ofMax', { pct: n(usedPct, 1) }) : undefined}
              tone={usedPct !== null && usedPct > 90 ? 'bad' : undefined}
            />
            <Metric id="peak-memory" label={t('redis.peak')} value={b(info.usedMemoryPeak)} />
            <Metric
              id="maxmemory"
              label={t('redis.maxmemory')}
              value={info.maxmemory === 0 ? t('redis.noLimit') : b(info.maxmemory)}
              tone={info.maxmemory === 0 ? 'warn' : undefined}
            />
            <Metric
              id="policy"
              label={t('redis.policy')}
              value={info.maxmemoryPolicy ?? '—'}
              tone={
                info.maxmemoryPolicy === 'noeviction' || info.maxmemoryPolicy?.startsWith('volatile-')
                  ? 'warn'
                  : undefined
              }
              mono
            />
            <Metric
              id="fragmentation"
              label={t('redis.fragmentation')}
              value={n(info.fragmentationRatio, 2)}
              tone={info.advice.some((a) => a.code === 'HIGH_FRAGMENTATION') ? 'warn' : undefined}
            />
            <Metric id="evicted" label={t('redis.evicted')} value={n(info.evictedKeys)} />
            <Metric id="expired" label={t('redis.expired')} value={n(info.expiredKeys)} />
            <Metric id="clients" label={t('redis.clients')} value={n(info.connectedClients)} />
            <Metric id="ops" label={t('redis.ops')} value={n(info.opsPerSec)} />
            <Metric id="keys" label={t('redis.keys')} value={n(info.keys)} />
            <Metric id="version" label={t('redis.version')} value={info.version ?? '—'} mono />
            <ActivityMemory refreshKey={info} />
            <Metric
              id="mode"
              label={t('redis.mode')}
              value={t(`redis.modes.${info.mode}`)}
              sub={t('redis.nodes', { count: info.nodes.length })}
            />
          </div>
          {info.nodes.length > 1 && (
            <div className="table-wrap">
              <table className="compact-table" data-testid="redis-nodes">
                <thead>
                  <tr>
                    <th>{t('redis.node')}</th>
                    <th>{t('redis.role')}</th>
                    <th className="num">{t('redis.usedMemory')}</th>
                    <th className="num">{t('redis.keys')}</th>
                    <th className="num">{t('redis.ops')}</th>
                    <th className="num">{t('redis.uptime')}</th>
                  </tr>
                </thead>
                <tbody>
                  {info.nodes.map((node) => (
                    <tr key={node.address}>
                      <td className="mono">{node.address}</td>
                      <td>{node.role ?? '—'}</td>
                      <td className="num">{b(node.usedMemory)}</td>
                      <td className="num">{n(node.keys)}</td>
                      <td className="num">{n(node.opsPerSec)}</td>
                      <td className="num">{duration(node.uptimeSeconds, lang)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <AdviceList advice={info.advice} />
        </>
      )}
    </section>
  );
}

function Metric({
  id,
  label,
  value,
  sub,
  tone,
  mono,
}: {
  id: string;
  label: string;
  value: string;
  sub?: string | undefined;
  tone?: 'warn' | 'bad' | undefined;
  mono?: boolean;
}) {
  return (
    <div className={`tile${tone ? ` tile-${tone}` : ''}`} data-testid={`redis-${id}`}>
      <div className="tile-label">{label}</div>
      <div className={`tile-value${mono ? ' mono tile-value-sm' : ''}`}>{value}</div>
      {sub && <div className="tile-unit">{sub}</div>}
    </div>
  );
}

function AdviceList({ advice }: { advice: Advice[] }) {
  const { t } = useTranslation('cache');
  if (advice.length === 0) {
    return (
      <div className="muted small" data-testid="advice-none">
        {t('advice.none')}
      </div>
    );
  }
  return (
    <div>
      <h3>{t('advice.title')}</h3>
      <ul className="advice-list" data-testid="advice">
        {advice.map((a) => (
          <li
            key={a.code}
            className={`advice advice-${a.severity}`}
            data-testid="advice-item"
            data-code={a.code}
          >
            <span className={`badge ${a.severity === 'warning' ? 'bad' : ''}`}>
              {t(`advice.severity.${a.severity}`)}
            </span>{' '}
            {t(`advice.codes.${a.code}`, { ...a.params })}
            {a.params.recommended && (
              <pre className="code advice-conf">
                {a.code === 'NO_MAXMEMORY'
                  ? `maxmemory 4gb\nmaxmemory-policy ${a.params.recommended}`
                  : `maxmemory-policy ${a.params.recommended}`}
              </pre>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** Turn L2 (Redis) off and on at run time; shows the breaker state. */
function L2Switch({ l2, onChanged }: { l2: L2Status; onChanged: (l2: L2Status) => void }) {
  const { t } = useTranslation('cache');
  const words = useErrorWords();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const configured = l2.state !== 'none';
  const toggle = async () => {
    setBusy(true);
    setError(undefined);
    try {
      onChanged(await call('cache:setL2Enabled', { enabled: !l2.enabled }));
    } catch (e) {
      setError(words(asError(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="l2-switch" data-testid="l2" data-state={l2.state} data-enabled={String(l2.enabled)}>
      <span
        className={`redis-badge redis-${l2.state === 'none' ? 'disabled' : l2.state}`}
        data-testid="l2-state"
        title={l2.lastError}
      >
        {t(`l2.states.${l2.state}`)}
      </span>
      {l2.redisStatus && (
        <span className="muted small">{t('l2.connection', { status: l2.redisStatus })}</span>
      )}
      <label className="switch" title={t('l2.hint')}>
        <input
          type="checkbox"
          role="switch"
          aria-checked={l2.enabled}
          data-testid="l2-switch"
          checked={l2.enabled}
          disabled={busy || !configured}
          onChange={() => void toggle()}
        />
        <span>{l2.enabled ? t('l2.on') : t('l2.off')}</span>
      </label>
      {error && <span className="text-bad small">{error}</span>}
    </div>
  );
}

/**
 * The shared activity samples of the active connection (issue 14): Redis memory of its stream, roll-ups and
 * dictionary, with the rows it holds, so the DBA sizes the sampler's retention against maxmemory.
 */
function ActivityMemory({ refreshKey }: { refreshKey: unknown }) {
  const { t, i18n } = useTranslation('cache');
  const { connId } = useConnection();
  const [status, setStatus] = useState<SamplerStatus>();
  // biome-ignore lint/correctness/useExhaustiveDependencies: refreshKey re-reads the figure with the panel's
  useEffect(() => {
    if (!connId) return;
    let live = true;
    // re-read with the panel: the figure follows the Redis figures next to it
    call('activity:status', { connId })
      .then((s) => live && setStatus(s))
      .catch(() => live && setStatus(undefined));
    return () => {
      live = false;
    };
  }, [connId, refreshKey]);
  if (!status || status.role === 'local') return null;
  const lang = i18n.language;
  return (
    <Metric
      id="activity-memory"
      label={t('redis.activityMemory')}
      value={formatBytes(status.memoryBytes, lang)}
      sub={t('redis.activityRows', {
        rows: formatNumber(status.rowsRetained, lang, 0),
        perRow: formatNumber(status.bytesPerRow, lang, 1),
      })}
    />
  );
}
