/**
 * The demo's storage (issue 17), consistent with its world: every container has its tablespaces
 * (SALESPDB or the non-CDB carry the workload: SALES_DATA near full with autoextend left, SALES_IDX at
 * its MAXSIZE), TEMP is used by a few of the world's own sessions (real SIDs; a killed one frees its
 * TEMP), the recovery area is ~65 % used, ASM exists only in the RAC worlds, and V$RESOURCE_LIMIT's
 * `processes` / `sessions` follow the sessions on each instance.
 */
import { hash01 } from '../prng';
import { OWN_USER } from '../world/model';
import { HR_PDB, ROOT, SALES_PDB } from '../world/topology';
import type { DemoWorld } from '../world/world';

export const MB = 1024 * 1024;
export const BLOCK = 8192;
const HOUR = 3_600_000;

export interface DemoTablespace {
  conId: number;
  name: string;
  contents: 'PERMANENT' | 'UNDO' | 'TEMPORARY';
  bigfile: boolean;
  files: number;
  autoextFiles: number;
  allocatedMb: number;
  maxMb: number;
  /** used at time t (MB); TEMP is computed from the TEMP users instead */
  usedMb: (t: number) => number;
}

const steady = (mb: number) => () => mb;
/** grows `mbPerHour` from the world's creation, never past `capMb` */
const growing = (w: DemoWorld, mb: number, mbPerHour: number, capMb: number) => (t: number) =>
  Math.min(capMb, mb + (Math.max(0, t - w.createdAt) / HOUR) * mbPerHour);
/** undo in use breathes with the load (15-minute buckets) */
const breathing = (w: DemoWorld, conId: number, base: number, span: number) => (t: number) =>
  Math.round(base + span * hash01(w.seed, conId, Math.floor(t / 900_000), 31));

const AUTO32G = 32_767;

function systemSet(w: DemoWorld, conId: number, sizes: { sys: number; aux: number; undo: number }) {
  const list: DemoTablespace[] = [
    ts(conId, 'SYSTEM', 'PERMANENT', 1, 1, sizes.sys + 80, AUTO32G, steady(sizes.sys)),
    ts(
      conId,
      'SYSAUX',
      'PERMANENT',
      1,
      1,
      sizes.aux + 220,
      AUTO32G,
      growing(w, sizes.aux, 2, sizes.aux + 200),
    ),
    ts(conId, 'UNDOTBS1', 'UNDO', 1, 1, 4096, AUTO32G, breathing(w, conId, sizes.undo, 600)),
    ts(conId, 'USERS', 'PERMANENT', 1, 1, 512, AUTO32G, steady(184)),
  ];
  // RAC with local undo: one undo tablespace per instance
  if (w.topology.instances === 2) {
    list.push(ts(conId, 'UNDOTBS2', 'UNDO', 1, 1, 4096, AUTO32G, breathing(w, conId + 100, sizes.undo, 500)));
  }
  return list;
}

function ts(
  conId: number,
  name: string,
  contents: DemoTablespace['contents'],
  files: number,
  autoextFiles: number,
  allocatedMb: number,
  maxMb: number,
  usedMb: (t: number) => number,
): DemoTablespace {
  return { conId, name, contents, bigfile: false, files, autoextFiles, allocatedMb, maxMb, usedMb };
}

/** Every tablespace of every container of the world. */
export function demoTablespaces(w: DemoWorld): DemoTablespace[] {
  const main = w.topology.connectTo === 'non-cdb' ? 0 : SALES_PDB.conId;
  const out: DemoTablespace[] = [
    ...systemSet(w, main, { sys: 1020, aux: 2380, undo: 900 }),
    // near full, autoextend left: 4 files of at most 32 GB each, 119 GB allocated, ~90 % of the maximum
    ts(main, 'SALES_DATA', 'PERMANENT', 4, 4, 121_856, 4 * AUTO32G, growing(w, 118_500, 40, 121_700)),
    // at MAXSIZE: its one file autoextended up to its 16 GB limit, ~97.6 % used, cannot grow
    ts(main, 'SALES_IDX', 'PERMANENT', 1, 1, 16_384, 16_384, growing(w, 15_990, 4, 16_300)),
    ts(main, 'TEMP', 'TEMPORARY', 1, 1, 8192, AUTO32G, steady(0)),
  ];
  if (w.topology.connectTo !== 'non-cdb') {
    out.push(
      ...systemSet(w, ROOT.conId, { sys: 1010, aux: 3900, undo: 300 }),
      ts(ROOT.conId, 'TEMP', 'TEMPORARY', 1, 1, 512, AUTO32G, steady(0)),
      ...systemSet(w, HR_PDB.conId, { sys: 640, aux: 1100, undo: 120 }),
      ts(HR_PDB.conId, 'HR_DATA', 'PERMANENT', 1, 1, 6144, 10_240, growing(w, 4710, 1, 6000)),
      ts(HR_PDB.conId, 'TEMP', 'TEMPORARY', 1, 1, 1024, AUTO32G, steady(0)),
    );
  }
  return out;
}

