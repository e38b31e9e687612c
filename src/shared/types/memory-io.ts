/**
 * Memory and I/O (issue 17): SGA components, PGA figures and I/O by file type and by function.
 *
 * Units: every size is BYTES (the renderer shows MiB/GiB); I/O volumes are MEBIBYTES (V$IOSTAT_*
 * *_MEGABYTES are 2^20 bytes); I/O wait time is MILLISECONDS (V$IOSTAT_FUNCTION.WAIT_TIME).
 * Scope: SGA, PGA and V$IOSTAT_* are instance-wide memory and counters — in a PDB they describe the
 * whole CDB instance (`scope: 'cdb'`), never the PDB alone. RAC: per instance, plus a cluster total
 * where summing means something (sizes and rates add; percentages and granules do not).
 */
import type { InstanceScope, MetricScope } from './oracle';

/** One SGA component of one instance (V$SGA_DYNAMIC_COMPONENTS). */
export interface SgaComponent {
  instId: number;
  /** e.g. 'DEFAULT buffer cache', 'shared pool', 'large pool', 'java pool', 'streams pool', 'In-Memory Area' */
  component: string;
  currentBytes: number;
  /** smallest / largest size since instance startup */
  minBytes: number;
  maxBytes: number;
  /** the minimum set by a parameter (0: left to automatic memory management) */
  userSpecifiedBytes: number;
  granuleBytes: number;
  /** resize operations since startup */
  operationCount: number;
}

/** One instance's SGA summary (V$SGAINFO + the memory parameters). */
export interface SgaInstance {
  instId: number;
  /** sum of V$SGAINFO's sized parts (fixed, redo, buffer cache, pools, In-Memory) */
  totalBytes: number;
  /** 'Maximum SGA Size' (SGA_MAX_SIZE) */
  maxBytes: number | null;
  /** SGA_TARGET parameter (0 = automatic SGA management off) */
  targetBytes: number | null;
  /** MEMORY_TARGET parameter (0 = automatic memory management off) */
  memoryTargetBytes: number | null;
  granuleBytes: number | null;
  /** 'Free SGA Memory Available' */
  freeBytes: number | null;
}

/** One instance's V$PGASTAT figures. */
export interface PgaInstance {
  instId: number;
  /** 'aggregate PGA target parameter' */
  targetBytes: number | null;
  /** PGA_AGGREGATE_LIMIT parameter (0 = no limit) */
  limitBytes: number | null;
  /** 'total PGA allocated' / 'total PGA inuse' (now) */
  allocatedBytes: number | null;
  inUseBytes: number | null;
  /** 'maximum PGA allocated': the high-water mark since instance startup */
  maxAllocatedBytes: number | null;
  /** 'over allocation count': cumulative since instance startup */
  overAllocationCount: number | null;
  /** 'cache hit percentage' (%) since startup */
  cacheHitPct: number | null;
}

/** I/O counters of one file type or function, cumulative since startup (totals) and as rates. */
export interface IoFigures {
  smallReadReqs: number;
  largeReadReqs: number;
  smallWriteReqs: number;
  largeWriteReqs: number;
  readMiB: number;
  writeMiB: number;
}

/** An I/O line: per second over the window (null until a previous read exists), plus since-startup totals. */
export interface IoLine {
  /** FILETYPE_NAME (e.g. 'Data File', 'Log File', 'Temp File') or FUNCTION_NAME (e.g. 'Buffer Cache Reads', 'LGWR') */
  name: string;
  /** per second over `window.seconds` (cluster: each instance over its own window, added); null on a first read */
  perSec: (IoFigures & { waitMsPerSec: number | null }) | null;
  /** cumulative since each instance's startup (added over instances) */
  total: IoFigures & { waitMs: number | null; waits: number | null };
}

export interface IoInstanceWindow {
  instId: number;
  /** seconds since this gateway's previous read of this instance; null on its first read */
  seconds: number | null;
  /** the instance restarted since the previous read (STARTUP_TIME changed or counters fell): baseline reset */
  restarted: boolean;
  /** epoch ms of the instance's startup (the "since" of the totals) */
  startupTime: number | null;
}

export interface IoWindow {
  /** the longest per-instance window in seconds; null while no instance has a previous read */
  seconds: number | null;
  /** true when no rate exists yet (first read): only the cumulative totals are meaningful */
  cumulativeOnly: boolean;
  instances: IoInstanceWindow[];
}

export interface MemoryIoSnapshot {
  /** epoch ms the console read it */
  sampledAt: number;
  /** the database clock at the read (epoch ms) */
  dbTime: number | null;
  /** SGA/PGA/iostat are instance-wide: 'cdb' in a PDB or CDB$ROOT, 'database' in a non-CDB */
  scope: MetricScope;
  /** true when connected to a PDB (the figures are NOT the PDB's own: label them CDB-wide) */
  inPdb: boolean;
  instanceScope: InstanceScope;
  instIds: number[];
  sga: { instances: SgaInstance[]; components: SgaComponent[] };
  pga: PgaInstance[];
  io: {
    window: IoWindow;
    /** cluster-wide lines (sum over instances) */
    byFileType: IoLine[];
    byFunction: IoLine[];
    /** per instance (RAC): the same lines of each instance */
    perInstance: { instId: number; byFileType: IoLine[]; byFunction: IoLine[] }[];
  };
}
