import type { TmsError } from '@shared/errors';
import type { PrivilegeReport } from '@shared/types/privileges';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { featureNote } from './privilege-words';

export interface PrivilegeState {
  running: boolean;
  report?: PrivilegeReport;
  error?: TmsError;
}

/** "Check privileges": what the account can read, which features that leaves off, and the grants to ask for. */
export function PrivilegeReportPanel({ state }: { state: PrivilegeState }) {
  const { t } = useTranslation('connections');
  if (state.running) return <div className="muted small">{t('privileges.running')}</div>;
  if (state.error) return <ErrorMessage error={state.error} />;
  const r = state.report;
  if (!r) return null;
  const off = r.features.filter((f) => f.status !== 'full');
  const grants = [...new Set(off.map((f) => f.grant).filter((g): g is string => Boolean(g)))];
  const unreadable = r.views.filter((v) => !v.readable).length;
  return (
    <div className="small" data-testid="privilege-report" data-dictionary={r.dictionary}>
      <div>
        {t('privileges.summary', {
          user: r.user,
          readable: r.views.length - unreadable,
          total: r.views.length,
          roles: r.roles.length > 0 ? r.roles.join(', ') : t('privileges.noRoles'),
        })}
      </div>
      {r.dictionary === 'all' && <div className="notice">{t('privileges.accessibleOnly')}</div>}
      <ul className="privilege-features">
        {r.features.map((f) => (
          <li key={f.feature} data-testid="privilege-feature" data-feature={f.feature} data-status={f.status}>
            <span
              className={f.status === 'full' ? 'text-ok' : f.status === 'limited' ? 'text-warn' : 'text-bad'}
            >
              {t(`privileges.status.${f.status}`)}
            </span>{' '}
            <strong>{t(`privileges.features.${f.feature}`)}</strong>
            {f.status !== 'full' && <span className="muted"> — {featureNote(f, r, t)}</span>}
          </li>
        ))}
      </ul>
      {r.sessionsPerUser !== null && (
        <div className="muted">{t('privileges.sessionsPerUser', { n: r.sessionsPerUser })}</div>
      )}
      {grants.length > 0 && (
        <>
          <div>{t('privileges.grants')}</div>
          <pre className="error-grant" data-testid="privilege-grants">
            {grants.join('\n')}
          </pre>
        </>
      )}
    </div>
  );
}