export interface DemoTempUser {
  instId: number;
  conId: number;
  sid: number;
  serial: number;
  username: string;
  program: string;
  module: string;
  sqlId: string | null;
  segtypes: string[];
  blocks: number;
}

/** How many TEMP users per container, their size (blocks of 8 KiB at rank n) and segment types. */
const TEMP_RANKS = [
  { blocks: 393_216, segtypes: ['HASH', 'SORT'] }, // 3 GiB: a batch's hash join spilling
  { blocks: 131_072, segtypes: ['SORT'] },
  { blocks: 51_200, segtypes: ['DATA', 'INDEX'] }, // a global temporary table
  { blocks: 12_800, segtypes: ['SORT'] },
  { blocks: 2_560, segtypes: ['LOB_DATA'] },
];

/**
 * The sessions using TEMP at t: in each container, the user sessions ranked by a hash of their SID (the
 * same sessions all along, so a DBA can find them in the Sessions view); sizes breathe by ±20 % per minute.
 */
export function demoTempUsers(w: DemoWorld, t: number): DemoTempUser[] {
  const byCon = new Map<number, { s: import('../world/model').DemoSession; h: number }[]>();
  for (const s of w.sessions.values()) {
    if (s.username === OWN_USER) continue;
    const list = byCon.get(s.conId) ?? [];
    list.push({ s, h: hash01(w.seed, s.instId, s.sid, 4177) });
    byCon.set(s.conId, list);
  }
  const out: DemoTempUser[] = [];
  for (const [conId, list] of byCon) {
    const n = conId === HR_PDB.conId ? 2 : TEMP_RANKS.length;
    list.sort((a, b) => a.h - b.h);
    list.slice(0, n).forEach(({ s }, rank) => {
      const r = TEMP_RANKS[rank] ?? TEMP_RANKS[TEMP_RANKS.length - 1]!;
      const wave = 0.8 + 0.4 * hash01(w.seed, s.sid, Math.floor(t / 60_000), 4178);
      out.push({
        instId: s.instId,
        conId,
        sid: s.sid,
        serial: s.serial,
        username: s.username,
        program: s.program,
        module: s.module,
        sqlId: s.sqlPool[0] ?? null,
        segtypes: r.segtypes,
        // temp segments grow by extents of 1 MiB (128 blocks)
        blocks: Math.max(128, Math.round((r.blocks * wave) / 128) * 128),
      });
    });
  }
  return out;
}

/** The recovery area: 500 GiB, ~65 % used, ~12 % reclaimable; archived logs breathe with the hour. */
export const FRA_LIMIT_BYTES = 500 * 1024 * MB;
export function demoRecoveryUsage(w: DemoWorld, t: number) {
  const archived = 47.2 + 1.6 * hash01(w.seed, Math.floor(t / HOUR), 991);
  return [
    { type: 'ARCHIVED LOG', used: archived, reclaimable: 11.4, files: 1_840 },
    { type: 'BACKUP PIECE', used: 14.1, reclaimable: 0.6, files: 96 },
    { type: 'FLASHBACK LOG', used: 1.9, reclaimable: 0, files: 24 },
    { type: 'CONTROL FILE', used: 0.02, reclaimable: 0, files: 1 },
    { type: 'REDO LOG', used: 0, reclaimable: 0, files: 0 },
    { type: 'IMAGE COPY', used: 0, reclaimable: 0, files: 0 },
    { type: 'FOREIGN ARCHIVED LOG', used: 0, reclaimable: 0, files: 0 },
    { type: 'AUXILIARY DATAFILE COPY', used: 0, reclaimable: 0, files: 0 },
  ].map((u) => ({ ...u, used: Math.round(u.used * 100) / 100 }));
}

