/**
 * A console's own samples while Redis is down or switched off: the same codec into a bounded ring
 * (time retention and a byte cap), roll-ups in a bounded list. Nothing here ever reaches Redis: when
 * Redis is back the shared stream resumes, so no second is written twice.
 */
import type { ActivitySample } from '@shared/types/activity';
import { decodeSample, encodeSample, resolveSample, stringsOf } from './codec';
import { MemoryDictionary } from './dictionary';
import type { MinuteRollup } from './rollup';
import type { AppendOutcome, Retention, SampleStore, StoreStats } from './store';

/** Hard caps of the local buffer, whatever the settings say (it lives in this process's heap). */
export const LOCAL_MAX_BYTES = 64 * 1024 * 1024;
const LOCAL_MAX_ROLLUPS = 24 * 60;

interface Entry {
  t: number;
  rows: number;
  payload: Buffer;
}

export class MemorySampleStore implements SampleStore {
  readonly kind = 'memory' as const;
  private readonly dictionary = new MemoryDictionary();
  private entries: Entry[] = [];
  private bytes = 0;
  private rows = 0;
  private rollupList: MinuteRollup[] = [];

  async append(sample: ActivitySample, _token: number, retention: Retention): Promise<AppendOutcome> {
    const last = this.entries[this.entries.length - 1];
    if (last && sample.t <= last.t) return 'duplicate';
    const payload = encodeSample(sample, await this.dictionary.idsOf(stringsOf(sample)));
    this.entries.push({ t: sample.t, rows: sample.rows.length, payload });
    this.bytes += payload.length;
    this.rows += sample.rows.length;
    const minT = sample.t - retention.samplesMs;
    const maxBytes = Math.min(retention.maxBytes, LOCAL_MAX_BYTES);
    let drop = 0;
    while (drop < this.entries.length - 1 && (this.entries[drop]!.t < minT || this.bytes > maxBytes)) {
      this.bytes -= this.entries[drop]!.payload.length;
      this.rows -= this.entries[drop]!.rows;
      drop++;
    }
    if (drop > 0) this.entries = this.entries.slice(drop);
    return 'written';
  }

  private decode(list: Entry[]): ActivitySample[] {
    return list.map((e) => resolveSample(decodeSample(e.t, e.payload), (id) => this.dictionary.stringOf(id)));
  }

  async range(from: number, to: number): Promise<ActivitySample[]> {
    return this.decode(this.entries.filter((e) => e.t >= from && e.t < to));
  }

  async after(after: number, max: number): Promise<ActivitySample[]> {
    return this.decode(this.entries.filter((e) => e.t > after).slice(0, max));
  }

  async appendRollup(rollup: MinuteRollup, _token: number, retention: Retention): Promise<AppendOutcome> {
    const last = this.rollupList[this.rollupList.length - 1];
    if (last && rollup.t <= last.t) return 'duplicate';
    this.rollupList.push(rollup);
    const minT = rollup.t - retention.rollupsMs;
    this.rollupList = this.rollupList.filter((r) => r.t >= minT).slice(-LOCAL_MAX_ROLLUPS);
    return 'written';
  }

  async rollups(from: number, to: number): Promise<MinuteRollup[]> {
    return this.rollupList.filter((r) => r.t >= from && r.t < to);
  }

  async stats(): Promise<StoreStats> {
    return {
      samples: this.entries.length,
      rows: this.rows,
      oldest: this.entries[0]?.t ?? null,
      newest: this.entries[this.entries.length - 1]?.t ?? null,
      memoryBytes: this.bytes,
    };
  }
}
