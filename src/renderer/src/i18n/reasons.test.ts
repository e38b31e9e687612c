/**
 * Issue 15: what main sends as codes (input-error reasons, connect-string notes) is worded by the
 * renderer in both languages. A code added in main without its sentence in en AND ko fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECT_NOTE_CODES } from '@shared/connect-notes';
import { INPUT_ERROR_REASONS } from '@shared/error-reasons';
import { describe, expect, it } from 'vitest';

const LANGS = ['en', 'ko'] as const;

function load(lang: string, ns: string): Record<string, unknown> {
  return JSON.parse(readFileSync(join(__dirname, 'locales', lang, `${ns}.json`), 'utf8'));
}
function at(tree: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], tree);
}
const placeholders = (text: string): string[] =>
  [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]!).sort();
const hangul = /[\uac00-\ud7a3]/;

describe.each(LANGS)('%s words every code main sends', (lang) => {
  const errors = load(lang, 'errors');
  const connections = load(lang, 'connections');

  it.each([...INPUT_ERROR_REASONS])('error reason %s', (reason) => {
    const text = at(errors, reason);
    expect(typeof text, `errors.json ${lang}: ${reason}`).toBe('string');
    if (lang === 'ko') expect(text as string).toMatch(hangul);
  });

  it.each([...CONNECT_NOTE_CODES])('connect-string note %s', (code) => {
    const text = at(connections, `note.${code}`);
    expect(typeof text, `connections.json ${lang}: note.${code}`).toBe('string');
    if (lang === 'ko') expect(text as string).toMatch(hangul);
  });
});

describe('Korean and English sentences take the same parameters', () => {
  const pairs: [string, string][] = [
    ...INPUT_ERROR_REASONS.map((r): [string, string] => ['errors', r]),
    ...CONNECT_NOTE_CODES.map((c): [string, string] => ['connections', `note.${c}`]),
  ];
  it.each(pairs)('%s:%s', (ns, key) => {
    const en = at(load('en', ns), key) as string;
    const ko = at(load('ko', ns), key) as string;
    expect(placeholders(ko)).toEqual(placeholders(en));
  });

  it('every field name main may send is worded in both languages', () => {
    const en = load('en', 'errors').field as Record<string, string>;
    const ko = load('ko', 'errors').field as Record<string, string>;
    for (const f of ['connectString', 'tnsAlias', 'descriptor', 'configDir', 'walletDir', 'password']) {
      expect(en[f], f).toBeTruthy();
      expect(ko[f], f).toMatch(hangul);
    }
  });
});
