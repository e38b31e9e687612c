/**
 * Memory and I/O (issue 17): GV$SGA_DYNAMIC_COMPONENTS, GV$SGAINFO, GV$PARAMETER (memory), GV$PGASTAT,
 * GV$IOSTAT_FILE / GV$IOSTAT_FUNCTION and GV$INSTANCE, per instance, instance-wide (CON_ID 0 rows: the
 * same figures in a PDB, CDB$ROOT or a non-CDB).
 *
 * Consistency with the rest of the demo: every I/O rate is a constant times the world's load factor of
 * the instance (all its containers), the same factor the dashboard's 'Physical Reads Per Sec' uses
 * (2 150 blocks/s × load × share). Data-file reads are exactly those blocks (8 KiB): 82 % single-block
 * (small) reads, 18 % in 1 MiB multiblock (large) reads. So in a non-CDB or CDB$ROOT the Data File
 * read MiB/s here = dashboard physical reads/s × 8 KiB; in a PDB the dashboard shows the PDB's share
 * (SALESPDB 1 of 1.22) while iostat is the whole CDB instance. Counters are the integral of the load
 * since the instance's startup (a smooth nominal past before the world was created), so they only grow.
 */
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const BLOCK = 8192;
const GRANULE = 16 * MiB;
/** blocks/s per unit of load and share: the dashboard's Physical Reads Per Sec (world.containerMetrics) */
const PHYS_READS_PER_LOAD = 2_150;
const REDO_BYTES_PER_LOAD = 3_300_000;
const COMMITS_PER_LOAD = 212;
const STEP_MS = 15_000;

/** SGA components of instance 1 (MiB); instance 2 moved one granule from the buffer cache to the shared pool. */
const COMPONENTS: readonly {
  name: string;
  mib: number;
  min: number;
  max: number;
  user: number;
  ops: number;
}[] = [
  { name: 'DEFAULT buffer cache', mib: 5536, min: 5504, max: 5568, user: 0, ops: 4 },
  { name: 'shared pool', mib: 1984, min: 1952, max: 2016, user: 0, ops: 4 },
  { name: 'large pool', mib: 256, min: 256, max: 256, user: 0, ops: 0 },
  { name: 'java pool', mib: 128, min: 128, max: 128, user: 0, ops: 0 },
  { name: 'streams pool', mib: 64, min: 64, max: 64, user: 64, ops: 0 },
  { name: 'Shared IO Pool', mib: 128, min: 128, max: 128, user: 0, ops: 0 },
  { name: 'In-Memory Area', mib: 0, min: 0, max: 0, user: 0, ops: 0 },
  { name: 'KEEP buffer cache', mib: 0, min: 0, max: 0, user: 0, ops: 0 },
  { name: 'RECYCLE buffer cache', mib: 0, min: 0, max: 0, user: 0, ops: 0 },
  { name: 'Data Transfer Cache', mib: 0, min: 0, max: 0, user: 0, ops: 0 },
];
const FIXED_SGA = 8_903_480;
const REDO_BUFFERS = 61_276_160;
export const DEMO_SGA_TARGET = 8 * GiB;
export const DEMO_PGA_TARGET = 2 * GiB;

function componentMiB(name: string, instId: number, mib: number): number {
  if (instId !== 2) return mib;
  if (name === 'DEFAULT buffer cache') return mib - 16;
  if (name === 'shared pool') return mib + 16;
  return mib;
}

function sgaComponents(w: DemoWorld): RawRow[] {
  return w.instanceIds.flatMap((instId) =>
    COMPONENTS.map((c) => {
      const cur = componentMiB(c.name, instId, c.mib);
      return {
        INST_ID: instId,
        COMPONENT: c.name,
        CURRENT_SIZE: cur * MiB,
        MIN_SIZE: Math.min(c.min, cur) * MiB,
        MAX_SIZE: Math.max(c.max, cur) * MiB,
        USER_SPECIFIED_SIZE: c.user * MiB,
        GRANULE_SIZE: GRANULE,
        OPER_COUNT: c.ops,
      };
    }),
  );
}

