import type { MemoryIoSnapshot } from '@shared/types/memory-io';
import { describe, expect, it } from 'vitest';
import { formatBinaryBytes, ioLinesFor, pgaFor, sgaFor } from './memory-model';

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const line = (name: string, rate: number | null, total: number) => ({
  name,
  perSec:
    rate === null
      ? null
      : {
          smallReadReqs: 1,
          largeReadReqs: 0,
          smallWriteReqs: 0,
          largeWriteReqs: 0,
          readMiB: rate,
          writeMiB: 0,
          waitMsPerSec: null,
        },
  total: {
    smallReadReqs: 1,
    largeReadReqs: 0,
    smallWriteReqs: 0,
    largeWriteReqs: 0,
    readMiB: total,
    writeMiB: 0,
    waits: null,
    waitMs: null,
  },
});
const comp = (instId: number, component: string, currentBytes: number) => ({
  instId,
  component,
  currentBytes,
  minBytes: currentBytes,
  maxBytes: currentBytes,
  userSpecifiedBytes: 0,
  granuleBytes: 16 * MiB,
  operationCount: 1,
});
const pga = (instId: number) => ({
  instId,
  targetBytes: 2 * GiB,
  limitBytes: 4 * GiB,
  allocatedBytes: GiB,
  inUseBytes: 0.5 * GiB,
  maxAllocatedBytes: 1.5 * GiB,
  overAllocationCount: instId,
  cacheHitPct: 97,
});
const sgaInst = (instId: number) => ({
  instId,
  totalBytes: 8 * GiB,
  maxBytes: 8 * GiB,
  targetBytes: 8 * GiB,
  memoryTargetBytes: 0,
  granuleBytes: 16 * MiB,
  freeBytes: 0,
});
const snap: MemoryIoSnapshot = {
  sampledAt: 1,
  dbTime: 1,
  scope: 'database',
  inPdb: false,
  instanceScope: 'cluster',
  instIds: [1, 2],
  sga: {
    instances: [sgaInst(1), sgaInst(2)],
    components: [
      comp(1, 'DEFAULT buffer cache', 5 * GiB),
      comp(2, 'DEFAULT buffer cache', 4 * GiB),
      comp(1, 'In-Memory Area', 0),
      comp(2, 'In-Memory Area', 0),
    ],
  },
  pga: [pga(1), pga(2)],
  io: {
    window: {
      seconds: 30,
      cumulativeOnly: false,
      instances: [
        { instId: 1, seconds: 30, restarted: false, startupTime: 1 },
        { instId: 2, seconds: 25, restarted: false, startupTime: 2 },
      ],
    },
    byFileType: [line('Data File', 30, 300)],
    byFunction: [],
    perInstance: [
      { instId: 1, byFileType: [line('Data File', 20, 200)], byFunction: [] },
      { instId: 2, byFileType: [line('Data File', 10, 100)], byFunction: [] },
    ],
  },
};

describe('memory and I/O view model', () => {
  it('formats binary units by name', () => {
    expect(formatBinaryBytes(8 * GiB, 'en')).toBe('8 GiB');
    expect(formatBinaryBytes(16 * MiB, 'en')).toBe('16 MiB');
    expect(formatBinaryBytes(1.5 * GiB, 'ko')).toBe('1.5 GiB');
    expect(formatBinaryBytes(null, 'en')).toBe('—');
  });

  it('cluster: sizes add, min/max and percentages do not', () => {
    const sga = sgaFor(snap, 'cluster')!;
    expect(sga.summary.totalBytes).toBe(16 * GiB);
    expect(sga.summary.granuleBytes).toBe(16 * MiB);
    expect(sga.components).toHaveLength(1);
    expect(sga.components[0]).toMatchObject({ currentBytes: 9 * GiB, minBytes: null, maxBytes: null });
    expect(sga.zero).toEqual(['In-Memory Area']);
    const p = pgaFor(snap, 'cluster')!;
    expect(p).toMatchObject({
      allocatedBytes: 2 * GiB,
      overAllocationCount: 3,
      cacheHitPct: null,
      maxAllocatedBytes: null,
    });
  });

  it('one instance: its own figures and its own window', () => {
    expect(sgaFor(snap, 2)!.components[0]).toMatchObject({ currentBytes: 4 * GiB, minBytes: 4 * GiB });
    expect(pgaFor(snap, 2)!.cacheHitPct).toBe(97);
    expect(ioLinesFor(snap, 2, 'fileType')).toMatchObject({
      seconds: 25,
      lines: [{ perSec: { readMiB: 10 } }],
    });
    expect(ioLinesFor(snap, 'cluster', 'fileType')).toMatchObject({
      seconds: 30,
      lines: [{ perSec: { readMiB: 30 } }],
    });
  });
});
