import { muteKey } from '@shared/types/alerts';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { subscribe } from '../../api/client';
import { useConnection } from '../../state/connection';
import { showBrowserNotification } from './browser-notifications';
import { alertValue } from './format';
import { useAlerts } from './useAlerts';
import './alerts.css';

/**
 * The header's open-alert count for the active connection (a click opens the Alerts view), and the
 * browser notifications for alerts that open while the console is open (any view).
 */
export function AlertsBadge({ onOpen }: { onOpen: () => void }) {
  const { t, i18n } = useTranslation('alerts');
  const { connId } = useConnection();
  const { view } = useAlerts(connId);
  const words = useRef({ t, lang: i18n.language });
  words.current = { t, lang: i18n.language };
  useEffect(
    () =>
      subscribe('alerts:changed', (e) => {
        const { t: tr, lang } = words.current;
        for (const a of e.notify) {
          if (view?.muted.includes(muteKey(a.rule, a.subject))) continue;
          showBrowserNotification(
            a,
            `${tr(`rule.${a.rule}`)} — ${a.connId}`,
            `${a.subject}: ${alertValue(a.value, a.unit, lang, tr)} (${tr('col.threshold')} ${alertValue(a.threshold, a.unit, lang, tr)})`,
          );
        }
      }),
    [view?.muted],
  );
  const count = view?.open.length ?? 0;
  return (
    <button
      type="button"
      className={`btn alerts-badge${count > 0 ? ' alerts-badge-open' : ''}`}
      data-testid="alerts-badge"
      data-count={count}
      title={count > 0 ? t('badge', { count }) : t('badgeNone')}
      aria-label={count > 0 ? t('badge', { count }) : t('badgeNone')}
      onClick={onOpen}
    >
      <span aria-hidden="true">⚠</span> {count}
    </button>
  );
}
