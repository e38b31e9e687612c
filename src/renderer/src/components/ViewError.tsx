import type { TmsError } from '@shared/errors';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from './ErrorMessage';

/** Errors the DBA fixes in the connection itself (wrong password, host, descriptor). */
const CONNECTION_CODES = new Set([
  'ORACLE_AUTH',
  'ORACLE_UNREACHABLE',
  'ORACLE_CONFIG',
  'ORACLE_THIN_UNSUPPORTED',
]);

/** A view's error: the DBA-readable message, plus "Open connections" when the connection needs fixing. */
export function ViewError({ error, onRetry }: { error: TmsError; onRetry?: () => void }) {
  const { t } = useTranslation('monitor');
  return (
    <div className="view-error">
      <ErrorMessage error={error} {...(onRetry ? { onRetry } : {})} />
      {CONNECTION_CODES.has(error.code) && (
        <button
          type="button"
          className="btn"
          data-testid="open-connections"
          onClick={() => window.dispatchEvent(new CustomEvent('tms:open-connection-switcher'))}
        >
          {t('openConnections')}
        </button>
      )}
    </div>
  );
}
