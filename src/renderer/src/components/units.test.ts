import { describe, expect, it } from 'vitest';
import { bytesPerSec, duration, ms, num, pct } from './units';

describe('units as a DBA reads them', () => {
  it('numbers keep decimals only when small', () => {
    expect(num(1286.4, 'en')).toBe('1,286');
    expect(num(21.24, 'en')).toBe('21.2');
    expect(num(5.114, 'en')).toBe('5.11');
    expect(num(null, 'en')).toBe('—');
  });

  it('percent, milliseconds, bytes per second, durations', () => {
    expect(pct(40.25, 'en')).toBe('40.3 %');
    expect(ms(0.62, 'en')).toBe('0.62 ms');
    expect(ms(1850, 'en')).toBe('1.85 s');
    expect(ms(357_786_000, 'en')).toBe('357,786 s');
    expect(bytesPerSec(3.5 * 1024 * 1024, 'en')).toBe('3.5 MB/s');
    expect(duration(42)).toBe('42 s');
    expect(duration(1268)).toBe('21 min 8 s');
    expect(duration(93_600 * 10)).toBe('10 d 20 h');
  });
});
