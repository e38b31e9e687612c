/**
 * The compact encoding of one sample (issue 14 goal: ≤ 60 bytes per sampled session row in Redis).
 * Every repeated string (user, wait class, event, SQL_ID, plan hash, module, action, program, machine,
 * service) is replaced by its id in the connection's dictionary (dictionary.ts); each row is then ~24
 * unsigned LEB128 varints (most of one byte). Nullable numbers are stored +1 (0 = null).
 *
 * Layout: [version=1][intervalSec][rowCount] then per row, in this order:
 *   instId conId sid serial flags(bit0 background, bit1 waiting) user waitClass event sqlId sqlChild+1
 *   plan sqlExecId+1 execAgeSec+1 module action program machine service blockingInst+1 blockingSid+1
 *   finalInst+1 finalSid+1 currentObj+1 waitDeciSec
 * String fields hold dictionary id + 1 (0 = null). The sample time is the stream entry id, not here.
 */
import type { ActivityRow, ActivitySample } from '@shared/types/activity';

export const CODEC_VERSION = 1;
const STRING_FIELDS = [
  'user',
  'waitClass',
  'event',
  'sqlId',
  'module',
  'action',
  'program',
  'machine',
  'service',
] as const;
/** plan hashes go through the dictionary as strings with this prefix (a 10-digit number costs 5 bytes) */
const PLAN_PREFIX = '#';

/** The distinct strings a sample needs ids for. */
export function stringsOf(sample: ActivitySample): string[] {
  const out = new Set<string>();
  for (const r of sample.rows) {
    for (const f of STRING_FIELDS) {
      const v = r[f];
      if (v !== null) out.add(v);
    }
    if (r.planHashValue !== null) out.add(PLAN_PREFIX + r.planHashValue);
  }
  return [...out];
}

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private n = 0;
  uint(value: number): void {
    let v = Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
    if (this.n + 10 > this.buf.length) {
      const next = Buffer.allocUnsafe(this.buf.length * 2);
      this.buf.copy(next, 0, 0, this.n);
      this.buf = next;
    }
    while (v >= 0x80) {
      this.buf[this.n++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.n++] = v;
  }
  opt(value: number | null): void {
    this.uint(value === null || value < 0 ? 0 : value + 1);
  }
  done(): Buffer {
    return this.buf.subarray(0, this.n);
  }
}

class Reader {
  private at = 0;
  constructor(private readonly buf: Buffer) {}
  uint(): number {
    let result = 0;
    let scale = 1;
    for (;;) {
      if (this.at >= this.buf.length) throw new RangeError('truncated sample');
      const b = this.buf[this.at++]!;
      result += (b & 0x7f) * scale;
      if (b < 0x80) return result;
      scale *= 0x80;
      if (scale > 2 ** 56) throw new RangeError('varint too long');
    }
  }
  opt(): number | null {
    const v = this.uint();
    return v === 0 ? null : v - 1;
  }
  get end(): boolean {
    return this.at >= this.buf.length;
  }
}

/** Encode with the ids of `stringsOf(sample)` (every string must have one). */
export function encodeSample(sample: ActivitySample, idOf: ReadonlyMap<string, number>): Buffer {
  const w = new Writer();
  const sid = (s: string | null) => {
    if (s === null) return 0;
    const id = idOf.get(s);
    if (id === undefined) throw new Error('a string has no dictionary id');
    return id + 1;
  };
  w.uint(CODEC_VERSION);
  w.uint(sample.intervalSec);
  w.uint(sample.rows.length);
  for (const r of sample.rows) {
    w.uint(r.instId);
    w.uint(r.conId);
    w.uint(r.sid);
    w.uint(r.serial);
    w.uint((r.background ? 1 : 0) | (r.state === 'WAITING' ? 2 : 0));
    w.uint(sid(r.user));
    w.uint(sid(r.waitClass));
    w.uint(sid(r.event));
    w.uint(sid(r.sqlId));
    w.opt(r.sqlChildNumber);
    w.uint(sid(r.planHashValue === null ? null : PLAN_PREFIX + r.planHashValue));
    w.opt(r.sqlExecId);
    w.opt(r.sqlExecStart === null ? null : Math.round(Math.max(0, sample.t - r.sqlExecStart) / 1000));
    w.uint(sid(r.module));
    w.uint(sid(r.action));
    w.uint(sid(r.program));
    w.uint(sid(r.machine));
    w.uint(sid(r.service));
    w.opt(r.blockingInstance);
    w.opt(r.blockingSession);
    w.opt(r.finalBlockingInstance);
    w.opt(r.finalBlockingSession);
    w.opt(r.currentObj);
    w.uint(Math.round(r.waitSec * 10));
  }
  return w.done();
}

