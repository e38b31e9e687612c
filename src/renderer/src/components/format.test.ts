import { describe, expect, it } from 'vitest';
import { formatAge } from './format';

describe('formatAge', () => {
  it('words ages in the UI language', () => {
    expect(formatAge(12_400, 'en')).toBe('12 sec');
    expect(formatAge(12_400, 'ko')).toBe('12초');
    expect(formatAge(3 * 60_000, 'ko')).toBe('3분');
    expect(formatAge(5 * 3600_000, 'ko')).toBe('5시간');
    expect(formatAge(72 * 3600_000, 'ko')).toBe('3일');
    expect(formatAge(72 * 3600_000, 'en')).toBe('3 days');
  });
});
