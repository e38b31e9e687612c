#!/usr/bin/env node
/**
 * `npm run audit:electron`: Doyensec electronegativity over the built app, every finding either
 * accepted with a written reason in build/electronegativity-accepted.json or failing the run.
 *
 * - Builds the app first when out/ is missing (`electron-vite build`).
 * - Scans a copy of what gets packaged (out/** + package.json). electronegativity 1.10.3's AST walker
 *   does not know modern syntax (class private fields `#x`, …) and skips files it cannot parse with
 *   only a console message, so the copy's main/preload .js files are down-levelled to ES2019 with
 *   TypeScript first. If the main or
 *   preload bundle still cannot be parsed, it scans src/main + src/preload (TypeScript) instead and says so.
 * - Also checks the built preload can run sandboxed (requires only 'electron', CommonJS): reported as
 *   SANDBOXED_PRELOAD findings, never acceptable.
 * - Writes the SARIF report to test-results/electronegativity.sarif (path printed); the check that needs GitHub's Electron release
 *   list (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK) is skipped unless `--online`.
 * - Ends with `electronegativity: N findings, N accepted, N unexplained`; exits 1 on any unexplained
 *   finding, an accepted entry without a reason, or a scan that could not run.
 *
 * Accepted findings (build/electronegativity-accepted.json): { "accepted": [ { "check": CHECK_ID,
 *   "file": glob (or list of globs) over the scanned path (`*` within a segment, `**` across; out/… for
 *   the bundles, src/… when the sources are scanned), optional "sample": regex the
 *   flagged code must match, "reason": why it is safe (required) } ] }.
 *
 * Usage: node scripts/audit-electron.mjs [--online] [--rebuild] [--sources]
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);

/** temp folders this run made: removed however it ends (npm test leaves no folder behind) */
const madeDirs = [];
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  madeDirs.push(dir);
  return dir;
}
process.on('exit', () => {
  for (const dir of madeDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const args = new Set(process.argv.slice(2));
const ACCEPTED_FILE = join(root, 'build', 'electronegativity-accepted.json');
const MIN_REASON = 20;

function fail(message) {
  console.error(`audit-electron: ${message}`);
  console.log('electronegativity: scan failed (see above)');
  process.exit(1);
}

function walk(dir) {
  const files = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...walk(path));
    else files.push(path);
  }
  return files;
}

/** `*` matches within a path segment, `**` across segments; paths use `/`. */
export function globToRegExp(glob) {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      out += '.*';
      i++;
    } else if (c === '*') out += '[^/]*';
    else out += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${out}$`);
}

function loadAccepted() {
  if (!existsSync(ACCEPTED_FILE)) return [];
  const data = JSON.parse(readFileSync(ACCEPTED_FILE, 'utf8'));
  const list = Array.isArray(data) ? data : data.accepted;
  if (!Array.isArray(list)) fail(`${relative(root, ACCEPTED_FILE)} must hold { "accepted": [ … ] }`);
  return list.map((entry, i) => {
    const where = `${relative(root, ACCEPTED_FILE)} entry ${i}`;
    const files = typeof entry.file === 'string' ? [entry.file] : entry.file;
    if (
      typeof entry.check !== 'string' ||
      !Array.isArray(files) ||
      !files.every((f) => typeof f === 'string')
    ) {
      fail(`${where}: needs "check" and "file" (a glob or a list of globs)`);
    }
    if (typeof entry.reason !== 'string' || entry.reason.trim().length < MIN_REASON) {
      fail(`${where} (${entry.check}): a written reason of at least ${MIN_REASON} characters is required`);
    }
    if (entry.sample !== undefined && typeof entry.sample !== 'string')
      fail(`${where}: "sample" must be a regex string`);
    return {
      ...entry,
      patterns: files.map(globToRegExp),
      samplePattern: entry.sample === undefined ? undefined : new RegExp(entry.sample),
      used: 0,
    };
  });
}

/**
 * A sandboxed preload can require only 'electron' (plus events/timers/url) and cannot be ESM: check the
 * built preload so a dependency left external (e.g. zod) fails here, not on the DBA's Mac at start-up.
 */
export function sandboxedPreloadProblems(source, file) {
  const allowed = new Set(['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url']);
  const problems = [];
  for (const m of source.matchAll(/\brequire\(\s*["'`]([^"'`]+)["'`]\s*\)/g)) {
    if (!allowed.has(m[1]))
      problems.push(`${file}: require("${m[1]}") is not available in a sandboxed preload; bundle it`);
  }
  if (/^\s*(import\s[^(]|export\s)/m.test(source))
    problems.push(`${file}: ES module syntax; a sandboxed preload must be CommonJS`);
  return problems;
}

function checkSandboxedPreload() {
  const dir = join(root, 'out', 'preload');
  if (!existsSync(dir)) return ['out/preload is missing (build first)'];
  return walk(dir)
    .filter((f) => /\.(c|m)?js$/.test(f))
    .flatMap((f) =>
      sandboxedPreloadProblems(readFileSync(f, 'utf8'), relative(root, f).split(sep).join('/')),
    );
}

/** Copy what gets packaged into a temp dir, with .js down-levelled so the old parser can read it. */
function prepareBundleCopy() {
  const ts = require('typescript');
  const dir = tempDir('tms-electronegativity-');
  cpSync(join(root, 'out'), join(dir, 'out'), { recursive: true });
  cpSync(join(root, 'package.json'), join(dir, 'package.json'));
  const problems = [];
  // main + preload only: they hold every Electron API call; the renderer bundle (React, charts) parses
  // as is, and down-levelling its 800 kB would cost ~10 s for nothing.
  const nodeSide = ['main', 'preload'].map((d) => join(dir, 'out', d)).filter((d) => existsSync(d));
  for (const file of nodeSide.flatMap(walk)) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    try {
      const source = readFileSync(file, 'utf8');
      const { outputText } = ts.transpileModule(source, {
        fileName: file.replace(/\.(c|m)js$/, '.js'),
        compilerOptions: {
          allowJs: true,
          target: ts.ScriptTarget.ES2019,
          module: ts.ModuleKind.ESNext,
          removeComments: false,
          sourceMap: false,
        },
        reportDiagnostics: false,
      });
      writeFileSync(file, outputText);
    } catch (error) {
      problems.push(`${relative(dir, file)}: ${error.message}`);
    }
  }
  return { dir, problems };
}

