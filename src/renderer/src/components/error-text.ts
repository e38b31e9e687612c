import type { AppError } from '@shared/errors';

/** i18next's `t` and `exists`, as much of them as wording an error needs. */
export interface Translator {
  t: (key: string, params?: Record<string, unknown>) => string;
  exists: (key: string) => boolean;
  language: string;
}

export interface ErrorText {
  /** what happened, by code: "Oracle cannot be reached." */
  title: string;
  /** the cause and what to do, in the UI language; undefined when only an English text exists */
  body: string | undefined;
  /** main's English sentence when the UI language could not word the cause (shown folded) */
  original: string | undefined;
}

/**
 * Words an error from main in the DBA's language: main sends a code, a `details.reason`
 * ('oracle.listenerDown', 'redis.offline', …) and its parameters; the locale files hold the
 * sentences. `message` (English) is the fallback — shown as is in English, folded away otherwise.
 */
export function errorText(error: AppError, tr: Translator): ErrorText {
  const title = tr.exists(`error.codes.${error.code}`)
    ? tr.t(`error.codes.${error.code}`)
    : tr.t('error.title');
  const details = error.details ?? {};
  const reason = typeof details.reason === 'string' ? details.reason : undefined;
  const params = { ...details, ...fieldWords(details, tr), interpolation: { escapeValue: false } };
  // the model client's reasons are bare ('timeout', 'unreachable', …): they live under errors:llm
  const key = reason && error.code === 'LLM_ERROR' && !reason.includes('.') ? `llm.${reason}` : reason;
  if (key && tr.exists(`errors:${key}`)) {
    return { title, body: tr.t(`errors:${key}`, params), original: undefined };
  }
  if (tr.language.startsWith('en')) return { title, body: error.message, original: undefined };
  // an input error main did not give a reason for: a sentence in the UI language, never English alone
  if (error.code === 'VALIDATION') {
    const key = params.field ? 'errors:validation.genericField' : 'errors:validation.generic';
    return { title, body: tr.t(key, params), original: error.message };
  }
  return { title, body: undefined, original: error.message };
}

/** `field: 'configDir'` → the field's name in the UI language (`errors:field.configDir`), else as sent. */
function fieldWords(details: Record<string, unknown>, tr: Translator): { field?: string } {
  const field = details.field;
  if (typeof field !== 'string' || field === '') return {};
  return { field: tr.exists(`errors:field.${field}`) ? tr.t(`errors:field.${field}`) : field };
}
