import { describe, expect, it } from 'vitest';
import { bytesPerSec, dateTime, duration, ms, num, pct, setTimeDisplay, utcOffsetLabel } from './units';

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

describe('database time or local time', () => {
  it("shows the database host wall clock in database mode, whatever this computer's zone", () => {
    const at = Date.UTC(2026, 0, 1, 23, 30, 5);
    setTimeDisplay({ mode: 'database', dbOffsetMin: 540 });
    try {
      expect(dateTime(at, 'en-GB')).toContain('08:30:05');
      expect(dateTime(at, 'en-GB')).toContain('02/01/2026');
      setTimeDisplay({ mode: 'database', dbOffsetMin: -300 });
      expect(dateTime(at, 'en-GB')).toContain('18:30:05');
      // until the health read answered there is no database zone: local time, not a guess
      setTimeDisplay({ mode: 'database', dbOffsetMin: null });
      expect(dateTime(at, 'en-GB')).toBe(
        new Intl.DateTimeFormat('en-GB', {
          year: 'numeric',
          month: '2-digit',
          day: '2-digit',
          hour: '2-digit',
          minute: '2-digit',
          second: '2-digit',
          hour12: false,
        }).format(at),
      );
      expect(utcOffsetLabel(540)).toBe('+09:00');
      expect(utcOffsetLabel(-330)).toBe('-05:30');
    } finally {
      setTimeDisplay({ mode: 'local', dbOffsetMin: null });
    }
  });
});
