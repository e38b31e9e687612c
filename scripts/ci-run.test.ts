/**
 * `.ci/run` is what a fresh machine runs: it must install what the suites need (Redis, Chromium, a CJK
 * font for legible Korean screenshots), install exactly the lock file, and run exactly `npm test`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const script = readFileSync(join(import.meta.dirname, '..', '.ci', 'run'), 'utf8');
const lines = script.split('\n').filter((l) => !l.trimStart().startsWith('#'));
const code = lines.join('\n');

describe('.ci/run', () => {
  it('installs redis-server, chromium and fonts-noto-cjk when missing', () => {
    for (const pkg of ['redis-server', 'chromium', 'fonts-noto-cjk']) {
      expect(code, pkg).toMatch(new RegExp(`need\\+=\\(${pkg}\\)`));
    }
    expect(code).toMatch(/dpkg -s fonts-noto-cjk/);
    expect(code).toMatch(/apt-get install [^\n]*"\$\{need\[@\]\}"/);
  });

  it('installs the lock file and runs exactly npm test', () => {
    expect(code).toMatch(/^npm ci\b/m);
    expect(code).toMatch(/^npm test\b/m);
    expect(code).not.toMatch(/npm install\b/);
  });
});
