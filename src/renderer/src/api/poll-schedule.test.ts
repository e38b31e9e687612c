import type { CacheMeta } from '@shared/cache';
import { describe, expect, it } from 'vitest';
import { isDue, nextPollDelay } from './poll-schedule';

const meta = (over: Partial<CacheMeta> = {}): CacheMeta => ({
  key: 'tms:demo:sessions',
  origin: 'l2',
  storedAt: 100_000,
  ttlSeconds: 30,
  stale: false,
  ...over,
});

describe('nextPollDelay: what is shown is never older than its TTL', () => {
  it('polls at storedAt + ttl − ahead (0.9 s for 30 s), not a fixed period after the answer arrived', () => {
    // an answer already 20 s old when it arrives: next read in 9.1 s (at age 29.1 s), not in 30 s (age 50 s)
    expect(nextPollDelay(meta(), 120_000, 30_000)).toBe(9_100);
    expect(nextPollDelay(meta(), 100_000, 30_000)).toBe(29_100);
    // shown data age at the next read stays under the TTL
    const now = 125_000;
    expect(now + nextPollDelay(meta(), now, 30_000) - 100_000).toBeLessThan(30_000);
  });

  it('follows the TTL policy of the answer when it changes', () => {
    expect(nextPollDelay(meta({ ttlSeconds: 60 }), 100_000, 30_000)).toBe(58_200);
    expect(nextPollDelay(meta({ ttlSeconds: 5 }), 100_000, 30_000)).toBe(4_850);
  });

  it('asks again soon (backing off) while the answer is due or stale', () => {
    expect(isDue(meta(), 129_500)).toBe(true);
    expect(isDue(meta(), 129_000)).toBe(false);
    // first re-read when the refresh ahead has had its window (0.9 s), then backing off
    expect(nextPollDelay(meta(), 129_500, 30_000, 0)).toBe(900);
    expect(nextPollDelay(meta(), 129_500, 30_000, 2)).toBe(3600);
    expect(nextPollDelay(meta({ ttlSeconds: 4 }), 103_900, 30_000, 0)).toBe(250);
    expect(nextPollDelay(meta({ stale: true, origin: 'stale' }), 101_000, 30_000, 20)).toBe(30_000);
  });

  it('uses the view cadence without metadata or with caching off', () => {
    expect(nextPollDelay(undefined, 0, 15_000)).toBe(15_000);
    expect(nextPollDelay(meta({ ttlSeconds: 0 }), 100_000, 15_000)).toBe(15_000);
    expect(isDue(meta({ ttlSeconds: 0, stale: true }), 0)).toBe(false);
  });
});
