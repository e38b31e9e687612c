import type { LocksSnapshot } from '@shared/types/oracle';
import type { SpaceSnapshot } from '@shared/types/space';
import { describe, expect, it } from 'vitest';
import { blockedFromLocks, coreAlertInputs, spaceAlertInputs } from './core-inputs';

const session = (sid: number, instId: number, secondsInWait: number, username: string | null = null) =>
  ({ sid, instId, secondsInWait, username }) as LocksSnapshot['roots'][number]['session'];
const node = (s: ReturnType<typeof session>, waiters: LocksSnapshot['roots'] = []) =>
  ({ session: s, locks: [], waiters, totalWaiters: 0, maxWaitSec: 0 }) as LocksSnapshot['roots'][number];

describe('core alert inputs', () => {
  it('every session below a root waits on that root (nested waiters included)', () => {
    const locks = {
      roots: [node(session(5, 2, 0), [node(session(10, 1, 90, 'APP'), [node(session(11, 1, 30))])])],
    } as unknown as LocksSnapshot;
    expect(blockedFromLocks(locks)).toEqual([
      { sid: 10, instId: 1, waitSec: 90, blocker: 'sid 5 @2', username: 'APP' },
      { sid: 11, instId: 1, waitSec: 30, blocker: 'sid 5 @2', username: null },
    ]);
  });

  it('the cache hit ratio is judged only with enough lookups; Redis memory from INFO; pending inputs are empty', async () => {
    let threshold = { ratio: 0.5, lookups: 10, minSamples: 50, percent: 70 };
    const inputs = coreAlertInputs('demo', {
      monitoring: { locks: async () => ({}) as never, dashboard: async () => ({}) as never },
      cpuCount: async () => 8,
      cacheAdmin: {
        redisInfo: async () => ({ info: { usedMemory: 50, maxmemory: 100 } }) as never,
        stats: async () => ({ threshold }) as never,
      },
    });
    expect(await inputs.cacheHitRatio()).toBeNull();
    threshold = { ...threshold, lookups: 60 };
    expect(await inputs.cacheHitRatio()).toEqual({ pct: 50, thresholdPct: 70 });
    expect(await inputs.redisMemory()).toEqual({ usedBytes: 50, maxBytes: 100 });
    expect(await inputs.tablespaces()).toEqual([]);
    expect(await inputs.recoveryArea()).toBeNull();
    expect(await inputs.resourceLimits()).toEqual([]);
    expect(await inputs.alertLogErrors(0)).toEqual([]);
  });

  it("space, limits and the alert log come from the views' cached answers, in the rules' terms", async () => {
    const snapshot = {
      tablespaces: {
        ok: true,
        data: {
          rows: [
            { container: 'SALESPDB', name: 'SALES_DATA', usedPct: 91.5 },
            { container: null, name: 'USERS', usedPct: 12 },
          ],
        },
      },
      recoveryArea: { ok: true, data: { configured: true, usedPct: 80, usedNetPct: 64 } },
    } as unknown as SpaceSnapshot;
    const asked: string[] = [];
    const inputs = spaceAlertInputs(
      'prod',
      {
        space: async (c) => {
          asked.push(`space:${c}`);
          return { data: snapshot };
        },
        limits: async (c) => {
          asked.push(`limits:${c}`);
          return {
            data: {
              rows: [
                { resource: 'processes', instId: 2, currentPct: 93.1 },
                { resource: 'enqueue_locks', instId: 1, currentPct: null },
              ],
            },
          } as never;
        },
      },
      {
        oraErrorsSince: async (c, since) => {
          asked.push(`alert-log:${c}:${since}`);
          return {
            entries: [
              {
                time: 5_000,
                instId: 1,
                text: 'ORA-01555 ... ORA-06512',
                oraCodes: ['ORA-01555', 'ORA-06512'],
              },
            ] as never,
          };
        },
      },
    );
    expect(await inputs.tablespaces!()).toEqual([
      { name: 'SALESPDB:SALES_DATA', pctOfMax: 91.5 },
      { name: 'USERS', pctOfMax: 12 },
    ]);
    // net of what Oracle may reclaim (backed-up and obsolete files)
    expect(await inputs.recoveryArea!()).toEqual({ pctUsed: 64 });
    // UNLIMITED resources have no % and are not judged
    expect(await inputs.resourceLimits!()).toEqual([{ name: 'processes', instId: 2, pctOfLimit: 93.1 }]);
    expect(await inputs.alertLogErrors!(1_000)).toEqual([
      { t: 5_000, instId: 1, code: 'ORA-01555', text: 'ORA-01555 ... ORA-06512' },
      { t: 5_000, instId: 1, code: 'ORA-06512', text: 'ORA-01555 ... ORA-06512' },
    ]);
    expect(asked).toEqual(['space:prod', 'space:prod', 'limits:prod', 'alert-log:prod:1000']);
  });

  it('a tablespace section the account cannot read gives nothing to judge; no recovery area is null', async () => {
    const denied = {
      tablespaces: { ok: false, denied: { views: ['DBA_TABLESPACE_USAGE_METRICS'], grant: 'GRANT ...' } },
      recoveryArea: { ok: true, data: { configured: false, usedPct: null, usedNetPct: null } },
    } as unknown as SpaceSnapshot;
    const inputs = spaceAlertInputs(
      'c',
      { space: async () => ({ data: denied }), limits: async () => ({ data: { rows: [] } }) as never },
      { oraErrorsSince: async () => ({ entries: [] }) },
    );
    expect(await inputs.tablespaces!()).toEqual([]);
    expect(await inputs.recoveryArea!()).toBeNull();
  });
});
