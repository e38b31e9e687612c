import { RESOURCE_NAMES, RESOURCES, type ResourceName } from '@shared/cache';
import type { InvalidateResult } from '@shared/contract/cache';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { Modal } from '../../components/Modal';
import { useErrorWords } from '../../components/useErrorWords';
import { displayName } from '../../features/connections/ConnectionSwitcher';
import { useConnection } from '../../state/connection';
import { asError } from './useCacheData';

export type InvalidateTarget =
  | { scope: 'connection'; connId: string; label: string }
  | { scope: 'resource'; connId?: string; resource: ResourceName; label: string }
  | { scope: 'llm' }
  | { scope: 'all' };

export interface InvalidateOutcome {
  target: InvalidateTarget;
  result: InvalidateResult;
}

const ALL_CONFIRM_WORD = 'tms:';

/** Confirmation before any invalidation; "everything" asks to type `tms:`. */
export function InvalidateDialog({
  target,
  onClose,
  onDone,
}: {
  target: InvalidateTarget;
  onClose: () => void;
  onDone: (outcome: InvalidateOutcome) => void;
}) {
  const { t } = useTranslation('cache');
  const words = useErrorWords();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const [typed, setTyped] = useState('');
  const needsWord = target.scope === 'all';
  const run = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const request =
        target.scope === 'connection'
          ? { scope: 'connection' as const, connId: target.connId }
          : target.scope === 'resource'
            ? {
                scope: 'resource' as const,
                resource: target.resource,
                ...(target.connId ? { connId: target.connId } : {}),
              }
            : { scope: target.scope };
      const result = await call('cache:invalidate', request);
      onDone({ target, result });
      onClose();
    } catch (e) {
      setError(words(asError(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t(`invalidate.confirm.${target.scope}.title`)}
      onClose={onClose}
      testId="invalidate-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-testid="invalidate-cancel">
            {t('cancel')}
          </button>
          <button
            type="button"
            className="btn danger-solid"
            data-testid="invalidate-confirm"
            disabled={busy || (needsWord && typed.trim() !== ALL_CONFIRM_WORD)}
            onClick={() => void run()}
          >
            {busy ? t('invalidate.working') : t('invalidate.confirmButton')}
          </button>
        </>
      }
    >
      <p>{t(`invalidate.confirm.${target.scope}.body`, describeTarget(target))}</p>
      <p className="muted small">{t('invalidate.otherConsoles')}</p>
      {needsWord && (
        <label className="stack">
          <span>{t('invalidate.typeToConfirm', { word: ALL_CONFIRM_WORD })}</span>
          <input
            data-testid="invalidate-word"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            autoComplete="off"
          />
        </label>
      )}
      {error && (
        <div className="text-bad" data-testid="invalidate-error">
          {error}
        </div>
      )}
    </Modal>
  );
}

function describeTarget(target: InvalidateTarget): Record<string, string> {
  if (target.scope === 'connection') return { name: target.label, prefix: `tms:${target.connId}:` };
  if (target.scope === 'resource')
    return { name: target.label, resource: target.resource, prefix: RESOURCES[target.resource].pattern };
  return {};
}

/** What the last invalidation did: keys removed, and whether Redis took part. */
export function InvalidateNotice({
  outcome,
  onDismiss,
}: {
  outcome: InvalidateOutcome;
  onDismiss: () => void;
}) {
  const { t } = useTranslation('cache');
  const { result, target } = outcome;
  return (
    <div
      className={`notice${result.l2 === 'ok' ? '' : ' notice-warn'}`}
      role="status"
      data-testid="invalidate-result"
      data-removed={result.removed}
      data-l2={result.l2}
      data-scope={target.scope}
    >
      <span>
        {t(`invalidate.done.${target.scope}`, { count: result.removed, ...describeTarget(target) })}{' '}
        {t(`invalidate.l2.${result.l2}`)}
      </span>
      <button type="button" className="btn btn-xs" onClick={onDismiss}>
        {t('dismiss')}
      </button>
    </div>
  );
}

