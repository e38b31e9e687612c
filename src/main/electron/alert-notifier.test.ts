import type { AlertRecord, AlertsChangedEvent } from '@shared/types/alerts';
import { describe, expect, it } from 'vitest';
import { AppEvents } from '../events';
import { alertNotificationText, type NotificationCtor, notifyAlerts } from './alert-notifier';

const alert: AlertRecord = {
  id: 'blockedSessions|sid 7 @1|1',
  connId: 'demo',
  rule: 'blockedSessions',
  subject: 'sid 7 @1',
  state: 'open',
  startedAt: 1,
  clearedAt: null,
  value: 120,
  peak: 120,
  threshold: 60,
  unit: 'sec',
  detail: null,
  ack: null,
  updatedAt: 1,
};
const event = (notify: AlertRecord[]): AlertsChangedEvent => ({
  connId: 'demo',
  openCount: 1,
  opened: [alert],
  cleared: [],
  acked: [],
  notify,
  at: 1,
});

describe('Electron alert notifications', () => {
  it('shows one notification per alert to notify (muted ones are not in `notify`)', () => {
    const shown: { title: string; body: string }[] = [];
    const Fake = class {
      constructor(private readonly o: { title: string; body: string }) {}
      static isSupported() {
        return true;
      }
      on() {
        return this;
      }
      show() {
        shown.push(this.o);
      }
    } as unknown as NotificationCtor;
    const events = new AppEvents();
    const stop = notifyAlerts(events, Fake, { locale: () => 'ko-KR' });
    events.emit('alerts:changed', event([alert]));
    events.emit('alerts:changed', event([]));
    stop();
    events.emit('alerts:changed', event([alert]));
    expect(shown).toEqual([{ title: '세션 블로킹 — demo', body: 'sid 7 @1: 120 s (임계값 60 s)' }]);
    expect(alertNotificationText(alert, 'en-US').body).toBe('sid 7 @1: 120 s (threshold 60 s)');
  });
});
