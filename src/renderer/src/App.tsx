import type { RedisState } from '@shared/contract/app';
import { Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from './api/client';
import { ViewBoundary } from './components/ViewBoundary';
import { ConnectionSwitcher } from './features/connections/ConnectionSwitcher';
import { LANGUAGES, type Language, setLanguage } from './i18n';
import { ConnectionProvider } from './state/connection';
import { DEFAULT_VIEW, VIEWS } from './views/registry';

type Theme = 'light' | 'dark';

export function viewFromHash(): string {
  // `#/top-sql/<sqlId>`: the first segment names the view, the rest belongs to it
  const id = window.location.hash.replace(/^#\/?/, '').split('/')[0] ?? '';
  return VIEWS.some((v) => v.id === id) ? id : DEFAULT_VIEW;
}

/** Ask the active view to refresh (bypassing the cache): keyboard shortcut and app menu. */
export function requestViewRefresh(): void {
  window.dispatchEvent(new CustomEvent('tms:refresh-view'));
}
export function requestConnectionSwitcher(): void {
  window.dispatchEvent(new CustomEvent('tms:open-connection-switcher'));
}

function useTheme(): [Theme, () => void] {
  const [theme, setTheme] = useState<Theme>(() => {
    const saved = localStorage.getItem('tms.theme');
    if (saved === 'light' || saved === 'dark') return saved;
    return window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  });
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
    localStorage.setItem('tms.theme', theme);
  }, [theme]);
  return [theme, () => setTheme((t) => (t === 'dark' ? 'light' : 'dark'))];
}

function RedisBadge() {
  const { t } = useTranslation();
  const [state, setState] = useState<RedisState>();
  useEffect(() => {
    call('app:redisState', {})
      .then(setState)
      .catch(() => undefined);
    return subscribe('app:redisState', setState);
  }, []);
  if (!state) return null;
  return (
    <span
      className={`redis-badge redis-${state.breaker}`}
      data-testid="redis-state"
      data-state={state.breaker}
    >
      {t(`redis.${state.breaker}`)}
    </span>
  );
}

export function App() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState(viewFromHash);
  const [theme, toggleTheme] = useTheme();

  const go = useCallback((id: string) => {
    window.location.hash = `/${id}`;
    setView(id);
  }, []);

  useEffect(() => {
    const onHash = () => setView(viewFromHash());
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.metaKey || e.ctrlKey;
      if (mod && e.key.toLowerCase() === 'r' && !e.shiftKey) {
        e.preventDefault();
        requestViewRefresh();
      } else if (mod && e.key.toLowerCase() === 'k') {
        e.preventDefault();
        requestConnectionSwitcher();
      } else if (mod && e.shiftKey && e.key.toLowerCase() === 'c') {
        e.preventDefault();
        go('cache');
      } else if (e.altKey && /^[1-9]$/.test(e.key)) {
        const target = VIEWS[Number(e.key) - 1];
        if (target) {
          e.preventDefault();
          go(target.id);
        }
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);

  // Electron's app menu owns these accelerators and sends them here (the switcher listens itself)
  useEffect(
    () =>
      subscribe('app:menuCommand', ({ command }) => {
        if (command === 'refresh') requestViewRefresh();
        else if (command === 'cachePanel') go('cache');
      }),
    [go],
  );

  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0]!;
  const ActiveView = active.component;

  return (
    <ConnectionProvider>
      <div className="shell">
        <aside className="sidebar">
          <div className="brand">{t('appName')}</div>
          <nav>
            {VIEWS.map((v, i) => (
              <button
                type="button"
                key={v.id}
                className={`nav-item${v.id === view ? ' active' : ''}`}
                data-testid={`nav-${v.id}`}
                aria-current={v.id === view ? 'page' : undefined}
                title={`Alt+${i + 1}`}
                onClick={() => go(v.id)}
              >
                {t(v.labelKey)}
              </button>
            ))}
          </nav>
        </aside>
        <div className="main">
          <header className="header">
            <div className="header-left">
              <ConnectionSwitcher />
            </div>
            <div className="header-right">
              <RedisBadge />
              <select
                aria-label={t('language.label')}
                data-testid="language"
                value={i18n.language}
                onChange={(e) => setLanguage(e.target.value as Language)}
              >
                {LANGUAGES.map((lang) => (
                  <option key={lang} value={lang}>
                    {t(`language.${lang}`)}
                  </option>
                ))}
              </select>
              <button
                type="button"
                className="btn"
                data-testid="theme"
                onClick={toggleTheme}
                title={t('theme.toggle')}
              >
                {theme === 'dark' ? t('theme.light') : t('theme.dark')}
              </button>
            </div>
          </header>
          <main className="content" data-testid="content">
            <ViewBoundary key={active.id}>
              <Suspense fallback={<div className="muted">{t('status.loading')}</div>}>
                <ActiveView />
              </Suspense>
            </ViewBoundary>
          </main>
        </div>
      </div>
    </ConnectionProvider>
  );
}
