/**
 * Issue 15: what main sends as codes (input-error reasons, connect-string notes) is worded by the
 * renderer in both languages. A code added in main without its sentence in en AND ko fails here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CONNECT_NOTE_CODES } from '@shared/connect-notes';
import { INPUT_ERROR_REASONS } from '@shared/error-reasons';
import { PACK_ACCESS_CODES } from '@shared/types/privileges';
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

/** Every `reason: 'ns.key'` literal in main's and shared's sources (tests excluded). */
function reasonsInSources(): string[] {
  const roots = [
    join(__dirname, '../../../main'),
    join(__dirname, '../../../shared'),
    join(__dirname, '../api'),
  ];
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
        for (const line of readFileSync(path, 'utf8').split('\n')) {
          if (!/reason/.test(line)) continue;
          for (const m of line.matchAll(
            /['`]((?:oracle|redis|pack|validation|connect|connection|cache|session|activity|llm|console)\.[A-Za-z]+)['`]/g,
          ))
            found.add(m[1]!);
        }
      }
    }
  };
  for (const root of roots) walk(root);
  return [...found].sort();
}

describe('reasons main sends outside the input-error list are worded too', () => {
  // the model client's bare reasons (openai-client.ts), worded under errors:llm
  const llm = ['cancel', 'timeout', 'unreachable', 'reset', 'tls', 'network', 'provider', 'http'].map(
    (r) => `llm.${r}`,
  );
  const extra = [...PACK_ACCESS_CODES.map((c) => `pack.${c}`), ...llm, ...reasonsInSources()];
  it('finds the reasons in the sources (the scan works)', () => {
    expect(extra).toContain('oracle.passwordExpiring');
    expect(extra).toContain('pack.needConnection');
    expect(extra).toContain('console.serverDown');
  });
  it.each(extra)('%s has an en and a ko sentence with the same parameters', (reason) => {
    const en = at(load('en', 'errors'), reason);
    const ko = at(load('ko', 'errors'), reason);
    expect(typeof en, `en ${reason}`).toBe('string');
    expect(typeof ko, `ko ${reason}`).toBe('string');
    expect(ko as string).toMatch(hangul);
    expect(placeholders(ko as string)).toEqual(placeholders(en as string));
  });
});
