import { describe, expect, it } from 'vitest';
import { fetchRatePerTtl } from './consoles';

describe('fetchRatePerTtl', () => {
  it('is 1 for one fetch per TTL whatever the phase', () => {
    // TTL 300 plan s at 10×: one fetch every 30 real s, starting anywhere
    expect(fetchRatePerTtl([5_000, 35_000, 65_000], 300, 10)).toBeCloseTo(1, 6);
    expect(fetchRatePerTtl([29_000, 59_000], 300, 10)).toBeCloseTo(1, 6);
  });

  it('counts a duplicate fetch (a stampede) as a higher rate', () => {
    expect(fetchRatePerTtl([0, 30_000, 30_010, 60_000], 300, 10)).toBeCloseTo(1.5, 6);
  });

  it('shows refresh-ahead: fetches 3 % early are 1.03 per TTL', () => {
    expect(fetchRatePerTtl([0, 29_100, 58_200], 300, 10)).toBeCloseTo(300 / 291, 6);
  });

  it('has no rate with fewer than 2 fetches', () => {
    expect(fetchRatePerTtl([], 60, 10)).toBeNull();
    expect(fetchRatePerTtl([1], 60, 10)).toBeNull();
  });

  it('sorts its input and reports simultaneous fetches as unbounded', () => {
    expect(fetchRatePerTtl([60_000, 0, 30_000], 300, 10)).toBeCloseTo(1, 6);
    expect(fetchRatePerTtl([7, 7], 300, 10)).toBe(Number.POSITIVE_INFINITY);
  });
});
