/**
 * Memory and I/O (issue 17): runs the catalog-memory-io statements and turns their rows into a
 * `MemoryIoSnapshot`. V$IOSTAT_* counters are cumulative since each instance's startup, so rates need
 * two reads: the reader keeps, per instance, the previous read's counters and database time (one reader
 * per gateway, i.e. per connection), like the wait events' "since this gateway's previous call". An
 * instance whose STARTUP_TIME changed, or whose counters went down, restarted: its baseline is dropped
 * and that read shows the cumulative totals only. The first read of an instance has no rate either.
 */
import type {
  IoFigures,
  IoInstanceWindow,
  IoLine,
  MemoryIoSnapshot,
  PgaInstance,
  SgaComponent,
  SgaInstance,
} from '@shared/types/memory-io';
import type { MetricScope } from '@shared/types/oracle';
import type { CatalogQuery } from './catalog';
import * as Q from './catalog-memory-io';
import type { RawRow } from './mappers';
import * as M from './mappers';

type Run = (query: CatalogQuery) => Promise<RawRow[]>;

/** Cumulative counters of one line (file type or function) of one instance. */
interface Counters extends IoFigures {
  waits: number | null;
  waitMs: number | null;
}

/** One instance's read: the baseline of its next read. */
export interface IoSample {
  /** database clock (epoch ms) */
  at: number;
  startup: number | null;
  fileTypes: Map<string, Counters>;
  functions: Map<string, Counters>;
}

/** Reads closer together than this keep the older baseline (a rate over < 1 s means little). */
const MIN_WINDOW_MS = 1000;
const IO_KEYS = [
  'smallReadReqs',
  'largeReadReqs',
  'smallWriteReqs',
  'largeWriteReqs',
  'readMiB',
  'writeMiB',
] as const satisfies readonly (keyof IoFigures)[];

const r3 = (n: number): number => Math.round(n * 1000) / 1000;

function counters(r: RawRow, withWaits: boolean): Counters {
  return {
    smallReadReqs: M.num0(r.SMALL_READ_REQS),
    largeReadReqs: M.num0(r.LARGE_READ_REQS),
    smallWriteReqs: M.num0(r.SMALL_WRITE_REQS),
    largeWriteReqs: M.num0(r.LARGE_WRITE_REQS),
    readMiB: M.num0(r.READ_MB),
    writeMiB: M.num0(r.WRITE_MB),
    waits: withWaits ? M.num(r.NUMBER_OF_WAITS) : null,
    waitMs: withWaits ? M.num(r.WAIT_TIME) : null,
  };
}

function wentDown(cur: Map<string, Counters>, prev: Map<string, Counters>): boolean {
  for (const [name, c] of cur) {
    const p = prev.get(name);
    if (!p) continue;
    if (IO_KEYS.some((k) => c[k] < p[k])) return true;
    if (c.waitMs !== null && p.waitMs !== null && c.waitMs < p.waitMs) return true;
  }
  return false;
}

/** Lines of one instance: rates against `prev` over `seconds` (null: no rate), totals as read. */
function instanceLines(
  cur: Map<string, Counters>,
  prev: Map<string, Counters> | null,
  seconds: number | null,
): IoLine[] {
  return [...cur].map(([name, c]) => {
    const p = prev?.get(name);
    let perSec: IoLine['perSec'] = null;
    if (prev && seconds !== null) {
      const rate = (k: (typeof IO_KEYS)[number]) => r3(Math.max(0, c[k] - (p?.[k] ?? 0)) / seconds);
      perSec = {
        smallReadReqs: rate('smallReadReqs'),
        largeReadReqs: rate('largeReadReqs'),
        smallWriteReqs: rate('smallWriteReqs'),
        largeWriteReqs: rate('largeWriteReqs'),
        readMiB: rate('readMiB'),
        writeMiB: rate('writeMiB'),
        waitMsPerSec: c.waitMs === null ? null : r3(Math.max(0, c.waitMs - (p?.waitMs ?? 0)) / seconds),
      };
    }
    return {
      name,
      perSec,
      total: {
        smallReadReqs: c.smallReadReqs,
        largeReadReqs: c.largeReadReqs,
        smallWriteReqs: c.smallWriteReqs,
        largeWriteReqs: c.largeWriteReqs,
        readMiB: r3(c.readMiB),
        writeMiB: r3(c.writeMiB),
        waits: c.waits,
        waitMs: c.waitMs,
      },
    };
  });
}

/**
 * Cluster lines: totals add; rates add (each instance over its own window) only when EVERY instance has
 * a rate, so a cluster rate never silently leaves out an instance that just restarted.
 */