function sgaInfo(w: DemoWorld): RawRow[] {
  return w.instanceIds.flatMap((instId) => {
    const size = (name: string) =>
      componentMiB(name, instId, COMPONENTS.find((c) => c.name === name)?.mib ?? 0) * MiB;
    const parts: [string, number][] = [
      ['Fixed SGA Size', FIXED_SGA],
      ['Redo Buffers', REDO_BUFFERS],
      ['Buffer Cache Size', size('DEFAULT buffer cache')],
      ['In-Memory Area Size', size('In-Memory Area')],
      ['Shared Pool Size', size('shared pool')],
      ['Large Pool Size', size('large pool')],
      ['Java Pool Size', size('java pool')],
      ['Streams Pool Size', size('streams pool')],
      ['Shared IO Pool Size', size('Shared IO Pool')],
    ];
    const used = parts.reduce((a, [, b]) => a + b, 0);
    return [
      ...parts,
      ['Granule Size', GRANULE] as [string, number],
      ['Maximum SGA Size', DEMO_SGA_TARGET] as [string, number],
      ['Free SGA Memory Available', Math.max(0, DEMO_SGA_TARGET - used)] as [string, number],
    ].map(([name, bytes]) => ({ INST_ID: instId, NAME: name, BYTES: bytes }));
  });
}

function parameters(w: DemoWorld): RawRow[] {
  return w.instanceIds.flatMap((instId) =>
    [
      ['sga_target', DEMO_SGA_TARGET],
      ['sga_max_size', DEMO_SGA_TARGET],
      ['memory_target', 0],
      ['pga_aggregate_limit', 2 * DEMO_PGA_TARGET],
    ].map(([name, value]) => ({ INST_ID: instId, NAME: name, VALUE: value })),
  );
}

function pgaStat(w: DemoWorld, t: number): RawRow[] {
  return w.instanceIds.flatMap((instId) => {
    let sessions = 0;
    for (const s of w.sessions.values()) if (s.instId === instId) sessions++;
    const l = w.loadAt(t, 17);
    const allocated = Math.round((620 * MiB + sessions * 3.2 * MiB) * (0.8 + 0.2 * l));
    const inUse = Math.round(allocated * 0.78);
    const rows: [string, number, string][] = [
      ['aggregate PGA target parameter', DEMO_PGA_TARGET, 'bytes'],
      ['total PGA allocated', allocated, 'bytes'],
      ['total PGA inuse', inUse, 'bytes'],
      ['maximum PGA allocated', Math.round(1.86 * GiB) + (instId === 2 ? 96 * MiB : 0), 'bytes'],
      ['over allocation count', instId === 2 ? 3 : 0, ''],
      ['cache hit percentage', instId === 2 ? 96.4 : 97.62, 'percent'],
    ];
    return rows.map(([name, value, unit]) => ({
      INST_ID: instId,
      NAME: name,
      VALUE: value,
      UNIT: unit || null,
    }));
  });
}

// --- cumulative I/O --------------------------------------------------------------------------------

interface LoadMemo {
  /** step boundary the integral is known up to */
  upTo: number;
  /** ∫ load dt (load-seconds) from the instance's startup to upTo */
  ls: number;
}
const memos = new WeakMap<DemoWorld, Map<number, LoadMemo>>();

/** the (constant) load of the 15 s step starting at s: its midpoint's, so the integral is piecewise linear */
const stepLoad = (w: DemoWorld, s: number) => w.loadAt(s + STEP_MS / 2);

/** ∫ load dt from the instance's startup to t (seconds × load): monotone and continuous in t. */
export function loadSeconds(w: DemoWorld, instId: number, t: number): number {
  let byInst = memos.get(w);
  if (!byInst) {
    byInst = new Map();
    memos.set(w, byInst);
  }
  const startup = w.instanceStartup.get(instId) ?? w.startupTime;
  let m = byInst.get(instId);
  if (!m || m.upTo > t) {
    const from = Math.min(t, Math.floor(w.createdAt / STEP_MS) * STEP_MS);
    // before the world was created: the nominal load (1) over the uptime so far
    m = { upTo: from, ls: Math.max(0, (from - startup) / 1000) };
    byInst.set(instId, m);
  }
  while (m.upTo + STEP_MS <= t) {
    m.ls += (stepLoad(w, m.upTo) * STEP_MS) / 1000;
    m.upTo += STEP_MS;
  }
  return m.ls + (stepLoad(w, m.upTo) * (t - m.upTo)) / 1000;
}