/** A decoded sample whose strings are still ids (resolve with `resolveSample`). */
export interface RawSample {
  t: number;
  intervalSec: number;
  /** 24 numbers per row, in the layout order */
  cells: number[][];
}

const CELLS = 24;
const STRING_CELLS = [5, 6, 7, 8, 10, 13, 14, 15, 16, 17];

export function decodeSample(t: number, payload: Buffer): RawSample {
  const r = new Reader(payload);
  const version = r.uint();
  if (version !== CODEC_VERSION) throw new RangeError(`unknown sample encoding ${version}`);
  const intervalSec = r.uint();
  const count = r.uint();
  if (count > 1_000_000) throw new RangeError('implausible row count');
  const cells: number[][] = [];
  for (let i = 0; i < count; i++) {
    const row = new Array<number>(CELLS);
    for (let c = 0; c < CELLS; c++) row[c] = r.uint();
    cells.push(row);
  }
  if (!r.end) throw new RangeError('trailing bytes in a sample');
  return { t, intervalSec, cells };
}

/** Dictionary ids (id + 1 in the cells) a raw sample refers to. */
export function idsOf(raw: RawSample, into: Set<number> = new Set()): Set<number> {
  for (const row of raw.cells) for (const c of STRING_CELLS) if (row[c]! > 0) into.add(row[c]! - 1);
  return into;
}

const opt = (v: number): number | null => (v === 0 ? null : v - 1);

/** Raw sample + dictionary → the sample. An unknown id decodes as null (never a wrong string). */
export function resolveSample(raw: RawSample, stringOf: (id: number) => string | undefined): ActivitySample {
  const s = (v: number): string | null => (v === 0 ? null : (stringOf(v - 1) ?? null));
  const rows: ActivityRow[] = raw.cells.map((c) => {
    const plan = s(c[10]!);
    const age = opt(c[12]!);
    return {
      instId: c[0]!,
      conId: c[1]!,
      sid: c[2]!,
      serial: c[3]!,
      background: (c[4]! & 1) === 1,
      state: (c[4]! & 2) === 2 ? 'WAITING' : 'ON CPU',
      user: s(c[5]!),
      waitClass: s(c[6]!),
      event: s(c[7]!),
      sqlId: s(c[8]!),
      sqlChildNumber: opt(c[9]!),
      planHashValue: plan?.startsWith(PLAN_PREFIX) ? Number(plan.slice(1)) : null,
      sqlExecId: opt(c[11]!),
      sqlExecStart: age === null ? null : raw.t - age * 1000,
      module: s(c[13]!),
      action: s(c[14]!),
      program: s(c[15]!),
      machine: s(c[16]!),
      service: s(c[17]!),
      blockingInstance: opt(c[18]!),
      blockingSession: opt(c[19]!),
      finalBlockingInstance: opt(c[20]!),
      finalBlockingSession: opt(c[21]!),
      currentObj: opt(c[22]!),
      waitSec: c[23]! / 10,
    };
  });
  return { t: raw.t, intervalSec: raw.intervalSec, rows };
}
