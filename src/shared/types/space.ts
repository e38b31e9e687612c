/**
 * Space (issue 17): tablespaces, the fast recovery area, ASM disk groups (one slow read, `tms:{connId}:space`)
 * and TEMP usage by session (a fast read, `tms:{connId}:temp-usage`).
 *
 * Units: every size is in BYTES (the renderer shows binary units: KiB/MiB/GiB = 1024^n). Every "% used"
 * of a tablespace is of its MAXIMUM size — autoextend included — as DBA_TABLESPACE_USAGE_METRICS computes
 * it (USED_PERCENT), not of the size currently allocated: a tablespace at 40 % of its current files may be
 * at 95 % of what it can ever grow to.
 */

/**
 * What the rows cover:
 * - 'pdb'      the connected PDB's own (DBA_* / V$ inside a PDB);
 * - 'root'     CDB$ROOT's own only (connected to the root without CONTAINER_DATA for the PDBs);
 * - 'cdb'      every container of the CDB the account may see (CDB_* / V$ from the root with CONTAINER_DATA),
 *              or a figure Oracle keeps only for the whole CDB (the recovery area, ASM);
 * - 'database' a non-CDB.
 */
export type SpaceScope = 'pdb' | 'root' | 'cdb' | 'database';

/** A section the account may not read: the views refused and the exact GRANT a DBA should run. */
export interface SpaceDenied {
  views: string[];
  grant: string;
}

/** One section of the space read: its data, or why it could not be read (the others still are). */
export type SpaceSection<T> = { ok: true; data: T } | { ok: false; denied: SpaceDenied };

export interface TablespaceRow {
  /** CON_ID and container name (CDB_* from the root); null when the rows are of one container */
  conId: number | null;
  container: string | null;
  name: string;
  /** DBA_TABLESPACES.CONTENTS: PERMANENT, UNDO, TEMPORARY (LOST WRITE PROTECTION in 21c+) */
  contents: string;
  /** bytes per block of this tablespace */
  blockSize: number;
  bigfile: boolean;
  /** space in use (USED_SPACE × BLOCK_SIZE) */
  usedBytes: number;
  /** sum of the data/temp files' current sizes (DBA_DATA_FILES / DBA_TEMP_FILES .BYTES); null if unknown */
  allocatedBytes: number | null;
  /** the maximum size: files' MAXBYTES where autoextensible, else their size (TABLESPACE_SIZE × BLOCK_SIZE) */
  maxBytes: number;
  /** maxBytes − usedBytes */
  freeBytes: number;
  /** USED_PERCENT: used of the MAXIMUM size (autoextend included), 0-100 */
  usedPct: number;
  files: number | null;
  /** files that may still autoextend (AUTOEXTENSIBLE = 'YES') */
  autoextensibleFiles: number | null;
  /** the files reached their maximum: allocated ≥ maximum, the tablespace cannot grow any more */
  atMaxSize: boolean;
}

export interface TablespacesData {
  scope: SpaceScope;
  /** 'dba': DBA_* (this container's); 'cdb': CDB_* from CDB$ROOT (a row per container and tablespace) */
  source: 'dba' | 'cdb';
  /** sorted by usedPct (of the maximum), fullest first */
  rows: TablespaceRow[];
}

export interface RecoveryAreaUsage {
  /** V$RECOVERY_AREA_USAGE.FILE_TYPE: ARCHIVED LOG, BACKUP PIECE, FLASHBACK LOG, ... */
  fileType: string;
  /** of the recovery area's SPACE_LIMIT, 0-100 */
  usedPct: number;
  reclaimablePct: number;
  files: number;
}

export interface RecoveryAreaData {
  /** Oracle keeps the recovery area for the whole CDB: 'cdb' in a PDB or the root, 'database' in a non-CDB */
  scope: SpaceScope;
  /** false: DB_RECOVERY_FILE_DEST is not set (no fast recovery area) */
  configured: boolean;
  /** DB_RECOVERY_FILE_DEST (a path, or +DISKGROUP) */
  name: string | null;
  limitBytes: number;
  usedBytes: number;
  /** space Oracle may delete when it needs room (backed up / obsolete files) */
  reclaimableBytes: number;
  files: number;
  /** usedBytes of limitBytes, 0-100 (null when no limit) */
  usedPct: number | null;
  /** (used − reclaimable) of the limit: what is really taken */
  usedNetPct: number | null;
  usage: RecoveryAreaUsage[];
}

export interface AsmDiskGroupRow {
  name: string;
  /** MOUNTED, CONNECTED, DISMOUNTED ... */
  state: string;
  /** redundancy: EXTERN, NORMAL, HIGH, FLEX, EXTEND */
  type: string;
  totalBytes: number;
  freeBytes: number;
  /** USABLE_FILE_MB: free space for new files after mirroring and the mirror reserve (may be negative) */
  usableFileBytes: number;
  requiredMirrorFreeBytes: number;
  /** (total − free) of total, raw disk space, 0-100 */
  usedPct: number;
  offlineDisks: number;
}

export interface AsmData {
  /** the instance's view of ASM (for every database and container on the cluster) */
  scope: SpaceScope;
  /** false: no disk group (the database does not use ASM) — not an error */
  present: boolean;
  /** fullest first */
  groups: AsmDiskGroupRow[];
}

export interface SpaceSnapshot {
  /** console clock when read (epoch ms) */
  sampledAt: number;
  tablespaces: SpaceSection<TablespacesData>;
  recoveryArea: SpaceSection<RecoveryAreaData>;
  asm: SpaceSection<AsmData>;
}

export interface TempUserRow {
  instId: number;
  conId: number;
  sid: number;
  serial: number;
  username: string | null;
  program: string | null;
  module: string | null;
  /** the statement that owns the temp segments (SQL_ID_TEMPSEG when known, else the session's SQL_ID) */
  sqlId: string | null;
  tablespace: string;
  /** SORT, HASH, DATA, INDEX, LOB_DATA, LOB_INDEX */
  segmentTypes: string[];
  blocks: number;
  /** blocks × the block size */
  bytes: number;
}

export interface TempUsageSnapshot {
  sampledAt: number;
  /** the PDB's sessions in a PDB; the visible containers' from the root */
  scope: SpaceScope;
  instanceScope: 'instance' | 'cluster';
  /** DB_BLOCK_SIZE (temporary tablespaces use the standard block size) */
  blockSize: number;
  totalBytes: number;
  /** biggest first */
  rows: TempUserRow[];
}