/** the instance's share of the whole workload (every container): what V$IOSTAT_* count */
function instanceWeight(w: DemoWorld, instId: number): number {
  return w.instanceShare(instId) * w.containers.reduce((a, c) => a + c.loadShare, 0);
}

interface Io {
  sr: number;
  lr: number;
  sw: number;
  lw: number;
  rmb: number;
  wmb: number;
}
const zero: Io = { sr: 0, lr: 0, sw: 0, lw: 0, rmb: 0, wmb: 0 };

/** Cumulative I/O of one instance at t per file type, from the load integral. */
function fileTypes(w: DemoWorld, instId: number, t: number): Map<string, Io> {
  const x = loadSeconds(w, instId, t) * instanceWeight(w, instId);
  const up = Math.max(0, (t - (w.instanceStartup.get(instId) ?? w.startupTime)) / 1000);
  const blocks = PHYS_READS_PER_LOAD * x;
  const redoMiB = (REDO_BYTES_PER_LOAD * x) / MiB;
  const commits = COMMITS_PER_LOAD * x;
  const dataWriteMiB = redoMiB * 1.4;
  return new Map<string, Io>([
    [
      'Data File',
      {
        sr: 0.82 * blocks,
        lr: (0.18 * blocks * BLOCK) / MiB,
        sw: (0.9 * dataWriteMiB * MiB) / BLOCK,
        lw: 0.1 * dataWriteMiB,
        rmb: (blocks * BLOCK) / MiB,
        wmb: dataWriteMiB,
      },
    ],
    ['Log File', { sr: 0, lr: redoMiB, sw: commits * 1.1, lw: redoMiB * 0.02, rmb: redoMiB, wmb: redoMiB }],
    ['Archive Log', { sr: 0, lr: 0, sw: 0, lw: redoMiB, rmb: 0, wmb: redoMiB }],
    ['Temp File', { sr: 0, lr: 0.9 * x, sw: 0, lw: 0.9 * x, rmb: 0.9 * x, wmb: 0.9 * x }],
    // control file: a steady trickle, not load-driven (checkpoints, heartbeats)
    [
      'Control File',
      {
        sr: 12 * up,
        lr: 0,
        sw: 1.2 * up,
        lw: 0,
        rmb: (12 * up * 16384) / MiB,
        wmb: (1.2 * up * 16384) / MiB,
      },
    ],
    [
      'Other',
      {
        sr: 0.4 * up,
        lr: 0,
        sw: 0.05 * up,
        lw: 0,
        rmb: (0.4 * up * BLOCK) / MiB,
        wmb: (0.05 * up * BLOCK) / MiB,
      },
    ],
  ]);
}

const add = (a: Io, b: Io, f = 1): Io => ({
  sr: a.sr + b.sr * f,
  lr: a.lr + b.lr * f,
  sw: a.sw + b.sw * f,
  lw: a.lw + b.lw * f,
  rmb: a.rmb + b.rmb * f,
  wmb: a.wmb + b.wmb * f,
});

