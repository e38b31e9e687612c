import { describe, expect, it } from 'vitest';
import { activityChannels } from './activity';

const parse = (name: keyof typeof activityChannels, value: unknown) =>
  activityChannels[name].request.safeParse(value).success;
const T = Date.UTC(2026, 11, 2, 3, 12, 0);

describe('activity contract: ranges', () => {
  it('the chart needs 5 min to 24 h; the top tables take a brushed selection down to one second', () => {
    const shortRange = { from: T - 30_000, to: T };
    expect(parse('activity:aas', { connId: 'demo', range: shortRange })).toBe(false);
    expect(parse('activity:aas', { connId: 'demo', range: { from: T - 300_000, to: T } })).toBe(true);
    expect(parse('activity:top', { connId: 'demo', range: shortRange })).toBe(true);
    expect(parse('activity:top', { connId: 'demo', range: { from: T - 999, to: T } })).toBe(false);
    expect(parse('activity:top', { connId: 'demo', range: { from: T, to: T - 60_000 } })).toBe(false);
    expect(parse('activity:top', { connId: 'demo', range: { from: T - 25 * 3_600_000, to: T } })).toBe(false);
    expect(parse('activity:top', { connId: 'demo', range: { from: T - 60_000, rangeMs: 60_000 } })).toBe(
      false,
    );
    expect(parse('activity:top', { connId: 'demo', range: { rangeMs: 3_600_000 } })).toBe(true);
    // seconds passed as milliseconds are refused
    expect(parse('activity:top', { connId: 'demo', range: { from: T / 1000 - 60, to: T / 1000 } })).toBe(
      false,
    );
  });
});
