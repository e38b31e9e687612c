import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AnalyzeResponse } from '@shared/types/llm';
import { createInstance, type i18n } from 'i18next';
import { renderToStaticMarkup } from 'react-dom/server';
import { I18nextProvider, initReactI18next } from 'react-i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputsView, OriginLine } from './ResultOrigin';

const NOW = Date.UTC(2026, 10, 29, 12);

/** the shipped translations (analysis + common), as the app loads them */
function resources() {
  const load = (lang: string, ns: string) =>
    JSON.parse(readFileSync(join(__dirname, '../../i18n/locales', lang, `${ns}.json`), 'utf8'));
  return Object.fromEntries(
    ['en', 'ko'].map((lang) => [lang, { analysis: load(lang, 'analysis'), common: load(lang, 'common') }]),
  );
}

const base: AnalyzeResponse = {
  requestId: 'r1',
  type: 'tuning',
  provider: 'offline',
  providerId: 'offline',
  model: 'rules-v1',
  promptVersion: 'v1',
  hash: '',
  markdown: '',
  findings: [],
  fromCache: false,
  modelCalled: false,
  generatedAt: NOW,
  masked: false,
  inputs: {
    text: { status: 'used', source: 'request' },
    plan: { status: 'used', source: 'fetched', storedAt: NOW - 12_000 },
    stats: { status: 'used', source: 'request' },
    tables: { status: 'used', source: 'fetched', count: 2 },
  },
};

let en: i18n;
let ko: i18n;
beforeAll(async () => {
  const make = async (lng: string) => {
    const instance = createInstance();
    await instance.use(initReactI18next).init({
      resources: resources(),
      lng,
      fallbackLng: 'en',
      defaultNS: 'common',
      interpolation: { escapeValue: false },
    });
    return instance;
  };
  en = await make('en');
  ko = await make('ko');
});

const html = (i: i18n, node: React.ReactNode) =>
  renderToStaticMarkup(<I18nextProvider i18n={i}>{node}</I18nextProvider>)
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

describe('the analysis panel says where its answer came from and what it read', () => {
  it('offline: computed now, then its age; a plan read by main says so with the data age', () => {
    expect(html(en, <OriginLine result={base} now={NOW + 1000} />)).toContain('computed just now');
    expect(html(en, <OriginLine result={base} now={NOW + 120_000} />)).toContain('computed 2 min ago');
    const used = html(en, <InputsView result={base} now={NOW} />);
    expect(used).toContain('execution plan (read for this analysis, data 12 sec old)');
    expect(used).toContain('statistics (as shown)');
    // table statistics carry no read time: no age is made up for them
    expect(used).toContain('table statistics (2) (read for this analysis)');
  });

  it('a model answer from the cache gives its age', () => {
    const fromCache: AnalyzeResponse = {
      ...base,
      provider: 'openai-compatible',
      fromCache: true,
      generatedAt: NOW - 3_600_000,
      modelLatencyMs: 4200,
      cache: {
        key: 'tms:llm:tuning:x',
        origin: 'l2',
        storedAt: NOW - 3_600_000,
        ttlSeconds: 86_400,
        stale: false,
      },
    };
    expect(html(en, <OriginLine result={fromCache} now={NOW} />)).toContain('From cache · 1 hr ago');
    const fresh = { ...fromCache, fromCache: false, modelCalled: true, generatedAt: NOW };
    expect(html(en, <OriginLine result={fresh} now={NOW} />)).toMatch(
      /Model answered in 4\.2 s.*computed just now/,
    );
  });

  it('what the analysis lacked, with the reason, in both languages', () => {
    const lacking: AnalyzeResponse = {
      ...base,
      inputs: {
        ...base.inputs,
        plan: { status: 'missing', reason: 'agedOut' },
        stats: { status: 'missing', reason: 'readFailed', errorCode: 'ORACLE_UNREACHABLE' },
      },
    };
    const text = html(en, <InputsView result={lacking} now={NOW} />);
    expect(text).toContain('Execution plan not available: the cursor aged out of the shared pool.');
    expect(text).toContain('Statistics not available: reading it failed (Oracle cannot be reached.');
    const korean = html(ko, <InputsView result={lacking} now={NOW} />);
    expect(korean).toContain('실행계획 없음: 커서가 공유 풀에서 밀려났습니다.');
    expect(korean).toContain('실행 통계 없음: 조회에 실패했습니다');
    expect(korean).not.toContain('not available');
  });
});
