/**
 * Secret boxes: how connection passwords are encrypted at rest.
 *   - safeStorageSecretBox: Electron's safeStorage (OS keychain / DPAPI / libsecret). No electron import
 *     here: src/main/index.ts passes `safeStorage` in.
 *   - keyFileSecretBox: browser mode. AES-256-GCM with a random key kept in a file readable only by the
 *     user (mode 0600; group bits are repaired, a world-readable or foreign-owned key file is refused).
 *   - memorySecretBox: nothing persisted; passwords live for the process only.
 * Ciphertexts are strings tagged with their box (`ss1:`, `kf1:`, `mem1:`) so a box never misreads another's.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import {
  chmodSync,
  closeSync,
  fstatSync,
  fsyncSync,
  lstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { TmsError } from '@shared/errors';

export type SecretBoxKind = 'safe-storage' | 'key-file' | 'memory';

export interface SecretBox {
  readonly kind: SecretBoxKind;
  /** false: ciphertexts do not survive a restart, so the store must not write them to disk */
  readonly persistent: boolean;
  isAvailable(): boolean;
  /** why isAvailable() is false (shown to the user) */
  unavailableReason(): string | undefined;
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
}

/** The part of Electron's `safeStorage` we use. */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only: 'basic_text' means no keyring (a hard-coded key: not real protection) */
  getSelectedStorageBackend?(): string;
}

function unavailable(box: SecretBox): TmsError {
  return new TmsError(
    'UNSUPPORTED',
    `Passwords cannot be stored securely: ${box.unavailableReason() ?? 'no secret store'}. Save the connection without a password, or fix the secret store.`,
  );
}

function wrongBox(expected: string, cipher: string): TmsError {
  const tag = /^([a-z0-9]+):/.exec(cipher)?.[1] ?? 'unknown';
  return new TmsError(
    'CONFLICT',
    `This password was stored by another secret store (${tag}, expected ${expected}); enter the password again.`,
  );
}

export function safeStorageSecretBox(
  safeStorage: SafeStorageLike,
  options: { allowBasicText?: boolean } = {},
): SecretBox {
  const reason = (): string | undefined => {
    if (!safeStorage.isEncryptionAvailable()) return 'the operating system keychain is not available';
    const backend = safeStorage.getSelectedStorageBackend?.();
    if (backend === 'basic_text' && !options.allowBasicText) {
      return 'no desktop keyring was found (Electron would fall back to a hard-coded key)';
    }
    return undefined;
  };
  const box: SecretBox = {
    kind: 'safe-storage',
    persistent: true,
    isAvailable: () => reason() === undefined,
    unavailableReason: reason,
    encrypt(plain) {
      if (!box.isAvailable()) throw unavailable(box);
      return `ss1:${safeStorage.encryptString(plain).toString('base64')}`;
    },
    decrypt(cipher) {
      if (!cipher.startsWith('ss1:')) throw wrongBox('ss1', cipher);
      if (!box.isAvailable()) throw unavailable(box);
      try {
        return safeStorage.decryptString(Buffer.from(cipher.slice(4), 'base64'));
      } catch (error) {
        throw new TmsError(
          'CONFLICT',
          'A stored password could not be decrypted by the keychain (it may come from another user or machine); enter it again.',
          { cause: error },
        );
      }
    },
  };
  return box;
}

const AAD = Buffer.from('tms-console-secret-v1');

function aesEncrypt(key: Buffer, plain: string): Buffer {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(AAD);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]);
}

function aesDecrypt(key: Buffer, data: Buffer): string {
  if (data.length < 28) throw new Error('ciphertext too short');
  const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, 12));
  decipher.setAAD(AAD);
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString('utf8');
}

export const KEY_FILE_NAME = 'secret.key';

export interface KeyFileSecretBox extends SecretBox {
  readonly keyPath: string;
  /** messages about repairs made to the key file (e.g. group read bit removed) */
  readonly repairs: readonly string[];
}

/**
 * AES-256-GCM with a 32-byte random key in `<dir>/secret.key` (created 0600, owner only).
 * The key file is opened lazily, on first use or isAvailable().
 */
