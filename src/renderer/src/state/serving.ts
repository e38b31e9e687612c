import type { CacheMeta } from '@shared/cache';
import type { ErrorCode } from '@shared/errors';
import type { ConnectionStatus } from '@shared/types/connections';
import { useSyncExternalStore } from 'react';

/**
 * What the views last got for each connection: an answer (from Oracle or the cache) or an error.
 * The header's connection dot reads it, so the dot says whether data is being served — the pool
 * state alone goes "idle" while cached answers keep flowing.
 */
export interface ServingState {
  /** epoch ms of the last answer a view received */
  servedAt?: number;
  origin?: CacheMeta['origin'];
  /** the last error that says the connection itself is broken, and when */
  failedAt?: number;
  failureCode?: ErrorCode;
}

/** Errors about the connection itself (not about one query). */
export const CONNECTION_FAILURES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'ORACLE_AUTH',
  'ORACLE_UNREACHABLE',
  'ORACLE_TIMEOUT',
  'ORACLE_CONFIG',
  'ORACLE_POOL_TIMEOUT',
  'ORACLE_THIN_UNSUPPORTED',
]);

/** An answer this recent counts as "serving" (the slowest view refreshes every 5 minutes). */
export const SERVING_WINDOW_MS = 6 * 60_000;

export type Indicator = 'serving' | 'connecting' | 'failed' | 'idle';

/** The dot: failing beats serving only when the failure is the newer event; pool state decides otherwise. */
export function connectionIndicator(
  pool: ConnectionStatus | undefined,
  serving: ServingState | undefined,
  now: number,
): Indicator {
  const servedAt = serving?.servedAt ?? -Infinity;
  const failedAt = serving?.failedAt ?? -Infinity;
  if (failedAt > servedAt) return 'failed';
  if (now - servedAt <= SERVING_WINDOW_MS) return 'serving';
  if (pool === 'connecting') return 'connecting';
  if (pool === 'failed') return 'failed';
  if (pool === 'connected') return 'serving';
  return 'idle';
}

const store = new Map<string, ServingState>();
const listeners = new Set<() => void>();

function update(connId: string, next: ServingState): void {
  store.set(connId, next);
  for (const l of listeners) l();
}

export function recordServed(connId: string, at: number, origin: CacheMeta['origin'] | undefined): void {
  const prev = store.get(connId) ?? {};
  update(connId, { ...prev, servedAt: at, ...(origin ? { origin } : {}) });
}

export function recordFailure(connId: string, at: number, code: ErrorCode): void {
  if (!CONNECTION_FAILURES.has(code)) return;
  const prev = store.get(connId) ?? {};
  update(connId, { ...prev, failedAt: at, failureCode: code });
}

export function useServing(connId: string): ServingState | undefined {
  return useSyncExternalStore(
    (l) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
    () => store.get(connId),
  );
}
