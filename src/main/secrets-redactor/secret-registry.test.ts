import { describe, expect, it } from 'vitest';
import { redactCredentials } from './credential-patterns';
import { SecretRegistry, secretFieldValues } from './secret-registry';
import { watchKeyStore, watchSecretBox } from './watch-stores';

describe('SecretRegistry', () => {
  it('removes a registered secret as typed, URL-encoded and JSON-escaped, from text and errors', () => {
    const r = new SecretRegistry();
    const pw = 'p@ss "w/rd"+1';
    r.add(pw);
    expect(r.text(`login failed for ${pw}.`)).toBe('login failed for ***.');
    expect(r.text(`url ?pw=${encodeURIComponent(pw)}&x`)).not.toContain(encodeURIComponent(pw));
    expect(r.text(JSON.stringify({ said: `key ${pw}` }))).not.toContain(JSON.stringify(pw).slice(1, -1));
    const error = new Error(`refused ${pw}`, { cause: new Error(`inner ${pw}`) });
    const logged = r.error(error);
    expect(logged).toContain('refused ***');
    expect(logged).toContain('caused by: Error: inner ***');
    expect(logged).not.toContain(pw);
  });

  it('walks JSON-like values, copying only what holds a secret', () => {
    const r = new SecretRegistry();
    r.add('Sup3rSecret');
    const clean = { rows: [{ a: 1, b: 'x' }], meta: { n: 2 } };
    expect(r.value(clean)).toBe(clean);
    const dirty = {
      ok: false,
      error: { message: 'bad Sup3rSecret', details: { list: ['ok', 'Sup3rSecret!'] } },
    };
    const out = r.value(dirty);
    expect(out).toEqual({ ok: false, error: { message: 'bad ***', details: { list: ['ok', '***!'] } } });
    expect(dirty.error.message).toBe('bad Sup3rSecret'); // the input is not changed
    const cyclic: Record<string, unknown> = { s: 'Sup3rSecret' };
    cyclic.self = cyclic;
    expect((r.value(cyclic) as { s: string }).s).toBe('***');
  });

  it('replaces short secrets only as whole words, so messages stay readable', () => {
    const r = new SecretRegistry();
    r.add('abc');
    expect(r.text('password abc rejected; abcdef is a table')).toBe(
      'password *** rejected; abcdef is a table',
    );
  });

  it('with nothing registered it still hides credentials written in URLs and connect strings', () => {
    const r = new SecretRegistry();
    expect(r.text('redis://user:hunter22@h:6379/0')).toBe('redis://user:***@h:6379/0');
    expect(r.text('jdbc:oracle:thin:scott/tiger@h:1521/x')).toBe('jdbc:oracle:thin:***@h:1521/x');
    expect(r.text('try scott/tiger@//db:1521/ORCL')).toBe('try scott/***@//db:1521/ORCL');
    expect(r.text('(SECURITY=(WALLET_PASSWORD=abc123))')).toBe('(SECURITY=(WALLET_PASSWORD=***))');
    expect(r.text('Authorization: Bearer sk-abc.def')).toBe('Authorization: Bearer ***');
    expect(redactCredentials('nothing to hide: 1/2 = 0.5')).toBe('nothing to hide: 1/2 = 0.5');
  });

  it('keeps only the latest typed secrets, and every stored one', () => {
    const r = new SecretRegistry();
    r.add('stored-secret');
    for (let i = 0; i < 200; i++) r.addTyped(`typed-secret-${i}`);
    expect(r.text('typed-secret-199 typed-secret-0 stored-secret')).toBe('*** typed-secret-0 ***');
    expect(r.size).toBeLessThanOrEqual(64 + 3);
  });

  it('finds the values of secret-named fields at any depth', () => {
    expect(
      secretFieldValues({
        name: 'x',
        password: 'a1',
        connect: { walletPassword: 'w2' },
        llm: [{ apiKey: 'k3' }],
      }),
    ).toEqual(['a1', 'w2', 'k3']);
    expect(secretFieldValues('plain')).toEqual([]);
  });
});

describe('store watchers', () => {
  it('a watched secret box registers what it encrypts and decrypts, and stays the same box', () => {
    const r = new SecretRegistry();
    const box = {
      kind: 'memory',
      encrypt: (p: string) => Buffer.from(p).toString('base64'),
      decrypt: (c: string) => Buffer.from(c, 'base64').toString(),
      isAvailable() {
        return this.kind === 'memory';
      },
    };
    const watched = watchSecretBox(box, r);
    const cipher = watched.encrypt('OraclePw1');
    expect(r.text('OraclePw1')).toBe('***');
    expect(watched.isAvailable()).toBe(true);
    const other = new SecretRegistry();
    expect(watchSecretBox(box, other).decrypt(cipher)).toBe('OraclePw1');
    expect(other.text('OraclePw1')).toBe('***');
  });

  it('a watched key store registers the key it stores and the one it returns', async () => {
    const r = new SecretRegistry();
    let stored: string | null = 'sk-from-disk-123';
    const store = watchKeyStore(
      {
        get: async () => stored,
        set: async (v: string | null) => {
          stored = v;
        },
      },
      r,
    );
    await store.get();
    await store.set('sk-new-456789');
    expect(r.text('sk-from-disk-123 sk-new-456789')).toBe('*** ***');
  });
});
