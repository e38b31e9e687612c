/**
 * Cache key construction: the plan's key patterns (src/shared/cache.ts RESOURCES) with every user-supplied
 * part ENCODED, so that no part can contain `:`, a glob character (`* ? [ ] \`), whitespace, braces or
 * anything outside [A-Za-z0-9_.$#-]. Everything else is percent-encoded byte by byte (UTF-8), `%` included,
 * so the encoding is injective: two different ids never share a key, and a SCAN pattern built for one
 * connection (`tms:demo:*`) can never reach another's keys (`tms:demo2:...`, `tms:a:*` from id `a:*`).
 *
 * A connection id equal to a reserved first segment (`llm`, `connections`, `lock`, `config`, `stats`, `bus`)
 * gets its first character percent-encoded, so `invalidateConnection('llm')` cannot wipe `tms:llm:*`.
 */
import { RESOURCES, type ResourceName } from '@shared/cache';
import { TmsError } from '@shared/errors';
import type { CacheKeySpec } from './types';

export const KEY_NAMESPACE = 'tms:';
/** Cross-process stampede locks live under `tms:lock:` + the key without its `tms:`. */
export const LOCK_PREFIX = 'tms:lock:';
/** First segments owned by global resources or by cache operations: never a raw connection id. */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set([
  'llm',
  'connections',
  'lock',
  'config',
  'stats',
  'bus',
]);
export const MAX_CONN_ID_LENGTH = 128;
export const MAX_PARAM_LENGTH = 512;

const SAFE_BYTE = new Uint8Array(256);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.$#-')
  SAFE_BYTE[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

function percentEncode(part: string): string {
  const bytes = Buffer.from(part, 'utf8');
  let out = '';
  for (const b of bytes) {
    out += SAFE_BYTE[b] ? String.fromCharCode(b) : `%${HEX[b >> 4]}${HEX[b & 15]}`;
  }
  return out;
}

/** true when every character is in [A-Za-z0-9_.$#-] (a char loop: faster than a regex on short parts) */
function isSafe(part: string): boolean {
  const n = part.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = part.charCodeAt(i);
    if (c > 127 || SAFE_BYTE[c] === 0) return false;
  }
  return true;
}

/** Encode one key part (non-empty). Safe parts are returned as they are (the hot path). */
export function encodeKeyPart(part: string): string {
  return isSafe(part) ? part : percentEncode(part);
}

