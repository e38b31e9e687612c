import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmsError } from '@shared/errors';
import type { ConnectionsChanged } from '@shared/types/connections';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { redact } from './redact';
import { keyFileSecretBox, memorySecretBox, type SecretBox } from './secrets';
import { ConnectionStore, slugify } from './store';

const posix = process.platform !== 'win32';
const PASSWORD = 'Sup3r-Secret-Pw!';
let dir: string;
let box: SecretBox;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tms-store-'));
  box = keyFileSecretBox(dir);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function open(extra: Partial<Parameters<typeof ConnectionStore.open>[0]> = {}) {
  let t = 1_700_000_000_000;
  return ConnectionStore.open({ dataDir: dir, secretBox: box, now: () => (t += 1000), ...extra });
}

async function rejects(p: Promise<unknown>): Promise<TmsError> {
  try {
    await p;
  } catch (error) {
    expect(error).toBeInstanceOf(TmsError);
    return error as TmsError;
  }
  throw new Error('expected a rejection');
}

function grepDir(needle: string): string[] {
  return readdirSync(dir).filter((name) => readFileSync(join(dir, name)).includes(needle));
}

const sales = {
  name: 'Sales DB (prod)',
  connect: { method: 'easy' as const, connectString: 'dbhost:1521/SALES' },
  user: 'monitor',
  password: PASSWORD,
};

