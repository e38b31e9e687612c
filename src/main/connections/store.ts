/**
 * The connection store: profiles in `<dataDir>/connections.json` (with the active connection),
 * encrypted passwords in `<dataDir>/secrets.json` (never plain text; nothing written when the secret box
 * is memory-only). Both files are written atomically with mode 0600 and validated on load: a corrupt file
 * is copied aside and reported, never a crash, and every valid entry is kept.
 * The built-in Demo connection (id 'demo') is always present and read-only.
 */

import { join } from 'node:path';
import type { ConnectNote } from '@shared/connect-notes';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import {
  CONNECTION_ID_PATTERN,
  type ConnectionInput,
  type ConnectionKind,
  type ConnectionPatch,
  type ConnectionProfile,
  type ConnectionSaveResult,
  type ConnectionStoreProblem,
  type ConnectionsChanged,
  type ConnectSpec,
  DEMO_CONNECTION_ID,
} from '@shared/types/connections';
import { KILL_METHOD_PATTERN } from '@shared/types/privileges';
import { z } from 'zod';
import { normaliseConnectInput } from './connect-string';
import { backupFile, readIfExists, writeFileAtomic } from './files';
import { describeError } from './redact';
import type { SecretBox } from './secrets';

export const CONNECTIONS_FILE = 'connections.json';
export const SECRETS_FILE = 'secrets.json';
export const MAX_CONNECTIONS = 200;
const MAX_NAME = 100;
const MAX_USER = 128;
const MAX_SECRET = 1024;

/** Why a connection's cache and pool must be dropped. */
export type ConnectionChangeReason = 'updated' | 'deleted';

export interface ConnectionStoreHooks {
  /** the connection's target, credentials or options changed, or it was deleted */
  onConnectionChanged?(connId: string, reason: ConnectionChangeReason): void | Promise<void>;
  /** the list or the active connection changed (for the `connections:changed` event) */
  onListChanged?(change: ConnectionsChanged): void;
}

export interface ConnectionStoreOptions {
  dataDir: string;
  secretBox: SecretBox;
  hooks?: ConnectionStoreHooks;
  /** problems found while loading (corrupt files); also kept in `store.problems` */
  onProblem?(problem: ConnectionStoreProblem): void;
  now?: () => number;
}

/** Decrypted credentials: handed to the gateway factory at pool-creation time only. */
export interface ConnectionSecrets {
  password?: string;
  walletPassword?: string;
}

/** An unsaved connection, resolved for a test. */
export interface ConnectionDraft {
  profile: ConnectionProfile;
  secrets: ConnectionSecrets;
  notes: ConnectNote[];
}

const nameSchema = z.string().trim().min(1).max(MAX_NAME);
const connectSpecSchema = z.discriminatedUnion('method', [
  z.object({ method: z.literal('easy'), connectString: z.string().min(1).max(4096) }),
  z.object({
    method: z.literal('tns'),
    tnsAlias: z.string().min(1).max(255),
    configDir: z.string().min(1).max(1024),
  }),
  z.object({
    method: z.literal('descriptor'),
    descriptor: z.string().min(1).max(4096),
    walletLocation: z.string().min(1).max(1024).optional(),
  }),
]);
const storedConnectionSchema = z
  .object({
    id: z.string().regex(CONNECTION_ID_PATTERN),
    name: nameSchema,
    kind: z.enum(['demo', 'oracle']),
    connect: connectSpecSchema.nullable(),
    user: z.string().max(MAX_USER),
    diagnosticsPackLicensed: z.boolean().default(false),
    killMethod: z.string().regex(KILL_METHOD_PATTERN).default('alter-system'),
    createdAt: z.number().int().nonnegative(),
    updatedAt: z.number().int().nonnegative(),
  })
  .refine((c) => c.kind === 'demo' || (c.connect !== null && c.user !== ''), {
    message: 'an Oracle connection needs a connect string and a user',
  })
  .refine((c) => c.id !== DEMO_CONNECTION_ID, { message: 'the id "demo" is reserved' });
type StoredConnection = z.infer<typeof storedConnectionSchema>;

