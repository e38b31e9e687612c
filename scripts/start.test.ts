import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
// @ts-expect-error plain .mjs script without type declarations
import { browserCommand, chooseMode, electronBinary, OPEN_URL_RE, openInBrowser } from './start.mjs';

const roots: string[] = [];
afterEach(() => {
  for (const r of roots.splice(0)) rmSync(r, { recursive: true, force: true });
});

/** a project folder with an electron package as npm leaves it (binary downloaded or not) */
function fakeProject(binary: 'none' | 'downloaded' | 'old-version'): string {
  const root = mkdtempSync(join(tmpdir(), 'tms-start-'));
  roots.push(root);
  writeFileSync(join(root, 'package.json'), '{"name":"x"}');
  const dir = join(root, 'node_modules', 'electron');
  mkdirSync(join(dir, 'dist'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{"name":"electron","version":"41.7.1","main":"index.js"}');
  // the real index.js logic: path.txt names the binary under dist/, and its absence throws
  writeFileSync(
    join(dir, 'index.js'),
    `const fs=require('fs'),p=require('path');const t=p.join(__dirname,'path.txt');
if(!fs.existsSync(t)) throw new Error('Electron failed to install correctly');
module.exports=p.join(__dirname,'dist',fs.readFileSync(t,'utf8'));`,
  );
  if (binary !== 'none') {
    writeFileSync(join(dir, 'path.txt'), 'electron');
    writeFileSync(join(dir, 'dist', 'electron'), '');
    writeFileSync(join(dir, 'dist', 'version'), binary === 'downloaded' ? 'v41.7.1' : 'v40.0.0');
  }
  return root;
}

describe('npm start: Electron when it can run, browser mode otherwise', () => {
  it('finds the binary only when it is downloaded and of the package version', () => {
    expect(electronBinary(fakeProject('downloaded'))).toMatchObject({ ok: true });
    expect(electronBinary(fakeProject('none'))).toEqual({
      ok: false,
      reason: 'its binary is not downloaded',
    });
    expect(electronBinary(fakeProject('old-version'))).toMatchObject({ ok: false });
    const empty = mkdtempSync(join(tmpdir(), 'tms-start-'));
    roots.push(empty);
    expect(electronBinary(empty)).toMatchObject({
      ok: false,
      reason: 'the electron package is not installed',
    });
  });

  const run = (options: { ok: boolean; downloads: boolean; env?: Record<string, string> }) => {
    let text = '';
    let downloads = 0;
    const mode = chooseMode({
      check: () =>
        options.ok ? { ok: true, path: '/x' } : { ok: false, reason: 'its binary is not downloaded' },
      download: () => {
        downloads++;
        return options.downloads;
      },
      env: options.env ?? {},
      write: (t: string) => {
        text += t;
      },
    });
    return { mode, text, downloads };
  };

  it('runs Electron when the binary is there, without a word or a download', () => {
    expect(run({ ok: true, downloads: false })).toEqual({ mode: 'electron', text: '', downloads: 0 });
  });

  it('tries one download when the binary is missing, and runs Electron when it worked', () => {
    const r = run({ ok: false, downloads: true });
    expect(r).toMatchObject({ mode: 'electron', downloads: 1 });
    expect(r.text.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('says so in one line and picks browser mode when the download is not possible', () => {
    const r = run({ ok: false, downloads: false });
    expect(r.mode).toBe('browser');
    expect(r.downloads).toBe(1);
    expect(r.text.endsWith('\n')).toBe(true);
    expect(r.text.trimEnd().split('\n')).toHaveLength(1);
    expect(r.text).toContain('browser mode');
    expect(r.text).toContain('its binary is not downloaded');
    expect(run({ ok: false, downloads: true, env: { TMS_START_MODE: 'no-download' } })).toMatchObject({
      mode: 'browser',
      downloads: 0,
    });
  });

  it('opens the browser only where one can be opened, and never fails for lack of one', () => {
    const url = 'http://127.0.0.1:5000/#token=abc';
    expect(browserCommand(url, 'linux', {})).toBeNull(); // no display: xdg-open would take over the terminal
    expect(browserCommand(url, 'linux', { DISPLAY: ':0' })).toEqual(['xdg-open', [url]]);
    expect(browserCommand(url, 'darwin', {})).toEqual(['open', [url]]);
    expect(browserCommand(url, 'win32', {})?.[0]).toBe('cmd');
    // an opener that is not installed: spawn emits 'error' later, or throws at once
    const missing = openInBrowser(url, {
      platform: 'linux',
      env: { DISPLAY: ':0' },
      spawnFn: () => {
        throw Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT' });
      },
    });
    expect(missing).toBe(false);
    const real = openInBrowser(url, {
      platform: 'linux',
      env: { DISPLAY: ':0' },
      spawnFn: (cmd: string, args: string[]) => spawn(`/nonexistent/${cmd}`, args, { stdio: 'ignore' }),
    });
    expect(real).toBe(true);
  });

  it('recognises the URL browser mode prints', () => {
    const out = 'TMS Console (browser mode) is running. Open:\n  http://127.0.0.1:40123/#token=Ab_c-9\n';
    expect(OPEN_URL_RE.exec(out)?.[1]).toBe('http://127.0.0.1:40123/#token=Ab_c-9');
  });
});

describe('a fresh machine: npm install runs no download, npm start decides', () => {
  const root = join(__dirname, '..');
  it('.npmrc keeps dependency install scripts (Electron download) from running', () => {
    const npmrc = readFileSync(join(root, '.npmrc'), 'utf8');
    expect(npmrc).toMatch(/^ignore-scripts=true$/m);
  });

  it('npm start goes through scripts/start.mjs, and no lifecycle script relies on pre/post hooks', () => {
    const scripts = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).scripts as Record<
      string,
      string
    >;
    expect(scripts.start).toBe('node scripts/start.mjs');
    // ignore-scripts also skips our own pre*/post* and install hooks: none may exist
    expect(Object.keys(scripts).filter((name) => /^(pre|post)|^(install|prepare)$/.test(name))).toEqual([]);
  });
});
