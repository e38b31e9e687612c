import type { TmsError } from '@shared/errors';
import { useTranslation } from 'react-i18next';

/** A DBA-readable error: what happened (by code), Oracle's own message, and the grant to ask for if any. */
export function ErrorMessage({ error, onRetry }: { error: TmsError; onRetry?: () => void }) {
  const { t } = useTranslation();
  const grant = typeof error.details?.grant === 'string' ? error.details.grant : undefined;
  return (
    <div className="error-box" role="alert" data-testid="error" data-code={error.code}>
      <strong>{t(`error.codes.${error.code}`, { defaultValue: t('error.title') })}</strong>
      <div className="error-message">{error.message}</div>
      {grant && <pre className="error-grant">{grant}</pre>}
      {error.retryable && <div className="muted">{t('error.retryable')}</div>}
      {onRetry && (
        <button type="button" className="btn" onClick={onRetry}>
          {t('error.retry')}
        </button>
      )}
    </div>
  );
}
