/**
 * What the Memory and I/O view shows for one choice of instance (RAC: one instance or the cluster):
 * the snapshot's per-instance figures picked or summed where summing means something (sizes, counts,
 * rates), never where it does not (percentages, min/max since startup, granules).
 */
import type {
  IoLine,
  MemoryIoSnapshot,
  PgaInstance,
  SgaComponent,
  SgaInstance,
} from '@shared/types/memory-io';
import { formatNumber } from '../../components/format';

export type InstanceChoice = 'cluster' | number;

const KiB = 1024;
const MiB = KiB * 1024;
const GiB = MiB * 1024;
const TiB = GiB * 1024;

/** Binary units, named as such (an SGA granule is 16 MiB, not 16.8 MB). */
export function formatBinaryBytes(bytes: number | null | undefined, lang: string): string {
  if (bytes === null || bytes === undefined || Number.isNaN(bytes)) return '—';
  const abs = Math.abs(bytes);
  const [div, unit] =
    abs >= TiB
      ? [TiB, 'TiB']
      : abs >= GiB
        ? [GiB, 'GiB']
        : abs >= MiB
          ? [MiB, 'MiB']
          : abs >= KiB
            ? [KiB, 'KiB']
            : [1, 'B'];
  const v = bytes / div;
  return `${formatNumber(v, lang, div === 1 ? 0 : Math.abs(v) >= 100 ? 0 : Math.abs(v) >= 10 ? 1 : 2)} ${unit}`;
}

/** MiB (V$IOSTAT_* *_MEGABYTES) as bytes for the binary formatter */
export const mibToBytes = (mib: number | null | undefined): number | null =>
  mib === null || mib === undefined ? null : mib * MiB;

const sumOrNull = (xs: (number | null)[]): number | null =>
  xs.every((x) => x === null) ? null : xs.reduce<number>((a, x) => a + (x ?? 0), 0);

export interface SgaView {
  summary: SgaInstance;
  /** non-zero components, biggest first; min/max are null for the cluster (not summable) */
  components: (Omit<SgaComponent, 'minBytes' | 'maxBytes'> & {
    minBytes: number | null;
    maxBytes: number | null;
  })[];
  /** components sized 0 (e.g. In-Memory Area off) */
  zero: string[];
}

export function sgaFor(snap: MemoryIoSnapshot, choice: InstanceChoice): SgaView | null {
  const insts =
    choice === 'cluster' ? snap.sga.instances : snap.sga.instances.filter((i) => i.instId === choice);
  if (insts.length === 0) return null;
  const one = insts.length === 1;
  const summary: SgaInstance = one
    ? insts[0]!
    : {
        instId: 0,
        totalBytes: insts.reduce((a, i) => a + i.totalBytes, 0),
        maxBytes: sumOrNull(insts.map((i) => i.maxBytes)),
        targetBytes: sumOrNull(insts.map((i) => i.targetBytes)),
        memoryTargetBytes: sumOrNull(insts.map((i) => i.memoryTargetBytes)),
        // a granule is per instance: the same on every instance, or none to show
        granuleBytes: new Set(insts.map((i) => i.granuleBytes)).size === 1 ? insts[0]!.granuleBytes : null,
        freeBytes: sumOrNull(insts.map((i) => i.freeBytes)),
      };
  const comps = snap.sga.components.filter((c) => choice === 'cluster' || c.instId === choice);
  const byName = new Map<string, SgaView['components'][number]>();
  for (const c of comps) {
    const acc = byName.get(c.component);
    if (!acc) {
      byName.set(c.component, { ...c });
      continue;
    }
    acc.currentBytes += c.currentBytes;
    acc.userSpecifiedBytes += c.userSpecifiedBytes;
    acc.operationCount += c.operationCount;
    acc.minBytes = null;
    acc.maxBytes = null;
  }
  const all = [...byName.values()];
  return {
    summary,
    components: all.filter((c) => c.currentBytes > 0).sort((a, b) => b.currentBytes - a.currentBytes),
    zero: all.filter((c) => c.currentBytes === 0).map((c) => c.component),
  };
}

export function pgaFor(snap: MemoryIoSnapshot, choice: InstanceChoice): PgaInstance | null {
  const insts = choice === 'cluster' ? snap.pga : snap.pga.filter((p) => p.instId === choice);
  if (insts.length === 0) return null;
  if (insts.length === 1) return insts[0]!;
  return {
    instId: 0,
    targetBytes: sumOrNull(insts.map((p) => p.targetBytes)),
    limitBytes: sumOrNull(insts.map((p) => p.limitBytes)),
    allocatedBytes: sumOrNull(insts.map((p) => p.allocatedBytes)),
    inUseBytes: sumOrNull(insts.map((p) => p.inUseBytes)),
    // each instance's own high-water mark was reached at its own time: their sum never existed
    maxAllocatedBytes: null,
    overAllocationCount: sumOrNull(insts.map((p) => p.overAllocationCount)),
    cacheHitPct: null,
  };
}

export function ioLinesFor(
  snap: MemoryIoSnapshot,
  choice: InstanceChoice,
  by: 'fileType' | 'function',
): { lines: IoLine[]; seconds: number | null } {
  if (choice === 'cluster' || snap.instIds.length <= 1) {
    return {
      lines: by === 'fileType' ? snap.io.byFileType : snap.io.byFunction,
      seconds: snap.io.window.seconds,
    };
  }
  const p = snap.io.perInstance.find((x) => x.instId === choice);
  const w = snap.io.window.instances.find((x) => x.instId === choice);
  return { lines: p ? (by === 'fileType' ? p.byFileType : p.byFunction) : [], seconds: w?.seconds ?? null };
}
