/**
 * The team's samples in Redis: one Stream per connection (entry id = database second × 1000, so Redis
 * itself refuses a second written twice), fenced appends (scripts.ts), trimming by time (MINID) and by
 * memory (the oldest entries first), per-minute roll-ups in a second Stream, strings in the dictionary.
 * Reads validate what they decode (codec/rollup schema): a corrupt entry is skipped, never served.
 */
import type { ActivitySample } from '@shared/types/activity';
import { decodeSample, encodeSample, idsOf, type RawSample, resolveSample, stringsOf } from './codec';
import { RedisDictionary } from './dictionary';
import type { ActivityKeys } from './keys';
import { type MinuteRollup, parseRollup } from './rollup';
import { FENCED_APPEND, runScript, type ScriptClient } from './scripts';
import type { AppendOutcome, Retention, SampleStore, StoreStats } from './store';

const TRIM_BATCH = 200;
const PAGE = 1000;
/** check the memory of the stream every this many appends */
const MEMORY_CHECK_EVERY = 10;

const entryMs = (id: string): number => Number(id.split('-')[0]);

function outcome(reply: unknown): AppendOutcome {
  if (reply === 'OK') return 'written';
  if (reply === 'FENCED') return 'fenced';
  if (reply === 'DUPLICATE') return 'duplicate';
  throw new Error('unexpected reply from the append script');
}

export class RedisSampleStore implements SampleStore {
  readonly kind = 'redis' as const;
  readonly dictionary: RedisDictionary;
  private appends = 0;
  /** entries older than this id go first when the stream is over its memory cap */
  private memoryMinId = 0;

  constructor(
    private readonly client: ScriptClient,
    readonly keys: ActivityKeys,
  ) {
    this.dictionary = new RedisDictionary(client, keys);
  }

  async append(sample: ActivitySample, token: number, retention: Retention): Promise<AppendOutcome> {
    if (++this.appends % MEMORY_CHECK_EVERY === 1) await this.checkMemory(retention.maxBytes);
    const minId = Math.max(sample.t - retention.samplesMs, this.memoryMinId);
    for (let attempt = 0; attempt < 2; attempt++) {
      const ids = await this.dictionary.idsOf(stringsOf(sample));
      const payload = encodeSample(sample, ids);
      const reply = await runScript(
        this.client,
        FENCED_APPEND,
        [this.keys.samples, this.keys.fence, this.keys.meta, this.keys.dictRev],
        [
          token,
          `${sample.t}-0`,
          payload,
          sample.rows.length,
          `${minId}-0`,
          TRIM_BATCH,
          'rows',
          this.dictionary.epoch ?? '',
        ],
      );
      if (reply !== 'DICT_RESET') return outcome(reply);
      // the connection was invalidated (dictionary gone): learn the ids again, once
      this.dictionary.reset();
      this.memoryMinId = 0;
    }
    throw new Error('the activity dictionary keeps changing');
  }

  /** Over the cap: the oldest entries beyond the share that fits are trimmed by the next appends. */
  private async checkMemory(maxBytes: number): Promise<void> {
    const used = await this.client.memory('USAGE', this.keys.samples);
    const len = await this.client.xlen(this.keys.samples);
    if (typeof used !== 'number' || used <= maxBytes || len < 2) return;
    const keep = Math.max(1, Math.floor((len * maxBytes * 0.85) / used));
    const newest = (await this.client.xrevrange(this.keys.samples, '+', '-', 'COUNT', keep)) as [
      string,
      string[],
    ][];
    const oldestKept = newest[newest.length - 1];
    if (oldestKept) this.memoryMinId = Math.max(this.memoryMinId, entryMs(oldestKept[0]));
  }

