import type { ActivitySample } from '@shared/types/activity';
import { describe, expect, it } from 'vitest';
import { decodeSample, encodeSample, idsOf, resolveSample, stringsOf } from './codec';
import { MemoryDictionary } from './dictionary';
import { row } from './testing/rows';

describe('sample codec', () => {
  it('round-trips every field, nulls included', async () => {
    const dict = new MemoryDictionary();
    const sample: ActivitySample = {
      t: 1_764_000_000_000,
      intervalSec: 1,
      rows: [
        row(),
        row({
          sid: 9,
          serial: 1,
          state: 'ON CPU',
          waitClass: null,
          event: null,
          user: null,
          background: true,
          sqlId: null,
          sqlChildNumber: null,
          planHashValue: null,
          sqlExecId: null,
          sqlExecStart: null,
          module: null,
          action: null,
          currentObj: null,
          waitSec: 0,
        }),
        row({
          sid: 77,
          blockingInstance: 2,
          blockingSession: 412,
          finalBlockingInstance: 2,
          finalBlockingSession: 5,
          instId: 2,
          conId: 0,
        }),
      ],
    };
    const payload = encodeSample(sample, await dict.idsOf(stringsOf(sample)));
    const raw = decodeSample(sample.t, payload);
    await dict.load(idsOf(raw));
    expect(resolveSample(raw, (id) => dict.stringOf(id))).toEqual(sample);
  });

  it('stores a typical row in well under 60 bytes (strings once, in the dictionary)', async () => {
    const dict = new MemoryDictionary();
    const rows = Array.from({ length: 50 }, (_, i) => row({ sid: 100 + i * 37, serial: 1000 + i * 911 }));
    const sample: ActivitySample = { t: 1_764_000_000_000, intervalSec: 1, rows };
    const payload = encodeSample(sample, await dict.idsOf(stringsOf(sample)));
    expect(payload.length / rows.length).toBeLessThan(40);
  });

  it('rejects truncated or trailing bytes and unknown versions instead of decoding garbage', async () => {
    const dict = new MemoryDictionary();
    const sample: ActivitySample = { t: 1, intervalSec: 1, rows: [row()] };
    const payload = encodeSample(sample, await dict.idsOf(stringsOf(sample)));
    expect(() => decodeSample(1, payload.subarray(0, payload.length - 2))).toThrow(RangeError);
    expect(() => decodeSample(1, Buffer.concat([payload, Buffer.from([1])]))).toThrow(RangeError);
    expect(() => decodeSample(1, Buffer.from([9, 1, 0]))).toThrow(/encoding/);
  });

  it('an id the dictionary does not know decodes as null, never as another string', async () => {
    const dict = new MemoryDictionary();
    const sample: ActivitySample = { t: 1, intervalSec: 1, rows: [row()] };
    const payload = encodeSample(sample, await dict.idsOf(stringsOf(sample)));
    const resolved = resolveSample(decodeSample(1, payload), () => undefined);
    expect(resolved.rows[0]!.user).toBeNull();
    expect(resolved.rows[0]!.planHashValue).toBeNull();
    expect(resolved.rows[0]!.sid).toBe(412);
  });
});
