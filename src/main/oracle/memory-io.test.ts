/**
 * Memory and I/O (issue 17): rates between two reads per instance, restart detection, cluster sums, and
 * the demo's model in its worlds (sizes, agreement with the dashboard's physical reads, missing grants).
 */
import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { MEMORY_IO_QUERIES } from './catalog-memory-io';
import { DemoGateway } from './demo/demo-gateway';
import type { RawRow } from './mappers';
import { MemoryIoReader, sumLines } from './memory-io-reader';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
const MiB = 1024 * 1024;
const GiB = 1024 * MiB;

function clock(start = T0) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const scope = { scope: 'database' as const, inPdb: false };

/** rows of one instance for the reader: `reads` data-file read MB, startup instant, clock */
function rows(inst: number, at: number, startup: number, readMb: number, waitMs = 0) {
  const file = {
    INST_ID: inst,
    FILETYPE_NAME: 'Data File',
    SMALL_READ_REQS: readMb * 100,
    LARGE_READ_REQS: readMb,
    SMALL_WRITE_REQS: 0,
    LARGE_WRITE_REQS: 0,
    READ_MB: readMb,
    WRITE_MB: 0,
  };
  const out: Record<string, RawRow[]> = {
    componentRows: [],
    infoRows: [],
    paramRows: [],
    pgaRows: [],
    upRows: [{ INST_ID: inst, STARTUP_TIME: startup, DB_NOW: at }],
    fileRows: [file],
    functionRows: [
      {
        ...file,
        FILETYPE_NAME: undefined,
        FUNCTION_NAME: 'Buffer Cache Reads',
        NUMBER_OF_WAITS: 5,
        WAIT_TIME: waitMs,
      },
    ],
  };
  return out as Parameters<MemoryIoReader['build']>[1];
}
const merge = (...rs: ReturnType<typeof rows>[]) => {
  const out = rows(1, 0, 0, 0);
  for (const k of Object.keys(out) as (keyof typeof out)[]) out[k] = rs.flatMap((r) => r[k]);
  return out;
};

