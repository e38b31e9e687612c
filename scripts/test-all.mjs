#!/usr/bin/env node
/**
 * `npm test`: every suite in one run — typecheck, lint, import rules, unit/integration (vitest, real Redis),
 * the Electron security audit, the build, and the browser-mode e2e suite (Playwright, Chromium).
 * Each check runs even when an earlier one failed, and the run ends with one line
 * `N passed, N failed` totalled over all suites (tests count one each; a check counts as one).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const results = [];
mkdirSync('test-results', { recursive: true });

// Every suite gets a temp folder of its own (TMPDIR): what a test leaves behind there is counted as a
// failure below, and the folder goes at the end, so `npm test` leaves nothing in the system's temp folder.
const systemTmp = tmpdir();
const runTmp = mkdtempSync(join(systemTmp, 'tms-test-run-'));
process.env.TMPDIR = runTmp;

function run(label, command, args, extraEnv = {}) {
  const started = Date.now();
  console.log(`\n=== ${label}: ${command} ${args.join(' ')}`);
  const res = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...extraEnv } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  return { ok: res.status === 0, seconds };
}

function check(label, command, args, extraEnv) {
  const { ok, seconds } = run(label, command, args, extraEnv);
  results.push({ label, passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0, seconds });
  return ok;
}

function countVitest(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const suite of report.testResults ?? []) {
    for (const test of suite.assertionResults ?? []) {
      if (test.status === 'passed') passed++;
      else if (test.status === 'failed') failed++;
      else skipped++;
    }
    // a file that failed to load has no assertions: count it as a failure
    if ((suite.assertionResults ?? []).length === 0 && suite.status === 'failed') failed++;
  }
  return { passed, failed, skipped };
}

function countPlaywright(file) {
  const report = JSON.parse(readFileSync(file, 'utf8'));
  const s = report.stats ?? {};
  return {
    passed: (s.expected ?? 0) + (s.flaky ?? 0),
    failed: s.unexpected ?? 0,
    skipped: s.skipped ?? 0,
    errors: (report.errors ?? []).length,
  };
}

const npx = 'npx';

check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', npx, ['biome', 'check', '.']);
check('import rules (dependency-cruiser)', 'npm', ['run', '--silent', 'lint:deps']);

{
  const file = 'test-results/unit.json';
  const { ok, seconds } = run('unit + integration (vitest)', npx, [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${file}`,
  ]);
  const counts = existsSync(file) ? countVitest(file) : { passed: 0, failed: 1, skipped: 0 };
  if (!ok && counts.failed === 0) counts.failed = 1; // vitest failed outside any test (e.g. unhandled error)
  results.push({ label: 'vitest', ...counts, seconds });
}

const built = check('build (electron-vite)', npx, ['electron-vite', 'build']);

if (JSON.parse(readFileSync('package.json', 'utf8')).scripts?.['audit:electron']) {
  check('electron security audit (electronegativity)', 'npm', ['run', '--silent', 'audit:electron']);
}

if (built) {
  const file = 'test-results/e2e-results.json';
  const { ok, seconds } = run('e2e (Playwright, Chromium, browser mode)', npx, ['playwright', 'test']);
  const counts = existsSync(file) ? countPlaywright(file) : { passed: 0, failed: 1, skipped: 0, errors: 0 };
  if (counts.errors) counts.failed += counts.errors;
  if (!ok && counts.failed === 0) counts.failed = 1;
  results.push({
    label: 'playwright',
    passed: counts.passed,
    failed: counts.failed,
    skipped: counts.skipped,
    seconds,
  });
} else {
  results.push({
    label: 'playwright (not run: build failed)',
    passed: 0,
    failed: 1,
    skipped: 0,
    seconds: '0',
  });
}

{
  // our tests name their temp folders tms-*: one left behind is a test that does not clean up
  const left = readdirSync(runTmp).filter((name) => name.startsWith('tms-'));
  if (left.length) console.log(`\n=== temporary folders left behind by tests: ${left.join(', ')}`);
  results.push({
    label: 'no temporary folders left',
    passed: left.length ? 0 : 1,
    failed: left.length ? 1 : 0,
    skipped: 0,
    seconds: '0',
  });
  process.env.TMPDIR = systemTmp;
  rmSync(runTmp, { recursive: true, force: true });
}

console.log('\n=== Summary');
for (const r of results) {
  console.log(
    `${r.failed ? 'FAIL' : 'ok  '} ${r.label.padEnd(48)} ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (${r.seconds} s)`,
  );
}
const total = results.reduce(
  (acc, r) => ({
    passed: acc.passed + r.passed,
    failed: acc.failed + r.failed,
    skipped: acc.skipped + r.skipped,
  }),
  { passed: 0, failed: 0, skipped: 0 },
);
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed ? 1 : 0);
