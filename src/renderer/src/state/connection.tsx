import { TmsError } from '@shared/errors';
import {
  type ConnectionProfile,
  type ConnectionState,
  type ConnectionsChanged,
  DEMO_CONNECTION_ID,
} from '@shared/types/connections';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { call, subscribe } from '../api/client';

/**
 * The active Oracle connection every view reads, the list of profiles and their pool states.
 * Main remembers the active connection (connections:setActive); every window follows the
 * `connections:changed` event, so a switch in one window (or browser tab) reaches the others.
 */
export interface ConnectionContextValue {
  /** the active connection id: the remembered one at start, main's once it answered ('' when neither) */
  connId: string;
  active: ConnectionProfile | undefined;
  connections: ConnectionProfile[];
  /** last known pool state per connection (connections:state events) */
  states: Record<string, ConnectionState>;
  /** loading the list failed */
  error: TmsError | undefined;
  setActive: (connId: string) => Promise<void>;
  reload: () => Promise<void>;
}

const ConnectionContext = createContext<ConnectionContextValue>({
  connId: DEMO_CONNECTION_ID,
  active: undefined,
  connections: [],
  states: {},
  error: undefined,
  setActive: async () => undefined,
  reload: async () => undefined,
});

function asError(e: unknown): TmsError {
  return e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
}

/** The last active connection, so views start reading at once instead of after the connection list. */
const REMEMBERED_KEY = 'tms.activeConnection';

export function rememberedConnection(): string {
  try {
    return localStorage.getItem(REMEMBERED_KEY) ?? '';
  } catch {
    return '';
  }
}

export function ConnectionProvider({ children }: { children: ReactNode }) {
  // start with the remembered connection; main's answer (connections:list) confirms or corrects it
  const [connId, setConnId] = useState(rememberedConnection);
  useEffect(() => {
    if (!connId) return;
    try {
      localStorage.setItem(REMEMBERED_KEY, connId);
    } catch {
      // storage full or disabled: the next start waits for the list, nothing else changes
    }
  }, [connId]);
  const [connections, setConnections] = useState<ConnectionProfile[]>([]);
  const [states, setStates] = useState<Record<string, ConnectionState>>({});
  const [error, setError] = useState<TmsError>();

  const reload = useCallback(async () => {
    try {
      const list = await call('connections:list', {});
      setConnections(list.connections);
      setConnId(list.activeId);
      setError(undefined);
    } catch (e) {
      setError(asError(e));
      // the views still work against the built-in demo database
      setConnId((id) => id || DEMO_CONNECTION_ID);
    }
  }, []);

  useEffect(() => {
    void reload();
    const offChanged = subscribe('connections:changed', (change: ConnectionsChanged) => {
      setConnections(change.connections);
      setConnId(change.activeId);
    });
    const offState = subscribe('connections:state', (state: ConnectionState) => {
      setStates((s) => ({ ...s, [state.connId]: state }));
    });
    return () => {
      offChanged();
      offState();
    };
  }, [reload]);

  const setActive = useCallback(async (id: string) => {
    await call('connections:setActive', { id });
    setConnId(id);
  }, []);

  const value = useMemo<ConnectionContextValue>(
    () => ({
      connId,
      active: connections.find((c) => c.id === connId),
      connections,
      states,
      error,
      setActive,
      reload,
    }),
    [connId, connections, states, error, setActive, reload],
  );
  return <ConnectionContext.Provider value={value}>{children}</ConnectionContext.Provider>;
}

export function useConnection(): ConnectionContextValue {
  return useContext(ConnectionContext);
}
