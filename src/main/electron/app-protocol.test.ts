import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appProtocolHandler, registerAppScheme, resolveAppRequest, serveAppProtocol } from './app-protocol';
import { CONTENT_SECURITY_POLICY } from './security';
import { createFakeElectron } from './testing/fake-electron';

describe('app:// serves the renderer folder and nothing else', () => {
  let base: string;
  let root: string;
  beforeAll(() => {
    base = mkdtempSync(join(tmpdir(), 'tms-app-protocol-'));
    root = join(base, 'renderer');
    mkdirSync(join(root, 'assets'), { recursive: true });
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>TMS</title>');
    writeFileSync(join(root, 'assets', 'index-1.js'), 'console.log(1)');
    writeFileSync(join(base, 'secret.txt'), 'outside the renderer folder');
    writeFileSync(join(base, 'renderer-evil.html'), 'a sibling whose name starts like the root');
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));

  const get = (url: string, method = 'GET') => appProtocolHandler(root)(new Request(url, { method }));

  it('serves index.html with the CSP, and assets with their type', async () => {
    for (const url of ['app://tms/', 'app://tms/index.html', 'app://tms/index.html?x=1#/cache']) {
      const res = await get(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
      expect(await res.text()).toContain('<title>TMS</title>');
    }
    const js = await get('app://tms/assets/index-1.js');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(js.headers.get('x-content-type-options')).toBe('nosniff');
    expect(js.headers.get('content-security-policy')).toBeNull();
    expect((await get('app://tms/index.html', 'HEAD')).status).toBe(200);
    expect((await get('app://tms/index.html', 'POST')).status).toBe(405);
  });

  it('refuses path traversal in every spelling, other hosts, and malformed escapes', async () => {
    const refused = [
      'app://tms/..%2fsecret.txt',
      'app://tms/%2e%2e/secret.txt',
      'app://tms/%2e%2e%2fsecret.txt',
      'app://tms/assets/..%2f..%2fsecret.txt',
      'app://tms/..%5csecret.txt',
      'app://tms/assets%5c..%5c..%5csecret.txt',
      'app://tms/index.html%00.js',
      'app://tms/%2e%2e%2frenderer-evil.html',
      'app://tms//etc/passwd',
      'app://tms/%2fetc%2fpasswd',
      'app://evil/index.html',
      'app://tms.evil/index.html',
      'app://tms/%E0%A4%A',
      'app://tms/nothing-here.js',
      'app://tms/assets',
    ];
    for (const url of refused) {
      const res = await get(url);
      expect(res.status, url).toBeGreaterThanOrEqual(400);
      expect(await res.text(), url).not.toMatch(/outside the renderer|sibling|root:/);
    }
    expect(resolveAppRequest('app://tms/%E0%A4%A', root)).toEqual({ status: 400 });
    expect(resolveAppRequest('app://evil/index.html', root)).toEqual({ status: 403 });
    expect(resolveAppRequest('app://tms/..%2fsecret.txt', root)).toEqual({ status: 403 });
    // the URL parser itself resolves plain dot segments inside the scheme's own root
    expect(resolveAppRequest('app://tms/assets/../index.html', root)).toMatchObject({ status: 200 });
  });

  it('registers its privileges before ready and its handler after, through the protocol module', async () => {
    const electron = createFakeElectron();
    registerAppScheme(electron.protocol as never);
    expect(electron.protocol.privileged[0]).toMatchObject({
      scheme: 'app',
      privileges: { standard: true, secure: true },
    });
    await electron.app.whenReady();
    serveAppProtocol(electron.protocol as never, root);
    const res = await electron.protocol.handlers.get('app')!(new Request('app://tms/index.html'));
    expect(res.status).toBe(200);
  });
});

describe('packaging', () => {
  it('turns the file-protocol privileges fuse off (the page no longer comes from file://)', () => {
    const yml = readFileSync(join(__dirname, '../../../electron-builder.yml'), 'utf8');
    const fuses = yml.slice(yml.indexOf('electronFuses:'));
    expect(fuses).toMatch(/^\s+grantFileProtocolExtraPrivileges: false\s*$/m);
    expect(fuses).not.toMatch(/^\s+grantFileProtocolExtraPrivileges: true/m);
  });
});
