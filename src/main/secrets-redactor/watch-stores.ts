/**
 * The stores tell the registry every secret that passes through them: whatever is encrypted or decrypted
 * by the secret box (Oracle and wallet passwords, the API key at rest), and the API key kept in memory.
 * A secret must be read before it is sent anywhere, so anything that could echo it comes after this.
 */
import type { SecretRegistry } from './secret-registry';

interface BoxLike {
  encrypt(plain: string): string;
  decrypt(cipher: string): string;
}

/** The same box, reporting each plaintext it encrypts or decrypts to `registry`. */
export function watchSecretBox<T extends BoxLike>(box: T, registry: SecretRegistry): T {
  return new Proxy(box, {
    get(target, prop) {
      if (prop === 'encrypt') {
        return (plain: string): string => {
          registry.add(plain);
          return target.encrypt(plain);
        };
      }
      if (prop === 'decrypt') {
        return (cipher: string): string => {
          const plain = target.decrypt(cipher);
          registry.add(plain);
          return plain;
        };
      }
      const value = Reflect.get(target, prop, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

interface KeyStoreLike {
  get(): Promise<string | null | undefined>;
  set(value: string | null): Promise<void>;
}

/** The same key store, reporting each key it stores or returns to `registry`. */
export function watchKeyStore<T extends KeyStoreLike>(store: T, registry: SecretRegistry): T {
  return {
    ...store,
    get: async () => {
      const value = await store.get();
      registry.add(value);
      return value;
    },
    set: async (value: string | null) => {
      registry.add(value);
      await store.set(value);
    },
  };
}
