import { createContext, type ReactNode, useContext } from 'react';

/** The active Oracle connection every view reads. Replaced by the connection switcher's provider. */
export interface ConnectionContextValue {
  connId: string;
}

const ConnectionContext = createContext<ConnectionContextValue>({ connId: 'demo' });

export function ConnectionProvider({ children }: { children: ReactNode }) {
  return <ConnectionContext.Provider value={{ connId: 'demo' }}>{children}</ConnectionContext.Provider>;
}

export function useConnection(): ConnectionContextValue {
  return useContext(ConnectionContext);
}
