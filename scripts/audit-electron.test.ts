import { describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { globToRegExp, sandboxedPreloadProblems } from './audit-electron.mjs';

describe('audit-electron globs', () => {
  it('* stays within a segment, ** crosses segments, dots are literal', () => {
    const re = globToRegExp('out/main/chunks/*.js') as RegExp;
    expect(re.test('out/main/chunks/core-XSb7976H.js')).toBe(true);
    expect(re.test('out/main/chunks/a/b.js')).toBe(false);
    expect(re.test('out/main/chunksXcore.js')).toBe(false);
    expect((globToRegExp('src/main/**/*.ts') as RegExp).test('src/main/cache/ops/engine.ts')).toBe(true);
    expect((globToRegExp('package.json') as RegExp).test('packageXjson')).toBe(false);
  });

  it('a sandboxed preload may require only electron and must be CommonJS', () => {
    expect(sandboxedPreloadProblems('let electron = require("electron");\n', 'p.js')).toEqual([]);
    expect(sandboxedPreloadProblems('let zod = require("zod");', 'p.js')).toEqual([
      'p.js: require("zod") is not available in a sandboxed preload; bundle it',
    ]);
    expect(sandboxedPreloadProblems('import { contextBridge } from "electron";', 'p.js')).toHaveLength(1);
  });
});
