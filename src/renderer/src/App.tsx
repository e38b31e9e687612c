import type { RedisState } from '@shared/contract/app';
import { type ComponentType, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from './api/client';
import { StopSessionButtons } from './components/stop';
import { TimeDisplayProvider, useTimeDisplay } from './components/TimeDisplay';
import { ViewBoundary } from './components/ViewBoundary';
import { AlertsBadge } from './features/alerts/AlertsBadge';
import { ConnectionSwitcher } from './features/connections/ConnectionSwitcher';
import { DatabaseIdentityBar } from './features/database/DatabaseIdentity';
import { type SessionActions, SessionDrawer } from './features/session/SessionDrawer';
import { LANGUAGES, type Language, setLanguage } from './i18n';
import { ShortcutsHelp } from './ShortcutsHelp';
import { isMacPlatform, isTyping, shortcutAction } from './shortcuts';
import { ConnectionProvider } from './state/connection';
import { DEFAULT_VIEW, VIEW_GROUPS, VIEWS } from './views/registry';

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

/**
 * Renders the active view again when the header switches between local and database time (the view's
 * state is kept: same component, new render), so every time it formats follows the switch.
 */
function TimedView({ view: View }: { view: ComponentType }) {
  useTimeDisplay();
  return <View />;
}

export function App() {
  const { t, i18n } = useTranslation();
  const [view, setView] = useState(viewFromHash);
  const [theme, toggleTheme] = useTheme();
  const [helpOpen, setHelpOpen] = useState(false);

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
      const action = shortcutAction(e, isTyping(e.target));
      if (!action) return;
      if (action.kind === 'view') {
        const target = VIEWS[action.index];
        if (!target) return;
        e.preventDefault();
        go(target.id);
        return;
      }
      e.preventDefault();
      if (action.kind === 'refresh') requestViewRefresh();
      else if (action.kind === 'switcher') requestConnectionSwitcher();
      else if (action.kind === 'cache') go('cache');
      else setHelpOpen(true);
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
        else if (command === 'shortcuts') setHelpOpen(true);
      }),
    [go],
  );

  const active = VIEWS.find((v) => v.id === view) ?? VIEWS[0]!;
  const ActiveView = active.component;

  return (
    <ConnectionProvider>
      <TimeDisplayProvider>
        <div className="shell">
          <aside className="sidebar">
            <div className="brand">{t('appName')}</div>
            <nav>
              {VIEW_GROUPS.map((group) => (
                <section key={group} className="nav-group" aria-labelledby={`nav-group-${group}`}>
                  <div className="nav-group-label" id={`nav-group-${group}`}>
                    {t(`navGroup.${group}`)}
                  </div>
                  {VIEWS.filter((v) => v.group === group).map((v) => {
                    const i = VIEWS.indexOf(v);
                    return (
                      <button
                        type="button"
                        key={v.id}
                        className={`nav-item${v.id === view ? ' active' : ''}`}
                        data-testid={`nav-${v.id}`}
                        aria-current={v.id === view ? 'page' : undefined}
                        title={i < 9 ? `${isMacPlatform() ? '⌥' : 'Alt+'}${i + 1}` : undefined}
                        onClick={() => go(v.id)}
                      >
                        {t(v.labelKey)}
                      </button>
                    );
                  })}
                </section>
              ))}
            </nav>
          </aside>
          <div className="main">
            <header className="header">
              <div className="header-left">
                <ConnectionSwitcher />
                <DatabaseIdentityBar />
              </div>
              <div className="header-right">
                <AlertsBadge onOpen={() => go('alerts')} />
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
                  data-testid="shortcuts-help"
                  title={t('shortcuts.title')}
                  aria-label={t('shortcuts.title')}
                  onClick={() => setHelpOpen(true)}
                >
                  ?
                </button>
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
                  <TimedView view={ActiveView} />
                </Suspense>
              </ViewBoundary>
            </main>
          </div>
          {/* issue 17: the one session drill-down, with kill / cancel SQL for the session it shows */}
          <SessionDrawer actions={sessionStopActions} />
        </div>
        {helpOpen && <ShortcutsHelp onClose={() => setHelpOpen(false)} />}
      </TimeDisplayProvider>
    </ConnectionProvider>
  );
}

/** Kill / Cancel SQL in the drill-down: the same dialogs as the lists (they re-read the session fresh). */
const sessionStopActions: SessionActions = (target, detail) => (
  <StopSessionButtons
    connId={target.connId}
    target={{
      instId: target.instId,
      sid: target.sid,
      serial: target.serial,
      username: detail?.identity.username ?? null,
      program: detail?.identity.program ?? null,
      machine: detail?.identity.machine ?? null,
      osUser: detail?.identity.osUser ?? null,
      sqlId: detail?.currentSql?.sqlId ?? null,
    }}
  />
);