describe('MemoryIoReader: I/O rates from cumulative counters', () => {
  it('shows cumulative totals only on the first read, then rates over the window since the previous read', () => {
    const r = new MemoryIoReader(
      async () => [],
      () => T0,
    );
    const first = r.build(scope, rows(1, T0, T0 - 86_400_000, 1000, 400));
    expect(first.io.window).toMatchObject({ seconds: null, cumulativeOnly: true });
    expect(first.io.byFileType[0]).toMatchObject({ name: 'Data File', perSec: null });
    expect(first.io.byFileType[0]!.total.readMiB).toBe(1000);

    const second = r.build(scope, rows(1, T0 + 30_000, T0 - 86_400_000, 1600, 700));
    expect(second.io.window).toMatchObject({ seconds: 30, cumulativeOnly: false });
    expect(second.io.byFileType[0]!.perSec).toMatchObject({
      readMiB: 20,
      smallReadReqs: 2000,
      largeReadReqs: 20,
    });
    expect(second.io.byFunction[0]!.perSec!.waitMsPerSec).toBe(10);
    expect(second.io.byFileType[0]!.total.readMiB).toBe(1600);
  });

  it('a changed STARTUP_TIME (or counters that fell) resets that instance only', () => {
    const r = new MemoryIoReader(
      async () => [],
      () => T0,
    );
    r.build(scope, merge(rows(1, T0, 1, 1000), rows(2, T0, 2, 500)));
    const next = r.build(scope, merge(rows(1, T0 + 30_000, 1, 1300), rows(2, T0 + 30_000, 99, 10)));
    const w = new Map(next.io.window.instances.map((i) => [i.instId, i]));
    expect(w.get(1)).toMatchObject({ seconds: 30, restarted: false });
    expect(w.get(2)).toMatchObject({ seconds: null, restarted: true, startupTime: 99 });
    expect(next.io.perInstance.find((p) => p.instId === 1)!.byFileType[0]!.perSec!.readMiB).toBe(10);
    // the cluster has no rate while one instance has none: never a total that silently leaves one out
    expect(next.io.byFileType[0]!.perSec).toBeNull();
    expect(next.io.byFileType[0]!.total.readMiB).toBe(1310);
    // counters that went down with the same STARTUP_TIME are a restart too
    const again = r.build(scope, merge(rows(1, T0 + 60_000, 1, 5), rows(2, T0 + 60_000, 99, 40)));
    expect(again.io.window.instances.find((i) => i.instId === 1)!.restarted).toBe(true);
    expect(again.io.perInstance.find((p) => p.instId === 2)!.byFileType[0]!.perSec!.readMiB).toBe(1);
  });

  it('each instance is measured against its own previous read; the cluster rate is their sum', () => {
    const r = new MemoryIoReader(
      async () => [],
      () => T0,
    );
    r.build(scope, merge(rows(1, T0, 1, 1000), rows(2, T0 + 5000, 2, 500)));
    const next = r.build(scope, merge(rows(1, T0 + 30_000, 1, 1300), rows(2, T0 + 25_000, 2, 700)));
    expect(next.instanceScope).toBe('cluster');
    expect(next.io.window.instances.map((i) => i.seconds)).toEqual([30, 20]);
    expect(next.io.window.seconds).toBe(30);
    expect(next.io.byFileType[0]!.perSec!.readMiB).toBe(10 + 10);
  });

  it('keeps the older baseline when read again within a second', () => {
    const r = new MemoryIoReader(
      async () => [],
      () => T0,
    );
    r.build(scope, rows(1, T0, 1, 1000));
    r.build(scope, rows(1, T0 + 30_000, 1, 1300));
    const soon = r.build(scope, rows(1, T0 + 30_500, 1, 1305));
    expect(soon.io.window.seconds).toBe(0.5);
    const later = r.build(scope, rows(1, T0 + 60_000, 1, 1600));
    expect(later.io.window.seconds).toBe(30);
    expect(later.io.byFileType[0]!.perSec!.readMiB).toBe(10);
  });

  it('sumLines adds totals and null wait figures stay null', () => {
    const line = (name: string, mib: number) => ({
      name,
      perSec: null,
      total: {
        smallReadReqs: 1,
        largeReadReqs: 0,
        smallWriteReqs: 0,
        largeWriteReqs: 0,
        readMiB: mib,
        writeMiB: 0,
        waits: null,
        waitMs: null,
      },
    });
    const s = sumLines([[line('Data File', 5), line('Log File', 1)], [line('Data File', 2)]]);
    expect(s.map((l) => [l.name, l.total.readMiB, l.total.smallReadReqs, l.total.waitMs])).toEqual([
      ['Data File', 7, 2, null],
      ['Log File', 1, 1, null],
    ]);
  });
});

function demo(
  world: 'pdb' | 'root' | 'rac' | 'non-cdb' | 'pdb-rac',
  now: () => number,
  privileges?: 'full' | 'least' | 'bare',
) {
  return new DemoGateway({
    latencyScale: 0,
    now,
    world,
    topology: { clientUtcOffsetMin: 0 },
    ...(privileges ? { privileges } : {}),
  });
}

