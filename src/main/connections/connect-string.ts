/**
 * Connect-string normalisation for node-oracledb Thin mode.
 *
 * Accepts what DBAs type or paste: Easy Connect (`host:port/service`, `//host/svc`, `host/svc:dedicated`,
 * `tcps://host:2484/svc?wallet_location=...`), a tnsnames.ora alias (needs a config directory: Thin does
 * not search the default locations), a full `(DESCRIPTION=...)` (also a pasted `ALIAS = (DESCRIPTION=...)`
 * tnsnames entry), and JDBC URLs copied from SQL Developer:
 *   - `jdbc:oracle:thin:@//host:1521/svc`  → Easy Connect
 *   - `jdbc:oracle:thin:@host:1521:SID`    → a descriptor with (SID=...) (Easy Connect cannot name a SID)
 *   - `jdbc:oracle:thin:user/pass@...`     → credentials stripped (the user name is offered back)
 *   - `jdbc:oracle:thin:@alias?TNS_ADMIN=/dir` → TNS alias + config directory
 *   - `jdbc:oracle:oci:@...`               → refused: OCI (thick) is not used by this console
 * Nothing here ever echoes a password back in a message.
 */
import { posix, win32 } from 'node:path';
import { type ConnectNote, connectNote } from '@shared/connect-notes';
import { type InputErrorReason, invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type { ConnectInput, ConnectMethod, ConnectSpec } from '@shared/types/connections';
import { redactCredentials } from '../secrets-redactor/credential-patterns';

export const MAX_CONNECT_STRING = 4096;
export const MAX_PATH = 1024;

export interface NormalisedConnect {
  method: ConnectMethod;
  /** the stored form (no secrets) */
  spec: ConnectSpec;
  /** what goes to oracledb's `connectString` */
  connectString: string;
  configDir?: string;
  walletLocation?: string;
  /** what was changed, as codes the renderer words; empty when the input was used as typed */
  notes: ConnectNote[];
  /** a user name found in a pasted JDBC URL (`jdbc:oracle:thin:scott/...@`) */
  user?: string;
  /** true when a password was found in the pasted text and discarded */
  credentialsStripped: boolean;
}

/** What the driver needs from a stored spec (secrets are added by the registry). */
export interface DriverConnectAttrs {
  connectString: string;
  configDir?: string;
  walletLocation?: string;
}

const HOST = String.raw`(?:\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9](?:[A-Za-z0-9_.-]{0,252}))`;
const EASY_RE = new RegExp(
  String.raw`^(?:(tcps?):\/\/)?(?:\/\/)?(${HOST}(?:,${HOST})*)(?::(\d{1,5}))?` +
    String.raw`(?:\/([A-Za-z0-9_.$#-]{1,256})?(?::(dedicated|shared|pooled))?(?:\/([A-Za-z0-9_.$#-]{1,128}))?)?` +
    String.raw`(?:\?([A-Za-z0-9_.=&/:%+,~\\-]{1,1024}))?$`,
  'i',
);
const SID_RE = new RegExp(String.raw`^(?:\/\/)?(${HOST}):(\d{1,5}):([A-Za-z0-9_$#.]{1,64})$`, 'i');
const ALIAS_RE = /^[A-Za-z][A-Za-z0-9_.-]{0,254}$/;
const TNS_ENTRY_RE = /^([A-Za-z][A-Za-z0-9_.-]{0,254})\s*=\s*(\(.*)$/s;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const CONTROL_ANY_RE = /[\u0000-\u001f\u007f]/;

/**
 * `reason` names the sentence the renderer shows (locales errors.json `connect.<reason>`), `params` fill
 * it; `message` is the English fallback for logs. A `field` param is worded by the renderer too.
 */
type ConnectReason = InputErrorReason extends infer R ? (R extends `connect.${infer S}` ? S : never) : never;
function invalid(reason: ConnectReason, message: string, params: Record<string, unknown> = {}): TmsError {
  return invalidInput(`connect.${reason}`, message, params);
}
function config(reason: ConnectReason, message: string, params: Record<string, unknown> = {}): TmsError {
  return new TmsError('ORACLE_CONFIG', message, { details: { ...params, reason: `connect.${reason}` } });
}

/** The connection form's fields, as `errors:field.<key>` words them; the English name for the message. */
export type ConnectField = 'connectString' | 'tnsAlias' | 'descriptor' | 'configDir' | 'walletDir';
const FIELD_NAMES: Record<ConnectField, string> = {
  connectString: 'The connect string',
  tnsAlias: 'The TNS alias',
  descriptor: 'The descriptor',
  configDir: 'The TNS configuration directory',
  walletDir: 'The wallet directory',
};

/** Remove `user/password@` from a JDBC-ish string so it can be shown or logged. */
/** Hide credentials in a connect string (JDBC `user/pass@`, SQL*Plus `user/pass@`, `password=`, URLs). */
export function redactConnectString(text: string): string {
  return redactCredentials(text);
}

function checkText(raw: string, field: ConnectField): string {
  const what = FIELD_NAMES[field];
  if (typeof raw !== 'string') throw invalid('notText', `${what} must be text.`, { field });
  if (raw.length > MAX_CONNECT_STRING) {
    throw invalid(
      'tooLong',
      `${what} is too long (${raw.length} characters, at most ${MAX_CONNECT_STRING}).`,
      { field, length: raw.length, max: MAX_CONNECT_STRING },
    );
  }
  if (CONTROL_RE.test(raw))
    throw invalid('controlChars', `${what} contains control characters; paste it again as plain text.`, {
      field,
    });
  const text = raw.trim();
  if (text === '') throw invalid('empty', `${what} is empty.`, { field });
  return text;
}

export function checkPath(raw: string | undefined, field: ConnectField): string {
  const what = FIELD_NAMES[field];
  const value = (raw ?? '').trim();
  if (value === '') throw invalid('empty', `${what} is empty.`, { field });
  if (value.length > MAX_PATH)
    throw invalid('tooLong', `${what} is too long (at most ${MAX_PATH} characters).`, {
      field,
      length: value.length,
      max: MAX_PATH,
    });
  if (CONTROL_ANY_RE.test(value))
    throw invalid('controlChars', `${what} contains control characters.`, { field });
  if (!posix.isAbsolute(value) && !win32.isAbsolute(value)) {
    const shown = redactConnectString(value).slice(0, 200);
    throw invalid('notAbsolute', `${what} must be an absolute path (got "${shown}").`, { field, shown });
  }
  return value;
}

function checkPort(port: string | undefined, shown: string): void {
  if (port === undefined) return;
  const n = Number(port);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw invalid('badPort', `Port ${port} in "${shown}" is not a TCP port (1-65535).`, { port, shown });
  }
}

function decodeTnsAdmin(encoded: string): string {
  try {
    return decodeURIComponent(encoded);
  } catch {
    throw invalid('badTnsAdminEscape', 'The TNS_ADMIN directory in the URL has a malformed percent-escape.');
  }
}

function sidDescriptor(host: string, port: string, sid: string): string {
  return `(DESCRIPTION=(ADDRESS=(PROTOCOL=TCP)(HOST=${host})(PORT=${port}))(CONNECT_DATA=(SID=${sid})))`;
}

/** Parentheses balanced outside double-quoted values. */
function balanced(text: string): boolean {
  let depth = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') {
      depth--;
      if (depth < 0) return false;
    }
  }
  return depth === 0 && !quoted;
}

