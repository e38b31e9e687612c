import type { AlertThresholds } from '@shared/types/alerts';
import { describe, expect, it } from 'vitest';
import { observe, type RuleState, ruleKey, step } from './rules';
import { fakeInputs } from './testing/fake-inputs';
import { defaultThresholds } from './thresholds';

const T0 = Date.UTC(2026, 11, 2, 4, 0, 0);
const empty = (): RuleState => ({ open: new Map(), pending: new Map() });

async function round(
  state: RuleState,
  inputs: ReturnType<typeof fakeInputs>,
  t: number,
  th: AlertThresholds = defaultThresholds(),
) {
  return step('demo', state, await observe(inputs, th, t), th, t);
}

describe('alert rules: threshold', () => {
  it('a tablespace at or above the threshold opens at once; below stays quiet', async () => {
    const inputs = fakeInputs({
      tablespaces: async () => [
        { name: 'USERS', pctOfMax: 90 },
        { name: 'SYSAUX', pctOfMax: 89.99 },
      ],
    });
    const r = await round(empty(), inputs, T0);
    expect(r.opened.map((a) => a.subject)).toEqual(['USERS']);
    expect(r.opened[0]).toMatchObject({
      id: `tablespace|USERS|${T0}`,
      rule: 'tablespace',
      state: 'open',
      startedAt: T0,
      value: 90,
      threshold: 90,
      unit: 'pct',
      ack: null,
    });
    expect([...r.open.keys()]).toEqual([ruleKey('tablespace', 'USERS')]);
  });

  it('cache hit ratio is bad BELOW its threshold, and the cache panel threshold wins when set', async () => {
    const th = defaultThresholds();
    th.cacheHitRatio.forSec = 0;
    const inputs = fakeInputs({ cacheHitRatio: async () => ({ pct: 70, thresholdPct: 60 }) });
    expect((await round(empty(), inputs, T0, th)).opened).toHaveLength(0);
    inputs.set({ cacheHitRatio: async () => ({ pct: 55, thresholdPct: 60 }) });
    const r = await round(empty(), inputs, T0, th);
    expect(r.opened[0]).toMatchObject({ rule: 'cacheHitRatio', value: 55, threshold: 60 });
  });

  it('Redis memory is a % of maxmemory; no maxmemory = nothing to be near', async () => {
    const th = defaultThresholds();
    th.redisMemory.forSec = 0;
    const inputs = fakeInputs({ redisMemory: async () => ({ usedBytes: 95, maxBytes: 100 }) });
    expect((await round(empty(), inputs, T0, th)).opened[0]).toMatchObject({ subject: 'redis', value: 95 });
    inputs.set({ redisMemory: async () => ({ usedBytes: 95, maxBytes: 0 }) });
    expect((await round(empty(), inputs, T0, th)).opened).toHaveLength(0);
  });

  it('blocked sessions: one alert per blocker, valued by its longest waiter', async () => {
    const inputs = fakeInputs({
      blockedSessions: async () => [
        { sid: 10, instId: 1, waitSec: 30, blocker: 'sid 5 @1', username: 'APP' },
        { sid: 11, instId: 1, waitSec: 75, blocker: 'sid 5 @1', username: 'BATCH' },
        { sid: 12, instId: 2, waitSec: 20, blocker: 'sid 7 @2', username: null },
      ],
    });
    const r = await round(empty(), inputs, T0);
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]).toMatchObject({
      subject: 'sid 5 @1',
      value: 75,
      unit: 'sec',
      detail: '2 waiting; longest sid 11 @1 (BATCH)',
    });
  });

  it('alert log: errors of one code and instance within the window; older entries do not count', async () => {
    let askedSince = 0;
    const inputs = fakeInputs({
      alertLogErrors: async (since) => {
        askedSince = since;
        return [
          { t: T0 - 1000, instId: 1, code: 'ORA-00600', text: 'ORA-00600: internal error code [a]' },
          { t: T0 - 2000, instId: 1, code: 'ORA-00600', text: 'older' },
          { t: T0 - 3_600_000, instId: 1, code: 'ORA-01555', text: 'long ago' },
        ];
      },
    });
    const r = await round(empty(), inputs, T0);
    expect(askedSince).toBe(T0 - 600_000);
    expect(r.opened).toHaveLength(1);
    expect(r.opened[0]).toMatchObject({
      subject: 'ORA-00600 @1',
      value: 2,
      detail: 'ORA-00600: internal error code [a]',
    });
  });

  it('a disabled rule reads nothing and clears its open alerts', async () => {
    let reads = 0;
    const inputs = fakeInputs({
      tablespaces: async () => {
        reads++;
        return [{ name: 'USERS', pctOfMax: 99 }];
      },
    });
    const first = await round(empty(), inputs, T0);
    const th = defaultThresholds();
    th.tablespace.enabled = false;
    const second = await round(first, inputs, T0 + 10_000, th);
    expect(reads).toBe(1);
    expect(second.cleared.map((a) => a.subject)).toEqual(['USERS']);
    expect(second.open.size).toBe(0);
  });
});

