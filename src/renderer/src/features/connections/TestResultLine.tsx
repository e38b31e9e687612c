import { TmsError } from '@shared/errors';
import type { ConnectionTestResult } from '@shared/types/connections';
import { useTranslation } from 'react-i18next';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorBody } from '../../components/useErrorWords';
import { notesText } from './note-text';

export interface TestState {
  running: boolean;
  result?: ConnectionTestResult;
  error?: TmsError;
}

export function TestResultLine({ state }: { state: TestState }) {
  const { t } = useTranslation('connections');
  const body = useErrorBody();
  if (state.running)
    return (
      <div className="muted small" data-testid="test-running">
        {t('testing')}
      </div>
    );
  if (state.error) return <ErrorMessage error={state.error} />;
  const r = state.result;
  if (!r) return null;
  if (r.ok) {
    return (
      <div className="test-ok" data-testid="test-result" data-ok="true">
        ✓ {t('testOk', { latency: Math.round(r.latencyMs), version: r.version ?? '?' })}
        {r.probe?.access.some((a) => !a.ok) && (
          <div className="small">
            {t('missingGrants')}
            <pre className="error-grant">
              {r.probe.access
                .filter((a) => !a.ok && a.grant)
                .map((a) => a.grant)
                .join('\n')}
            </pre>
          </div>
        )}
        {r.warning && (
          <div className="small text-warn" data-testid="test-warning">
            {t('passwordWarning')}: {body(r.warning)}
          </div>
        )}
        {r.notes.length > 0 && <div className="small muted">{notesText(r.notes, t)}</div>}
      </div>
    );
  }
  const err = r.error
    ? TmsError.from(r.error)
    : new TmsError('ORACLE_ERROR', t('testFailed', { latency: Math.round(r.latencyMs) }));
  return (
    <div data-testid="test-result" data-ok="false" data-code={err.code}>
      <ErrorMessage error={err} />
      {r.notes.length > 0 && <div className="small muted">{notesText(r.notes, t)}</div>}
    </div>
  );
}