export function keyFileSecretBox(dir: string, options: { fileName?: string } = {}): KeyFileSecretBox {
  const keyPath = join(dir, options.fileName ?? KEY_FILE_NAME);
  const repairs: string[] = [];
  const posixModes = process.platform !== 'win32';
  let key: Buffer | undefined;
  let failure: string | undefined;

  const load = (): Buffer | undefined => {
    if (key || failure) return key;
    try {
      mkdirSync(dir, { recursive: true, mode: 0o700 });
      let fd: number;
      try {
        fd = openSync(keyPath, 'wx', 0o600);
        try {
          const fresh = randomBytes(32);
          writeSync(fd, `${fresh.toString('base64')}\n`);
          fsyncSync(fd);
          if (posixModes) chmodSync(keyPath, 0o600);
          key = fresh;
          return key;
        } finally {
          closeSync(fd);
        }
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const link = lstatSync(keyPath);
      if (link.isSymbolicLink() || !link.isFile()) {
        failure = `the key file ${keyPath} is not a regular file`;
        return undefined;
      }
      fd = openSync(keyPath, 'r');
      try {
        const st = fstatSync(fd);
        if (posixModes) {
          const uid = process.getuid?.();
          if (uid !== undefined && st.uid !== uid) {
            failure = `the key file ${keyPath} belongs to another user (uid ${st.uid})`;
            return undefined;
          }
          if ((st.mode & 0o007) !== 0) {
            failure = `the key file ${keyPath} is accessible to every user (mode ${(st.mode & 0o777).toString(8)}); the key may have been read. Delete it (stored passwords must then be entered again) — it is not used as it is`;
            return undefined;
          }
          if ((st.mode & 0o070) !== 0) {
            chmodSync(keyPath, 0o600);
            repairs.push(
              `The key file ${keyPath} was readable by its group (mode ${(st.mode & 0o777).toString(8)}); it was changed to 600.`,
            );
          }
        }
        const text = readFileSync(fd, 'utf8').trim();
        if (text === '') {
          // another process is creating it right now: not a permanent failure, try again next time
          return undefined;
        }
        const bytes = Buffer.from(text, 'base64');
        if (bytes.length !== 32 || bytes.toString('base64') !== text) {
          failure = `the key file ${keyPath} is damaged (expected a 32-byte base64 key)`;
          return undefined;
        }
        key = bytes;
        return key;
      } finally {
        closeSync(fd);
      }
    } catch (error) {
      failure = `the key file ${keyPath} cannot be used (${(error as Error).message})`;
      return undefined;
    }
  };

  const box: KeyFileSecretBox = {
    kind: 'key-file',
    persistent: true,
    keyPath,
    repairs,
    isAvailable: () => load() !== undefined,
    unavailableReason: () =>
      load()
        ? undefined
        : (failure ??
          `the key file ${keyPath} is empty (another console is creating it, or a crash left it empty: then delete it)`),
    encrypt(plain) {
      const k = load();
      if (!k) throw unavailable(box);
      return `kf1:${aesEncrypt(k, plain).toString('base64')}`;
    },
    decrypt(cipher) {
      if (!cipher.startsWith('kf1:')) throw wrongBox('kf1', cipher);
      const k = load();
      if (!k) throw unavailable(box);
      try {
        return aesDecrypt(k, Buffer.from(cipher.slice(4), 'base64'));
      } catch (error) {
        throw new TmsError(
          'CONFLICT',
          `A stored password could not be decrypted with ${keyPath} (the key file was replaced?); enter the password again.`,
          { cause: error },
        );
      }
    },
  };
  return box;
}

/** Memory-only: encrypted with a per-process random key, never written anywhere. */
export function memorySecretBox(): SecretBox {
  const key = randomBytes(32);
  return {
    kind: 'memory',
    persistent: false,
    isAvailable: () => true,
    unavailableReason: () => undefined,
    encrypt: (plain) => `mem1:${aesEncrypt(key, plain).toString('base64')}`,
    decrypt(cipher) {
      if (!cipher.startsWith('mem1:')) throw wrongBox('mem1', cipher);
      try {
        return aesDecrypt(key, Buffer.from(cipher.slice(5), 'base64'));
      } catch (error) {
        throw new TmsError('CONFLICT', 'A password kept in memory could not be read; enter it again.', {
          cause: error,
        });
      }
    },
  };
}

/**
 * The composition root's choice: Electron's safeStorage when it really protects (a keychain), else the
 * 0600 key file under `dataDir` — or memory only when asked (`TMS_SECRET_STORE=memory` in browser mode).
 */
export function selectSecretBox(options: {
  dataDir: string;
  safeStorage?: SafeStorageLike;
  prefer?: 'key-file' | 'memory';
}): SecretBox {
  if (options.safeStorage) {
    const box = safeStorageSecretBox(options.safeStorage);
    if (box.isAvailable()) return box;
  }
  if (options.prefer === 'memory') return memorySecretBox();
  return keyFileSecretBox(options.dataDir);
}
