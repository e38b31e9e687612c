import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App, viewFromHash } from './App';
import { bridgeError } from './api/client';
import { initI18n } from './i18n';
import { rememberedConnection } from './state/connection';
import { VIEWS } from './views/registry';
import './styles.css';

initI18n();
const root = createRoot(document.getElementById('root')!);
const startupError = bridgeError();
if (!startupError) {
  // the first view's data is asked for now, in parallel with its code (remembered connection)
  const connId = rememberedConnection();
  if (connId) VIEWS.find((v) => v.id === viewFromHash())?.prefetch?.(connId);
}
root.render(
  <StrictMode>
    {startupError ? (
      <div className="error-box" role="alert" data-testid="startup-error">
        {startupError.message}
      </div>
    ) : (
      <App />
    )}
  </StrictMode>,
);
