/**
 * Memory and I/O statements (issue 17): read-only, no binds needed (every filter is a constant list),
 * GV$ with INST_ID so one read covers every RAC instance (a single instance answers one INST_ID).
 *
 * Scope: SGA, PGA, memory parameters and V$IOSTAT_* are instance-wide. Queried from a PDB they still
 * describe the CDB instance (V$SGAINFO / V$PGASTAT rows carry CON_ID 0; there is no V$CON_SGAINFO or
 * V$CON_PGASTAT), so the view labels them CDB-wide. GV$PARAMETER in a PDB shows the PDB's value when
 * the PDB set its own (SGA_TARGET / PGA_AGGREGATE_LIMIT are PDB-modifiable from 12.2), else the CDB's.
 *
 * Licence: none of these is a pack view (not ASH/AWR/DBA_HIST_*). Units: *_SIZE and BYTES are bytes;
 * V$IOSTAT_*._MEGABYTES are 2^20 bytes; V$IOSTAT_FUNCTION.WAIT_TIME is milliseconds; the counters are
 * cumulative since each instance's startup (rates are computed in main from two reads).
 */
import { type CatalogQuery, epochMs } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

export const SGA_COMPONENTS = q({
  id: 'memory-io.sga-components',
  resource: 'memory-io',
  sql: `
    SELECT c.inst_id, c.component, c.current_size, c.min_size, c.max_size, c.user_specified_size,
           c.granule_size, c.oper_count
    FROM gv$sga_dynamic_components c`,
  binds: [],
  columns: [
    'INST_ID',
    'COMPONENT',
    'CURRENT_SIZE',
    'MIN_SIZE',
    'MAX_SIZE',
    'USER_SPECIFIED_SIZE',
    'GRANULE_SIZE',
    'OPER_COUNT',
  ],
  views: ['GV$SGA_DYNAMIC_COMPONENTS'],
});

/** V$SGAINFO names the console reads (exact strings). */
export const SGA_INFO_NAMES = {
  fixed: 'Fixed SGA Size',
  redo: 'Redo Buffers',
  bufferCache: 'Buffer Cache Size',
  inMemory: 'In-Memory Area Size',
  sharedPool: 'Shared Pool Size',
  largePool: 'Large Pool Size',
  javaPool: 'Java Pool Size',
  streamsPool: 'Streams Pool Size',
  sharedIoPool: 'Shared IO Pool Size',
  granule: 'Granule Size',
  max: 'Maximum SGA Size',
  free: 'Free SGA Memory Available',
} as const;
/** The V$SGAINFO parts whose sum is the SGA's current size (the rest are limits, granule, free). */
export const SGA_SIZED_PARTS: readonly string[] = [
  SGA_INFO_NAMES.fixed,
  SGA_INFO_NAMES.redo,
  SGA_INFO_NAMES.bufferCache,
  SGA_INFO_NAMES.inMemory,
  SGA_INFO_NAMES.sharedPool,
  SGA_INFO_NAMES.largePool,
  SGA_INFO_NAMES.javaPool,
  SGA_INFO_NAMES.streamsPool,
  SGA_INFO_NAMES.sharedIoPool,
];

const list = (names: readonly string[]) => names.map((n) => `'${n}'`).join(', ');

export const SGA_INFO = q({
  id: 'memory-io.sgainfo',
  resource: 'memory-io',
  sql: `
    SELECT s.inst_id, s.name, s.bytes
    FROM gv$sgainfo s
    WHERE s.name IN (${list(Object.values(SGA_INFO_NAMES))})`,
  binds: [],
  columns: ['INST_ID', 'NAME', 'BYTES'],
  views: ['GV$SGAINFO'],
});

/** Memory parameters, in bytes (their VALUE is a decimal string of bytes). */
export const MEMORY_PARAMETER_NAMES = [
  'sga_target',
  'sga_max_size',
  'memory_target',
  'pga_aggregate_limit',
] as const;

export const MEMORY_PARAMETERS = q({
  id: 'memory-io.parameters',
  resource: 'memory-io',
  sql: `
    SELECT p.inst_id, p.name, TO_NUMBER(p.value) AS value
    FROM gv$parameter p
    WHERE p.name IN (${list(MEMORY_PARAMETER_NAMES)})`,
  binds: [],
  columns: ['INST_ID', 'NAME', 'VALUE'],
  views: ['GV$PARAMETER'],
});

