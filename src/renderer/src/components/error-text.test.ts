import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { errorText, type Translator } from './error-text';

/** a translator over the real locale files (flat `ns:key.path` lookups, {{param}} interpolation) */
function translator(language: 'en' | 'ko'): Translator {
  const load = (ns: string) =>
    JSON.parse(readFileSync(join(__dirname, '../i18n/locales', language, `${ns}.json`), 'utf8')) as Record<
      string,
      unknown
    >;
  const files: Record<string, Record<string, unknown>> = { common: load('common'), errors: load('errors') };
  const lookup = (key: string): string | undefined => {
    const [ns, path] = key.includes(':') ? (key.split(':') as [string, string]) : ['common', key];
    const v = path
      .split('.')
      .reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], files[ns]);
    return typeof v === 'string' ? v : undefined;
  };
  return {
    language,
    exists: (key) => lookup(key) !== undefined,
    t: (key, params = {}) =>
      (lookup(key) ?? key).replace(/\{\{(\w+)\}\}/g, (_, name: string) => String(params[name] ?? '')),
  };
}

const redisDown: AppError = {
  code: 'REDIS_UNAVAILABLE',
  message: 'Could not scan keys. Redis is not connected right now; …',
  retryable: true,
  details: { reason: 'redis.offline', action: 'scan keys' },
};

describe('errors from main, worded in the chosen language', () => {
  it('words a reason from the locale file, in Korean and English', () => {
    const ko = errorText(redisDown, translator('ko'));
    expect(ko.title).toBe('Redis를 사용할 수 없습니다.');
    expect(ko.body).toContain('지금 Redis에 연결되어 있지 않습니다');
    expect(ko.original).toBeUndefined();
    expect(errorText(redisDown, translator('en')).body).toContain('Redis is not connected right now');
  });

  it('fills the parameters main sent', () => {
    const e: AppError = {
      code: 'ORACLE_UNREACHABLE',
      message: 'No Oracle listener answered at db:1521 (NJS-503)…',
      retryable: true,
      details: { reason: 'oracle.listenerDown', ref: 'NJS-503' },
    };
    expect(errorText(e, translator('ko')).body).toContain('(NJS-503)');
  });

  it('keeps the English message as a fallback: shown in English, folded in Korean', () => {
    const e: AppError = { code: 'CONFLICT', message: 'The port must be 1-65535.', retryable: false };
    expect(errorText(e, translator('en')).body).toBe('The port must be 1-65535.');
    const ko = errorText(e, translator('ko'));
    expect(ko.body).toBeUndefined();
    expect(ko.original).toBe('The port must be 1-65535.');
    expect(ko.title).not.toMatch(/[A-Za-z]{4}/);
  });
});

describe('input errors (VALIDATION) never reach a Korean screen as English alone', () => {
  it('words a connect-string reason with its field in the UI language', () => {
    const e: AppError = {
      code: 'VALIDATION',
      message: 'The TNS configuration directory must be an absolute path (got "tns").',
      retryable: false,
      details: { reason: 'connect.notAbsolute', field: 'configDir', shown: 'tns' },
    };
    const ko = errorText(e, translator('ko'));
    expect(ko.body).toBe('TNS 설정 디렉터리은(는) 절대 경로여야 합니다(입력값: "tns").');
    expect(ko.original).toBeUndefined();
    expect(errorText(e, translator('en')).body).toBe(
      'The TNS configuration directory must be an absolute path (got "tns").',
    );
  });

  it('words a schema failure from the dispatcher (field + limit)', () => {
    const e: AppError = {
      code: 'VALIDATION',
      message: 'Invalid request for monitor:topSql: limit: Too big: expected number to be <=200',
      retryable: false,
      details: { reason: 'validation.tooBig', field: 'limit', max: 200 },
    };
    expect(errorText(e, translator('ko')).body).toBe('행 수 제한 값이 너무 큽니다(최대 200).');
    expect(errorText(e, translator('en')).body).toBe('The row limit is too large (at most 200).');
  });

  it('falls back to a generic sentence in Korean (English folded) when main gave no reason', () => {
    const e: AppError = {
      code: 'VALIDATION',
      message: 'Something English.',
      retryable: false,
      details: { field: 'sqlId' },
    };
    const ko = errorText(e, translator('ko'));
    expect(ko.body).toBe('입력값이 올바르지 않습니다: SQL_ID.');
    expect(ko.original).toBe('Something English.');
    const bare = errorText({ code: 'VALIDATION', message: 'x', retryable: false }, translator('ko'));
    expect(bare.body).toBe('입력값이 올바르지 않습니다.');
    expect(errorText({ code: 'VALIDATION', message: 'x', retryable: false }, translator('en')).body).toBe(
      'x',
    );
  });
});

describe('model-server errors (bare reasons from the LLM client)', () => {
  it('are worded from errors:llm.<reason> in Korean, the library text folded', () => {
    const e: AppError = {
      code: 'LLM_ERROR',
      message: 'Cannot connect to the model server at http://127.0.0.1:11434/v1 (connection refused).',
      retryable: true,
      details: { reason: 'unreachable', errno: 'ECONNREFUSED' },
    };
    const ko = errorText(e, translator('ko'));
    expect(ko.body).toBe(
      '모델 서버에 연결할 수 없습니다 (ECONNREFUSED). Ollama나 LM Studio 서버가 실행 중인지, 호스트 이름이 맞는지 확인하세요.',
    );
    expect(ko.original).toBeUndefined();
  });
});