export function sumLines(perInstance: IoLine[][]): IoLine[] {
  const out = new Map<string, IoLine>();
  const allRated = perInstance.every((lines) => lines.every((l) => l.perSec !== null));
  for (const lines of perInstance) {
    for (const l of lines) {
      const acc = out.get(l.name);
      if (!acc) {
        out.set(l.name, {
          name: l.name,
          perSec: allRated && l.perSec ? { ...l.perSec } : null,
          total: { ...l.total },
        });
        continue;
      }
      for (const k of IO_KEYS) acc.total[k] = r3(acc.total[k] + l.total[k]);
      acc.total.waits = addNullable(acc.total.waits, l.total.waits);
      acc.total.waitMs = addNullable(acc.total.waitMs, l.total.waitMs);
      if (acc.perSec && l.perSec) {
        for (const k of IO_KEYS) acc.perSec[k] = r3(acc.perSec[k] + l.perSec[k]);
        acc.perSec.waitMsPerSec = addNullable(acc.perSec.waitMsPerSec, l.perSec.waitMsPerSec);
      }
    }
  }
  return [...out.values()].sort(byVolume);
}

function addNullable(a: number | null, b: number | null): number | null {
  return a === null && b === null ? null : r3((a ?? 0) + (b ?? 0));
}

/** Busiest first: by the rate when there is one, else by the cumulative volume. */
function byVolume(a: IoLine, b: IoLine): number {
  const v = (l: IoLine) =>
    l.perSec ? l.perSec.readMiB + l.perSec.writeMiB : (l.total.readMiB + l.total.writeMiB) / 1e9;
  return (
    v(b) - v(a) ||
    b.total.readMiB + b.total.writeMiB - (a.total.readMiB + a.total.writeMiB) ||
    a.name.localeCompare(b.name)
  );
}

export interface MemoryIoScope {
  scope: MetricScope;
  inPdb: boolean;
}

export class MemoryIoReader {
  /** per instance: the previous read (a pooled connection may land on any instance; GV$ reads all) */
  private readonly prev = new Map<number, IoSample>();

  constructor(
    private readonly run: Run,
    private readonly now: () => number,
  ) {}

  async read(scope: MemoryIoScope): Promise<MemoryIoSnapshot> {
    // sizes first, counters last and close together with the clock, so the window is the counters'
    const componentRows = await this.run(Q.SGA_COMPONENTS);
    const infoRows = await this.run(Q.SGA_INFO);
    const paramRows = await this.run(Q.MEMORY_PARAMETERS);
    const pgaRows = await this.run(Q.PGA_STAT);
    const upRows = await this.run(Q.MEMORY_IO_UPTIME);
    const fileRows = await this.run(Q.IOSTAT_FILE);
    const functionRows = await this.run(Q.IOSTAT_FUNCTION);
    return this.build(scope, { componentRows, infoRows, paramRows, pgaRows, upRows, fileRows, functionRows });
  }