function normaliseDescriptor(text: string, notes: ConnectNote[]): string {
  let d = text.replace(/\s+/g, ' ').trim();
  const entry = TNS_ENTRY_RE.exec(d);
  if (entry) {
    notes.push(connectNote('tnsEntryNameRemoved', { name: entry[1]! }));
    d = entry[2]!.trim();
  }
  if (/^\(\s*ADDRESS(_LIST)?\s*=/i.test(d)) {
    throw invalid(
      'addressNotDescriptor',
      'This is an ADDRESS, not a full descriptor: wrap it as (DESCRIPTION=(ADDRESS=...)(CONNECT_DATA=(SERVICE_NAME=...))).',
    );
  }
  if (!/^\(\s*DESCRIPTION(_LIST)?\s*=/i.test(d)) {
    throw invalid('descriptorStart', 'A connect descriptor must start with (DESCRIPTION= ... ).');
  }
  if (!balanced(d))
    throw invalid(
      'descriptorUnbalanced',
      'The descriptor has unbalanced parentheses or quotes; check the pasted text.',
    );
  if (!/\(\s*CONNECT_DATA\s*=/i.test(d)) {
    throw invalid(
      'descriptorNoConnectData',
      'The descriptor has no (CONNECT_DATA=(SERVICE_NAME=...)) or (CONNECT_DATA=(SID=...)) part.',
    );
  }
  if (!/\(\s*(HOST|ADDRESS)\s*=/i.test(d)) {
    throw invalid(
      'descriptorNoAddress',
      'The descriptor names no (ADDRESS=(PROTOCOL=TCP)(HOST=...)(PORT=...)).',
    );
  }
  return d;
}

interface Target {
  method: ConnectMethod;
  connectString: string;
  configDir?: string;
}

/** Classify one connect target (the part after `@` of a JDBC URL, or what the user typed). */
function classify(text: string, notes: ConnectNote[], shown: string, configDir: string | undefined): Target {
  if (text.startsWith('(') || TNS_ENTRY_RE.test(text)) {
    return { method: 'descriptor', connectString: normaliseDescriptor(text, notes) };
  }
  if (/^ldaps?:/i.test(text)) {
    throw config(
      'ldapUnsupported',
      'LDAP directory naming is not supported by TMS Console. Use Easy Connect (host:port/service), a TNS alias with its configuration directory, or a full descriptor.',
    );
  }
  const sid = SID_RE.exec(text);
  if (sid) {
    const [, host, port, name] = sid;
    checkPort(port, shown);
    notes.push(connectNote('sidConverted', { host: host!, port: port!, sid: name! }));
    return { method: 'descriptor', connectString: sidDescriptor(host!, port!, name!) };
  }
  // a bare word: a TNS alias (optionally `alias?TNS_ADMIN=/dir` as JDBC writes it)
  const aliasMatch = /^([A-Za-z][A-Za-z0-9_.-]{0,254})(?:\?TNS_ADMIN=(.+))?$/i.exec(text);
  if (aliasMatch) {
    const dir = aliasMatch[2] !== undefined ? decodeTnsAdmin(aliasMatch[2]) : configDir;
    if (aliasMatch[2] !== undefined) notes.push(connectNote('tnsAdminFromUrl', { dir: dir ?? '' }));
    if (!dir) {
      throw config(
        'aliasNeedsDir',
        `"${aliasMatch[1]}" looks like a tnsnames.ora alias. Thin mode does not search the default locations: choose "TNS alias" and give the directory that holds tnsnames.ora. For Easy Connect write host:port/service_name.`,
        { alias: aliasMatch[1] },
      );
    }
    return {
      method: 'tns',
      connectString: aliasMatch[1]!,
      configDir: checkPath(dir, 'configDir'),
    };
  }
  const easy = EASY_RE.exec(text);
  if (easy) {
    const [, protocol, hosts, port, service, server, instance, query] = easy;
    checkPort(port, shown);
    if (!service) {
      throw invalid(
        'noService',
        `"${shown}" has no service name. Write host:port/service_name (for example dbhost:1521/ORCLPDB1); for a SID write host:port:SID.`,
        { shown },
      );
    }
    let out = '';
    if (protocol) out += `${protocol.toLowerCase()}://`;
    out += hosts;
    if (port) out += `:${port}`;
    out += `/${service}`;
    if (server) out += `:${server.toLowerCase()}`;
    if (instance) out += `/${instance}`;
    if (query) out += `?${query}`;
    return { method: 'easy', connectString: out };
  }
  if (/\s/.test(text))
    throw invalid('spaces', `"${shown}" contains spaces; a connect string has none outside a descriptor.`, {
      shown,
    });
  throw invalid(
    'notUnderstood',
    `"${shown}" is not a connect string this console understands. Use Easy Connect (host:port/service_name), a TNS alias, a (DESCRIPTION=...) or a jdbc:oracle:thin: URL.`,
    { shown },
  );
}

/**
 * `user/password@target` (JDBC or SQL*Plus style; the password may be double-quoted and hold "@"):
 * the target is what follows the "@" that starts a descriptor, else the last "@".
 */
function splitCredentials(text: string): { user?: string; password: boolean; target: string } {
  const at = text.indexOf('@(') >= 0 ? text.indexOf('@(') : text.lastIndexOf('@');
  if (at < 0) return { password: false, target: text };
  const creds = text.slice(0, at);
  const slash = creds.indexOf('/');
  const name = (slash >= 0 ? creds.slice(0, slash) : creds).replace(/^"|"$/g, '').trim();
  const user = name !== '' && name.length <= 128 && !CONTROL_ANY_RE.test(name) ? name : undefined;
  return { ...(user ? { user } : {}), password: slash >= 0, target: text.slice(at + 1).trim() };
}

/**
 * Parse anything a user may paste into the "connect string" field and say what it is.
 * `configDir` is used when the text turns out to be a TNS alias.
 */
export function parseConnectString(raw: string, options: { configDir?: string } = {}): NormalisedConnect {
  const text = checkText(raw, 'connectString');
  const shown = redactConnectString(text).slice(0, 200);
  const notes: ConnectNote[] = [];
  let user: string | undefined;
  let credentialsStripped = false;
  let target = text;

  const jdbc = /^jdbc:oracle:([a-z0-9]+):(.*)$/is.exec(text);
  if (jdbc) {
    const driver = jdbc[1]!.toLowerCase();
    if (driver !== 'thin') {
      throw config(
        'ociUnsupported',
        `"jdbc:oracle:${driver}:" URLs use the OCI (thick) client, which TMS Console does not use: it connects in node-oracledb Thin mode. Paste the target instead (host:port/service_name, a TNS alias or a descriptor), or a jdbc:oracle:thin:@ URL.`,
        { driver },
      );
    }
    const rest = jdbc[2]!.trim();
    if (!rest.includes('@')) {
      throw invalid('jdbcNoAt', 'A jdbc:oracle:thin: URL needs "@" before the database address.');
    }
    const creds = rest.startsWith('@')
      ? { user: undefined, password: false, target: rest.slice(1).trim() }
      : splitCredentials(rest);
    user = creds.user;
    if (creds.password) {
      credentialsStripped = true;
      notes.push(connectNote('jdbcPasswordRemoved'));
    }
    if (user) notes.push(connectNote('jdbcUserTaken', { user }));
    target = creds.target;
    if (target === '') throw invalid('nothingAfterAt', 'The JDBC URL has nothing after "@".');
    notes.push(connectNote('jdbcConverted'));
  } else if (!text.startsWith('(') && !TNS_ENTRY_RE.test(text) && text.includes('@')) {
    // SQL*Plus style `scott/tiger@dbhost:1521/ORCL`: the credentials never reach a message or the store
    const creds = splitCredentials(text);
    user = creds.user;
    target = creds.target;
    if (creds.password) {
      credentialsStripped = true;
      notes.push(connectNote('passwordRemoved'));
    }
    if (user) notes.push(connectNote('userTaken', { user }));
    if (target === '') throw invalid('nothingAfterAt', 'The connect string has nothing after "@".');
  }

  const t = classify(
    target,
    notes,
    target === text ? shown : redactConnectString(target).slice(0, 200),
    options.configDir,
  );
  const spec: ConnectSpec =
    t.method === 'easy'
      ? { method: 'easy', connectString: t.connectString }
      : t.method === 'tns'
        ? { method: 'tns', tnsAlias: t.connectString, configDir: t.configDir! }
        : { method: 'descriptor', descriptor: t.connectString };
  return {
    method: t.method,
    spec,
    connectString: t.connectString,
    ...(t.configDir ? { configDir: t.configDir } : {}),
    notes,
    ...(user ? { user } : {}),
    credentialsStripped,
  };
}

/**
 * Validate what the connection form sent. The declared method wins when the text fits it; a pasted
 * JDBC URL or descriptor in the Easy Connect field is recognised and converted (with a note).
 */
export function normaliseConnectInput(input: ConnectInput): NormalisedConnect {
  switch (input.method) {
    case 'easy':
      // also recognises pasted JDBC URLs, descriptors and `alias?TNS_ADMIN=` (the result says which)
      return parseConnectString(input.connectString);
    case 'tns': {
      const alias = checkText(input.tnsAlias, 'tnsAlias');
      if (!ALIAS_RE.test(alias)) {
        const shown = redactConnectString(alias).slice(0, 80);
        throw invalid(
          'badAlias',
          `"${shown}" is not a tnsnames.ora alias (letters, digits, "_", "." and "-", starting with a letter).`,
          { shown },
        );
      }
      const configDir = checkPath(input.configDir, 'configDir');
      return {
        method: 'tns',
        spec: { method: 'tns', tnsAlias: alias, configDir },
        connectString: alias,
        configDir,
        notes: [],
        credentialsStripped: false,
      };
    }
    case 'descriptor': {
      const text = checkText(input.descriptor, 'descriptor');
      const notes: ConnectNote[] = [];
      let descriptor: string;
      if (/^jdbc:/i.test(text)) {
        const parsed = parseConnectString(text);
        if (parsed.method !== 'descriptor') {
          throw invalid(
            'jdbcNotDescriptor',
            'This JDBC URL does not hold a descriptor; choose Easy Connect for it.',
          );
        }
        notes.push(...parsed.notes);
        descriptor = parsed.connectString;
      } else {
        descriptor = normaliseDescriptor(text, notes);
      }
      const walletLocation =
        input.walletLocation !== undefined && input.walletLocation.trim() !== ''
          ? checkPath(input.walletLocation, 'walletDir')
          : undefined;
      if (walletLocation && !/PROTOCOL\s*=\s*TCPS/i.test(descriptor)) {
        notes.push(connectNote('walletWithoutTcps'));
      }
      return {
        method: 'descriptor',
        spec: { method: 'descriptor', descriptor, ...(walletLocation ? { walletLocation } : {}) },
        connectString: descriptor,
        ...(walletLocation ? { walletLocation } : {}),
        notes,
        credentialsStripped: false,
      };
    }
    default:
      throw invalid('unknownMethod', 'Unknown connect method.');
  }
}

/** The driver attributes for a stored spec. */
export function driverAttrs(spec: ConnectSpec): DriverConnectAttrs {
  switch (spec.method) {
    case 'easy':
      return { connectString: spec.connectString };
    case 'tns':
      return { connectString: spec.tnsAlias, configDir: spec.configDir };
    case 'descriptor':
      return {
        connectString: spec.descriptor,
        ...(spec.walletLocation ? { walletLocation: spec.walletLocation } : {}),
      };
  }
}

/** A short, secret-free label for lists and logs (`dbhost:1521/ORCLPDB1`, `tns:SALES`, `descriptor`). */
export function describeSpec(spec: ConnectSpec | null): string {
  if (!spec) return 'demo database';
  switch (spec.method) {
    case 'easy':
      return spec.connectString;
    case 'tns':
      return `tns:${spec.tnsAlias}`;
    case 'descriptor': {
      const host = /\(\s*HOST\s*=\s*([^)\s]+)\s*\)/i.exec(spec.descriptor)?.[1];
      return host ? `descriptor (${host})` : 'descriptor';
    }
  }
}
