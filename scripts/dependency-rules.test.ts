import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The import rules (.dependency-cruiser.cjs) checked on a small tree made for it: each forbidden
 * direction is reported under its rule's name, and the allowed ones are not.
 */
const repo = resolve(import.meta.dirname, '..');
let dir: string;

const files: Record<string, string> = {
  // forbidden
  'src/renderer/src/view.ts': "import { x } from '../../main/services/thing';\nexport const v = x;\n",
  'src/shared/contract.ts': "import { v } from '../renderer/src/view';\nexport const c = v;\n",
  'src/main/cache/engine.ts': "import { o } from '../oracle/gateway';\nexport const e = o;\n",
  'src/main/oracle/gateway.ts': "import { l } from '../cache/leaf';\nexport const o = l;\n",
  'src/main/services/thing.ts': "import { h } from '../ipc/handlers/h';\nexport const x = h;\n",
  'src/main/llm/uses-electron.ts': "import { app } from 'electron';\nexport const a = app;\n",
  'src/main/services/cycle-a.ts': "import { b } from './cycle-b';\nexport const a = () => b;\n",
  'src/main/services/cycle-b.ts': "import { a } from './cycle-a';\nexport const b = () => a;\n",
  // allowed
  'src/main/cache/leaf.ts': 'export const l = 1;\n',
  'src/main/ipc/handlers/h.ts': "import { ok } from '../../services/plain';\nexport const h = ok;\n",
  'src/main/services/plain.ts': "import { s } from '../../shared/plain';\nexport const ok = s;\n",
  'src/shared/plain.ts': 'export const s = 1;\n',
  'src/main/electron/window.ts':
    "import { BrowserWindow } from 'electron';\nexport const w = BrowserWindow;\n",
  'src/main/core.ts': "import { h } from './ipc/handlers/h';\nexport const core = h;\n",
};

interface Violation {
  from: string;
  to: string;
  rule: { name: string };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tms-deprules-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  writeFileSync(join(dir, 'tsconfig.node.json'), '{ "compilerOptions": { "strict": true } }\n');
  symlinkSync(join(repo, 'node_modules'), join(dir, 'node_modules'), 'dir');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function cruise(): Violation[] {
  const run = spawnSync(
    process.execPath,
    [
      join(repo, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      join(repo, '.dependency-cruiser.cjs'),
      '--output-type',
      'json',
    ],
    { cwd: dir, encoding: 'utf8' },
  );
  const report = JSON.parse(run.stdout) as { summary: { violations: Violation[] } };
  return report.summary.violations;
}

describe('import rules (.dependency-cruiser.cjs)', () => {
  it('reports each forbidden direction under its rule, and nothing allowed', () => {
    const found = cruise().map((v) => `${v.rule.name}: ${v.from} → ${v.to.replace(/^.*node_modules\//, '')}`);
    expect(found.sort()).toEqual(
      [
        'cache-knows-no-oracle: src/main/cache/engine.ts → src/main/oracle/gateway.ts',
        'electron-only-at-the-edge: src/main/llm/uses-electron.ts → electron/index.js',
        'no-circular: src/main/services/cycle-a.ts → src/main/services/cycle-b.ts',
        'oracle-knows-no-cache: src/main/oracle/gateway.ts → src/main/cache/leaf.ts',
        'renderer-not-main: src/renderer/src/view.ts → src/main/services/thing.ts',
        'services-know-no-transport: src/main/services/thing.ts → src/main/ipc/handlers/h.ts',
        'shared-imports-neither: src/shared/contract.ts → src/renderer/src/view.ts',
      ].sort(),
    );
  });
});