async function scan(input, { online }) {
  const run = require('@doyensec/electronegativity');
  const electronVersion = require('electron/package.json').version;
  // kept after the run (test-results/ is where npm test leaves its reports; the temp folders go)
  mkdirSync(join(root, 'test-results'), { recursive: true });
  const output = join(root, 'test-results', 'electronegativity.sarif');
  // electronegativity logs progress through console.log; keep our output readable
  const log = console.log;
  const noise = [];
  console.log = (...parts) => noise.push(parts.join(' '));
  let result;
  try {
    result = await run(
      {
        input,
        output,
        isSarif: true,
        customScan: [],
        excludeFromScan: online ? [] : ['availablesecurityfixesglobalcheck'],
        isRelative: true,
        isVerbose: true,
        electronVersionOverride: electronVersion,
        parserPlugins: [],
      },
      false,
    );
  } finally {
    console.log = log;
  }
  return { ...result, output, electronVersion, noise };
}

async function main() {
  const online = args.has('--online');
  if (args.has('--rebuild') || !existsSync(join(root, 'out', 'main', 'index.js'))) {
    console.log('audit-electron: building the app (electron-vite build)…');
    const build = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: 'inherit' });
    if (build.status !== 0) fail('electron-vite build failed');
  }
  const accepted = loadAccepted();
  const preloadProblems = checkSandboxedPreload();

  let mode = 'bundles';
  let input;
  let result;
  if (!args.has('--sources')) {
    const copy = prepareBundleCopy();
    for (const p of copy.problems) console.warn(`audit-electron: could not down-level ${p}`);
    input = copy.dir;
    try {
      result = await scan(input, { online });
    } catch (error) {
      console.warn(`audit-electron: electronegativity failed on the bundles: ${error.message}`);
    }
    const unreadable = (result?.errors ?? [])
      .filter((e) => !e.tolerable)
      .map((e) => relative(input, e.file).split(sep).join('/'));
    const critical = unreadable.filter((f) => /^out\/(main|preload)\//.test(f));
    for (const f of unreadable) console.warn(`audit-electron: electronegativity could not parse ${f}`);
    if (!result || critical.length > 0) {
      console.warn(
        'audit-electron: the main/preload bundles are unreadable to electronegativity; scanning src/main + src/preload (TypeScript sources) instead.',
      );
      result = undefined;
    }
  }
  if (!result) {
    mode = 'sources';
    input = tempDir('tms-electronegativity-src-');
    cpSync(join(root, 'src', 'main'), join(input, 'src', 'main'), {
      recursive: true,
      filter: (p) => !/\.test\.ts$/.test(p) && !p.includes(`${sep}testing`),
    });
    cpSync(join(root, 'src', 'preload'), join(input, 'src', 'preload'), { recursive: true });
    cpSync(join(root, 'src', 'renderer', 'index.html'), join(input, 'src', 'renderer', 'index.html'));
    cpSync(join(root, 'package.json'), join(input, 'package.json'));
    try {
      result = await scan(input, { online });
    } catch (error) {
      fail(`electronegativity could not run: ${error.stack ?? error}`);
    }
    for (const e of result.errors.filter((x) => !x.tolerable)) {
      console.warn(
        `audit-electron: electronegativity could not parse ${relative(input, e.file)}: ${e.message}`,
      );
    }
  }

  const findings = result.issues.map((issue) => ({
    check: issue.id,
    file: String(issue.file).split(sep).join('/'),
    line: issue.location?.line ?? 0,
    column: issue.location?.column ?? 0,
    severity: issue.severity?.name ?? '?',
    confidence: issue.confidence?.name ?? '?',
    description: issue.description,
    sample: typeof issue.sample === 'string' ? issue.sample.trim().slice(0, 120) : '',
    fullSample: typeof issue.sample === 'string' ? issue.sample : '',
  }));

  let acceptedCount = 0;
  let unexplained = 0;
  console.log(
    `audit-electron: electronegativity ${require('@doyensec/electronegativity/package.json').version} over the ${mode === 'bundles' ? 'built app (out/, down-levelled copy)' : 'sources (src/main, src/preload)'}, Electron ${result.electronVersion}; ${result.globalChecks} global + ${result.atomicChecks} atomic checks${online ? '' : ' (AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK skipped offline; --online to include)'}`,
  );
  for (const f of findings) {
    const match = accepted.find(
      (a) =>
        a.check === f.check &&
        a.patterns.some((p) => p.test(f.file)) &&
        (!a.samplePattern || a.samplePattern.test(f.fullSample)),
    );
    const where = `${f.file}:${f.line}:${f.column}`;
    if (match) {
      match.used++;
      acceptedCount++;
      console.log(`  accepted     ${f.check} ${where}\n               reason: ${match.reason}`);
    } else {
      unexplained++;
      console.log(
        `  UNEXPLAINED  ${f.check} ${where} [${f.severity}/${f.confidence}]\n               ${f.description}${f.sample ? `\n               > ${f.sample}` : ''}`,
      );
    }
  }
  for (const a of accepted.filter((x) => x.used === 0)) {
    console.log(`  (accepted entry not matched by this scan: ${a.check} ${[a.file].flat().join(', ')})`);
  }
  console.log(`audit-electron: SARIF report: ${result.output}`);
  for (const problem of preloadProblems) {
    unexplained++;
    console.log(`  UNEXPLAINED  SANDBOXED_PRELOAD ${problem}`);
  }
  if (unexplained > 0) {
    console.log(
      `audit-electron: fix each UNEXPLAINED finding, or accept it with a written reason in ${relative(root, ACCEPTED_FILE)}`,
    );
  }
  console.log(
    `electronegativity: ${findings.length + preloadProblems.length} findings, ${acceptedCount} accepted, ${unexplained} unexplained`,
  );
  process.exit(unexplained > 0 ? 1 : 0);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => fail(error.stack ?? String(error)));
}
