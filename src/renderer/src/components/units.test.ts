import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  ago,
  bytesPerSec,
  chartTime,
  dateTime,
  duration,
  durationNarrow,
  durationParts,
  ms,
  num,
  pct,
  setTimeDisplay,
  timeOfDay,
  utcOffsetLabel,
} from './units';

describe('units as a DBA reads them', () => {
  it('numbers keep decimals only when small', () => {
    expect(num(1286.4, 'en')).toBe('1,286');
    expect(num(21.24, 'en')).toBe('21.2');
    expect(num(5.114, 'en')).toBe('5.11');
    expect(num(null, 'en')).toBe('—');
  });

  it('percent, milliseconds, bytes per second', () => {
    expect(pct(40.25, 'en')).toBe('40.3 %');
    expect(ms(0.62, 'en')).toBe('0.62 ms');
    expect(ms(1850, 'en')).toBe('1.85 sec');
    expect(ms(357_786_000, 'en')).toBe('357,786 sec');
    expect(ms(357_786_000, 'ko')).toBe('357,786초');
    expect(bytesPerSec(3.5 * 1024 * 1024, 'en')).toBe('3.5 MB/s');
  });
});

describe('durations follow the UI language (Intl)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('keeps the two largest units', () => {
    expect(durationParts(42)).toEqual({ seconds: 42 });
    expect(durationParts(914)).toEqual({ minutes: 15, seconds: 14 });
    expect(durationParts(3600)).toEqual({ hours: 1 });
    expect(durationParts(9 * 3600 + 10 * 86_400)).toEqual({ days: 10, hours: 9 });
  });

  it('words them in English and Korean, never "15 min 14 s" or "10 d 9 h" on a Korean screen', () => {
    expect(duration(914, 'en')).toBe('15 min, 14 sec');
    expect(duration(914, 'ko')).toBe('15분 14초');
    expect(duration(10 * 86_400 + 9 * 3600, 'ko')).toBe('10일 9시간');
    expect(duration(10 * 86_400 + 9 * 3600, 'en')).toBe('10 days, 9 hr');
    expect(duration(42, 'en')).toBe('42 sec');
    expect(duration(3600, 'ko')).toBe('1시간');
    expect(duration(null, 'ko')).toBe('—');
  });

  it("has a narrow form for grid cells, still the language's own (Intl narrow units)", () => {
    expect(durationNarrow(914, 'en')).toBe('15m 14s');
    expect(durationNarrow(10 * 86_400 + 9 * 3600, 'en')).toBe('10d 9h');
    expect(durationNarrow(914, 'ko')).toBe('15분 14초');
    expect(durationNarrow(10 * 86_400 + 9 * 3600, 'ko')).toBe('10일 9시간');
    expect(durationNarrow(0, 'en')).toBe('0s');
    expect(durationNarrow(null, 'en')).toBe('—');
    // the short form is unchanged by the narrow one's cached formatters
    expect(duration(914, 'en')).toBe('15 min, 14 sec');
  });

  it('says 0 s rather than nothing (Intl.DurationFormat prints an empty string for zero)', () => {
    expect(duration(0, 'en')).toBe('0 sec');
    expect(duration(0.4, 'ko')).toBe('0초');
  });

  it('relative ages and times of day', () => {
    expect(ago(12_000, 'en')).toBe('12 sec. ago');
    expect(ago(12_000, 'ko')).toBe('12초 전');
    expect(ago(3 * 60_000, 'ko')).toBe('3분 전');
    const at = new Date(2026, 0, 2, 15, 4, 5).getTime();
    expect(timeOfDay(at, 'en')).toBe('15:04:05');
    expect(timeOfDay(at, 'ko')).toMatch(/^15:04:05$|^15시 4분 5초$/);
    expect(dateTime(at, 'ko')).toContain('2026');
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

describe('chart times follow the same clock', () => {
  it('the activity and dashboard charts use the database clock in database mode, 24 h', () => {
    const at = Date.UTC(2026, 0, 1, 23, 30, 5);
    setTimeDisplay({ mode: 'database', dbOffsetMin: 540 });
    try {
      expect(chartTime(at, 'en-US')).toBe('08:30:05');
      expect(chartTime(at, 'en-US', { withSeconds: false })).toBe('08:30');
      expect(chartTime(at, 'ko', { withDate: true, withSeconds: false })).toMatch(/01\. 02\..*08:30/);
      expect(chartTime(at, 'en-US')).toBe(timeOfDay(at, 'en-US'));
    } finally {
      setTimeDisplay({ mode: 'local', dbOffsetMin: null });
    }
  });
});
