/**
 * Long operations (issue 17): V$SESSION_LONGOPS (GV$ on RAC) in progress, and those finished in the last
 * LONG_OPS_RECENT_MIN minutes (labelled so). Plain JSON shared by main and the renderer.
 *
 * Units: `sofar`/`totalWork` are in `units` (Blocks, Objects, ...); seconds are seconds; times are
 * instants (epoch ms, UTC) computed in SQL from the host's zoneless DATEs. `timeRemainingSec` is ORACLE'S
 * ESTIMATE (elapsed × remaining work ÷ work done), not a measurement. Scope: what V$SESSION_LONGOPS shows
 * the connected container (a PDB: its own sessions; CDB$ROOT: every container; on RAC every instance).
 */
import type { InstanceScope, MetricScope } from './oracle';

/** Finished operations stay listed this long after their last update. */
export const LONG_OPS_RECENT_MIN = 5;
export const LONG_OPS_MAX_ROWS = 200;

export interface LongOpRow {
  instId: number;
  conId: number;
  sid: number;
  serial: number;
  username: string | null;
  opname: string;
  target: string | null;
  targetDesc: string | null;
  sofar: number;
  totalWork: number;
  units: string | null;
  /** SOFAR ÷ TOTALWORK × 100, null when TOTALWORK is 0 */
  pctDone: number | null;
  /** START_TIME as an instant */
  startTime: number | null;
  /** LAST_UPDATE_TIME as an instant */
  lastUpdateTime: number | null;
  elapsedSec: number | null;
  /** Oracle's estimate; null once finished */
  timeRemainingSec: number | null;
  sqlId: string | null;
  message: string | null;
  /** SOFAR ≥ TOTALWORK: finished within LONG_OPS_RECENT_MIN minutes */
  done: boolean;
}

export interface LongOpsSnapshot {
  sampledAt: number;
  recentMinutes: number;
  ops: LongOpRow[];
  scope: MetricScope;
  instanceScope: InstanceScope;
}
