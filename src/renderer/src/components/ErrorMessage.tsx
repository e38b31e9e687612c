import type { TmsError } from '@shared/errors';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

/** A DBA-readable error in the UI language: what happened (by code), why and what to do, the grant to ask for. */
export function ErrorMessage({ error, onRetry }: { error: TmsError; onRetry?: () => void }) {
  const { t, i18n } = useTranslation();
  const grant = typeof error.details?.grant === 'string' ? error.details.grant : undefined;
  const text = errorText(error, {
    t: (key, params) => t(key, params ?? {}),
    exists: (key) => i18n.exists(key),
    language: i18n.language,
  });
  return (
    <div className="error-box" role="alert" data-testid="error" data-code={error.code}>
      <strong>{text.title}</strong>
      {text.body && <div className="error-message">{text.body}</div>}
      {text.original && (
        <details className="small muted">
          <summary>{t('errors:original')}</summary>
          <div className="error-message">{text.original}</div>
        </details>
      )}
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
