/**
 * `npm test` leaves no temporary folders: the tests that make them (and the Electron audit script) remove
 * them. Runs those tests in a child vitest with a temp folder of its own and looks at what is left.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

const root = join(__dirname, '..');
const runs: string[] = [];
afterEach(() => {
  for (const dir of runs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshTmp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tms-tmpcheck-'));
  runs.push(dir);
  return dir;
}

describe('temporary folders', () => {
  it('the tests that make temp folders remove them', () => {
    const tmp = freshTmp();
    const files = [
      'src/main/electron/log.test.ts',
      'src/main/electron/window-state.test.ts',
      'src/main/electron/ipc.test.ts',
      'src/main/electron/main-process.test.ts',
      'src/main/connections/secrets.test.ts',
      'src/main/web/server.test.ts',
      'scripts/start.test.ts',
    ];
    const res = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...files], {
      cwd: root,
      env: { ...process.env, TMPDIR: tmp },
      encoding: 'utf8',
    });
    expect(res.status, res.stdout + res.stderr).toBe(0);
    expect(readdirSync(tmp)).toEqual([]);
  }, 120_000);

  it('the Electron audit script removes the folders it made, however it exits', () => {
    const tmp = freshTmp();
    const res = spawnSync(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        `const m = await import(${JSON.stringify(join(root, 'scripts/audit-electron.mjs'))});
         m.tempDir('tms-electronegativity-'); m.tempDir('tms-electronegativity-report-'); process.exit(3);`,
      ],
      { cwd: root, env: { ...process.env, TMPDIR: tmp }, encoding: 'utf8' },
    );
    expect(res.status, res.stderr).toBe(3);
    expect(readdirSync(tmp)).toEqual([]);
  });
});
