import { TmsError } from '@shared/errors';
import { type AlertRecord, muteKey } from '@shared/types/alerts';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { dateTime } from '../../components/units';
import { withViewBoundary } from '../../components/ViewBoundary';
import { ViewError } from '../../components/ViewError';
import {
  type NotificationState,
  notificationState,
  requestNotificationPermission,
} from '../../features/alerts/browser-notifications';
import { useAlerts } from '../../features/alerts/useAlerts';
import { useConnection } from '../../state/connection';
import { type AlertActions, AlertTable } from './AlertTables';
import { ThresholdsEditor } from './ThresholdsEditor';
import '../views.css';

function NotificationControl() {
  const { t } = useTranslation('alerts');
  const [state, setState] = useState<NotificationState>(notificationState);
  if (state === 'default') {
    return (
      <button
        type="button"
        className="btn"
        data-testid="alerts-notify-enable"
        onClick={() => void requestNotificationPermission().then(setState)}
      >
        {t('notifications.enable')}
      </button>
    );
  }
  return (
    <span className="muted" data-testid="alerts-notify-state" data-state={state}>
      {t(`notifications.${state}`)}
    </span>
  );
}

function AlertsView() {
  const { t, i18n } = useTranslation('alerts');
  const lang = i18n.language;
  const { connId } = useConnection();
  const { view, error, reload } = useAlerts(connId);
  const [actionError, setActionError] = useState<TmsError>();
  const wrap = useCallback(
    async (fn: () => Promise<unknown>) => {
      try {
        await fn();
        setActionError(undefined);
      } catch (e) {
        setActionError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
      }
      await reload();
    },
    [reload],
  );
  // the checkbox follows the click at once; main's answer (the next read) confirms it
  const [muted, setMuted] = useState<string[]>([]);
  useEffect(() => setMuted(view?.muted ?? []), [view?.muted]);
  const actions = useMemo<AlertActions>(
    () => ({
      onAck: (a: AlertRecord) => void wrap(() => call('alerts:ack', { connId: a.connId, alertId: a.id })),
      onMute: (a: AlertRecord, on: boolean) => {
        const key = muteKey(a.rule, a.subject);
        setMuted((m) => (on ? [...m, key] : m.filter((k) => k !== key)));
        void wrap(() => call('alerts:mute', { rule: a.rule, subject: a.subject, muted: on }));
      },
      isMuted: (a: AlertRecord) => muted.includes(muteKey(a.rule, a.subject)),
    }),
    [wrap, muted],
  );

  const evaluator = view?.evaluator;
  return (
    <div className="view" data-testid="view-alerts">
      <div className="view-header">
        <h1 data-testid="view-title">{t('title')}</h1>
        <div className="view-header-controls">
          <NotificationControl />
        </div>
      </div>
      {view && (
        <div className="muted alerts-status" data-testid="alerts-status" data-source={view.source}>
          <span>{t(`source.${view.source}`)}</span>
          {' · '}
          <span data-testid="alerts-evaluator" data-self={evaluator ? String(evaluator.self) : undefined}>
            {evaluator
              ? evaluator.self
                ? t('evaluator.self', { at: dateTime(evaluator.at, lang) })
                : t('evaluator.other', {
                    id: evaluator.consoleId.slice(0, 8),
                    at: dateTime(evaluator.at, lang),
                  })
              : t('evaluator.none')}
          </span>
          {' · '}
          <span>{t('every')}</span>
          {' · '}
          <span data-testid="alerts-display-name">{t('acknowledgeAs', { name: view.displayName })}</span>
        </div>
      )}
      {error && <ViewError error={error} onRetry={() => void reload()} />}
      {actionError && <ViewError error={actionError} />}
      {!view && !error && <LoadingState label={t('title')} />}
      {view && (
        <>
          <h2>
            {t('open')} <span data-testid="alerts-open-count">{view.open.length}</span>
          </h2>
          {view.open.length === 0 ? (
            <EmptyState testId="alerts-none">{t('noneOpen')}</EmptyState>
          ) : (
            <AlertTable kind="open" alerts={view.open} actions={actions} />
          )}
          <h2>{t('history')}</h2>
          {view.history.length === 0 ? (
            <EmptyState testId="alerts-history-none">{t('noneHistory')}</EmptyState>
          ) : (
            <AlertTable kind="history" alerts={view.history} actions={null} />
          )}
          <ThresholdsEditor thresholds={view.thresholds} shared={view.source === 'shared'} />
        </>
      )}
    </div>
  );
}

export default withViewBoundary(AlertsView);