describe('ConnectionStore', () => {
  it('starts with the Demo connection only, active', async () => {
    const store = await open();
    expect(store.list().map((c) => c.id)).toEqual(['demo']);
    expect(store.activeId()).toBe('demo');
    expect(store.get('demo')).toMatchObject({
      kind: 'demo',
      builtIn: true,
      hasPassword: false,
      connect: null,
    });
    expect(store.problems).toEqual([]);
  });

  it('adds a connection with a derived id, password encrypted, files 0600, no plaintext anywhere', async () => {
    const store = await open();
    const { profile, notes } = await store.add(sales);
    expect(profile).toMatchObject({
      id: 'sales-db-prod',
      kind: 'oracle',
      user: 'monitor',
      hasPassword: true,
    });
    expect(notes).toEqual([]);
    expect(JSON.stringify(profile)).not.toContain(PASSWORD);
    expect(store.secrets('sales-db-prod')).toEqual({ password: PASSWORD });
    expect(grepDir(PASSWORD)).toEqual([]);
    expect(grepDir('Sup3r')).toEqual([]);
    for (const f of ['connections.json', 'secrets.json', 'secret.key']) {
      if (posix) expect(statSync(join(dir, f)).mode & 0o777).toBe(0o600);
    }
    // no temp files left behind (atomic write renames them)
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const saved = JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8'));
    expect(saved.connections[0].connect).toEqual({ method: 'easy', connectString: 'dbhost:1521/SALES' });
  });

  it('reloads profiles, secrets and the active connection', async () => {
    const store = await open();
    await store.add(sales);
    await store.setActive('sales-db-prod');
    const again = await open();
    expect(again.list().map((c) => c.id)).toEqual(['demo', 'sales-db-prod']);
    expect(again.activeId()).toBe('sales-db-prod');
    expect(again.secrets('sales-db-prod').password).toBe(PASSWORD);
    expect(again.problems).toEqual([]);
  });

  it('unique ids, explicit id validation and conflicts', async () => {
    const store = await open();
    expect((await store.add(sales)).profile.id).toBe('sales-db-prod');
    expect((await store.add(sales)).profile.id).toBe('sales-db-prod-2');
    expect((await store.add({ ...sales, name: 'Demo' })).profile.id).toBe('demo-2');
    expect((await rejects(store.add({ ...sales, id: 'sales-db-prod' }))).code).toBe('CONFLICT');
    expect((await rejects(store.add({ ...sales, id: 'Bad Id' }))).code).toBe('VALIDATION');
    expect((await rejects(store.add({ ...sales, id: 'demo' }))).code).toBe('CONFLICT');
    expect(slugify('  Ünïcode  DB!! ')).toBe('unicode-db');
    expect(slugify('한국어')).toBe('conn');
  });

  it('keeps JDBC notes and takes the user name from a pasted URL', async () => {
    const store = await open();
    const { profile, notes } = await store.add({
      name: 'legacy',
      connect: { method: 'easy', connectString: 'jdbc:oracle:thin:scott/tiger@dbhost:1521:ORCL' },
    });
    expect(profile.user).toBe('scott');
    expect(profile.connect).toMatchObject({ method: 'descriptor' });
    const codes = notes.map((n) => n.code);
    expect(codes).toContain('sidConverted');
    expect(codes).toContain('jdbcPasswordRemoved');
    expect(grepDir('tiger')).toEqual([]);
    expect(profile.hasPassword).toBe(false);
  });

  it('rejects invalid input', async () => {
    const store = await open();
    expect((await rejects(store.add({ ...sales, name: '' }))).code).toBe('VALIDATION');
    expect((await rejects(store.add({ ...sales, user: '' }))).code).toBe('VALIDATION');
    expect((await rejects(store.add({ name: 'x', user: 'u' }))).message).toMatch(/connect string/);
    expect(
      (
        await rejects(
          store.add({ ...sales, connect: { method: 'easy', connectString: 'jdbc:oracle:oci:@X' } }),
        )
      ).code,
    ).toBe('ORACLE_CONFIG');
    expect(store.list()).toHaveLength(1);
  });

  it('the Demo connection is read-only', async () => {
    const store = await open();
    expect((await rejects(store.update('demo', { name: 'x' }))).code).toBe('UNSUPPORTED');
    expect((await rejects(store.delete('demo'))).code).toBe('UNSUPPORTED');
    expect(store.get('demo').name).toBe('Demo database');
  });

  it('edit: keeps the password when omitted, replaces or clears it; hooks fire on target changes only', async () => {
    const onConnectionChanged = vi.fn();
    const events: ConnectionsChanged[] = [];
    const store = await open({ hooks: { onConnectionChanged, onListChanged: (e) => events.push(e) } });
    await store.add(sales);
    const id = 'sales-db-prod';

    await store.update(id, { name: 'Sales' });
    expect(onConnectionChanged).not.toHaveBeenCalled();
    expect(store.get(id).name).toBe('Sales');
    expect(store.secrets(id).password).toBe(PASSWORD);

    await store.update(id, { password: '' });
    expect(onConnectionChanged).not.toHaveBeenCalled();
    expect(store.secrets(id).password).toBe(PASSWORD);

    await store.update(id, { connect: { method: 'easy', connectString: 'dbhost2:1521/SALES' } });
    expect(onConnectionChanged).toHaveBeenLastCalledWith(id, 'updated');
    expect(store.secrets(id).password).toBe(PASSWORD);

    await store.update(id, { password: 'new-pw' });
    expect(store.secrets(id).password).toBe('new-pw');
    expect(onConnectionChanged).toHaveBeenCalledTimes(2);

    await store.update(id, { clearPassword: true });
    expect(store.get(id).hasPassword).toBe(false);
    expect(onConnectionChanged).toHaveBeenCalledTimes(3);

    await store.update(id, { diagnosticsPackLicensed: true });
    expect(onConnectionChanged).toHaveBeenCalledTimes(4);
    expect(events.map((e) => e.reason)).toEqual([
      'added',
      'updated',
      'updated',
      'updated',
      'updated',
      'updated',
      'updated',
    ]);
    expect(events.at(-1)!.connections.map((c) => c.id)).toEqual(['demo', id]);
  });

  it('wallet password: stored encrypted, kept on edit, dropped when leaving the descriptor method', async () => {
    const store = await open();
    const descriptor =
      '(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=adb)(PORT=1522))(CONNECT_DATA=(SERVICE_NAME=x_high)))';
    const { profile } = await store.add({
      name: 'adb',
      user: 'admin',
      password: PASSWORD,
      connect: {
        method: 'descriptor',
        descriptor,
        walletLocation: '/home/dba/wallet',
        walletPassword: 'WalletPw9',
      },
    });
    expect(profile.connect).toEqual({
      method: 'descriptor',
      descriptor,
      walletLocation: '/home/dba/wallet',
      hasWalletPassword: true,
    });
    expect(grepDir('WalletPw9')).toEqual([]);
    await store.update('adb', {
      connect: { method: 'descriptor', descriptor, walletLocation: '/home/dba/wallet2' },
    });
    expect(store.secrets('adb')).toEqual({ password: PASSWORD, walletPassword: 'WalletPw9' });
    await store.update('adb', { connect: { method: 'easy', connectString: 'adb:1522/x_high' } });
    expect(store.secrets('adb')).toEqual({ password: PASSWORD });
  });

  it('delete: hook, secrets removed, active falls back to demo', async () => {
    const onConnectionChanged = vi.fn();
    const store = await open({ hooks: { onConnectionChanged } });
    await store.add(sales);
    await store.setActive('sales-db-prod');
    await store.delete('sales-db-prod');
    expect(onConnectionChanged).toHaveBeenCalledWith('sales-db-prod', 'deleted');
    expect(store.activeId()).toBe('demo');
    expect(store.has('sales-db-prod')).toBe(false);
    const secrets = JSON.parse(readFileSync(join(dir, 'secrets.json'), 'utf8'));
    expect(secrets.secrets).toEqual({});
    expect((await rejects(store.delete('sales-db-prod'))).code).toBe('NOT_FOUND');
    expect((await rejects(store.setActive('nope'))).code).toBe('NOT_FOUND');
  });

  it('a hook failure is reported, not thrown', async () => {
    const store = await open({
      hooks: {
        onConnectionChanged: () => {
          throw new Error('redis down');
        },
      },
    });
    await store.add(sales);
    await store.delete('sales-db-prod');
    expect(store.problems.at(-1)!.message).toMatch(/redis down/);
  });

  it('a corrupt connections file is backed up and reported; nothing crashes', async () => {
    writeFileSync(join(dir, 'connections.json'), '{ not json');
    const problems: unknown[] = [];
    const store = await open({ onProblem: (p) => problems.push(p) });
    expect(store.list().map((c) => c.id)).toEqual(['demo']);
    expect(problems).toHaveLength(1);
    const backup = store.problems[0]!.backup!;
    expect(readFileSync(backup, 'utf8')).toBe('{ not json');
    // a later save does not touch the backup
    await store.add(sales);
    expect(readFileSync(backup, 'utf8')).toBe('{ not json');
  });

  it('invalid entries are dropped from view but kept in the backup; valid ones load', async () => {
    const store = await open();
    await store.add(sales);
    const file = join(dir, 'connections.json');
    const saved = JSON.parse(readFileSync(file, 'utf8'));
    saved.connections.push({ id: 'BAD ID', name: 'broken' }, { ...saved.connections[0], id: 'demo' });
    writeFileSync(file, JSON.stringify(saved));
    const again = await open();
    expect(again.list().map((c) => c.id)).toEqual(['demo', 'sales-db-prod']);
    expect(again.problems[0]!.message).toMatch(/2 saved connection/);
    expect(readFileSync(again.problems[0]!.backup!, 'utf8')).toContain('BAD ID');
  });

  it('an unknown layout and a corrupt secrets file are reported', async () => {
    const store = await open();
    await store.add(sales);
    writeFileSync(join(dir, 'secrets.json'), 'garbage');
    const again = await open();
    expect(again.get('sales-db-prod').hasPassword).toBe(false);
    expect(again.problems[0]!.message).toMatch(/password file/);
    writeFileSync(join(dir, 'connections.json'), JSON.stringify({ version: 9 }));
    const third = await open();
    expect(third.list()).toHaveLength(1);
    expect(third.problems.some((p) => /unknown layout/.test(p.message))).toBe(true);
  });

  it('a write failure restores the previous state', async () => {
    const store = await open();
    await store.add(sales);
    rmSync(dir, { recursive: true, force: true });
    writeFileSync(dir, 'a file where the directory was');
    const e = await rejects(store.add({ ...sales, name: 'Other' }));
    expect(e.code).toBe('INTERNAL');
    expect(store.list().map((c) => c.id)).toEqual(['demo', 'sales-db-prod']);
    rmSync(dir, { force: true });
  });

  it('concurrent writes are serialised and the last one wins on disk', async () => {
    const store = await open();
    await Promise.all(Array.from({ length: 8 }, (_, i) => store.add({ ...sales, name: `db ${i}` })));
    const saved = JSON.parse(readFileSync(join(dir, 'connections.json'), 'utf8'));
    expect(saved.connections).toHaveLength(8);
  });

  it('memory secret box: nothing persisted, the password lives for the process only', async () => {
    box = memorySecretBox();
    const store = await open();
    await store.add(sales);
    expect(store.secrets('sales-db-prod').password).toBe(PASSWORD);
    expect(readdirSync(dir).sort()).toEqual(['connections.json']);
    const again = await open();
    expect(again.get('sales-db-prod').hasPassword).toBe(false);
  });

  it('draft: test an unsaved input or an edit without retyping the password', async () => {
    const store = await open();
    await store.add(sales);
    const d = store.draft({
      id: 'sales-db-prod',
      name: 'x',
      connect: { method: 'easy', connectString: 'other:1521/S' },
    });
    expect(d.secrets.password).toBe(PASSWORD);
    expect(d.profile.connect).toEqual({ method: 'easy', connectString: 'other:1521/S' });
    const fresh = store.draft({
      name: 'n',
      user: 'u',
      password: 'p',
      connect: { method: 'easy', connectString: 'h/s' },
    });
    expect(fresh.profile.id).toBe('draft');
    expect(fresh.secrets).toEqual({ password: 'p' });
  });

  it('serialised profiles and events never contain a password', async () => {
    const events: ConnectionsChanged[] = [];
    const store = await open({ hooks: { onListChanged: (e) => events.push(e) } });
    await store.add(sales);
    const text = JSON.stringify({ list: store.list(), events, logged: redact({ input: sales }) });
    expect(text).not.toContain(PASSWORD);
  });
});
