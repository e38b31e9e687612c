/**
 * Space and limits (issue 17): tablespaces, TEMP by session, the fast recovery area, ASM disk groups,
 * V$RESOURCE_LIMIT. Read-only, no binds needed, no pack views (oracle.md 1.3 / 2.8).
 *
 * Cost: DBA_TABLESPACE_USAGE_METRICS is Oracle's own computation of used vs maximum size (no
 * DBA_FREE_SPACE scan, which is slow on fragmented tablespaces); DBA_DATA_FILES / DBA_TEMP_FILES add the
 * current file sizes and autoextend. V$ASM_DISKGROUP_STAT, not V$ASM_DISKGROUP: the _STAT view answers
 * from memory, V$ASM_DISKGROUP runs a disk discovery on every query.
 *
 * Scope: DBA_* inside a PDB are the PDB's tablespaces; in CDB$ROOT they are the root's only, so the root
 * reads CDB_* (a row per container, as far as CONTAINER_DATA allows). V$RECOVERY_FILE_DEST /
 * V$RECOVERY_AREA_USAGE, V$ASM_DISKGROUP_STAT and V$RESOURCE_LIMIT are for the whole CDB / instance even
 * when read from a PDB. V$TEMPSEG_USAGE in a PDB lists the PDB's sessions.
 */
import { type CatalogQuery, epochMs } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

export const TABLESPACE_COLUMNS = [
  'CON_ID',
  'TABLESPACE_NAME',
  'CONTENTS',
  'BLOCK_SIZE',
  'BIGFILE',
  'USED_SPACE',
  'TABLESPACE_SIZE',
  'USED_PERCENT',
  'ALLOCATED_BYTES',
  'FILE_COUNT',
  'AUTOEXT_FILES',
] as const;

/**
 * USED_SPACE and TABLESPACE_SIZE are in blocks of the tablespace; TABLESPACE_SIZE is the MAXIMUM size
 * (autoextend counted), USED_PERCENT is of it. `prefix` DBA (this container) or CDB (every container;
 * joins also on CON_ID).
 */
const tablespaceSelect = (prefix: 'dba' | 'cdb') => {
  const con = prefix === 'cdb';
  const onCon = (a: string, b: string) => (con ? ` AND ${a}.con_id = ${b}.con_id` : '');
  const fileCols = (alias: string) =>
    `${con ? `${alias}.con_id, ` : ''}${alias}.tablespace_name, SUM(${alias}.bytes) AS allocated_bytes, COUNT(*) AS file_count,
             SUM(CASE WHEN ${alias}.autoextensible = 'YES' THEN 1 ELSE 0 END) AS autoext_files`;
  const groupBy = (alias: string) => `GROUP BY ${con ? `${alias}.con_id, ` : ''}${alias}.tablespace_name`;
  return `
    SELECT ${con ? 'm.con_id' : 'CAST(NULL AS NUMBER) AS con_id'}, m.tablespace_name, t.contents, t.block_size, t.bigfile,
           m.used_space, m.tablespace_size, ROUND(m.used_percent, 2) AS used_percent,
           f.allocated_bytes, f.file_count, f.autoext_files
    FROM ${prefix}_tablespace_usage_metrics m
    JOIN ${prefix}_tablespaces t ON t.tablespace_name = m.tablespace_name${onCon('t', 'm')}
    LEFT JOIN (
      SELECT ${fileCols('d')} FROM ${prefix}_data_files d ${groupBy('d')}
      UNION ALL
      SELECT ${fileCols('x')} FROM ${prefix}_temp_files x ${groupBy('x')}
    ) f ON f.tablespace_name = m.tablespace_name${onCon('f', 'm')}
    ORDER BY m.used_percent DESC`;
};

export const SPACE_TABLESPACES = q({
  id: 'space.tablespaces',
  resource: 'space',
  sql: tablespaceSelect('dba'),
  binds: [],
  columns: TABLESPACE_COLUMNS,
  views: ['DBA_TABLESPACE_USAGE_METRICS', 'DBA_TABLESPACES', 'DBA_DATA_FILES', 'DBA_TEMP_FILES'],
});

/** From CDB$ROOT: every container's tablespaces (what CONTAINER_DATA lets the common user see). */
export const SPACE_TABLESPACES_CDB = q({
  id: 'space.tablespaces-cdb',
  resource: 'space',
  sql: tablespaceSelect('cdb'),
  binds: [],
  columns: TABLESPACE_COLUMNS,
  views: ['CDB_TABLESPACE_USAGE_METRICS', 'CDB_TABLESPACES', 'CDB_DATA_FILES', 'CDB_TEMP_FILES'],
});

/** The recovery area (CDB-wide; SPACE_LIMIT 0 / NAME NULL when DB_RECOVERY_FILE_DEST is not set). */
export const SPACE_RECOVERY_DEST = q({
  id: 'space.recovery-dest',
  resource: 'space',
  sql: `
    SELECT r.name, r.space_limit, r.space_used, r.space_reclaimable, r.number_of_files
    FROM v$recovery_file_dest r`,
  binds: [],
  columns: ['NAME', 'SPACE_LIMIT', 'SPACE_USED', 'SPACE_RECLAIMABLE', 'NUMBER_OF_FILES'],
  views: ['V$RECOVERY_FILE_DEST'],
});

