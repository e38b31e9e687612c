import { buildKeyTree } from '@shared/cache-tree';
import type { StatsMinute } from '@shared/contract/cache';
import { describe, expect, it } from 'vitest';
import {
  flattenTree,
  formatCountdown,
  formatTtlSeconds,
  historyRows,
  isBelow,
  keysNeedingDetails,
  patternForScan,
  remainingTtlMs,
  toPercent,
  validateTtlForm,
} from './cache-model';

const minute = (at: number, lookups: number, hitRatio: number | null): StatsMinute =>
  ({
    at,
    counters: {} as StatsMinute['counters'],
    summary: {
      lookups,
      hits: 0,
      hitRatio,
      l1Ratio: hitRatio === null ? null : hitRatio / 2,
      l2Ratio: hitRatio === null ? null : hitRatio / 2,
      staleRatio: null,
      oracleQueries: 0,
      oracleAvoided: 0,
      misses: 0,
      coalesced: 0,
      failedLookups: 0,
      redisErrors: 0,
      avgFetchMs: null,
    },
  }) as StatsMinute;

describe('hit ratio helpers', () => {
  it('turns the history into percent rows, null where nothing was looked up', () => {
    const rows = historyRows([minute(60_000, 0, null), minute(120_000, 10, 0.8)]);
    expect(rows[0]).toEqual({ t: 60_000, hit: null, l1: null, l2: null, lookups: 0 });
    expect(rows[1]!.hit).toBeCloseTo(80);
    expect(rows[1]!.l1).toBeCloseTo(40);
  });

  it('judges the threshold only when there is a ratio', () => {
    expect(isBelow({ hitRatio: 0.5 }, 60)).toBe(true);
    expect(isBelow({ hitRatio: 0.6 }, 60)).toBe(false);
    expect(isBelow({ hitRatio: null }, 60)).toBe(false);
    expect(isBelow(undefined, 60)).toBe(false);
    expect(toPercent(0.25)).toBe(25);
    expect(toPercent(null)).toBeNull();
  });
});

describe('TTL countdown and formatting', () => {
  it('counts down from the PTTL read, keeps -1/-2 and never goes below zero', () => {
    expect(remainingTtlMs(30_000, 1000, 11_000)).toBe(20_000);
    expect(remainingTtlMs(5_000, 1000, 60_000)).toBe(0);
    expect(remainingTtlMs(-1, 0, 99)).toBe(-1);
    expect(remainingTtlMs(-2, 0, 99)).toBe(-2);
  });

  it('formats countdowns and configured TTLs in the UI language', () => {
    expect(formatCountdown(42_900, 'en')).toBe('42 sec');
    expect(formatCountdown(245_000, 'en')).toBe('4 min, 5 sec');
    expect(formatCountdown(2 * 3600_000 + 3 * 60_000, 'en')).toBe('2 hr, 3 min');
    expect(formatCountdown(76 * 3600_000, 'en')).toBe('3 days, 4 hr');
    expect(formatCountdown(245_000, 'ko')).toBe('4분 5초');
    expect(formatCountdown(76 * 3600_000, 'ko')).toBe('3일 4시간');
    expect(formatTtlSeconds(15, 'en')).toBe('15 sec');
    expect(formatTtlSeconds(90, 'en')).toBe('90 sec');
    expect(formatTtlSeconds(300, 'en')).toBe('5 min');
    expect(formatTtlSeconds(3600, 'en')).toBe('1 hr');
    expect(formatTtlSeconds(86_400, 'en')).toBe('24 hr');
    expect(formatTtlSeconds(604_800, 'en')).toBe('7 days');
    expect(formatTtlSeconds(300, 'ko')).toBe('5분');
    expect(formatTtlSeconds(15, 'ko')).toBe('15초');
    expect(formatTtlSeconds(604_800, 'ko')).toBe('7일');
    expect(formatTtlSeconds(null, 'ko')).toBe('—');
  });
});

describe('validateTtlForm', () => {
  const limits = { min: 1, max: 604_800 };
  it('accepts a TTL alone (L1 and grace derived by main)', () => {
    expect(validateTtlForm({ ttl: '120', l1Ttl: '', grace: '' }, limits)).toEqual({
      errors: {},
      value: { ttl: 120 },
    });
    expect(validateTtlForm({ ttl: '60', l1Ttl: '10', grace: '0' }, limits).value).toEqual({
      ttl: 60,
      l1Ttl: 10,
      grace: 0,
    });
  });

  it('reports required, integer, min, max and L1 longer than the TTL', () => {
    expect(validateTtlForm({ ttl: '', l1Ttl: '', grace: '' }, limits).errors).toEqual({ ttl: 'required' });
    expect(validateTtlForm({ ttl: '1.5', l1Ttl: '', grace: '' }, limits).errors.ttl).toBe('integer');
    expect(validateTtlForm({ ttl: '0', l1Ttl: '', grace: '' }, limits).errors.ttl).toBe('min');
    expect(validateTtlForm({ ttl: '604801', l1Ttl: '', grace: '' }, limits).errors.ttl).toBe('max');
    const r = validateTtlForm({ ttl: '30', l1Ttl: '40', grace: '' }, limits);
    expect(r.errors.l1Ttl).toBe('l1Longer');
    expect(r.value).toBeUndefined();
    expect(validateTtlForm({ ttl: '30', l1Ttl: '', grace: '-1' }, limits).errors.grace).toBe('min');
  });
});

describe('key tree rows and scanning inputs', () => {
  const tree = buildKeyTree([
    'tms:demo:sessions',
    'tms:demo:top-sql:10',
    'tms:demo:top-sql:50',
    'tms:llm:sql:ab',
  ]);

  it('flattens every open group depth-first', () => {
    const rows = flattenTree(tree, new Set());
    expect(rows.map((r) => `${r.depth}:${r.node.name}`)).toEqual([
      '0:tms',
      '1:demo',
      '2:sessions',
      '2:top-sql',
      '3:10',
      '3:50',
      '1:llm',
      '2:sql',
      '3:ab',
    ]);
    expect(rows[0]!.group).toBe(true);
    expect(rows[2]!.group).toBe(false);
  });

  it('hides the children of a collapsed group', () => {
    const rows = flattenTree(tree, new Set(['tms:demo:']));
    expect(rows.map((r) => r.node.name)).toEqual(['tms', 'demo', 'llm', 'sql', 'ab']);
    expect(rows[1]!.expanded).toBe(false);
  });

  it('builds scan patterns', () => {
    expect(patternForScan('  ', false)).toBeUndefined();
    expect(patternForScan(' demo:* ', false)).toBe('demo:*');
    expect(patternForScan('session', true)).toBe('session*');
    expect(patternForScan('a?c', true)).toBe('a?c');
  });

  it('asks details only for rows never read or read too long ago', () => {
    const readAt = new Map([
      ['a', 1000],
      ['b', 9000],
    ]);
    expect(keysNeedingDetails(['a', 'b', 'c'], readAt, 10_000, 5000)).toEqual(['a', 'c']);
  });
});
