import { RESOURCES, type ResourceName, type TtlTier } from '@shared/cache';
import type { ApplyTtlRequest, ApplyTtlResult, TtlPolicySnapshot } from '@shared/contract/cache';
import type { TmsError } from '@shared/errors';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { LoadingState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatNumber } from '../../components/format';
import { Modal } from '../../components/Modal';
import { useErrorWords } from '../../components/useErrorWords';
import { displayName } from '../../features/connections/ConnectionSwitcher';
import { useConnection } from '../../state/connection';
import { formatTtlSeconds, type TtlFormValues, validateTtlForm } from './cache-model';
import { asError } from './useCacheData';

type Target = { kind: 'resource'; resource: ResourceName } | { kind: 'tier'; tier: TtlTier };

/** The shared TTL policy: per resource and per tier, with the plan's defaults, validation and reset. */
export function TtlPolicyPanel({
  policy,
  error,
  onPolicy,
}: {
  policy: TtlPolicySnapshot | undefined;
  error: TmsError | undefined;
  onPolicy: (p: TtlPolicySnapshot) => void;
}) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  const [editing, setEditing] = useState<Target>();
  const [notice, setNotice] = useState<string>();
  const [failure, setFailure] = useState<TmsError>();
  const [confirmResetAll, setConfirmResetAll] = useState(false);

  if (error) return <ErrorMessage error={error} />;
  if (!policy) return <LoadingState label={t('loading')} />;

  const reset = async (target: { resource?: ResourceName; tier?: TtlTier }) => {
    setFailure(undefined);
    try {
      onPolicy(await call('cache:resetTtl', target));
      setNotice(t('ttl.resetDone'));
    } catch (e) {
      setFailure(asError(e));
    }
  };

  return (
    <section className="panel cache-section" data-testid="ttl-policy" data-loaded-from={policy.loadedFrom}>
      <div className="panel-head">
        <h2>{t('ttl.title')}</h2>
        <div className="toolbar">
          <span className="muted small">
            {policy.loadedFrom === 'redis' ? t('ttl.shared') : t('ttl.defaultsOnly')}
          </span>
          <button
            type="button"
            className="btn"
            data-testid="ttl-reset-all"
            onClick={() => setConfirmResetAll(true)}
          >
            {t('ttl.resetAll')}
          </button>
        </div>
      </div>
      {notice && (
        <div className="notice" role="status" data-testid="ttl-notice">
          <span>{notice}</span>
          <button type="button" className="btn btn-xs" onClick={() => setNotice(undefined)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {failure && <ErrorMessage error={failure} />}
      <div className="cache-two">
        <div className="table-wrap">
          <h3>{t('ttl.perResource')}</h3>
          <table className="compact-table" data-testid="ttl-resources">
            <thead>
              <tr>
                <th>{t('hit.resource')}</th>
                <th>{t('ttl.tier')}</th>
                <th className="num">{t('ttl.default')}</th>
                <th className="num">{t('ttl.ttl')}</th>
                <th className="num">{t('ttl.l1')}</th>
                <th className="num">{t('ttl.grace')}</th>
                <th>{t('ttl.source')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {policy.resources.map((r) => (
                <tr
                  key={r.resource}
                  data-testid="ttl-row"
                  data-resource={r.resource}
                  data-ttl={r.effective.ttl}
                  data-grace={r.effective.grace}
                  data-l1={r.effective.l1Ttl}
                  data-source={r.source}
                >
                  <td className="mono" title={RESOURCES[r.resource].pattern}>
                    {r.resource}
                  </td>
                  <td>{t(`ttl.tiers.${r.tier}`)}</td>
                  <td className="num muted">{formatTtlSeconds(r.defaults.ttl, lang)}</td>
                  <td className={`num${r.source !== 'default' ? ' changed' : ''}`}>
                    {formatTtlSeconds(r.effective.ttl, lang)}
                  </td>
                  <td className="num">{formatTtlSeconds(r.effective.l1Ttl, lang)}</td>
                  <td className="num">{formatTtlSeconds(r.effective.grace, lang)}</td>
                  <td>
                    <span className={`badge${r.source !== 'default' ? ' ok' : ''}`}>
                      {t(`ttl.sources.${r.source}`)}
                    </span>
                  </td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn btn-xs"
                      data-testid="ttl-edit"
                      onClick={() => setEditing({ kind: 'resource', resource: r.resource })}
                    >
                      {t('ttl.edit')}
                    </button>{' '}
                    {r.source === 'resource' && (
                      <button
                        type="button"
                        className="btn btn-xs"
                        data-testid="ttl-reset"
                        onClick={() => void reset({ resource: r.resource })}
                      >
                        {t('ttl.reset')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div className="table-wrap">
          <h3>{t('ttl.perTier')}</h3>
          <table className="compact-table" data-testid="ttl-tiers">
            <thead>
              <tr>
                <th>{t('ttl.tier')}</th>
                <th className="num">{t('ttl.default')}</th>
                <th className="num">{t('ttl.override')}</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {policy.tiers.map((tier) => (
                <tr key={tier.tier} data-testid="ttl-tier-row" data-tier={tier.tier}>
                  <td>{t(`ttl.tiers.${tier.tier}`)}</td>
                  <td className="num muted">{formatTtlSeconds(tier.defaultTtl, lang)}</td>
                  <td className="num">{tier.override ? formatTtlSeconds(tier.override.ttl, lang) : '—'}</td>
                  <td className="nowrap">
                    <button
                      type="button"
                      className="btn btn-xs"
                      data-testid="ttl-tier-edit"
                      onClick={() => setEditing({ kind: 'tier', tier: tier.tier })}
                    >
                      {t('ttl.edit')}
                    </button>{' '}
                    {tier.override && (
                      <button
                        type="button"
                        className="btn btn-xs"
                        data-testid="ttl-tier-reset"
                        onClick={() => void reset({ tier: tier.tier })}
                      >
                        {t('ttl.reset')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="muted small">{t('ttl.explain')}</p>
        </div>
      </div>
      {editing && (
        <TtlEditDialog
          policy={policy}
          target={editing}
          onClose={() => setEditing(undefined)}
          onSaved={(p, message) => {
            onPolicy(p);
            setNotice(message);
          }}
        />
      )}
      {confirmResetAll && (
        <Modal
          title={t('ttl.resetAllTitle')}
          onClose={() => setConfirmResetAll(false)}
          testId="ttl-reset-all-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmResetAll(false)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                className="btn danger-solid"
                data-testid="ttl-reset-all-confirm"
                onClick={() => {
                  setConfirmResetAll(false);
                  void reset({});
                }}
              >
                {t('ttl.resetAll')}
              </button>
            </>
          }
        >
          <p>{t('ttl.resetAllBody')}</p>
        </Modal>
      )}
    </section>
  );
}

function TtlEditDialog({
  policy,
  target,
  onClose,
  onSaved,
}: {
  policy: TtlPolicySnapshot;
  target: Target;
  onClose: () => void;
  onSaved: (p: TtlPolicySnapshot, message: string) => void;
}) {
  const { t, i18n } = useTranslation('cache');
  const words = useErrorWords();
  const lang = i18n.language;
  const entry =
    target.kind === 'resource' ? policy.resources.find((r) => r.resource === target.resource) : undefined;
  const tier = target.kind === 'tier' ? policy.tiers.find((x) => x.tier === target.tier) : undefined;
  const initial: TtlFormValues = entry
    ? {
        ttl: String(entry.effective.ttl),
        l1Ttl: entry.source === 'default' ? '' : String(entry.effective.l1Ttl),
        grace: entry.source === 'default' ? '' : String(entry.effective.grace),
      }
    : {
        ttl: String(tier?.override?.ttl ?? tier?.defaultTtl ?? ''),
        l1Ttl: tier?.override?.l1Ttl !== undefined ? String(tier.override.l1Ttl) : '',
        grace: tier?.override?.grace !== undefined ? String(tier.override.grace) : '',
      };
  const [form, setForm] = useState(initial);
  const [touched, setTouched] = useState(false);
  const [apply, setApply] = useState(false);
  const { connId: activeConnId, connections } = useConnection();
  const connName = (c: { id: string; name: string } | undefined) => displayName(c, t('connections:demoName'));
  // '' = every connection (asked for explicitly); otherwise one connection's keys only
  const [applyConn, setApplyConn] = useState<string>(activeConnId ?? '');
  /** the dry run's figures, shown for confirmation before anything changes */
  const [preview, setPreview] = useState<{ request: ApplyTtlRequest; result: ApplyTtlResult }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const checked = validateTtlForm(form, policy.limits);
  const defaults = entry?.defaults;
  const name = target.kind === 'resource' ? target.resource : t(`ttl.tiers.${target.tier}`);

  // the resources whose existing keys would change: this one, or the tier's without their own override
  const applyResources: ResourceName[] =
    target.kind === 'resource'
      ? [target.resource]
      : policy.resources
          .filter((r) => r.tier === target.tier && r.source !== 'resource')
          .map((r) => r.resource);
  const perConnection = applyResources.some((r) => RESOURCES[r].scope === 'conn');
  const applyRequest = (): ApplyTtlRequest => ({
    resources: applyResources,
    ...(perConnection ? (applyConn ? { connId: applyConn } : { allConnections: true }) : {}),
  });
  const scopeText = (request: ApplyTtlRequest) =>
    t(
      request.connId
        ? 'ttl.applyScopeConnection'
        : perConnection
          ? 'ttl.applyScopeAll'
          : 'ttl.applyScopeGlobal',
      {
        conn: connName(connections.find((c) => c.id === request.connId)) ?? request.connId ?? '',
        resources: request.resources.join(', '),
      },
    );

  const save = async () => {
    setTouched(true);
    if (!checked.value) return;
    setBusy(true);
    setError(undefined);
    try {
      if (apply && !preview && applyResources.length > 0) {
        // first say what would change (a dry run), then change it when the DBA confirms
        const request = applyRequest();
        setPreview({ request, result: await call('cache:applyTtlToExisting', { ...request, dryRun: true }) });
        return;
      }
      const next = await call('cache:setTtl', {
        ...(target.kind === 'resource' ? { resource: target.resource } : { tier: target.tier }),
        ...checked.value,
      });
      let message = t('ttl.saved', { name });
      if (apply && preview) {
        const done = await call('cache:applyTtlToExisting', preview.request);
        message = t('ttl.savedApplied', {
          name,
          count: done.updated,
          n: formatNumber(done.updated, i18n.language),
          scope: scopeText(preview.request),
        });
      }
      onSaved(next, message);
      onClose();
    } catch (e) {
      setError(words(asError(e)));
    } finally {
      setBusy(false);
    }
  };

  const field = (id: keyof TtlFormValues, label: string, placeholder: string, hint: string) => {
    const err = touched || form[id] !== initial[id] ? checked.errors[id] : undefined;
    return (
      <label className="stack">
        <span>{label}</span>
        <span className="input-unit">
          <input
            type="number"
            className="num-input"
            data-testid={`ttl-input-${id}`}
            value={form[id]}
            placeholder={placeholder}
            aria-invalid={err !== undefined}
            onChange={(e) => setForm((f) => ({ ...f, [id]: e.target.value }))}
          />
          <span className="muted">{t('ttl.seconds')}</span>
        </span>
        <span className="muted small">{hint}</span>
        {err && (
          <span className="text-bad small" data-testid={`ttl-error-${id}`}>
            {t(`ttl.errors.${err}`, { min: id === 'grace' ? 0 : policy.limits.min, max: policy.limits.max })}
          </span>
        )}
      </label>
    );
  };

  return (
    <Modal
      title={t('ttl.editTitle', { name })}
      onClose={onClose}
      testId="ttl-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button
            type="button"
            className="btn primary"
            data-testid="ttl-save"
            disabled={busy || (touched && !checked.value)}
            onClick={() => void save()}
          >
            {preview
              ? t('ttl.saveAndApply', { n: formatNumber(preview.result.matched, i18n.language) })
              : t('save')}
          </button>
        </>
      }
    >
      {defaults && (
        <p className="muted small">
          {t('ttl.defaultsAre', {
            ttl: formatTtlSeconds(defaults.ttl, lang),
            l1: formatTtlSeconds(defaults.l1Ttl, lang),
            grace: formatTtlSeconds(defaults.grace, lang),
          })}
        </p>
      )}
      {field(
        'ttl',
        t('ttl.ttl'),
        '',
        t('ttl.ttlHint', { min: policy.limits.min, max: formatTtlSeconds(policy.limits.max, lang) }),
      )}
      {field('l1Ttl', t('ttl.l1'), t('ttl.derived'), t('ttl.l1Hint'))}
      {field('grace', t('ttl.grace'), t('ttl.derived'), t('ttl.graceHint'))}
      <label className="checkbox">
        <input
          type="checkbox"
          data-testid="ttl-apply-existing"
          checked={apply}
          onChange={(e) => {
            setApply(e.target.checked);
            setPreview(undefined);
          }}
        />
        {t('ttl.applyExisting')}
      </label>
      {apply && perConnection && (
        <label className="stack">
          <span>{t('ttl.applyConnection')}</span>
          <select
            data-testid="ttl-apply-connection"
            value={applyConn}
            onChange={(e) => {
              setApplyConn(e.target.value);
              setPreview(undefined);
            }}
          >
            {connections.map((c) => (
              <option key={c.id} value={c.id}>
                {connName(c)}
              </option>
            ))}
            <option value="">{t('ttl.applyAllConnections')}</option>
          </select>
        </label>
      )}
      {preview && (
        <p
          className="notice"
          role="alert"
          data-testid="ttl-apply-confirm"
          data-count={preview.result.matched}
        >
          {t('ttl.applyConfirm', {
            count: preview.result.matched,
            n: formatNumber(preview.result.matched, i18n.language),
            scope: scopeText(preview.request),
          })}
        </p>
      )}
      <p className="muted small">{t('ttl.sharedNote')}</p>
      {error && (
        <div className="text-bad" data-testid="ttl-save-error">
          {error}
        </div>
      )}
    </Modal>
  );
}
