import { useSyncExternalStore } from 'react';

/**
 * Which session the drill-down drawer shows (issue 17): one global value any view may set (a SidLink),
 * read by the one drawer the app mounts. A session is (connection, instance, SID, SERIAL#): a SID alone
 * names another session after a logoff, and on RAC the same SID lives on each instance.
 */
export interface SessionTarget {
  connId: string;
  instId: number;
  sid: number;
  serial: number;
}

let current: SessionTarget | null = null;
const listeners = new Set<() => void>();

function emit(): void {
  for (const l of listeners) l();
}

export function openSession(target: SessionTarget): void {
  current = { ...target };
  emit();
}

export function closeSession(): void {
  if (current === null) return;
  current = null;
  emit();
}

export function currentSession(): SessionTarget | null {
  return current;
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The session the drawer shows (null: closed). */
export function useSessionDrilldown(): SessionTarget | null {
  return useSyncExternalStore(subscribe, currentSession, currentSession);
}
