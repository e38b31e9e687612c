import type { CacheMeta } from '@shared/cache';
import { describe, expect, it } from 'vitest';
import en from '../i18n/locales/en/common.json';
import ko from '../i18n/locales/ko/common.json';
import { autoRefreshLabel } from './DataStatus';

const meta = (ttlSeconds: number): CacheMeta => ({
  key: 'tms:demo:sessions',
  origin: 'l2',
  storedAt: 0,
  ttlSeconds,
  stale: false,
});

/** i18next-like interpolation over the real locale files */
const translator =
  (locale: { status: Record<string, unknown> }) =>
  (key: string, params: Record<string, unknown> = {}) =>
    String(locale.status[key.replace('status.', '')] ?? key).replace(/\{\{(\w+)\}\}/g, (_, p) =>
      String(params[p]),
    );

describe('auto-refresh label', () => {
  it('follows the TTL the answer carries (the policy), not the view constant', () => {
    expect(autoRefreshLabel(translator(en), meta(30), 30_000)).toBe('auto-refresh as its 30 s TTL ends');
    expect(autoRefreshLabel(translator(en), meta(45), 30_000)).toBe('auto-refresh as its 45 s TTL ends');
    expect(autoRefreshLabel(translator(ko), meta(45), 30_000)).toBe('TTL 45초에 맞춰 자동 갱신');
  });

  it('falls back to the view cadence before the first answer or with caching off', () => {
    expect(autoRefreshLabel(translator(en), undefined, 15_000)).toBe('auto-refresh every 15 s');
    expect(autoRefreshLabel(translator(en), meta(0), 15_000)).toBe('auto-refresh every 15 s');
  });
});
