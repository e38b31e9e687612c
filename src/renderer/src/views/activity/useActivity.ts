/**
 * What a view showing activity needs from main: it registers as a viewer while mounted (so the team's
 * sampler runs), follows the sampler's status, and receives every new sample as it is pushed.
 */
import type { ActivitySamplesEvent, SamplerStatus } from '@shared/types/activity';
import { ACTIVITY_WATCH_RENEW_MS } from '@shared/types/activity';
import { useEffect, useRef, useState } from 'react';
import { call, subscribe } from '../../api/client';

function newViewerId(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return `v${Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/**
 * `activity:watch` on mount and every ACTIVITY_WATCH_RENEW_MS, `watching: false` on unmount (a viewer
 * that vanishes without it expires in main after ACTIVITY_WATCH_TTL_MS). Returns the sampler's status,
 * kept current by the pushed `activity:status` event.
 */
export function useActivityWatch(connId: string | undefined): {
  status: SamplerStatus | undefined;
  setStatus: (s: SamplerStatus) => void;
} {
  const [status, setStatus] = useState<SamplerStatus>();
  const viewerId = useRef(newViewerId());
  const shown = useRef<SamplerStatus | undefined>(undefined);
  shown.current = status;
  useEffect(() => {
    if (!connId) return;
    let live = true;
    const watch = (watching: boolean) =>
      call('activity:watch', { connId, viewerId: viewerId.current, watching })
        .then((s) => {
          if (live) setStatus(s);
        })
        .catch(() => undefined);
    // watching = shown: a hidden window (minimised, another tab) does not keep the sampler running
    void watch(!document.hidden);
    const timer = setInterval(() => {
      if (!document.hidden) void watch(true);
    }, ACTIVITY_WATCH_RENEW_MS);
    const onVisibility = () => void watch(!document.hidden);
    document.addEventListener('visibilitychange', onVisibility);
    const off = subscribe('activity:status', (s) => {
      if (live && s.connId === connId) setStatus(s);
    });
    // samples flow while the strip still says idle (the watch answered before the sampler's next
    // election): ask once for the status, at most every 2 s
    let askedAt = 0;
    const offSamples = subscribe('activity:samples', (e) => {
      if (!live || e.connId !== connId || shown.current?.role !== 'idle') return;
      if (Date.now() - askedAt < 2000) return;
      askedAt = Date.now();
      call('activity:status', { connId })
        .then((s) => {
          if (live) setStatus(s);
        })
        .catch(() => undefined);
    });
    return () => {
      live = false;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', onVisibility);
      off();
      offSamples();
      void watch(false);
    };
  }, [connId]);
  return { status, setStatus };
}

/** Calls `onSample` for each pushed sample of the connection (the latest callback, no re-subscribe). */
export function useActivitySamples(
  connId: string | undefined,
  onSample: (e: ActivitySamplesEvent) => void,
  enabled = true,
): void {
  const handler = useRef(onSample);
  handler.current = onSample;
  useEffect(() => {
    if (!connId || !enabled) return;
    return subscribe('activity:samples', (e) => {
      if (e.connId === connId) handler.current(e);
    });
  }, [connId, enabled]);
}
