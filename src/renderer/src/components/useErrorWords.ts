import type { AppError } from '@shared/errors';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

/** One line for an error in the UI language (for notices and inline hints; ErrorMessage for full boxes). */
export function useErrorWords(): (error: AppError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: AppError) => {
      const text = errorText(error, {
        t: (key, params) => t(key, params ?? {}),
        exists: (key) => i18n.exists(key),
        language: i18n.language,
      });
      return text.body ? `${text.title} ${text.body}` : text.title;
    },
    [t, i18n],
  );
}

/** Only the cause in the UI language (for a line that already says what it is, e.g. "Warning: …"). */
export function useErrorBody(): (error: AppError) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: AppError) => {
      const text = errorText(error, {
        t: (key, params) => t(key, params ?? {}),
        exists: (key) => i18n.exists(key),
        language: i18n.language,
      });
      return text.body ?? text.title;
    },
    [t, i18n],
  );
}