/** The same I/O seen by function (what did it): the sums over functions equal the sums over file types. */
function functions(ft: Map<string, Io>): Map<string, Io & { waits: number; waitMs: number }> {
  const get = (n: string) => ft.get(n) ?? zero;
  const data = get('Data File');
  const log = get('Log File');
  const arch = get('Archive Log');
  const temp = get('Temp File');
  const other = add(get('Control File'), get('Other'));
  // multiblock reads: 40 % through the buffer cache, 60 % direct path
  const dataLargeMiB = data.lr;
  const cacheReads: Io = {
    sr: data.sr,
    lr: 0.4 * data.lr,
    sw: 0,
    lw: 0,
    rmb: (data.sr * BLOCK) / MiB + 0.4 * dataLargeMiB,
    wmb: 0,
  };
  const directReads: Io = {
    sr: 0,
    lr: 0.6 * data.lr + temp.lr,
    sw: 0,
    lw: 0,
    rmb: 0.6 * dataLargeMiB + temp.rmb,
    wmb: 0,
  };
  const dbwr: Io = { sr: 0, lr: 0, sw: data.sw, lw: data.lw, rmb: 0, wmb: data.wmb };
  const lgwr: Io = { sr: 0, lr: 0, sw: log.sw, lw: log.lw, rmb: 0, wmb: log.wmb };
  const archIo: Io = { sr: 0, lr: log.lr, sw: 0, lw: arch.lw, rmb: log.rmb, wmb: arch.wmb };
  const directWrites: Io = { sr: 0, lr: 0, sw: 0, lw: temp.lw, rmb: 0, wmb: temp.wmb };
  const w = (io: Io, waits: number, msEach: number) => ({ ...io, waits, waitMs: waits * msEach });
  return new Map([
    ['Buffer Cache Reads', w(cacheReads, cacheReads.sr + cacheReads.lr, 0.62)],
    ['Direct Reads', w(directReads, directReads.lr, 2.1)],
    ['DBWR', w(dbwr, 0, 0)],
    ['LGWR', w(lgwr, lgwr.sw + lgwr.lw, 0.84)],
    ['ARCH', w(archIo, archIo.lr * 0.1, 1.5)],
    ['Direct Writes', w(directWrites, directWrites.lw * 0.2, 1.2)],
    ['Others', w(other, other.sr * 0.05, 0.4)],
    ['RMAN', { ...zero, waits: 0, waitMs: 0 }],
  ]);
}

const ioRow = (io: Io) => ({
  SMALL_READ_REQS: Math.floor(io.sr),
  LARGE_READ_REQS: Math.floor(io.lr),
  SMALL_WRITE_REQS: Math.floor(io.sw),
  LARGE_WRITE_REQS: Math.floor(io.lw),
  READ_MB: Math.floor(io.rmb),
  WRITE_MB: Math.floor(io.wmb),
});

export const MEMORY_IO_VIEWS: ViewHandlers = {
  'memory-io.sga-components': ({ world }) => sgaComponents(world),
  'memory-io.sgainfo': ({ world }) => sgaInfo(world),
  'memory-io.parameters': ({ world }) => parameters(world),
  'memory-io.pgastat': ({ world, t }) => pgaStat(world, t),
  'memory-io.iostat-file': ({ world, t }) =>
    world.instanceIds.flatMap((instId) =>
      [...fileTypes(world, instId, t)].map(([name, io]) => ({
        INST_ID: instId,
        FILETYPE_NAME: name,
        ...ioRow(io),
      })),
    ),
  'memory-io.iostat-function': ({ world, t }) =>
    world.instanceIds.flatMap((instId) =>
      [...functions(fileTypes(world, instId, t))].map(([name, io]) => ({
        INST_ID: instId,
        FUNCTION_NAME: name,
        ...ioRow(io),
        NUMBER_OF_WAITS: Math.floor(io.waits),
        WAIT_TIME: Math.floor(io.waitMs),
      })),
    ),
  'memory-io.uptime': ({ world, t }) =>
    world.instanceIds.map((instId) => ({
      INST_ID: instId,
      STARTUP_TIME: new Date(world.instanceStartup.get(instId) ?? world.startupTime),
      DB_NOW: new Date(Math.floor(t / 1000) * 1000),
    })),
};

/** for tests: the dashboard-equivalent physical reads (blocks/s) of one instance, all containers */
export function demoPhysicalReadsPerSec(w: DemoWorld, instId: number, t: number): number {
  return PHYS_READS_PER_LOAD * w.loadAt(t) * instanceWeight(w, instId);
}