/** What fills it, by file type, in % of SPACE_LIMIT. */
export const SPACE_RECOVERY_USAGE = q({
  id: 'space.recovery-usage',
  resource: 'space',
  sql: `
    SELECT u.file_type, u.percent_space_used, u.percent_space_reclaimable, u.number_of_files
    FROM v$recovery_area_usage u
    ORDER BY u.percent_space_used DESC`,
  binds: [],
  columns: ['FILE_TYPE', 'PERCENT_SPACE_USED', 'PERCENT_SPACE_RECLAIMABLE', 'NUMBER_OF_FILES'],
  views: ['V$RECOVERY_AREA_USAGE'],
});

/** ASM disk groups from memory (no discovery); no rows when the database does not use ASM. Sizes in MB. */
export const SPACE_ASM = q({
  id: 'space.asm',
  resource: 'space',
  sql: `
    SELECT g.name, g.state, g.type, g.total_mb, g.free_mb, g.usable_file_mb, g.required_mirror_free_mb,
           g.offline_disks
    FROM v$asm_diskgroup_stat g`,
  binds: [],
  columns: [
    'NAME',
    'STATE',
    'TYPE',
    'TOTAL_MB',
    'FREE_MB',
    'USABLE_FILE_MB',
    'REQUIRED_MIRROR_FREE_MB',
    'OFFLINE_DISKS',
  ],
  views: ['V$ASM_DISKGROUP_STAT'],
});

export const TEMP_USER_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'SID',
  'SERIAL_NO',
  'USERNAME',
  'PROGRAM',
  'MODULE',
  'SQL_ID',
  'TABLESPACE',
  'SEGTYPES',
  'BLOCKS',
  'BLOCK_SIZE',
] as const;

/**
 * TEMP in use by session, every instance (GV$; on one instance INST_ID is 1). V$TEMPSEG_USAGE's
 * SESSION_ADDR / SESSION_NUM are the session's SADDR / SERIAL#. Temporary tablespaces use the standard
 * block size, so DB_BLOCK_SIZE turns blocks into bytes (no DBA_* needed).
 */
export const TEMP_USERS = q({
  id: 'temp-usage.sessions',
  resource: 'temp-usage',
  sql: `
    SELECT u.inst_id, s.con_id, s.sid, s.serial# AS serial_no, s.username, s.program, s.module,
           MAX(NVL(u.sql_id_tempseg, s.sql_id)) AS sql_id, u.tablespace,
           LISTAGG(u.segtype, ',') WITHIN GROUP (ORDER BY u.segtype) AS segtypes,
           SUM(u.blocks) AS blocks,
           (SELECT TO_NUMBER(p.value) FROM v$parameter p WHERE p.name = 'db_block_size') AS block_size
    FROM gv$tempseg_usage u
    JOIN gv$session s
      ON s.inst_id = u.inst_id AND s.saddr = u.session_addr AND s.serial# = u.session_num
    GROUP BY u.inst_id, s.con_id, s.sid, s.serial#, s.username, s.program, s.module, u.tablespace
    ORDER BY SUM(u.blocks) DESC`,
  binds: [],
  columns: TEMP_USER_COLUMNS,
  views: ['GV$TEMPSEG_USAGE', 'GV$SESSION', 'V$PARAMETER'],
});

/**
 * Every instance's resource limits with its startup (the high-water marks count from there).
 * INITIAL_ALLOCATION and LIMIT_VALUE are VARCHAR2 (a number, or ' UNLIMITED'): trimmed here, parsed in
 * the mapper.
 */
export const RESOURCE_LIMITS = q({
  id: 'limits.resource-limit',
  resource: 'limits',
  sql: `
    SELECT r.inst_id, r.resource_name, r.current_utilization, r.max_utilization,
           TRIM(r.initial_allocation) AS initial_allocation, TRIM(r.limit_value) AS limit_value,
           ${epochMs('i.startup_time')} AS startup_time
    FROM gv$resource_limit r
    JOIN gv$instance i ON i.inst_id = r.inst_id
    ORDER BY r.inst_id, r.resource_name`,
  binds: [],
  columns: [
    'INST_ID',
    'RESOURCE_NAME',
    'CURRENT_UTILIZATION',
    'MAX_UTILIZATION',
    'INITIAL_ALLOCATION',
    'LIMIT_VALUE',
    'STARTUP_TIME',
  ],
  views: ['GV$RESOURCE_LIMIT', 'GV$INSTANCE'],
  instantColumns: ['STARTUP_TIME'],
});

export const SPACE_QUERIES: readonly CatalogQuery[] = [
  SPACE_TABLESPACES,
  SPACE_TABLESPACES_CDB,
  SPACE_RECOVERY_DEST,
  SPACE_RECOVERY_USAGE,
  SPACE_ASM,
  TEMP_USERS,
  RESOURCE_LIMITS,
];
