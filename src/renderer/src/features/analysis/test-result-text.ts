import type { LlmTestResult } from '@shared/types/llm';

type T = (key: string, params?: Record<string, unknown>) => string;

/**
 * The model-server test in the UI language, from the result's fields (main's `message` is English and,
 * on a failure, may hold the HTTP library's own text: it is never shown). `words` words the error.
 */
export function testResultText(
  r: LlmTestResult,
  /** the model the form asked about */
  model: string,
  t: T,
  words: (e: NonNullable<LlmTestResult['error']>) => string,
): string {
  const p = { count: r.modelCount, interpolation: { escapeValue: false } };
  if (r.provider === 'offline') return t('analysis:settings.testResult.offline');
  if (!r.ok && r.modelFound === false) {
    return t('analysis:settings.testResult.modelMissing', { ...p, model });
  }
  if (!r.ok) return r.error ? words(r.error) : t('analysis:settings.testResult.failed');
  return r.modelFound && model
    ? t('analysis:settings.testResult.connectedWithModel', { ...p, model })
    : t('analysis:settings.testResult.connected', p);
}
