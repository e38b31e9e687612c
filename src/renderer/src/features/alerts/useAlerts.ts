/**
 * The alerts of the active connection: read once, then re-read whenever main pushes a change
 * (`alerts:changed` for this connection, `alerts:thresholdsChanged`). No polling here: main polls the
 * team's shared state (one counter per connection) and pushes.
 */

import { TmsError } from '@shared/errors';
import type { AlertsView } from '@shared/types/alerts';
import { useCallback, useEffect, useState } from 'react';
import { call, subscribe } from '../../api/client';

export function useAlerts(connId: string): {
  view: AlertsView | undefined;
  error: TmsError | undefined;
  reload: () => Promise<void>;
} {
  const [view, setView] = useState<AlertsView>();
  const [error, setError] = useState<TmsError>();
  const reload = useCallback(async () => {
    if (!connId) return;
    try {
      setView(await call('alerts:list', { connId }));
      setError(undefined);
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    }
  }, [connId]);
  useEffect(() => {
    void reload();
    const stopChanged = subscribe('alerts:changed', (e) => {
      if (e.connId === connId) void reload();
    });
    const stopThresholds = subscribe('alerts:thresholdsChanged', () => void reload());
    return () => {
      stopChanged();
      stopThresholds();
    };
  }, [connId, reload]);
  return { view, error, reload };
}