/** V$PGASTAT names the console reads (exact strings) and their units (bytes, a count, percent). */
export const PGA_STAT_NAMES = {
  target: 'aggregate PGA target parameter',
  allocated: 'total PGA allocated',
  inUse: 'total PGA inuse',
  maxAllocated: 'maximum PGA allocated',
  overAllocation: 'over allocation count',
  cacheHit: 'cache hit percentage',
} as const;

export const PGA_STAT = q({
  id: 'memory-io.pgastat',
  resource: 'memory-io',
  sql: `
    SELECT p.inst_id, p.name, p.value, p.unit
    FROM gv$pgastat p
    WHERE p.name IN (${list(Object.values(PGA_STAT_NAMES))})`,
  binds: [],
  columns: ['INST_ID', 'NAME', 'VALUE', 'UNIT'],
  views: ['GV$PGASTAT'],
});

const ioColumns = [
  'SMALL_READ_REQS',
  'LARGE_READ_REQS',
  'SMALL_WRITE_REQS',
  'LARGE_WRITE_REQS',
  'READ_MB',
  'WRITE_MB',
] as const;
const ioSums = `
    SUM(x.small_read_reqs) AS small_read_reqs, SUM(x.large_read_reqs) AS large_read_reqs,
    SUM(x.small_write_reqs) AS small_write_reqs, SUM(x.large_write_reqs) AS large_write_reqs,
    SUM(x.small_read_megabytes + x.large_read_megabytes) AS read_mb,
    SUM(x.small_write_megabytes + x.large_write_megabytes) AS write_mb`;

/** Per instance and file type (V$IOSTAT_FILE has a row per data/temp file: summed per FILETYPE_NAME). */
export const IOSTAT_FILE = q({
  id: 'memory-io.iostat-file',
  resource: 'memory-io',
  sql: `
    SELECT x.inst_id, x.filetype_name, ${ioSums.trim()}
    FROM gv$iostat_file x
    GROUP BY x.inst_id, x.filetype_name`,
  binds: [],
  columns: ['INST_ID', 'FILETYPE_NAME', ...ioColumns],
  views: ['GV$IOSTAT_FILE'],
});

/** Per instance and function (DBWR, LGWR, Buffer Cache Reads, Direct Reads, ...), with wait time (ms). */
export const IOSTAT_FUNCTION = q({
  id: 'memory-io.iostat-function',
  resource: 'memory-io',
  sql: `
    SELECT x.inst_id, x.function_name, ${ioSums.trim()},
           SUM(x.number_of_waits) AS number_of_waits, SUM(x.wait_time) AS wait_time
    FROM gv$iostat_function x
    GROUP BY x.inst_id, x.function_name`,
  binds: [],
  columns: ['INST_ID', 'FUNCTION_NAME', ...ioColumns, 'NUMBER_OF_WAITS', 'WAIT_TIME'],
  views: ['GV$IOSTAT_FUNCTION'],
});

/**
 * Each instance's startup (an instant) and the database clock: a changed STARTUP_TIME is the proof an
 * instance restarted (its counters began again), as for the wait events.
 */
export const MEMORY_IO_UPTIME = q({
  id: 'memory-io.uptime',
  resource: 'memory-io',
  sql: `
    SELECT i.inst_id, ${epochMs('i.startup_time')} AS startup_time, ${epochMs('SYSDATE')} AS db_now
    FROM gv$instance i`,
  binds: [],
  columns: ['INST_ID', 'STARTUP_TIME', 'DB_NOW'],
  views: ['GV$INSTANCE'],
  instantColumns: ['STARTUP_TIME', 'DB_NOW'],
});

export const MEMORY_IO_QUERIES: readonly CatalogQuery[] = [
  SGA_COMPONENTS,
  SGA_INFO,
  MEMORY_PARAMETERS,
  PGA_STAT,
  IOSTAT_FILE,
  IOSTAT_FUNCTION,
  MEMORY_IO_UPTIME,
];