describe('alert rules: duration', () => {
  it('AAS above the CPU count opens only after forSec of consecutive bad rounds', async () => {
    const inputs = fakeInputs({ load: async () => ({ aas: 12, cpuCount: 8 }) });
    let s: RuleState = empty();
    const r1 = await round(s, inputs, T0);
    expect(r1.opened).toHaveLength(0);
    expect(r1.pending.get('aasOverCpu|database')).toBe(T0);
    s = r1;
    const r2 = await round(s, inputs, T0 + 299_000);
    expect(r2.opened).toHaveLength(0);
    const r3 = await round(r2, inputs, T0 + 300_000);
    expect(r3.opened[0]).toMatchObject({ rule: 'aasOverCpu', value: 1.5, detail: 'AAS 12 / CPU_COUNT 8' });
    expect(r3.pending.size).toBe(0);
  });

  it('one good round in between restarts the timer', async () => {
    const inputs = fakeInputs({ load: async () => ({ aas: 12, cpuCount: 8 }) });
    const r1 = await round(empty(), inputs, T0);
    inputs.set({ load: async () => ({ aas: 4, cpuCount: 8 }) });
    const r2 = await round(r1, inputs, T0 + 100_000);
    expect(r2.pending.size).toBe(0);
    inputs.set({ load: async () => ({ aas: 12, cpuCount: 8 }) });
    const r3 = await round(r2, inputs, T0 + 300_000);
    expect(r3.opened).toHaveLength(0);
    expect(r3.pending.get('aasOverCpu|database')).toBe(T0 + 300_000);
  });

  it('an unknown CPU count judges nothing (no alert, no clear)', async () => {
    const inputs = fakeInputs({ load: async () => ({ aas: 50, cpuCount: null }) });
    const r = await round(empty(), inputs, T0);
    expect(r.opened).toHaveLength(0);
    expect(r.pending.size).toBe(0);
  });
});

describe('alert rules: hysteresis', () => {
  it('an open alert stays open just under the threshold and clears only below threshold - hysteresis', async () => {
    const inputs = fakeInputs({ tablespaces: async () => [{ name: 'USERS', pctOfMax: 95 }] });
    const r1 = await round(empty(), inputs, T0);
    expect(r1.opened).toHaveLength(1);
    inputs.set({ tablespaces: async () => [{ name: 'USERS', pctOfMax: 88.5 }] });
    const r2 = await round(r1, inputs, T0 + 10_000);
    expect(r2.cleared).toHaveLength(0);
    expect(r2.updated[0]).toMatchObject({ value: 88.5, peak: 95 });
    // back over the threshold: the same alert (no second one for this subject)
    inputs.set({ tablespaces: async () => [{ name: 'USERS', pctOfMax: 91 }] });
    const r3 = await round(r2, inputs, T0 + 20_000);
    expect(r3.opened).toHaveLength(0);
    expect(r3.open.get('tablespace|USERS')!.id).toBe(`tablespace|USERS|${T0}`);
    inputs.set({ tablespaces: async () => [{ name: 'USERS', pctOfMax: 87.9 }] });
    const r4 = await round(r3, inputs, T0 + 30_000);
    expect(r4.cleared[0]).toMatchObject({
      id: `tablespace|USERS|${T0}`,
      state: 'cleared',
      clearedAt: T0 + 30_000,
      value: 87.9,
      peak: 95,
    });
    expect(r4.open.size).toBe(0);
  });

  it('a subject gone from its rule clears; a rule whose input failed keeps its alerts', async () => {
    const inputs = fakeInputs({
      blockedSessions: async () => [{ sid: 10, instId: 1, waitSec: 90, blocker: 'sid 5 @1', username: null }],
    });
    const r1 = await round(empty(), inputs, T0);
    inputs.set({
      blockedSessions: async () => {
        throw new Error('ORA-03113');
      },
    });
    const errors: string[] = [];
    const th = defaultThresholds();
    const obs = await observe(inputs, th, T0 + 10_000, (rule) => errors.push(rule));
    const r2 = step('demo', r1, obs, th, T0 + 10_000);
    expect(errors).toEqual(['blockedSessions']);
    expect(r2.cleared).toHaveLength(0);
    expect(r2.open.size).toBe(1);
    inputs.set({ blockedSessions: async () => [] });
    const r3 = await round(r2, inputs, T0 + 20_000);
    expect(r3.cleared.map((a) => a.subject)).toEqual(['sid 5 @1']);
  });

  it('a value flapping around the threshold opens once and never clears while inside the band', async () => {
    const th = defaultThresholds();
    th.redisMemory.forSec = 0;
    const inputs = fakeInputs();
    let s: RuleState = empty();
    let opened = 0;
    let cleared = 0;
    for (let i = 0; i < 20; i++) {
      const used = i % 2 === 0 ? 91 : 87; // 90 ± 5 band
      inputs.set({ redisMemory: async () => ({ usedBytes: used, maxBytes: 100 }) });
      const r = await round(s, inputs, T0 + i * 10_000, th);
      opened += r.opened.length;
      cleared += r.cleared.length;
      s = r;
    }
    expect(opened).toBe(1);
    expect(cleared).toBe(0);
  });
});
