import { describe, expect, it } from 'vitest';
import { parseSettings, toHash } from './settings';
import { parseStored, type StoredSnapshot, windowDeltas } from './sqlstats-window';

const T = 1_764_000_000_000;
const snap = (minAgo: number, rows: StoredSnapshot['rows']): StoredSnapshot => ({
  t: T - minAgo * 60_000,
  rows,
});

describe('top SQL over a window', () => {
  // [sqlId, plan, executions, elapsedUs, cpuUs, gets, reads, rows]
  const history = [
    snap(0, [
      ['aaaaaaaaaaaaa', 1, 150, 9_000_000, 4_000_000, 1500, 30, 150],
      ['bbbbbbbbbbbbb', 2, 40, 30_000_000, 1_000_000, 900, 800, 40],
      ['ccccccccccccc', 3, 5, 2_000_000, 2_000_000, 50, 0, 5],
      ['ddddddddddddd', 4, 10, 100_000, 50_000, 10, 0, 10],
    ]),
    snap(5, [
      ['aaaaaaaaaaaaa', 1, 100, 6_000_000, 3_000_000, 1000, 20, 100],
      ['bbbbbbbbbbbbb', 2, 10, 10_000_000, 500_000, 300, 200, 10],
      ['ddddddddddddd', 4, 99, 9_000_000, 50_000, 10, 0, 10],
    ]),
    snap(15, [['aaaaaaaaaaaaa', 1, 10, 600_000, 300_000, 100, 2, 10]]),
  ];

  it('subtracts the snapshot at least the window older, ranks by the chosen figure', () => {
    const d = windowDeltas(history, 5, 'elapsed', 10, new Map([['bbbbbbbbbbbbb', 'SELECT b']]))!;
    expect(d).toMatchObject({ from: T - 5 * 60_000, to: T, complete: true });
    expect(d.rows.map((r) => r.sqlId)).toEqual([
      'bbbbbbbbbbbbb',
      'aaaaaaaaaaaaa',
      'ccccccccccccc',
      'ddddddddddddd',
    ]);
    expect(d.rows[0]).toMatchObject({
      executions: 30,
      elapsedMs: 20_000,
      bufferGets: 600,
      diskReads: 600,
      newInWindow: false,
      sqlTextSnippet: 'SELECT b',
    });
    expect(d.rows[0]!.elapsedMsPerExec).toBeCloseTo(666.667, 2);
    // new in the window: counted from 0; counters that went down (reloaded): from 0 too
    expect(d.rows.find((r) => r.sqlId === 'ccccccccccccc')).toMatchObject({
      executions: 5,
      newInWindow: true,
    });
    expect(d.rows.find((r) => r.sqlId === 'ddddddddddddd')).toMatchObject({
      executions: 10,
      newInWindow: true,
    });
    expect(windowDeltas(history, 5, 'executions', 1, new Map())!.rows[0]!.sqlId).toBe('aaaaaaaaaaaaa');
  });

  it('says when the history does not cover the window yet', () => {
    const d = windowDeltas(history, 60, 'elapsed', 10, new Map())!;
    expect(d.complete).toBe(false);
    expect(d.from).toBe(T - 15 * 60_000);
    expect(windowDeltas(history.slice(0, 1), 5, 'elapsed', 10, new Map())).toBeNull();
  });

  it('rejects a stored snapshot that does not validate', () => {
    expect(parseStored('{"t":1,"rows":[["a",1,2,3,4,5,6,7]]}')).not.toBeNull();
    expect(parseStored('{"t":1,"rows":[["a",1,-2,3,4,5,6,7]]}')).toBeNull();
    expect(parseStored('not json')).toBeNull();
  });
});

describe('shared settings', () => {
  it('round-trips and falls back per field to defaults when a stored value is invalid', () => {
    expect(parseSettings(toHash({ intervalSec: 5, alwaysOn: true }))).toMatchObject({
      intervalSec: 5,
      alwaysOn: true,
      retentionMinutes: 60,
    });
    expect(parseSettings({ intervalSec: '99', retentionMinutes: '30', maxMemoryMb: 'x' })).toMatchObject({
      intervalSec: 1,
      retentionMinutes: 30,
      maxMemoryMb: 256,
    });
  });
});