/** ASM disk groups (MB) in the RAC worlds only: DATA and FRA, NORMAL redundancy. */
export function demoAsm(w: DemoWorld, t: number) {
  if (w.topology.instances !== 2) return [];
  const fraUsedMb = (demoRecoveryUsage(w, t).reduce((a, u) => a + u.used, 0) / 100) * (FRA_LIMIT_BYTES / MB);
  const group = (name: string, total: number, free: number, mirrorReserve: number) => ({
    NAME: name,
    STATE: 'MOUNTED',
    TYPE: 'NORMAL',
    TOTAL_MB: total,
    FREE_MB: free,
    // NORMAL redundancy: what new files may use is half of the free space beyond the mirror reserve
    USABLE_FILE_MB: Math.floor((free - mirrorReserve) / 2),
    REQUIRED_MIRROR_FREE_MB: mirrorReserve,
    OFFLINE_DISKS: 0,
  });
  const fraTotal = 1_048_576;
  return [
    group('DATA', 8_388_608, 2_936_012, 1_048_576),
    group('FRA', fraTotal, Math.round(fraTotal - 2 * fraUsedMb - 4096), 262_144),
  ];
}

export interface DemoLimit {
  name: string;
  current: number;
  max: number;
  initial: string;
  limit: string;
}

const roundUp = (n: number, step: number) => Math.ceil(n / step) * step;

/**
 * V$RESOURCE_LIMIT of one instance: processes = the instance's sessions (every container) + background
 * processes; sessions a little more (recursive sessions); the high-water marks above them since startup.
 */
export function demoLimits(w: DemoWorld, instId: number, tempUsers: number): DemoLimit[] {
  let userSessions = 0;
  for (const s of w.sessions.values()) if (s.instId === instId) userSessions++;
  const rac = w.topology.instances === 2;
  const background = rac ? 74 : 62;
  const processes = userSessions + background;
  // the instance's PROCESSES parameter: 640, more for the benches' 10 000 sessions
  const procLimit = Math.max(640, roundUp(processes * 1.25, 100));
  const sessLimit = Math.floor(procLimit * 1.5) + 22;
  const hwm = (v: number, f: number) => Math.round(v * f);
  const rows: DemoLimit[] = [
    {
      name: 'processes',
      current: processes,
      max: Math.min(procLimit, hwm(processes, 1.18)),
      initial: `${procLimit}`,
      limit: `${procLimit}`,
    },
    {
      name: 'sessions',
      current: processes + 9,
      max: Math.min(sessLimit, hwm(processes + 9, 1.2)),
      initial: `${sessLimit}`,
      limit: `${sessLimit}`,
    },
    {
      name: 'enqueue_locks',
      current: hwm(userSessions, 0.9) + 40,
      max: hwm(userSessions, 1.6) + 60,
      initial: '11640',
      limit: '11640',
    },
    { name: 'enqueue_resources', current: 2_108, max: 2_904, initial: '4700', limit: 'UNLIMITED' },
    {
      name: 'transactions',
      current: hwm(userSessions, 0.12),
      max: hwm(userSessions, 0.4),
      initial: `${Math.floor(sessLimit * 1.1)}`,
      limit: 'UNLIMITED',
    },
    {
      name: 'dml_locks',
      current: hwm(userSessions, 0.15),
      max: hwm(userSessions, 0.7),
      initial: `${Math.floor(sessLimit * 4.4)}`,
      limit: 'UNLIMITED',
    },
    {
      name: 'max_rollback_segments',
      current: 22,
      max: 24,
      initial: `${Math.floor(sessLimit * 1.1)}`,
      limit: '65535',
    },
    { name: 'parallel_max_servers', current: 8, max: 80, initial: '80', limit: '32767' },
    {
      name: 'sort_segment_locks',
      current: tempUsers,
      max: Math.max(tempUsers, 38),
      initial: 'UNLIMITED',
      limit: 'UNLIMITED',
    },
    { name: 'temporary_table_locks', current: 1, max: 12, initial: 'UNLIMITED', limit: 'UNLIMITED' },
    { name: 'max_shared_servers', current: 1, max: 1, initial: 'UNLIMITED', limit: 'UNLIMITED' },
  ];
  if (rac) {
    // Global Cache Service resources: near their limit since a load peak (the high-water mark)
    rows.push(
      { name: 'gcs_resources', current: 418_206, max: 512_004, initial: '602112', limit: '602112' },
      { name: 'gcs_shadows', current: 301_550, max: 377_120, initial: '602112', limit: '602112' },
      {
        name: 'ges_procs',
        current: processes,
        max: hwm(processes, 1.18),
        initial: `${procLimit}`,
        limit: `${procLimit}`,
      },
      { name: 'ges_ress', current: 8_211, max: 9_104, initial: '15040', limit: 'UNLIMITED' },
      { name: 'ges_locks', current: 6_032, max: 7_310, initial: '20500', limit: 'UNLIMITED' },
    );
  }
  return rows;
}
