#!/usr/bin/env node
/**
 * `npm start`: the console in Electron where Electron's binary is installed or can be downloaded;
 * otherwise one line saying so, and the same console in browser mode (URL printed, opened in a browser
 * where one can be opened). `npm install` runs no install scripts (.npmrc), so the binary is fetched here,
 * on first start, by Electron's own install.js.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** a download that has not finished in this time is not going to (slow or unreachable host) */
const DOWNLOAD_TIMEOUT_MS = 5 * 60_000;

/**
 * Where Electron's binary is, as `require('electron')` says, and whether it is really there (the
 * package installs without it when its install script did not run or failed).
 * @returns {{ ok: true, path: string } | { ok: false, reason: string }}
 */
export function electronBinary(root = ROOT) {
  const packageDir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json')))
    return { ok: false, reason: 'the electron package is not installed' };
  let path;
  try {
    path = createRequire(join(root, 'package.json'))('electron');
  } catch {
    return { ok: false, reason: 'its binary is not downloaded' };
  }
  if (typeof path !== 'string' || !existsSync(path)) return { ok: false, reason: 'its binary is missing' };
  if (!process.env.ELECTRON_OVERRIDE_DIST_PATH) {
    const wanted = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')).version;
    const versionFile = join(packageDir, 'dist', 'version');
    const have = existsSync(versionFile) ? readFileSync(versionFile, 'utf8').trim().replace(/^v/, '') : '';
    if (have !== wanted)
      return { ok: false, reason: `its binary is ${have || 'of an unknown version'}, not ${wanted}` };
  }
  return { ok: true, path };
}

/** Runs Electron's own install.js once (it downloads the binary); true when the binary is there after. */
export function downloadElectron(root = ROOT, { timeoutMs = DOWNLOAD_TIMEOUT_MS } = {}) {
  const script = join(root, 'node_modules', 'electron', 'install.js');
  if (!existsSync(script)) return false;
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD; // install.js does nothing while it is set
  const res = spawnSync(process.execPath, [script], { cwd: root, env, stdio: 'ignore', timeout: timeoutMs });
  return res.status === 0 && electronBinary(root).ok;
}

/**
 * Electron, or browser mode; what it says about the choice is one line, written as it goes (the
 * download may take a while, so the line starts before it).
 * @returns {'electron' | 'browser'}
 */
export function chooseMode({
  check = () => electronBinary(),
  download = () => downloadElectron(),
  env = process.env,
  write = (text) => process.stdout.write(text),
} = {}) {
  if (env.TMS_START_MODE === 'web') {
    write('Starting the console in browser mode (TMS_START_MODE=web).\n');
    return 'browser';
  }
  const first = check();
  if (first.ok) return 'electron';
  if (env.TMS_START_MODE === 'no-download') {
    write(`Electron cannot run here (${first.reason}): starting the console in browser mode instead.\n`);
    return 'browser';
  }
  write(`Electron cannot run yet (${first.reason}): downloading it... `);
  if (download()) {
    write('done.\n');
    return 'electron';
  }
  write('not possible here: starting the console in browser mode instead.\n');
  return 'browser';
}

/**
 * The command that opens `url` in the user's browser, or null where none can be opened (a Linux box
 * without a display: xdg-open would start a text browser in this terminal).
 * @returns {[string, string[]] | null}
 */
export function browserCommand(url, platform = process.platform, env = process.env) {
  if (platform === 'darwin') return ['open', [url]];
  if (platform === 'win32') return ['cmd', ['/c', 'start', '""', url]];
  if (env.DISPLAY || env.WAYLAND_DISPLAY) return ['xdg-open', [url]];
  return null;
}

/** Opens `url` where possible; never throws and never waits (no opener installed is fine). */
export function openInBrowser(url, { platform = process.platform, env = process.env, spawnFn = spawn } = {}) {
  const command = browserCommand(url, platform, env);
  if (!command) return false;
  try {
    const child = spawnFn(command[0], command[1], { stdio: 'ignore', detached: true });
    child.on('error', () => {});
    child.unref();
    return true;
  } catch {
    return false;
  }
}

/** the URL browser mode prints (with the token in the fragment) */
export const OPEN_URL_RE = /(http:\/\/127\.0\.0\.1:\d+\/#token=[\w-]+)/;

function bin(name) {
  return join(ROOT, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name);
}

/** Runs a child with this terminal, passing Ctrl-C on; resolves with its exit code. */
function runChild(command, args, options = {}) {
  const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  return {
    child,
    exited: new Promise((done) => {
      child.on('error', () => done(1));
      child.on('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    }),
  };
}

async function startBrowserMode() {
  const build = spawnSync(bin('electron-vite'), ['build'], {
    cwd: ROOT,
    stdio: 'inherit',
    shell: process.platform === 'win32',
  });
  if (build.status !== 0) return build.status ?? 1;
  const { child, exited } = runChild(process.execPath, [join(ROOT, 'out', 'main', 'web.js')], {
    stdio: ['inherit', 'pipe', 'inherit'],
  });
  let opened = false;
  let seen = '';
  child.stdout.on('data', (chunk) => {
    process.stdout.write(chunk);
    if (opened) return;
    seen = (seen + chunk.toString()).slice(-4096);
    const match = OPEN_URL_RE.exec(seen);
    if (match) {
      opened = true;
      openInBrowser(match[1]);
    }
  });
  return exited;
}

async function main() {
  if (chooseMode() === 'electron') {
    const { exited } = runChild(bin('electron-vite'), ['preview'], { shell: process.platform === 'win32' });
    process.exitCode = await exited;
    return;
  }
  process.exitCode = await startBrowserMode();
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((error) => {
    console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  });
}
