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

export function ms(value: number | null | undefined, lang: string): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  const abs = Math.abs(value);
  if (abs >= 60_000) return `${formatNumber(value / 1000, lang, 0)} s`;
  if (abs >= 1000) return `${formatNumber(value / 1000, lang, 2)} s`;
  return `${formatNumber(value, lang, abs >= 10 ? 1 : 3)} ms`;
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
      hour12: false,
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

/** seconds → "42 s", "3 min 5 s", "2 h 10 min" (language neutral units, as Oracle tools print) */
export function duration(sec: number | null | undefined): string {
  if (sec === null || sec === undefined || Number.isNaN(sec)) return '—';
  const s = Math.max(0, Math.round(sec));
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ${s % 60} s`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}