describe('demo: memory and I/O', () => {
  it('answers every statement with exactly its columns', () => {
    const g = demo('pdb-rac', () => T0);
    for (const q of MEMORY_IO_QUERIES) {
      const got = g.database.run(q, {});
      expect(got.length).toBeGreaterThan(0);
      for (const row of got) expect(Object.keys(row).sort()).toEqual([...q.columns].sort());
    }
  });

  it('an 8 GiB SGA of plausible parts and a 2 GiB PGA target, labelled CDB-wide in a PDB', async () => {
    const snap = await demo('pdb', () => T0).memoryIo();
    expect(snap.scope).toBe('cdb');
    expect(snap.inPdb).toBe(true);
    const sga = snap.sga.instances[0]!;
    expect(sga.targetBytes).toBe(8 * GiB);
    expect(sga.maxBytes).toBe(8 * GiB);
    expect(sga.granuleBytes).toBe(16 * MiB);
    expect(sga.totalBytes).toBeLessThanOrEqual(8 * GiB);
    expect(sga.totalBytes).toBeGreaterThan(7.9 * GiB);
    const byName = new Map(snap.sga.components.map((c) => [c.component, c]));
    expect(byName.get('DEFAULT buffer cache')!.currentBytes).toBeGreaterThan(5 * GiB);
    expect(byName.get('In-Memory Area')!.currentBytes).toBe(0);
    for (const c of snap.sga.components) {
      expect(c.currentBytes % (16 * MiB)).toBe(0);
      expect(c.minBytes).toBeLessThanOrEqual(c.currentBytes);
      expect(c.maxBytes).toBeGreaterThanOrEqual(c.currentBytes);
    }
    const pga = snap.pga[0]!;
    expect(pga.targetBytes).toBe(2 * GiB);
    expect(pga.allocatedBytes!).toBeGreaterThan(pga.inUseBytes!);
    expect(pga.maxAllocatedBytes!).toBeGreaterThanOrEqual(pga.allocatedBytes!);
    expect(pga.cacheHitPct!).toBeGreaterThan(90);
    // a non-CDB says 'database'
    expect((await demo('non-cdb', () => T0).memoryIo()).scope).toBe('database');
  });

  it('I/O counters grow with the clock; the data-file read rate agrees with the dashboard physical reads', async () => {
    for (const world of ['root', 'non-cdb'] as const) {
      const c = clock();
      const g = demo(world, c.now);
      const first = await g.memoryIo();
      expect(first.io.window.cumulativeOnly).toBe(true);
      expect(first.io.byFileType.find((l) => l.name === 'Data File')!.total.readMiB).toBeGreaterThan(1e6);
      let readMiB = 0;
      let dashBlocks = 0;
      for (let i = 0; i < 8; i++) {
        c.advance(30_000);
        const snap = await g.memoryIo();
        expect(snap.io.window).toMatchObject({ seconds: 30, cumulativeOnly: false });
        readMiB += snap.io.byFileType.find((l) => l.name === 'Data File')!.perSec!.readMiB;
        dashBlocks += (await g.dashboard()).physicalReadsPerSec!;
      }
      // dashboard: blocks/s (V$SYSMETRIC, 60 s); iostat: MiB/s over 30 s. 8 KiB blocks, within 15 %.
      const dashMiB = (dashBlocks * 8192) / MiB;
      expect(readMiB / dashMiB).toBeGreaterThan(0.85);
      expect(readMiB / dashMiB).toBeLessThan(1.15);
    }
  });

  it('RAC: per instance with its own startup, and a cluster total', async () => {
    const c = clock();
    const g = demo('rac', c.now);
    await g.memoryIo();
    c.advance(30_000);
    const snap = await g.memoryIo();
    expect(snap.instanceScope).toBe('cluster');
    expect(snap.instIds).toEqual([1, 2]);
    expect(snap.sga.instances).toHaveLength(2);
    expect(snap.pga).toHaveLength(2);
    const starts = snap.io.window.instances.map((i) => i.startupTime);
    expect(starts[0]).not.toBe(starts[1]);
    const per = snap.io.perInstance.map(
      (p) => p.byFileType.find((l) => l.name === 'Data File')!.perSec!.readMiB,
    );
    const total = snap.io.byFileType.find((l) => l.name === 'Data File')!.perSec!.readMiB;
    expect(total).toBeCloseTo(per[0]! + per[1]!, 2);
    expect(per[0]!).toBeGreaterThan(per[1]!); // instance 1 takes more of the load
  });

  it('functions and file types describe the same I/O', async () => {
    const snap = await demo('non-cdb', () => T0).memoryIo();
    const sum = (lines: typeof snap.io.byFileType) =>
      lines.reduce((a, l) => a + l.total.readMiB + l.total.writeMiB, 0);
    expect(sum(snap.io.byFunction) / sum(snap.io.byFileType)).toBeCloseTo(1, 1);
  });

  it('without the grants: the privilege error names the view (bare); least grants read it', async () => {
    const err = await demo('pdb', () => T0, 'bare')
      .memoryIo()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('ORACLE_PRIVILEGE');
    expect(JSON.stringify(err)).toMatch(/GV_\$/);
    const least = await demo('pdb', () => T0, 'least').memoryIo();
    expect(least.sga.components.length).toBeGreaterThan(0);
  });
});