/** The DBAs' everyday action, always at the top of the panel: clear one connection's cache. */
export function ClearConnectionBar({ onAsk }: { onAsk: (target: InvalidateTarget) => void }) {
  const { t } = useTranslation('cache');
  const { connId, connections } = useConnection();
  const [chosen, setChosen] = useState(connId);
  useEffect(() => setChosen(connId), [connId]);
  const options = connections.length > 0 ? connections : connId ? [{ id: connId, name: connId }] : [];
  const name = (c: { id: string; name: string }) => displayName(c, t('connections:demoName')) ?? c.id;
  const picked = options.find((c) => c.id === chosen);
  const label = picked ? name(picked) : chosen;
  return (
    <div className="clear-connection" data-testid="clear-connection-bar">
      <label htmlFor="clear-conn">{t('invalidate.connection')}</label>
      <select
        id="clear-conn"
        data-testid="clear-connection-select"
        value={chosen}
        onChange={(e) => setChosen(e.target.value)}
      >
        {options.map((c) => (
          <option key={c.id} value={c.id}>
            {name(c)}
            {c.id === connId ? ` ${t('invalidate.activeMark')}` : ''}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="btn danger-solid"
        data-testid="clear-connection"
        disabled={!chosen}
        onClick={() => onAsk({ scope: 'connection', connId: chosen, label })}
      >
        {t('invalidate.clearConnection')}
      </button>
    </div>
  );
}

/** The other invalidations: one resource (of a connection), LLM results, everything under `tms:`. */
export function InvalidationPanel({ onAsk }: { onAsk: (target: InvalidateTarget) => void }) {
  const { t } = useTranslation('cache');
  const { connId, connections } = useConnection();
  const [conn, setConn] = useState(connId);
  const [resource, setResource] = useState<ResourceName>('sessions');
  useEffect(() => setConn(connId), [connId]);
  const global = RESOURCES[resource].scope === 'global';
  const name = (c: { id: string; name: string }) => displayName(c, t('connections:demoName')) ?? c.id;
  const picked = connections.find((c) => c.id === conn);
  const label = picked ? name(picked) : conn;
  const resources = RESOURCE_NAMES.filter((r) => !r.startsWith('llm-'));
  return (
    <section className="panel cache-section" data-testid="invalidation">
      <h2>{t('invalidate.title')}</h2>
      <div className="invalidate-grid">
        <div className="invalidate-item">
          <div className="invalidate-label">{t('invalidate.resourceTitle')}</div>
          <div className="toolbar">
            <select
              aria-label={t('invalidate.connection')}
              data-testid="invalidate-resource-conn"
              value={conn}
              disabled={global}
              onChange={(e) => setConn(e.target.value)}
            >
              {connections.map((c) => (
                <option key={c.id} value={c.id}>
                  {name(c)}
                </option>
              ))}
            </select>
            <select
              aria-label={t('invalidate.resource')}
              data-testid="invalidate-resource"
              value={resource}
              onChange={(e) => setResource(e.target.value as ResourceName)}
            >
              {resources.map((r) => (
                <option key={r} value={r}>
                  {r}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="btn danger"
              data-testid="invalidate-resource-run"
              disabled={!global && !conn}
              onClick={() =>
                onAsk(
                  global
                    ? { scope: 'resource', resource, label: resource }
                    : { scope: 'resource', connId: conn, resource, label },
                )
              }
            >
              {t('invalidate.clearResource')}
            </button>
          </div>
          <div className="muted small mono">
            {global
              ? RESOURCES[resource].pattern
              : RESOURCES[resource].pattern.replace('{connId}', conn || '…')}
          </div>
        </div>
        <div className="invalidate-item">
          <div className="invalidate-label">{t('invalidate.llmTitle')}</div>
          <button
            type="button"
            className="btn danger"
            data-testid="invalidate-llm"
            onClick={() => onAsk({ scope: 'llm' })}
          >
            {t('invalidate.clearLlm')}
          </button>
          <div className="muted small mono">tms:llm:*</div>
        </div>
        <div className="invalidate-item">
          <div className="invalidate-label">{t('invalidate.allTitle')}</div>
          <button
            type="button"
            className="btn danger"
            data-testid="invalidate-all"
            onClick={() => onAsk({ scope: 'all' })}
          >
            {t('invalidate.clearAll')}
          </button>
          <div className="muted small">{t('invalidate.allHint')}</div>
        </div>
      </div>
    </section>
  );
}
