import { describe, expect, it } from 'vitest';
import { connectionIndicator, SERVING_WINDOW_MS } from './serving';

describe('connection indicator', () => {
  const now = 1_000_000;

  it('is "serving" while answers keep coming, even with an idle or closed pool (cached answers)', () => {
    expect(connectionIndicator('idle', { servedAt: now - 5_000, origin: 'l2' }, now)).toBe('serving');
    expect(connectionIndicator('closed', { servedAt: now - 5_000, origin: 'l1' }, now)).toBe('serving');
  });

  it('is "failed" when the newest event is a connection failure, "serving" again after an answer', () => {
    expect(connectionIndicator('connected', { servedAt: now - 10_000, failedAt: now - 1_000 }, now)).toBe(
      'failed',
    );
    expect(connectionIndicator('failed', { servedAt: now - 1_000, failedAt: now - 10_000 }, now)).toBe(
      'serving',
    );
  });

  it('falls back to the pool state when nothing was served lately', () => {
    const old = { servedAt: now - SERVING_WINDOW_MS - 1 };
    expect(connectionIndicator('idle', old, now)).toBe('idle');
    expect(connectionIndicator('connecting', undefined, now)).toBe('connecting');
    expect(connectionIndicator('failed', undefined, now)).toBe('failed');
    expect(connectionIndicator('connected', undefined, now)).toBe('serving');
    expect(connectionIndicator(undefined, undefined, now)).toBe('idle');
  });
});
