/** Fake AlertInputs for tests: every figure settable, every method may be made to fail. */
import type { AlertInputs } from '../inputs';
import { EMPTY_INPUTS } from '../inputs';

export type FakeInputs = AlertInputs & { set(patch: Partial<AlertInputs>): void };

export function fakeInputs(initial: Partial<AlertInputs> = {}): FakeInputs {
  let current: AlertInputs = { ...EMPTY_INPUTS, ...initial };
  return {
    tablespaces: () => current.tablespaces(),
    recoveryArea: () => current.recoveryArea(),
    resourceLimits: () => current.resourceLimits(),
    alertLogErrors: (since) => current.alertLogErrors(since),
    blockedSessions: () => current.blockedSessions(),
    load: () => current.load(),
    redisMemory: () => current.redisMemory(),
    cacheHitRatio: () => current.cacheHitRatio(),
    set(patch) {
      current = { ...current, ...patch };
    },
  };
}
