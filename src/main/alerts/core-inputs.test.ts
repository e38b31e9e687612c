import type { LocksSnapshot } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import { blockedFromLocks, coreAlertInputs } from './core-inputs';

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
});
