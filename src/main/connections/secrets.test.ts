import {
  chmodSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmsError } from '@shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeError, redact, scrub } from './redact';
import {
  keyFileSecretBox,
  memorySecretBox,
  type SafeStorageLike,
  safeStorageSecretBox,
  selectSecretBox,
} from './secrets';

const posix = process.platform !== 'win32';
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tms-secrets-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function grepDir(d: string, needle: string): string[] {
  const hits: string[] = [];
  for (const name of readdirSync(d)) {
    const buf = readFileSync(join(d, name));
    if (buf.includes(needle) || buf.includes(Buffer.from(needle).toString('base64'))) hits.push(name);
  }
  return hits;
}

describe('keyFileSecretBox', () => {
  it('creates a 0600 key file and round-trips without plaintext on disk', () => {
    const box = keyFileSecretBox(dir);
    expect(box.isAvailable()).toBe(true);
    const c = box.encrypt('Tiger#123 ü');
    expect(c.startsWith('kf1:')).toBe(true);
    expect(c).not.toContain('Tiger');
    expect(box.decrypt(c)).toBe('Tiger#123 ü');
    // random IV: two encryptions differ
    expect(box.encrypt('Tiger#123 ü')).not.toBe(c);
    if (posix) expect(statSync(box.keyPath).mode & 0o777).toBe(0o600);
    writeFileSync(join(dir, 'store.json'), JSON.stringify({ c }));
    expect(grepDir(dir, 'Tiger#123')).toEqual([]);
  });

  it('a second box over the same directory reads the same key', () => {
    const c = keyFileSecretBox(dir).encrypt('s3cret');
    expect(keyFileSecretBox(dir).decrypt(c)).toBe('s3cret');
  });

  it.skipIf(!posix)('repairs a group-readable key file', () => {
    const first = keyFileSecretBox(dir);
    const c = first.encrypt('x');
    chmodSync(first.keyPath, 0o640);
    const box = keyFileSecretBox(dir);
    expect(box.decrypt(c)).toBe('x');
    expect(statSync(box.keyPath).mode & 0o777).toBe(0o600);
    expect(box.repairs.join(' ')).toMatch(/changed to 600/);
  });

  it.skipIf(!posix)('refuses a world-readable key file', () => {
    const first = keyFileSecretBox(dir);
    const c = first.encrypt('x');
    chmodSync(first.keyPath, 0o644);
    const box = keyFileSecretBox(dir);
    expect(box.isAvailable()).toBe(false);
    expect(box.unavailableReason()).toMatch(/accessible to every user/);
    const e = (() => {
      try {
        box.decrypt(c);
      } catch (error) {
        return error as TmsError;
      }
      return undefined;
    })();
    expect(e).toBeInstanceOf(TmsError);
    expect(e?.code).toBe('UNSUPPORTED');
    // the file is left as it is (not silently "fixed": the key may have leaked)
    expect(statSync(first.keyPath).mode & 0o777).toBe(0o644);
  });

  it.skipIf(!posix)('refuses a symlinked key file', () => {
    const other = join(dir, 'elsewhere.key');
    writeFileSync(other, `${Buffer.alloc(32, 1).toString('base64')}\n`, { mode: 0o600 });
    symlinkSync(other, join(dir, 'secret.key'));
    expect(keyFileSecretBox(dir).isAvailable()).toBe(false);
  });

  it('refuses a damaged key file', () => {
    writeFileSync(join(dir, 'secret.key'), 'not a key', { mode: 0o600 });
    const box = keyFileSecretBox(dir);
    expect(box.isAvailable()).toBe(false);
    expect(box.unavailableReason()).toMatch(/damaged/);
  });

  it('a replaced key gives CONFLICT (enter the password again), tampering is detected', () => {
    const box = keyFileSecretBox(dir);
    const c = box.encrypt('x');
    const otherDir = mkdtempSync(join(tmpdir(), 'tms-secrets-other-'));
    const other = keyFileSecretBox(otherDir);
    try {
      expect(() => other.decrypt(c)).toThrow(/enter the password again/);
    } finally {
      rmSync(otherDir, { recursive: true, force: true });
    }
    const raw = Buffer.from(c.slice(4), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => box.decrypt(`kf1:${raw.toString('base64')}`)).toThrow(TmsError);
    expect(() => box.decrypt('ss1:abc')).toThrow(/another secret store/);
  });
});

