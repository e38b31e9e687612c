import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { bridgeError } from './api/client';
import { initI18n } from './i18n';
import './styles.css';

initI18n();
const root = createRoot(document.getElementById('root')!);
const startupError = bridgeError();
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
