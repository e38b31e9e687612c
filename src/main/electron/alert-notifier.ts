/**
 * Desktop notifications for alerts (issue 17) in the Electron app: one per alert that opened and is not
 * muted on this console (`notify` of `alerts:changed`, computed by the core). Browser mode shows the
 * browser's Notification from the renderer instead. Worded here in the console's language (en / ko).
 */
import type { AlertRecord, AlertRuleId, AlertsChangedEvent } from '@shared/types/alerts';

export interface NotificationLike {
  show(): void;
  on(event: 'click', listener: () => void): unknown;
}
export type NotificationCtor = {
  new (options: { title: string; body: string; silent?: boolean }): NotificationLike;
  isSupported(): boolean;
};

const RULES: Record<'en' | 'ko', Record<AlertRuleId, string>> = {
  en: {
    tablespace: 'Tablespace nearly full',
    recoveryArea: 'Recovery area nearly full',
    resourceLimit: 'Resource limit near its maximum',
    blockedSessions: 'Sessions blocked',
    aasOverCpu: 'Active sessions above the CPU count',
    alertLogErrors: 'New ORA- errors in the alert log',
    redisMemory: 'Redis memory near maxmemory',
    cacheHitRatio: 'Cache hit ratio low',
  },
  ko: {
    tablespace: '테이블스페이스 사용량 높음',
    recoveryArea: '복구 영역(FRA) 사용량 높음',
    resourceLimit: '리소스 한도 임박',
    blockedSessions: '세션 블로킹',
    aasOverCpu: '활성 세션이 CPU 수 초과',
    alertLogErrors: 'Alert log 신규 ORA- 오류',
    redisMemory: 'Redis 메모리가 maxmemory에 근접',
    cacheHitRatio: '캐시 적중률 낮음',
  },
};

const UNIT: Record<AlertRecord['unit'], string> = { pct: '%', sec: ' s', ratio: '×', count: '' };

export function alertNotificationText(a: AlertRecord, locale: string): { title: string; body: string } {
  const lang = locale.toLowerCase().startsWith('ko') ? 'ko' : 'en';
  const v = `${a.value}${UNIT[a.unit]}`;
  const t = `${a.threshold}${UNIT[a.unit]}`;
  return {
    title: `${RULES[lang][a.rule]} — ${a.connId}`,
    body: lang === 'ko' ? `${a.subject}: ${v} (임계값 ${t})` : `${a.subject}: ${v} (threshold ${t})`,
  };
}

export function notifyAlerts(
  events: { onAny(listener: (name: string, payload: unknown) => void): () => void },
  Notification: NotificationCtor | undefined,
  options: { locale: () => string; onClick?: (a: AlertRecord) => void; onError?: (e: unknown) => void },
): () => void {
  if (!Notification) return () => {};
  return events.onAny((name, payload) => {
    if (name !== 'alerts:changed') return;
    try {
      if (!Notification.isSupported()) return;
      for (const a of (payload as AlertsChangedEvent).notify) {
        const n = new Notification(alertNotificationText(a, options.locale()));
        n.on('click', () => options.onClick?.(a));
        n.show();
      }
    } catch (error) {
      options.onError?.(error);
    }
  });
}
