/**
 * The dictionary of repeated strings (codec.ts): ids are given once and never change, so each console
 * keeps what it learnt (both directions) and asks Redis only for strings / ids it has not seen.
 * `MemoryDictionary` is the same for a console sampling alone (Redis down or off).
 */
import { randomUUID } from 'node:crypto';
import type { ActivityKeys } from './keys';
import { DICT_ASSIGN, runScript, type ScriptClient } from './scripts';

export interface StringDictionary {
  /** ids of the strings (new strings get new ids), as a map */
  idsOf(strings: readonly string[]): Promise<Map<string, number>>;
  /** fetches the strings of ids not known locally; then `stringOf` answers them */
  load(ids: Iterable<number>): Promise<void>;
  stringOf(id: number): string | undefined;
}

const LOCAL_MAX = 200_000;
const ASSIGN_BATCH = 500;

export class MemoryDictionary implements StringDictionary {
  private readonly byString = new Map<string, number>();
  private readonly byId: string[] = [];
  async idsOf(strings: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const s of strings) {
      let id = this.byString.get(s);
      if (id === undefined) {
        id = this.byId.length;
        this.byId.push(s);
        this.byString.set(s, id);
      }
      out.set(s, id);
    }
    return out;
  }
  async load(_ids?: Iterable<number>): Promise<void> {}
  stringOf(id: number): string | undefined {
    return this.byId[id];
  }
  get size(): number {
    return this.byId.length;
  }
}

/**
 * Ids are valid within an epoch: invalidating the connection removes the dictionary, and the next
 * assignment starts a new epoch; a console that sees another epoch forgets what it learnt.
 */
export class RedisDictionary implements StringDictionary {
  private readonly byString = new Map<string, number>();
  private readonly byId = new Map<number, string>();
  /** the epoch the cached ids belong to (null = none learnt yet) */
  epoch: string | null = null;

  constructor(
    private readonly client: ScriptClient,
    private readonly keys: Pick<ActivityKeys, 'dict' | 'dictRev'>,
  ) {}

  private remember(s: string, id: number): void {
    if (this.byId.size >= LOCAL_MAX) {
      this.byId.clear();
      this.byString.clear();
    }
    this.byString.set(s, id);
    this.byId.set(id, s);
  }

  reset(): void {
    this.byId.clear();
    this.byString.clear();
    this.epoch = null;
  }

  private adopt(epoch: string): boolean {
    if (this.epoch === epoch) return false;
    const changed = this.epoch !== null;
    this.reset();
    this.epoch = epoch;
    return changed;
  }

  async idsOf(strings: readonly string[]): Promise<Map<string, number>> {
    for (let attempt = 0; ; attempt++) {
      const out = await this.tryIdsOf(strings);
      if (out || attempt > 0) return out ?? new Map();
    }
  }

  /** null when the epoch changed under us (caches were dropped: ask again) */
  private async tryIdsOf(strings: readonly string[]): Promise<Map<string, number> | null> {
    const out = new Map<string, number>();
    const missing: string[] = [];
    for (const s of strings) {
      const id = this.byString.get(s);
      if (id === undefined) missing.push(s);
      else out.set(s, id);
    }
    for (let i = 0; i < missing.length; i += ASSIGN_BATCH) {
      const batch = missing.slice(i, i + ASSIGN_BATCH);
      const reply = (await runScript(
        this.client,
        DICT_ASSIGN,
        [this.keys.dict, this.keys.dictRev],
        [randomUUID(), ...batch],
      )) as unknown;
      if (!Array.isArray(reply) || reply.length !== batch.length + 1) {
        throw new Error('dictionary answer malformed');
      }
      if (this.adopt(String(reply[0]))) return null;
      const ids = reply.slice(1);
      batch.forEach((s, j) => {
        const id = Number(ids[j]);
        if (!Number.isSafeInteger(id) || id < 1) throw new Error('dictionary id malformed');
        this.remember(s, id);
        out.set(s, id);
      });
    }
    return out;
  }

  async load(ids: Iterable<number>): Promise<void> {
    const epoch = await this.client.hget(this.keys.dictRev, '#epoch');
    if (epoch !== null) this.adopt(epoch);
    else this.reset();
    const missing = [...new Set(ids)].filter((id) => !this.byId.has(id));
    for (let i = 0; i < missing.length; i += ASSIGN_BATCH) {
      const batch = missing.slice(i, i + ASSIGN_BATCH);
      const values = await this.client.hmget(this.keys.dictRev, ...batch.map(String));
      batch.forEach((id, j) => {
        const v = values[j];
        // a value read from Redis is checked before use: strings only, bounded
        if (typeof v === 'string' && v.length <= 4096) this.remember(v, id);
      });
    }
  }

  stringOf(id: number): string | undefined {
    return this.byId.get(id);
  }
}