  private async readRaw(start: string, end: string, max: number): Promise<RawSample[]> {
    const out: RawSample[] = [];
    let from = start;
    while (out.length < max) {
      const page = (await this.client.xrangeBuffer(
        this.keys.samples,
        from,
        end,
        'COUNT',
        Math.min(PAGE, max - out.length),
      )) as [Buffer, Buffer[]][];
      for (const [id, fields] of page) {
        const t = entryMs(id.toString());
        for (let i = 0; i + 1 < fields.length; i += 2) {
          if (fields[i]!.toString() !== 'd') continue;
          try {
            out.push(decodeSample(t, fields[i + 1]!));
          } catch {
            // a corrupt entry is skipped (counted nowhere as data)
          }
        }
      }
      if (page.length < PAGE) break;
      from = `(${page[page.length - 1]![0].toString()}`;
    }
    return out;
  }

  private async resolve(raws: RawSample[]): Promise<ActivitySample[]> {
    const ids = new Set<number>();
    for (const r of raws) idsOf(r, ids);
    await this.dictionary.load(ids);
    return raws.map((r) => resolveSample(r, (id) => this.dictionary.stringOf(id)));
  }

  async range(from: number, to: number): Promise<ActivitySample[]> {
    return this.resolve(await this.readRaw(`${from}-0`, `(${to}-0`, 1_000_000));
  }

  async after(after: number, max: number): Promise<ActivitySample[]> {
    return this.resolve(await this.readRaw(`(${after}-0`, '+', max));
  }

  async appendRollup(rollup: MinuteRollup, token: number, retention: Retention): Promise<AppendOutcome> {
    const reply = await runScript(
      this.client,
      FENCED_APPEND,
      [this.keys.rollups, this.keys.fence, this.keys.meta],
      [
        token,
        `${rollup.t}-0`,
        JSON.stringify(rollup),
        rollup.rows,
        `${rollup.t - retention.rollupsMs}-0`,
        TRIM_BATCH,
        'rollupRows',
        // no dictionary check for roll-ups (JSON): without this ARGV[8] the script ran HGET on a nil KEYS[4]
        '',
      ],
    );
    return outcome(reply);
  }

  async rollups(from: number, to: number): Promise<MinuteRollup[]> {
    const out: MinuteRollup[] = [];
    let start = `${from}-0`;
    for (;;) {
      const page = (await this.client.xrange(this.keys.rollups, start, `(${to}-0`, 'COUNT', 500)) as [
        string,
        string[],
      ][];
      for (const [, fields] of page) {
        const i = fields.indexOf('d');
        const parsed = i >= 0 ? parseRollup(fields[i + 1] ?? '') : null;
        if (parsed) out.push(parsed);
      }
      if (page.length < 500) return out;
      start = `(${page[page.length - 1]![0]}`;
    }
  }

  async newestRollup(): Promise<number | null> {
    const last = (await this.client.xrevrange(this.keys.rollups, '+', '-', 'COUNT', 1)) as [
      string,
      string[],
    ][];
    return last[0] ? entryMs(last[0][0]) : null;
  }

  async stats(): Promise<StoreStats> {
    const k = this.keys;
    const [len, rows, first, last] = await Promise.all([
      this.client.xlen(k.samples),
      this.client.hget(k.meta, 'rows'),
      this.client.xrange(k.samples, '-', '+', 'COUNT', 1) as Promise<[string, string[]][]>,
      this.client.xrevrange(k.samples, '+', '-', 'COUNT', 1) as Promise<[string, string[]][]>,
    ]);
    let memoryBytes = 0;
    for (const key of [k.samples, k.rollups, k.dict, k.dictRev]) {
      const m = await this.client.memory('USAGE', key);
      if (typeof m === 'number') memoryBytes += m;
    }
    const n = Number(rows);
    return {
      samples: len,
      rows: Number.isSafeInteger(n) && n >= 0 ? n : 0,
      oldest: first[0] ? entryMs(first[0][0]) : null,
      newest: last[0] ? entryMs(last[0][0]) : null,
      memoryBytes,
    };
  }

  /** Bytes of the raw samples stream only (the bench's bytes per row). */
  async samplesMemory(): Promise<number> {
    const m = await this.client.memory('USAGE', this.keys.samples);
    return typeof m === 'number' ? m : 0;
  }
}
