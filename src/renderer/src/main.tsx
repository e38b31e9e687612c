import type { TmsError } from '@shared/errors';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, viewFromHash } from './App';
import { bridgeError, call } from './api/client';

import { errorText } from './components/error-text';
import { initI18n } from './i18n';
import { rememberedConnection } from './state/connection';
import { VIEWS } from './views/registry';
import './styles.css';

const i18n = initI18n();

/** The startup error in the UI language (the console cannot reach main yet, so nothing else words it). */
function startupText(error: TmsError): string {
  const text = errorText(error, {
    t: (key, params) => i18n.t(key, params ?? {}),
    exists: (key) => i18n.exists(key),
    language: i18n.language,
  });
  return text.body ?? error.message;
}
const startupError = bridgeError();
/** the longest the first paint waits for the first view's code (it then renders when it comes) */
const FIRST_VIEW_WAIT_MS = 250;
let firstViewCode: Promise<unknown> = Promise.resolve();
if (!startupError) {
  // the first view's data is asked for now, in parallel with its code (remembered connection)
  const first = VIEWS.find((v) => v.id === viewFromHash());
  if (first) {
    // the shell and the first view render in one pass: their code is a local chunk (ms away), while a
    // second pass after the shell's costs a full render and paint more
    firstViewCode = Promise.race([
      first.preload().catch(() => undefined), // a failed load shows in the view's error boundary
      new Promise((resolve) => setTimeout(resolve, FIRST_VIEW_WAIT_MS)),
    ]);
  }
  const connId = rememberedConnection();
  if (connId) first?.prefetch?.(connId);
  // the native menu (Electron) speaks the language the DBA chose; after the first paint's requests
  const tellMain = (language: string) => {
    if (language === 'en' || language === 'ko') call('app:setUiLanguage', { language }).catch(() => {});
  };
  setTimeout(() => tellMain(i18n.language), 0);
  i18n.on('languageChanged', tellMain);
}
void firstViewCode.then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      {startupError ? (
        <div className="error-box" role="alert" data-testid="startup-error">
          {startupText(startupError)}
        </div>
      ) : (
        <App />
      )}
    </StrictMode>,
  ),
);
