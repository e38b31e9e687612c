import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { globToRegExp } from './audit-electron.mjs';

describe('audit-electron globs', () => {
  it('* stays within a segment, ** crosses segments, dots are literal', () => {
    const re = globToRegExp('out/main/chunks/*.js') as RegExp;
    expect(re.test('out/main/chunks/core-XSb7976H.js')).toBe(true);
    expect(re.test('out/main/chunks/a/b.js')).toBe(false);
    expect(re.test('out/main/chunksXcore.js')).toBe(false);
    expect((globToRegExp('src/main/**/*.ts') as RegExp).test('src/main/cache/ops/engine.ts')).toBe(true);
    expect((globToRegExp('package.json') as RegExp).test('packageXjson')).toBe(false);
  });
});