const connectionsFileSchema = z.object({
  version: z.literal(1),
  activeId: z.string().max(64).optional(),
  connections: z.array(z.unknown()).max(MAX_CONNECTIONS * 2),
});
const secretEntrySchema = z.object({
  password: z.string().min(1).max(16_384).optional(),
  walletPassword: z.string().min(1).max(16_384).optional(),
});
const secretsFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.unknown()),
});
type SecretEntry = z.infer<typeof secretEntrySchema>;

export const DEMO_PROFILE: Readonly<ConnectionProfile> = Object.freeze({
  id: DEMO_CONNECTION_ID,
  name: 'Demo database',
  kind: 'demo',
  connect: null,
  user: 'DEMO',
  hasPassword: false,
  diagnosticsPackLicensed: false,
  killMethod: 'alter-system',
  builtIn: true,
  createdAt: 0,
  updatedAt: 0,
});

/** `Sales DB (prod)` → `sales-db-prod` */
export function slugify(name: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9_-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^[-_]+|[-_]+$/g, '')
    .slice(0, 40)
    .replace(/[-_]+$/g, '');
  return slug === '' ? 'conn' : slug;
}

function checkName(name: unknown): string {
  const parsed = nameSchema.safeParse(name);
  // biome-ignore lint/suspicious/noControlCharactersInRegex: names must be printable
  if (!parsed.success || /[\u0000-\u001f\u007f]/.test(parsed.data)) {
    throw invalidInput('connection.name', `A connection name must be 1-${MAX_NAME} printable characters.`, {
      max: MAX_NAME,
    });
  }
  return parsed.data;
}

function checkUser(user: unknown): string {
  const value = typeof user === 'string' ? user.trim() : '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: user names must be printable
  if (value === '' || value.length > MAX_USER || /[\u0000-\u001f\u007f]/.test(value)) {
    throw invalidInput(
      'connection.user',
      `The Oracle user name must be 1-${MAX_USER} printable characters.`,
      { max: MAX_USER },
    );
  }
  return value;
}

function checkSecret(value: string, what: 'password' | 'wallet password'): string {
  if (value.length > MAX_SECRET)
    throw invalidInput('connection.secretTooLong', `The ${what} is longer than ${MAX_SECRET} characters.`, {
      field: what === 'password' ? 'password' : 'walletPassword',
      max: MAX_SECRET,
    });
  return value;
}

interface State {
  connections: Map<string, StoredConnection>;
  secrets: Map<string, SecretEntry>;
  activeId: string;
}

function cloneState(s: State): State {
  return {
    connections: new Map([...s.connections].map(([k, v]) => [k, structuredClone(v)])),
    secrets: new Map([...s.secrets].map(([k, v]) => [k, { ...v }])),
    activeId: s.activeId,
  };
}

export class ConnectionStore {
  readonly #dir: string;
  readonly #box: SecretBox;
  readonly #hooks: ConnectionStoreHooks;
  readonly #now: () => number;
  readonly #onProblem?: (problem: ConnectionStoreProblem) => void;
  readonly problems: ConnectionStoreProblem[] = [];
  #state: State = { connections: new Map(), secrets: new Map(), activeId: DEMO_CONNECTION_ID };
  #writes: Promise<void> = Promise.resolve();

  private constructor(options: ConnectionStoreOptions) {
    this.#dir = options.dataDir;
    this.#box = options.secretBox;
    this.#hooks = options.hooks ?? {};
    this.#now = options.now ?? Date.now;
    this.#onProblem = options.onProblem;
  }

  /** Load (or start empty). Never throws for a corrupt file: it is backed up and reported. */
  static async open(options: ConnectionStoreOptions): Promise<ConnectionStore> {
    const store = new ConnectionStore(options);
    await store.#load();
    return store;
  }

