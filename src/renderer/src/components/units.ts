import { formatBytes, formatNumber } from './format';

/** Numbers with the precision a DBA reads them at: small values keep decimals, large ones do not. */
export function num(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  const digits = abs >= 100 ? 0 : abs >= 10 ? 1 : 2;
  return formatNumber(value, lang, digits);
}

export function pct(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatNumber(value, lang, 1)} %`;
}

const unitFormats = new Map<string, Intl.NumberFormat>();

/** "1.5 sec" / "1.5초": a number with a time unit, worded by Intl for the language. */
export function withUnit(
  value: number,
  unit: 'millisecond' | 'second' | 'minute' | 'hour' | 'day',
  lang: string,
  digits = 0,
  display: 'short' | 'narrow' = 'short',
): string {
  const key = `${lang}|${unit}|${digits}|${display}`;
  let f = unitFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(lang, {
      style: 'unit',
      unit,
      unitDisplay: display,
      maximumFractionDigits: digits,
      minimumFractionDigits: 0,
    });
    unitFormats.set(key, f);
  }
  return f.format(value);
}

/** Milliseconds as a DBA reads them: ms below a second, seconds above (Oracle's elapsed/CPU times). */
export function ms(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 60_000) return withUnit(value / 1000, 'second', lang, 0);
  if (abs >= 1000) return withUnit(value / 1000, 'second', lang, 2);
  return withUnit(value, 'millisecond', lang, abs >= 10 ? 1 : 3);
}

export function bytesPerSec(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  return `${formatBytes(value, lang)}/s`;
}

/**
 * Which clock times are shown on: the console's own zone ('local') or the database host's ('database':
 * the wall clock V$ views show, from the health read's SYSTIMESTAMP offset). Every time the console
 * receives is an instant (epoch ms); only the display changes. Set by the header's toggle.
 */
export interface TimeDisplay {
  mode: 'local' | 'database';
  /** the database host's offset from UTC in minutes (null until the health read answered) */
  dbOffsetMin: number | null;
}
let timeDisplay: TimeDisplay = { mode: 'local', dbOffsetMin: null };
export function setTimeDisplay(next: TimeDisplay): void {
  timeDisplay = next;
}
export function getTimeDisplay(): TimeDisplay {
  return timeDisplay;
}
/** The instant to format and the Intl zone to format it in (database time = shifted, read as UTC). */
export function displayInstant(epochMs: number): { at: number; timeZone: string | undefined } {
  const { mode, dbOffsetMin } = timeDisplay;
  if (mode === 'database' && dbOffsetMin !== null)
    return { at: epochMs + dbOffsetMin * 60_000, timeZone: 'UTC' };
  return { at: epochMs, timeZone: undefined };
}
/** '+09:00' */
export function utcOffsetLabel(min: number): string {
  const a = Math.abs(min);
  return `${min < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** Date and time of day; the formatter is built once per language and zone (10,000 rows format fast). */
export function dateTime(epochMs: number | null | undefined, lang: string): string {
  if (epochMs === null || epochMs === undefined) return '—';
  const { at, timeZone } = displayInstant(epochMs);
  const key = `${lang}|${timeZone ?? ''}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    dateTimeFormats.set(key, f);
  }
  return f.format(at);
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

export function dateOnly(epochMs: number | null | undefined, lang: string): string {
  if (epochMs === null || epochMs === undefined) return '—';
  let f = dateFormats.get(lang);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, { year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(lang, f);
  }
  return f.format(epochMs);
}

type DurationParts = { days?: number; hours?: number; minutes?: number; seconds?: number };

const unitLists = new Map<string, Intl.ListFormat>();

/** "15 min, 14 sec" / "15m 14s" / "15분 14초": the language's own way of listing unit amounts. */
function unitList(lang: string, style: 'short' | 'narrow' = 'short'): Intl.ListFormat {
  const key = `${lang}|${style}`;
  let f = unitLists.get(key);
  if (!f) {
    f = new Intl.ListFormat(lang, { type: 'unit', style });
    unitLists.set(key, f);
  }
  return f;
}

const PART_UNIT = { days: 'day', hours: 'hour', minutes: 'minute', seconds: 'second' } as const;

/** The two largest units of a duration: "42 sec", "21 min, 8 sec", "10 days, 9 hr"; in Korean "10일 9시간". */
export function durationParts(sec: number): DurationParts {
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return { seconds: s };
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 ? { minutes: m, seconds: s % 60 } : { minutes: m };
  const h = Math.floor(m / 60);
  if (h < 48) return m % 60 ? { hours: h, minutes: m % 60 } : { hours: h };
  const d = Math.floor(h / 24);
  return h % 24 ? { days: d, hours: h % 24 } : { days: d };
}

/**
 * seconds → a duration worded by Intl in the UI language: unit-style numbers listed the language's way,
 * the same words as Intl.DurationFormat's short style ("15 min, 14 sec", "15분 14초"; checked in
 * Chromium for 0 s to 4 days), which costs ten times as much (~50 µs a call, and a scrolled frame of the
 * sessions list formats dozens) and says nothing at all for 0 s.
 */
export function duration(
  sec: number | null | undefined,
  lang: string,
  display: 'short' | 'narrow' = 'short',
): string {
  if (sec === null || sec === undefined || Number.isNaN(sec)) return '—';
  const parts = durationParts(sec);
  return unitList(lang, display).format(
    (Object.keys(parts) as Array<keyof DurationParts>).map((k) =>
      withUnit(parts[k]!, PART_UNIT[k], lang, 0, display),
    ),
  );
}

/**
 * The narrow form for a grid's cells, Intl's too: "15m 14s", "10d 9h"; in Korean "15분 14초". The short
 * form ("15 min, 14 sec") did not fit the sessions grid's wait columns, and a cut duration hides its
 * number ("15 min, 4…").
 */
export function durationNarrow(sec: number | null | undefined, lang: string): string {
  return duration(sec, lang, 'narrow');
}

const relativeFormats = new Map<string, Intl.RelativeTimeFormat>();

/** How long ago, in the UI language: "12 sec. ago", "3분 전". */
export function ago(ageMs: number, lang: string): string {
  let f = relativeFormats.get(lang);
  if (!f) {
    f = new Intl.RelativeTimeFormat(lang, { numeric: 'always', style: 'short' });
    relativeFormats.set(lang, f);
  }
  const s = Math.max(0, Math.round(ageMs / 1000));
  if (s < 60) return f.format(-s, 'second');
  const m = Math.floor(s / 60);
  if (m < 60) return f.format(-m, 'minute');
  const h = Math.floor(m / 60);
  if (h < 48) return f.format(-h, 'hour');
  return f.format(-Math.floor(h / 24), 'day');
}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Time of day, 24 h with seconds: the one time format of the app (charts, last sample, ages); local
 * time or the database host's clock, as the header's switch says.
 */
export function timeOfDay(epochMs: number | null | undefined, lang: string): string {
  if (epochMs === null || epochMs === undefined) return '—';
  const { at, timeZone } = displayInstant(epochMs);
  const key = `${lang}|${timeZone ?? ''}`;
  let f = timeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    timeFormats.set(key, f);
  }
  return f.format(at);
}

const chartFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A chart's axis and tooltip time: the same clock as timeOfDay (24 h, local or database time as the
 * header says), with the date for spans over a day and without seconds where ticks are minutes apart.
 */
export function chartTime(
  epochMs: number,
  lang: string,
  options: { withDate?: boolean; withSeconds?: boolean } = {},
): string {
  const { withDate = false, withSeconds = true } = options;
  const { at, timeZone } = displayInstant(epochMs);
  const key = `${lang}|${timeZone ?? ''}|${withDate}|${withSeconds}`;
  let f = chartFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(lang, {
      ...(withDate ? { month: '2-digit', day: '2-digit' } : {}),
      hour: '2-digit',
      minute: '2-digit',
      ...(withSeconds ? { second: '2-digit' } : {}),
      hourCycle: 'h23',
      ...(timeZone ? { timeZone } : {}),
    });
    chartFormats.set(key, f);
  }
  return f.format(at);
}
