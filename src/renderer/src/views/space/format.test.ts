import { describe, expect, it } from 'vitest';
import { binBytes, fullness } from './format';

describe('space formats', () => {
  it("says binary units (1024^n) in the language's digits", () => {
    expect(binBytes(512, 'en')).toBe('512 B');
    expect(binBytes(1536, 'en')).toBe('1.5 KiB');
    expect(binBytes(16 * 1024 ** 3, 'en')).toBe('16 GiB');
    expect(binBytes(121_856 * 1024 ** 2, 'en')).toBe('119 GiB');
    expect(binBytes(500 * 1024 ** 3, 'ko')).toBe('500 GiB');
    expect(binBytes(8 * 1024 ** 4, 'en')).toBe('8 TiB');
    expect(binBytes(1234.5 * 1024 ** 3, 'en')).toBe('1.21 TiB');
    expect(binBytes(null, 'en')).toBe('—');
  });
  it('grades fullness at 85 and 95 %', () => {
    expect([fullness(84.9), fullness(85), fullness(94.99), fullness(95), fullness(null)]).toEqual([
      'ok',
      'warn',
      'warn',
      'crit',
      'ok',
    ]);
  });
});
