/** Messages and configs shared by the bench and its console workers. */

export interface ConsoleConfig {
  role: 'console';
  index: number;
  cached: boolean;
  redisUrl: string;
  oraclePort: number;
  accel: number;
  connId: string;
  durationMs: number;
  /** per-request limit (real ms); slower answers count as failed */
  timeoutMs: number;
  seed: number;
}

export interface StampedeConfig {
  role: 'stampede';
  index: number;
  redisUrl: string;
  oraclePort: number;
}

/** One answer: [epoch ms at start, latency µs, origin code, ok (1/0), view index] */
export type Sample = [number, number, number, number, number];
export const ORIGINS = ['l1', 'l2', 'oracle', 'stale', 'none', 'error', 'timeout'] as const;
