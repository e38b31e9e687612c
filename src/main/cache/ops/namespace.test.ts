import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import {
  assertInNamespace,
  isInNamespace,
  isReserved,
  literalHeadOf,
  prefixPattern,
  redisUnavailable,
} from './namespace';

describe('namespace rules', () => {
  it('only keys under tms: are managed; refusals say which key, and are FORBIDDEN', () => {
    expect(isInNamespace('tms:demo:sessions')).toBe(true);
    expect(isInNamespace('tmsx:demo')).toBe(false);
    expect(() => assertInNamespace('tms:demo:')).not.toThrow();
    try {
      assertInNamespace('other:key', 'prefix');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(TmsError);
      expect(error).toMatchObject({ code: 'FORBIDDEN', details: { key: 'other:key' } });
      expect((error as Error).message).toContain('prefix "other:key"');
    }
  });

  it('reserved prefixes (settings, counters) are recognised', () => {
    expect(isReserved('tms:config:ttl')).toBe(true);
    expect(isReserved('tms:stats:total')).toBe(true);
    expect(isReserved('tms:demo:sessions')).toBe(false);
  });

  it('the literal head of a glob stops at the first unescaped metacharacter', () => {
    expect(literalHeadOf('tms:a\\*b:*')).toBe('tms:a*b:');
    expect(literalHeadOf('tms:x?y')).toBe('tms:x');
    expect(literalHeadOf('tms:[ab]')).toBe('tms:');
    expect(literalHeadOf('tms:end\\')).toBe('tms:end\\'); // a trailing backslash escapes nothing
    expect(literalHeadOf('\\')).toBe('\\');
    expect(prefixPattern('tms:a*b:')).toBe('tms:a\\*b:*');
  });

  it('a Redis failure becomes a retryable REDIS_UNAVAILABLE; a TmsError passes unchanged', () => {
    const cause = new Error('Connection is closed.');
    const wrapped = redisUnavailable('scan keys', cause);
    expect(wrapped).toMatchObject({ code: 'REDIS_UNAVAILABLE', retryable: true });
    expect(wrapped.message).toContain('scan keys');
    const own = new TmsError('FORBIDDEN', 'no');
    expect(redisUnavailable('scan keys', own)).toBe(own);
  });
});