/** Inverse of encodeKeyPart; null when the text is not a valid encoding. */
export function decodeKeyPart(encoded: string): string | null {
  if (encoded === '') return null;
  if (isSafe(encoded)) return encoded;
  if (!/^(?:[A-Za-z0-9_.$#-]|%[0-9A-F]{2})+$/.test(encoded)) return null;
  try {
    return decodeURIComponent(encoded);
  } catch {
    return null;
  }
}

function invalid(message: string, details: Record<string, unknown>): TmsError {
  return new TmsError('VALIDATION', message, { details });
}

/** The encoded first segment of a connection's keys. Throws VALIDATION for empty or over-long ids. */
const connIdMemo = new Map<string, string>();

export function encodeConnId(connId: string): string {
  const memo = connIdMemo.get(connId);
  if (memo !== undefined) return memo;
  const encoded = encodeConnIdUncached(connId);
  if (connIdMemo.size >= 1024) connIdMemo.clear();
  connIdMemo.set(connId, encoded);
  return encoded;
}

function encodeConnIdUncached(connId: string): string {
  if (typeof connId !== 'string' || connId.length === 0) {
    throw invalid('A cache key needs a connection id: it is empty.', {});
  }
  if (connId.length > MAX_CONN_ID_LENGTH) {
    throw invalid(`The connection id is longer than ${MAX_CONN_ID_LENGTH} characters.`, {
      length: connId.length,
    });
  }
  if (RESERVED_SEGMENTS.has(connId)) {
    return `%${connId.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}${connId.slice(1)}`;
  }
  return encodeKeyPart(connId);
}

interface ParsedPattern {
  scope: 'conn' | 'global';
  /** literal segments and placeholders after `tms:` (and after `{connId}` for conn scope) */
  segments: readonly (string | { param: string })[];
  paramCount: number;
  /** literal text around the parameters, joined: key = head + pieces[0] + p0 + pieces[1] + p1 ... */
  pieces: readonly string[];
  paramNames: readonly string[];
}

const PATTERNS = new Map<ResourceName, ParsedPattern>();
for (const [name, def] of Object.entries(RESOURCES) as [ResourceName, (typeof RESOURCES)[ResourceName]][]) {
  const parts = def.pattern.split(':').slice(1); // drop 'tms'
  if (def.scope === 'conn') parts.shift(); // drop '{connId}'
  const segments = parts.map((p) => (p.startsWith('{') ? { param: p.slice(1, -1) } : p));
  const pieces: string[] = [''];
  const paramNames: string[] = [];
  segments.forEach((seg, i) => {
    const sep = i > 0 ? ':' : '';
    if (typeof seg === 'string') pieces[pieces.length - 1] += sep + seg;
    else {
      pieces[pieces.length - 1] += sep;
      paramNames.push(seg.param);
      pieces.push('');
    }
  });
  PATTERNS.set(name, { scope: def.scope, segments, paramCount: paramNames.length, pieces, paramNames });
}

function patternOf(resource: ResourceName): ParsedPattern {
  const p = PATTERNS.get(resource);
  if (!p) throw invalid(`Unknown cache resource "${String(resource)}".`, { resource });
  return p;
}

function encodeParam(value: string | number, resource: string, name: string): string {
  if (typeof value === 'string' && value.length <= MAX_PARAM_LENGTH && isSafe(value)) return value; // hot path
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string' || text.length === 0) {
    throw invalid(`The cache key of "${resource}" needs a non-empty ${name}.`, { resource, param: name });
  }
  if (text.length > MAX_PARAM_LENGTH) {
    throw invalid(`The ${name} of a "${resource}" cache key is longer than ${MAX_PARAM_LENGTH} characters.`, {
      resource,
      param: name,
    });
  }
  return encodeKeyPart(text);
}

/**
 * Memo of built keys: resource → connId → param… → LEAF → key. It returns the SAME string object for the same
 * spec, so the L1 lookup hashes nothing new (a fresh concatenated key costs more than the whole L1 hit).
 * Only valid specs are stored; bounded (cleared when it grows past MEMO_MAX keys).
 */
type MemoNode = Map<unknown, MemoNode | string>;
const LEAF = Symbol('leaf');
const MEMO_MAX = 20_000;
const GLOBAL = Symbol('global');
let memo: MemoNode = new Map();
let memoSize = 0;

/** The Redis key of a logical cache entry, e.g. `tms:demo:top-sql:100`, `tms:llm:sql:ab12`. */
export function buildKey(spec: CacheKeySpec): string {
  let node = memo.get(spec.resource) as MemoNode | undefined;
  if (node !== undefined) node = node.get(spec.connId ?? GLOBAL) as MemoNode | undefined;
  const params = spec.params;
  if (params !== undefined) {
    for (let i = 0; node !== undefined && i < params.length; i++)
      node = node.get(params[i]) as MemoNode | undefined;
  }
  const hit = node?.get(LEAF);
  if (typeof hit === 'string') return hit;
  const key = buildKeyUncached(spec);
  if (memoSize >= MEMO_MAX) {
    memo = new Map();
    memoSize = 0;
  }
  let at = memo;
  const path: unknown[] = [spec.resource, spec.connId ?? GLOBAL, ...(params ?? [])];
  for (const step of path) {
    let next = at.get(step) as MemoNode | undefined;
    if (next === undefined) {
      next = new Map();
      at.set(step, next);
    }
    at = next;
  }
  at.set(LEAF, key);
  memoSize++;
  return key;
}

function buildKeyUncached(spec: CacheKeySpec): string {
  const pattern = patternOf(spec.resource);
  const params = spec.params ?? [];
  if (params.length !== pattern.paramCount) {
    throw invalid(
      `The cache key of "${spec.resource}" takes ${pattern.paramCount} parameter(s), got ${params.length}.`,
      { resource: spec.resource },
    );
  }
  let key = KEY_NAMESPACE;
  if (pattern.scope === 'conn') {
    key += `${encodeConnId(spec.connId as string)}:`;
  } else if (spec.connId !== undefined) {
    throw invalid(`"${spec.resource}" is shared by all connections: it takes no connection id.`, {
      resource: spec.resource,
    });
  }
  const pieces = pattern.pieces;
  key += pieces[0];
  for (let i = 0; i < params.length; i++) {
    key += encodeParam(params[i] as string | number, spec.resource, pattern.paramNames[i]!) + pieces[i + 1];
  }
  return key;
}

/** `tms:{enc(connId)}:`: the literal prefix of every key of one connection. */
export function connectionPrefix(connId: string): string {
  return `${KEY_NAMESPACE}${encodeConnId(connId)}:`;
}

/**
 * Segments after `tms:<connId>:` that hold the team's records, not cached reads: the activity sampler's
 * samples and the alerts' open, cleared and acknowledged state. Oracle cannot give them back (no ASH),
 * so clearing a connection's cache, or all of it, keeps them; a prefix or pattern that points inside
 * them deletes them, and so does the connection's own invalidation (it names them: recordPrefixesOf).
 */
export const RECORD_SEGMENTS = ['activity', 'alerts'] as const;

/** The record prefixes under a connection prefix (`tms:<connId>:`). */
export function recordPrefixesOf(connPrefix: string): string[] {
  return RECORD_SEGMENTS.map((segment) => `${connPrefix}${segment}:`);
}

/** Escape SCAN MATCH glob characters so the text matches only itself. */
export function escapeGlob(literal: string): string {
  return literal.replace(/[*?[\]\\]/g, (c) => `\\${c}`);
}

/**
 * The literal form of a resource's keys for one connection:
 * `{ exact }` for parameterless resources (`tms:demo:sessions`), `{ prefix }` otherwise (`tms:demo:top-sql:`).
 * For global resources connId is ignored.
 */
export function resourceScope(
  connId: string | undefined,
  resource: ResourceName,
): { exact: string; prefix?: undefined } | { prefix: string; exact?: undefined } {
  const pattern = patternOf(resource);
  if (pattern.paramCount === 0) {
    return { exact: buildKey(pattern.scope === 'conn' ? { resource, connId } : { resource }) };
  }
  let head = KEY_NAMESPACE;
  if (pattern.scope === 'conn') head += `${encodeConnId(connId as string)}:`;
  for (const seg of pattern.segments) {
    if (typeof seg !== 'string') break;
    head += `${seg}:`;
  }
  return { prefix: head };
}

/** SCAN MATCH pattern for every key of a resource (exact key for parameterless resources, escaped). */
export function resourcePattern(connId: string | undefined, resource: ResourceName): string {
  const scope = resourceScope(connId, resource);
  return scope.exact !== undefined ? escapeGlob(scope.exact) : `${escapeGlob(scope.prefix)}*`;
}

/** SCAN MATCH pattern for every key of one connection. */
export function connectionPattern(connId: string): string {
  return `${escapeGlob(connectionPrefix(connId))}*`;
}

/** The lock key guarding the fetch of `key` across processes. */
export function lockKeyFor(key: string): string {
  return LOCK_PREFIX + (key.startsWith(KEY_NAMESPACE) ? key.slice(KEY_NAMESPACE.length) : key);
}

export interface ParsedKey {
  resource: ResourceName;
  /** decoded; undefined for global resources */
  connId?: string;
  /** decoded parameters, in pattern order */
  params: string[];
}

function matchSegments(pattern: ParsedPattern, rest: readonly string[]): string[] | null {
  if (rest.length !== pattern.segments.length) return null;
  const params: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const seg = pattern.segments[i]!;
    const got = rest[i]!;
    if (typeof seg === 'string') {
      if (seg !== got) return null;
    } else {
      const decoded = decodeKeyPart(got);
      if (decoded === null || encodeKeyPart(decoded) !== got) return null; // canonical encodings only
      params.push(decoded);
    }
  }
  return params;
}

/** Recognise a key built by buildKey (for the key browser). Returns null for anything else. */
export function parseKey(key: string): ParsedKey | null {
  if (typeof key !== 'string' || !key.startsWith(KEY_NAMESPACE)) return null;
  const parts = key.slice(KEY_NAMESPACE.length).split(':');
  if (parts.length === 0 || parts[0] === '') return null;
  const first = parts[0]!;
  // Global resources: their first segment is reserved, so a connection id can never produce it.
  if (RESERVED_SEGMENTS.has(first)) {
    for (const [resource, pattern] of PATTERNS) {
      if (pattern.scope !== 'global') continue;
      const params = matchSegments(pattern, parts);
      if (params) return { resource, params };
    }
    return null;
  }
  const connId = decodeKeyPart(first);
  if (connId === null || connId.length > MAX_CONN_ID_LENGTH || encodeConnId(connId) !== first) return null;
  const rest = parts.slice(1);
  for (const [resource, pattern] of PATTERNS) {
    if (pattern.scope !== 'conn') continue;
    const params = matchSegments(pattern, rest);
    if (params) return { resource, connId, params };
  }
  return null;
}

/**
 * Activity keys (issue 14, built in src/main/activity/keys.ts): `tms:<conn>:activity:{<conn>}:<part>`
 * and the lease/fence under `tms:lock:activity:{<conn>}:<part>` (hash tag = the encoded connection id,
 * one Cluster slot). They are not cache entries: no resource, kept by retention (never given a TTL by
 * the TTL policy, which only touches keys `parseKey` recognises); removed with the connection.
 */
const ACTIVITY_KEY = /^tms:(?:lock:activity|([^:{}]+):activity):\{([^:{}]+)\}:([a-z-]+)$/;

export function parseActivityKey(key: string): { connId: string; part: string } | null {
  const m = typeof key === 'string' ? ACTIVITY_KEY.exec(key) : null;
  if (!m || (m[1] !== undefined && m[1] !== m[2])) return null;
  const connId = decodeKeyPart(m[2]!);
  return connId === null ? null : { connId, part: m[3]! };
}
