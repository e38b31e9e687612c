import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(__dirname, 'locales');

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

function load(lang: string, file: string): unknown {
  return JSON.parse(readFileSync(join(root, lang, file), 'utf8'));
}

describe('translations', () => {
  const languages = readdirSync(root);
  const namespaces = [...new Set(languages.flatMap((lang) => readdirSync(join(root, lang))))];

  it('ship Korean and English', () => {
    expect(languages.sort()).toEqual(['en', 'ko']);
  });

  it.each(namespaces)('%s has the same keys in every language, none empty', (file) => {
    const en = load('en', file);
    const ko = load('ko', file);
    expect(keys(ko).sort()).toEqual(keys(en).sort());
    for (const lang of [en, ko]) {
      for (const key of keys(lang)) {
        const value = key.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], lang);
        expect(typeof value === 'string' && value.trim().length > 0, `${file}: ${key}`).toBe(true);
      }
    }
  });
});