  get connectionsFile(): string {
    return join(this.#dir, CONNECTIONS_FILE);
  }
  get secretsFile(): string {
    return join(this.#dir, SECRETS_FILE);
  }
  get secretBox(): SecretBox {
    return this.#box;
  }

  /** Set hooks after construction (the composition root builds the registry after the store). */
  setHooks(hooks: ConnectionStoreHooks): void {
    Object.assign(this.#hooks, hooks);
  }

  // ------------------------------------------------------------------------------------------- reads

  list(): ConnectionProfile[] {
    const others = [...this.#state.connections.values()]
      .map((c) => this.#profile(c))
      .sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
    return [{ ...DEMO_PROFILE }, ...others];
  }

  has(id: string): boolean {
    return id === DEMO_CONNECTION_ID || this.#state.connections.has(id);
  }

  get(id: string): ConnectionProfile {
    if (id === DEMO_CONNECTION_ID) return { ...DEMO_PROFILE };
    const c = this.#state.connections.get(id);
    if (!c) {
      throw new TmsError(
        'NOT_FOUND',
        `There is no connection "${id.slice(0, 64)}"; it may have been deleted.`,
        {
          details: { connId: id.slice(0, 64) },
        },
      );
    }
    return this.#profile(c);
  }

  activeId(): string {
    return this.#state.activeId;
  }

  active(): ConnectionProfile {
    return this.get(this.#state.activeId);
  }

  /**
   * Decrypt a connection's secrets. Called by the gateway registry when it opens a pool, never kept.
   * Throws CONFLICT when a stored password cannot be decrypted (enter it again).
   */
  secrets(id: string): ConnectionSecrets {
    this.get(id);
    const entry = this.#state.secrets.get(id);
    if (!entry) return {};
    return {
      ...(entry.password ? { password: this.#box.decrypt(entry.password) } : {}),
      ...(entry.walletPassword ? { walletPassword: this.#box.decrypt(entry.walletPassword) } : {}),
    };
  }

  /**
   * Resolve an unsaved input for a connection test. When `input.id` names a saved connection, omitted
   * secrets are taken from it (testing an edit without retyping the password).
   */
  draft(input: ConnectionInput): ConnectionDraft {
    const base = input.id ? this.#state.connections.get(input.id) : undefined;
    const target = this.#resolveTarget(input, base);
    const secrets: ConnectionSecrets = {};
    const walletInput = input.connect?.method === 'descriptor' ? input.connect.walletPassword : undefined;
    if (input.password) secrets.password = checkSecret(input.password, 'password');
    if (walletInput) secrets.walletPassword = checkSecret(walletInput, 'wallet password');
    if (base) {
      const needPassword = !secrets.password && !input.clearPassword;
      const needWallet = walletInput === undefined && target.connect?.method === 'descriptor';
      if (needPassword || needWallet) {
        const stored = this.secrets(base.id);
        if (needPassword && stored.password) secrets.password = stored.password;
        if (needWallet && stored.walletPassword && base.connect?.method === 'descriptor') {
          secrets.walletPassword = stored.walletPassword;
        }
      }
    }
    const now = this.#now();
    return {
      profile: {
        id: base?.id ?? 'draft',
        name: input.name?.trim() || base?.name || 'draft',
        kind: target.kind,
        connect: withWalletFlag(target.connect, Boolean(secrets.walletPassword)),
        user: target.user,
        hasPassword: Boolean(secrets.password),
        diagnosticsPackLicensed: target.diagnosticsPackLicensed,
        killMethod: target.killMethod,
        builtIn: false,
        createdAt: base?.createdAt ?? now,
        updatedAt: now,
      },
      secrets,
      notes: target.notes,
    };
  }

  /** Validate and normalise the non-secret part of an input, on top of a saved connection when editing. */
  #resolveTarget(
    input: ConnectionPatch,
    base: StoredConnection | undefined,
  ): {
    kind: ConnectionKind;
    connect: ConnectSpec | null;
    user: string;
    diagnosticsPackLicensed: boolean;
    killMethod: string;
    notes: ConnectNote[];
  } {
    const kind: ConnectionKind = input.kind ?? base?.kind ?? 'oracle';
    const notes: ConnectNote[] = [];
    const diagnosticsPackLicensed = input.diagnosticsPackLicensed ?? base?.diagnosticsPackLicensed ?? false;
    const killMethod = input.killMethod ?? base?.killMethod ?? 'alter-system';
    if (!KILL_METHOD_PATTERN.test(killMethod)) {
      throw invalidInput(
        'connection.killMethod',
        "The kill method is 'alter-system', 'rds' or 'procedure:OWNER.NAME'.",
      );
    }
    if (kind === 'demo')
      return { kind, connect: null, user: 'DEMO', diagnosticsPackLicensed, killMethod, notes };
    let connect: ConnectSpec;
    let user = input.user?.trim() || base?.user || '';
    if (input.connect) {
      const n = normaliseConnectInput(input.connect);
      notes.push(...n.notes);
      connect = n.spec;
      if (n.user && !input.user?.trim()) user = n.user;
    } else if (base?.connect) {
      connect = base.connect;
    } else {
      throw invalidInput('connection.needTarget', 'Enter a connect string, a TNS alias or a descriptor.');
    }
    return { kind, connect, user: checkUser(user), diagnosticsPackLicensed, killMethod, notes };
  }

  // ------------------------------------------------------------------------------------------- writes

  async add(input: ConnectionInput): Promise<ConnectionSaveResult> {
    const name = checkName(input.name);
    if (this.#state.connections.size >= MAX_CONNECTIONS) {
      throw new TmsError('CONFLICT', `At most ${MAX_CONNECTIONS} connections can be saved.`);
    }
    let id: string;
    if (input.id !== undefined) {
      id = input.id;
      if (!CONNECTION_ID_PATTERN.test(id)) {
        throw invalidInput(
          'connection.badId',
          'A connection id is 1-63 characters: lowercase letters, digits, "-" and "_".',
        );
      }
      if (this.has(id)) throw new TmsError('CONFLICT', `A connection with the id "${id}" already exists.`);
    } else {
      const base = slugify(name);
      id = base;
      for (let i = 2; this.has(id); i++) id = `${base}-${i}`;
    }
    const target = this.#resolveTarget(input, undefined);
    const now = this.#now();
    const stored: StoredConnection = {
      id,
      name,
      kind: target.kind,
      connect: target.connect,
      user: target.user,
      diagnosticsPackLicensed: target.diagnosticsPackLicensed,
      killMethod: target.killMethod,
      createdAt: now,
      updatedAt: now,
    };
    const walletInput = input.connect?.method === 'descriptor' ? input.connect.walletPassword : undefined;
    const secretEntry =
      target.kind === 'oracle'
        ? this.#encrypt({
            ...(input.password ? { password: checkSecret(input.password, 'password') } : {}),
            ...(walletInput && target.connect?.method === 'descriptor'
              ? { walletPassword: checkSecret(walletInput, 'wallet password') }
              : {}),
          })
        : undefined;
    await this.#mutate((s) => {
      s.connections.set(id, stored);
      if (secretEntry) s.secrets.set(id, secretEntry);
    });
    const profile = this.get(id);
    this.#emit('added', id);
    return { profile, notes: target.notes };
  }

  async update(id: string, patch: ConnectionPatch): Promise<ConnectionSaveResult> {
    this.#assertEditable(id, 'edited');
    const current = this.#state.connections.get(id)!;
    const name = patch.name !== undefined ? checkName(patch.name) : current.name;
    const target = this.#resolveTarget(patch, current);
    const next: StoredConnection = {
      ...current,
      name,
      kind: target.kind,
      connect: target.connect,
      user: target.user,
      diagnosticsPackLicensed: target.diagnosticsPackLicensed,
      killMethod: target.killMethod,
      updatedAt: this.#now(),
    };
    // secrets are merged as ciphertexts: editing never needs to decrypt the stored password
    const old = this.#state.secrets.get(id) ?? {};
    const entry: SecretEntry = {};
    if (target.kind === 'oracle') {
      if (patch.password) entry.password = this.#box.encrypt(checkSecret(patch.password, 'password'));
      else if (!patch.clearPassword && old.password) entry.password = old.password;
      const walletInput = patch.connect?.method === 'descriptor' ? patch.connect.walletPassword : undefined;
      if (target.connect?.method === 'descriptor') {
        if (walletInput)
          entry.walletPassword = this.#box.encrypt(checkSecret(walletInput, 'wallet password'));
        else if (old.walletPassword) entry.walletPassword = old.walletPassword;
      }
    }
    const secretEntry = entry.password || entry.walletPassword ? entry : undefined;
    const targetChanged =
      JSON.stringify(secretEntry ?? {}) !== JSON.stringify(old) ||
      next.kind !== current.kind ||
      next.user !== current.user ||
      next.diagnosticsPackLicensed !== current.diagnosticsPackLicensed ||
      next.killMethod !== current.killMethod ||
      JSON.stringify(next.connect) !== JSON.stringify(current.connect);
    await this.#mutate((s) => {
      s.connections.set(id, next);
      if (secretEntry) s.secrets.set(id, secretEntry);
      else s.secrets.delete(id);
    });
    if (targetChanged) await this.#changed(id, 'updated');
    this.#emit('updated', id);
    return { profile: this.get(id), notes: target.notes };
  }

  async delete(id: string): Promise<void> {
    this.#assertEditable(id, 'deleted');
    await this.#mutate((s) => {
      s.connections.delete(id);
      s.secrets.delete(id);
      if (s.activeId === id) s.activeId = DEMO_CONNECTION_ID;
    });
    await this.#changed(id, 'deleted');
    this.#emit('deleted', id);
  }

  async setActive(id: string): Promise<ConnectionProfile> {
    const profile = this.get(id);
    if (this.#state.activeId !== id) {
      await this.#mutate((s) => {
        s.activeId = id;
      });
      this.#emit('active', id);
    }
    return profile;
  }

  /** Resolves when every pending write has reached the disk. */
  flush(): Promise<void> {
    return this.#writes;
  }

  // ------------------------------------------------------------------------------------------- internals

  #profile(c: StoredConnection): ConnectionProfile {
    const secrets = this.#state.secrets.get(c.id);
    return {
      id: c.id,
      name: c.name,
      kind: c.kind,
      connect: withWalletFlag(c.connect, Boolean(secrets?.walletPassword)),
      user: c.user,
      hasPassword: Boolean(secrets?.password),
      diagnosticsPackLicensed: c.diagnosticsPackLicensed,
      killMethod: c.killMethod,
      builtIn: false,
      createdAt: c.createdAt,
      updatedAt: c.updatedAt,
    };
  }

  #assertEditable(id: string, verb: string): void {
    if (id === DEMO_CONNECTION_ID) {
      throw new TmsError('UNSUPPORTED', `The built-in Demo connection cannot be ${verb}.`);
    }
    this.get(id);
  }

  #encrypt(secrets: ConnectionSecrets): SecretEntry | undefined {
    if (!secrets.password && !secrets.walletPassword) return undefined;
    return {
      ...(secrets.password ? { password: this.#box.encrypt(secrets.password) } : {}),
      ...(secrets.walletPassword ? { walletPassword: this.#box.encrypt(secrets.walletPassword) } : {}),
    };
  }

  /** Apply a change in memory and persist it; on a write failure the previous state is restored. */
  async #mutate(change: (s: State) => void): Promise<void> {
    const before = cloneState(this.#state);
    change(this.#state);
    const snapshot = cloneState(this.#state);
    const write = this.#writes.then(() => this.#persist(snapshot));
    this.#writes = write.catch(() => {});
    try {
      await write;
    } catch (error) {
      this.#state = before;
      throw new TmsError(
        'INTERNAL',
        `The connections could not be saved in ${this.#dir}: ${describeError(error)}`,
        {
          retryable: true,
        },
      );
    }
  }

  async #persist(s: State): Promise<void> {
    if (this.#box.persistent) {
      const secrets: Record<string, SecretEntry> = {};
      for (const [id, entry] of s.secrets) if (s.connections.has(id)) secrets[id] = entry;
      await writeFileAtomic(
        this.secretsFile,
        `${JSON.stringify({ version: 1, box: this.#box.kind, secrets }, null, 2)}\n`,
      );
    }
    const body = {
      version: 1,
      activeId: s.activeId,
      connections: [...s.connections.values()],
    };
    await writeFileAtomic(this.connectionsFile, `${JSON.stringify(body, null, 2)}\n`);
  }

  async #changed(id: string, reason: ConnectionChangeReason): Promise<void> {
    try {
      await this.#hooks.onConnectionChanged?.(id, reason);
    } catch (error) {
      this.#problem({
        file: this.connectionsFile,
        message: `After the connection "${id}" was ${reason}, its cache or pool could not be cleared: ${describeError(error)}`,
      });
    }
  }

  #emit(reason: ConnectionsChanged['reason'], connId: string): void {
    this.#hooks.onListChanged?.({ reason, connId, activeId: this.#state.activeId, connections: this.list() });
  }

  #problem(problem: ConnectionStoreProblem): void {
    this.problems.push(problem);
    this.#onProblem?.(problem);
  }

  async #readJson(file: string, what: string): Promise<{ value?: unknown; corrupt: boolean }> {
    let text: string | undefined;
    try {
      text = await readIfExists(file);
    } catch (error) {
      this.#problem({ file, message: `The ${what} file could not be read: ${describeError(error)}` });
      return { corrupt: false };
    }
    if (text === undefined) return { corrupt: false };
    try {
      return { value: JSON.parse(text), corrupt: false };
    } catch {
      return { corrupt: true };
    }
  }

  async #reportCorrupt(file: string, message: string): Promise<void> {
    let backup: string | undefined;
    try {
      backup = await backupFile(file, this.#now());
    } catch (error) {
      message += ` (a backup copy could not be made: ${describeError(error)})`;
    }
    this.#problem({
      file,
      message: backup ? `${message} The original was saved as ${backup}.` : message,
      ...(backup ? { backup } : {}),
    });
  }

  async #load(): Promise<void> {
    const state: State = { connections: new Map(), secrets: new Map(), activeId: DEMO_CONNECTION_ID };
    const file = this.connectionsFile;
    const read = await this.#readJson(file, 'connections');
    if (read.corrupt) {
      await this.#reportCorrupt(
        file,
        'The connections file is not valid JSON; starting with the Demo connection only.',
      );
    } else if (read.value !== undefined) {
      const env = connectionsFileSchema.safeParse(read.value);
      if (!env.success) {
        await this.#reportCorrupt(
          file,
          'The connections file has an unknown layout; starting with the Demo connection only.',
        );
      } else {
        let rejected = 0;
        for (const raw of env.data.connections) {
          const c = storedConnectionSchema.safeParse(raw);
          if (c.success && !state.connections.has(c.data.id) && state.connections.size < MAX_CONNECTIONS) {
            state.connections.set(c.data.id, c.data);
          } else rejected++;
        }
        if (rejected > 0) {
          await this.#reportCorrupt(
            file,
            `${rejected} saved connection(s) were unreadable and are not shown; the others were loaded.`,
          );
        }
        const active = env.data.activeId;
        if (active && (active === DEMO_CONNECTION_ID || state.connections.has(active)))
          state.activeId = active;
      }
    }

    if (this.#box.persistent) {
      const sfile = this.secretsFile;
      const sread = await this.#readJson(sfile, 'secrets');
      if (sread.corrupt) {
        await this.#reportCorrupt(
          sfile,
          'The encrypted password file is not valid JSON; stored passwords must be entered again.',
        );
      } else if (sread.value !== undefined) {
        const env = secretsFileSchema.safeParse(sread.value);
        if (!env.success) {
          await this.#reportCorrupt(
            sfile,
            'The encrypted password file has an unknown layout; stored passwords must be entered again.',
          );
        } else {
          let rejected = 0;
          for (const [id, raw] of Object.entries(env.data.secrets)) {
            const entry = secretEntrySchema.safeParse(raw);
            if (entry.success) state.secrets.set(id, entry.data);
            else rejected++;
          }
          if (rejected > 0) {
            await this.#reportCorrupt(
              sfile,
              `${rejected} stored password(s) were unreadable and must be entered again.`,
            );
          }
        }
      }
    }
    this.#state = state;
  }
}

function withWalletFlag(spec: ConnectSpec | null, hasWalletPassword: boolean): ConnectSpec | null {
  if (spec?.method !== 'descriptor') return spec;
  return { ...spec, hasWalletPassword };
}