  /** Pure but for the baselines it reads and replaces (tests call it with rows). */
  build(
    scope: MemoryIoScope,
    rows: {
      componentRows: RawRow[];
      infoRows: RawRow[];
      paramRows: RawRow[];
      pgaRows: RawRow[];
      upRows: RawRow[];
      fileRows: RawRow[];
      functionRows: RawRow[];
    },
  ): MemoryIoSnapshot {
    const instOf = (r: RawRow) => M.num(r.INST_ID) ?? 1;
    const instIds = new Set<number>();
    for (const list of Object.values(rows)) for (const r of list) instIds.add(instOf(r));
    const ids = [...instIds].sort((a, b) => a - b);

    const components: SgaComponent[] = rows.componentRows
      .map((r) => ({
        instId: instOf(r),
        component: M.str(r.COMPONENT) ?? '?',
        currentBytes: M.num0(r.CURRENT_SIZE),
        minBytes: M.num0(r.MIN_SIZE),
        maxBytes: M.num0(r.MAX_SIZE),
        userSpecifiedBytes: M.num0(r.USER_SPECIFIED_SIZE),
        granuleBytes: M.num0(r.GRANULE_SIZE),
        operationCount: M.num0(r.OPER_COUNT),
      }))
      .sort(
        (a, b) =>
          a.instId - b.instId || b.currentBytes - a.currentBytes || a.component.localeCompare(b.component),
      );

    const named = (list: RawRow[], inst: number) =>
      new Map(list.filter((r) => instOf(r) === inst).map((r) => [M.str(r.NAME) ?? '', r]));
    const sga: SgaInstance[] = [];
    const pga: PgaInstance[] = [];
    for (const inst of ids) {
      const info = named(rows.infoRows, inst);
      const params = named(rows.paramRows, inst);
      const stats = named(rows.pgaRows, inst);
      const infoBytes = (name: string) => M.num(info.get(name)?.BYTES);
      const param = (name: string) => M.num(params.get(name)?.VALUE);
      const stat = (name: string) => M.num(stats.get(name)?.VALUE);
      if (info.size > 0 || params.size > 0) {
        sga.push({
          instId: inst,
          totalBytes: Q.SGA_SIZED_PARTS.reduce((a, n) => a + (infoBytes(n) ?? 0), 0),
          maxBytes: infoBytes(Q.SGA_INFO_NAMES.max) ?? param('sga_max_size'),
          targetBytes: param('sga_target'),
          memoryTargetBytes: param('memory_target'),
          granuleBytes: infoBytes(Q.SGA_INFO_NAMES.granule),
          freeBytes: infoBytes(Q.SGA_INFO_NAMES.free),
        });
      }
      if (stats.size > 0) {
        pga.push({
          instId: inst,
          targetBytes: stat(Q.PGA_STAT_NAMES.target),
          limitBytes: param('pga_aggregate_limit'),
          allocatedBytes: stat(Q.PGA_STAT_NAMES.allocated),
          inUseBytes: stat(Q.PGA_STAT_NAMES.inUse),
          maxAllocatedBytes: stat(Q.PGA_STAT_NAMES.maxAllocated),
          overAllocationCount: stat(Q.PGA_STAT_NAMES.overAllocation),
          cacheHitPct: stat(Q.PGA_STAT_NAMES.cacheHit),
        });
      }
    }

    // --- I/O: each instance against its own previous read
    const up = new Map(rows.upRows.map((r) => [instOf(r), r]));
    const fallbackNow = this.now();
    const current = new Map<number, IoSample>();
    const sampleOf = (inst: number): IoSample => {
      let s = current.get(inst);
      if (!s) {
        const u = up.get(inst);
        s = {
          at: M.date(u?.DB_NOW) ?? fallbackNow,
          startup: M.date(u?.STARTUP_TIME),
          fileTypes: new Map(),
          functions: new Map(),
        };
        current.set(inst, s);
      }
      return s;
    };
    for (const r of rows.fileRows)
      sampleOf(instOf(r)).fileTypes.set(M.str(r.FILETYPE_NAME) ?? '?', counters(r, false));
    for (const r of rows.functionRows)
      sampleOf(instOf(r)).functions.set(M.str(r.FUNCTION_NAME) ?? '?', counters(r, true));

    const windows: IoInstanceWindow[] = [];
    const perInstance: MemoryIoSnapshot['io']['perInstance'] = [];
    for (const [inst, cur] of [...current].sort((a, b) => a[0] - b[0])) {
      let prev = this.prev.get(inst) ?? null;
      const restarted =
        !!prev &&
        ((prev.startup !== null && cur.startup !== null && prev.startup !== cur.startup) ||
          wentDown(cur.fileTypes, prev.fileTypes) ||
          wentDown(cur.functions, prev.functions));
      if (restarted) prev = null;
      const seconds = prev ? Math.max(cur.at - prev.at, 1) / 1000 : null;
      windows.push({
        instId: inst,
        seconds: seconds === null ? null : r3(seconds),
        restarted,
        startupTime: cur.startup,
      });
      perInstance.push({
        instId: inst,
        byFileType: instanceLines(cur.fileTypes, prev?.fileTypes ?? null, seconds).sort(byVolume),
        byFunction: instanceLines(cur.functions, prev?.functions ?? null, seconds).sort(byVolume),
      });
      // polled again within a second: keep the older baseline so the next rate stays meaningful
      if (!prev || cur.at - prev.at >= MIN_WINDOW_MS) this.prev.set(inst, cur);
    }
    const rated = windows.filter((w) => w.seconds !== null);
    return {
      sampledAt: this.now(),
      dbTime:
        Math.max(0, ...[...current.values()].map((s) => s.at)) || (M.date(rows.upRows[0]?.DB_NOW) ?? null),
      scope: scope.scope,
      inPdb: scope.inPdb,
      instanceScope: ids.length > 1 ? 'cluster' : 'instance',
      instIds: ids,
      sga: { instances: sga, components },
      pga,
      io: {
        window: {
          seconds: rated.length > 0 ? Math.max(...rated.map((w) => w.seconds ?? 0)) : null,
          cumulativeOnly: rated.length === 0,
          instances: windows,
        },
        byFileType: sumLines(perInstance.map((p) => p.byFileType)),
        byFunction: sumLines(perInstance.map((p) => p.byFunction)),
        perInstance,
      },
    };
  }
}