describe('safeStorageSecretBox', () => {
  const fake = (available = true, backend?: string): SafeStorageLike => ({
    isEncryptionAvailable: () => available,
    encryptString: (p) => Buffer.from(Buffer.from(p).reverse()),
    decryptString: (b) => Buffer.from(b).reverse().toString(),
    ...(backend ? { getSelectedStorageBackend: () => backend } : {}),
  });

  it('round-trips through safeStorage', () => {
    const box = safeStorageSecretBox(fake());
    const c = box.encrypt('pw');
    expect(c.startsWith('ss1:')).toBe(true);
    expect(box.decrypt(c)).toBe('pw');
    expect(box.persistent).toBe(true);
  });

  it('is unavailable without a keychain, and on Linux basic_text', () => {
    expect(safeStorageSecretBox(fake(false)).isAvailable()).toBe(false);
    const basic = safeStorageSecretBox(fake(true, 'basic_text'));
    expect(basic.isAvailable()).toBe(false);
    expect(basic.unavailableReason()).toMatch(/keyring/);
    expect(() => basic.encrypt('x')).toThrow(/cannot be stored securely/);
    expect(safeStorageSecretBox(fake(true, 'gnome_libsecret')).isAvailable()).toBe(true);
  });
});

describe('memorySecretBox', () => {
  it('round-trips and is not persistent', () => {
    const box = memorySecretBox();
    expect(box.persistent).toBe(false);
    expect(box.decrypt(box.encrypt('m'))).toBe('m');
    expect(() => memorySecretBox().decrypt(box.encrypt('m'))).toThrow(TmsError);
  });
});

describe('redact', () => {
  it('replaces secret fields deeply, keeps flags, scrubs texts', () => {
    const input = {
      user: 'scott',
      password: 'tiger',
      hasPassword: true,
      connect: { method: 'descriptor', walletPassword: 'w1', descriptor: '(DESCRIPTION=...)' },
      nested: [{ token: 'abc', note: 'jdbc:oracle:thin:scott/tiger@h/s' }],
    };
    const out = redact(input);
    expect(out.password).toBe('***');
    expect(out.hasPassword).toBe(true);
    expect(out.connect.walletPassword).toBe('***');
    expect(out.nested[0]!.token).toBe('***');
    expect(JSON.stringify(out)).not.toContain('tiger');
    expect(input.password).toBe('tiger');
  });

  it('handles errors and cycles', () => {
    const e = Object.assign(new Error('login as scott with Tiger99 failed'), { code: 'ORA-01017' });
    const cyc: Record<string, unknown> = { e };
    cyc.self = cyc;
    const out = redact(cyc, ['Tiger99']) as { e: { message: string; code: string } };
    expect(out.e.message).toBe('login as scott with *** failed');
    expect(out.e.code).toBe('ORA-01017');
    expect(describeError(e, ['Tiger99'])).toBe('ORA-01017: login as scott with *** failed');
    expect(scrub('a pw b pw', ['pw'])).toBe('a *** b ***');
  });
});

describe('keyFileSecretBox, empty key file', () => {
  it('is not available while empty, and recovers once the key is written', () => {
    const d = mkdtempSync(join(tmpdir(), 'tms-secrets-empty-'));
    try {
      writeFileSync(join(d, 'secret.key'), '', { mode: 0o600 });
      const box = keyFileSecretBox(d);
      expect(box.isAvailable()).toBe(false);
      expect(box.unavailableReason()).toMatch(/empty/);
      writeFileSync(join(d, 'secret.key'), `${Buffer.alloc(32, 7).toString('base64')}\n`, { mode: 0o600 });
      expect(box.isAvailable()).toBe(true);
    } finally {
      rmSync(d, { recursive: true, force: true });
    }
  });
});

describe('selectSecretBox', () => {
  it('safeStorage when available, else the key file, or memory when asked', () => {
    const good: SafeStorageLike = {
      isEncryptionAvailable: () => true,
      encryptString: (p) => Buffer.from(p),
      decryptString: (b) => b.toString(),
    };
    expect(selectSecretBox({ dataDir: dir, safeStorage: good }).kind).toBe('safe-storage');
    expect(
      selectSecretBox({ dataDir: dir, safeStorage: { ...good, isEncryptionAvailable: () => false } }).kind,
    ).toBe('key-file');
    expect(selectSecretBox({ dataDir: dir }).kind).toBe('key-file');
    expect(selectSecretBox({ dataDir: dir, prefer: 'memory' }).kind).toBe('memory');
  });
});
