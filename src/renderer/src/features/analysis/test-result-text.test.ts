import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LlmTestResult } from '@shared/types/llm';
import { describe, expect, it } from 'vitest';
import { testResultText } from './test-result-text';

function t(lang: 'en' | 'ko') {
  const files: Record<string, unknown> = {
    analysis: JSON.parse(readFileSync(join(__dirname, '../../i18n/locales', lang, 'analysis.json'), 'utf8')),
  };
  return (key: string, params: Record<string, unknown> = {}) => {
    const [ns, path] = key.split(':') as [string, string];
    const v = path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)?.[k], files[ns]);
    if (typeof v !== 'string') throw new Error(`missing ${key}`);
    return v.replace(/\{\{(\w+)\}\}/g, (_, n: string) => String(params[n] ?? ''));
  };
}

const base: LlmTestResult = {
  ok: true,
  provider: 'openai-compatible',
  baseUrl: 'http://127.0.0.1:11434/v1',
  latencyMs: 5,
  modelCount: 3,
  modelFound: true,
  message: 'Connected: 3 models available, "qwen" among them.',
};
const words = () => 'WORDED';

describe('the model-server test result is worded by the renderer, never main English', () => {
  it('connected with the model, in Korean and English', () => {
    expect(testResultText(base, 'qwen', t('ko'), words)).toBe(
      '연결됨: 모델 3개를 사용할 수 있으며 "qwen"도 있습니다.',
    );
    expect(testResultText(base, 'qwen', t('en'), words)).toContain('"qwen" among them');
  });
  it('model missing, offline, and a failure worded from its error', () => {
    const missing = { ...base, ok: false, modelFound: false };
    expect(testResultText(missing, 'x', t('ko'), words)).toContain('"x"이(가) 없습니다');
    expect(testResultText({ ...base, provider: 'offline' }, '', t('ko'), words)).toMatch(/오프라인/);
    const failed: LlmTestResult = {
      ...base,
      ok: false,
      modelFound: null,
      message: 'fetch failed: ECONNREFUSED',
      error: { code: 'LLM_ERROR', message: 'x', retryable: true, details: { reason: 'unreachable' } },
    };
    expect(testResultText(failed, '', t('ko'), words)).toBe('WORDED');
    expect(testResultText({ ...failed, error: undefined }, '', t('ko'), words)).toBe(
      '모델 서버에 연결할 수 없습니다.',
    );
  });
});
