/**
 * Browser mode: the browser's Notification for alerts that opened and are not muted on this console
 * (main computes `notify`). Permission is asked only from a click (browsers refuse it otherwise).
 * In Electron the app shows native notifications itself (src/main/electron/alert-notifier.ts).
 */
import type { AlertRecord } from '@shared/types/alerts';
import { transportKind } from '../../api/client';

export type NotificationState = 'electron' | 'unsupported' | 'default' | 'granted' | 'denied';

export function notificationState(): NotificationState {
  if (transportKind() === 'electron') return 'electron';
  if (typeof Notification === 'undefined') return 'unsupported';
  return Notification.permission;
}

/** Call from a click handler. */
export async function requestNotificationPermission(): Promise<NotificationState> {
  if (notificationState() !== 'default') return notificationState();
  await Notification.requestPermission();
  return notificationState();
}

export function showBrowserNotification(a: AlertRecord, title: string, body: string): void {
  if (notificationState() !== 'granted') return;
  // one notification per alert occurrence: the tag replaces a duplicate from another tab
  const n = new Notification(title, { body, tag: a.id });
  n.onclick = () => {
    window.focus();
    window.location.hash = '/alerts';
  };
}
