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
  if (reason && tr.exists(`errors:${reason}`)) {
    return {
      title,
      body: tr.t(`errors:${reason}`, { ...details, interpolation: { escapeValue: false } }),
      original: undefined,
    };
  }
  if (tr.language.startsWith('en')) return { title, body: error.message, original: undefined };
  return { title, body: undefined, original: error.message };
}
