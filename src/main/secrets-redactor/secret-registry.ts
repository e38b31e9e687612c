/**
 * Every secret this console knows (Oracle and wallet passwords, the model server's API key, Redis
 * passwords), so that no message, event or log line carries one, whatever path it took to get there:
 * a driver's error text, a model server's error body, a value typed into the wrong field.
 *
 * Fed by the stores (through `watchSecretBox` and `watchApiKeyStore`) and the configuration; applied at
 * the edges: the dispatcher's responses, the event bus, the log functions.
 */
import { REDACTED, redactCredentials } from './credential-patterns';

/**
 * Secrets shorter than this are replaced only where they stand as a whole word: replacing a 3-letter
 * password inside every word that contains it would garble every message and hide nothing more.
 */
export const MIN_SUBSTRING_SECRET = 4;
/** no secret is longer than this (the stores' own limit); longer values are not patterns to search */
const MAX_SECRET = 16_384;
/** typed secrets kept (see addTyped): enough for every form in use, too few for a client to bloat */
const MAX_TYPED = 64;

export class SecretRegistry {
  readonly #values = new Set<string>();
  /** secrets typed into requests, oldest first */
  readonly #typed: string[] = [];
  #pattern: Matcher | null | undefined = null;

  /** Remember secret values from the stores and the configuration (null, undefined and '' are ignored). */
  add(...values: readonly (string | null | undefined)[]): void {
    for (const value of values) {
      if (!usable(value)) continue;
      for (const form of spellings(value)) {
        if (!this.#values.has(form)) {
          this.#values.add(form);
          this.#pattern = undefined;
        }
      }
    }
  }

  /**
   * Remember secrets a DBA typed into a request (a password being tried, an API key being tested) that
   * no store has seen yet. Only the latest few are kept, so a client sending endless values cannot make
   * every later answer slower.
   */
  addTyped(...values: readonly (string | null | undefined)[]): void {
    for (const value of values) {
      if (!usable(value) || this.#values.has(value)) continue;
      const at = this.#typed.indexOf(value);
      if (at >= 0) this.#typed.splice(at, 1);
      this.#typed.push(value);
      if (this.#typed.length > MAX_TYPED) this.#typed.shift();
      this.#pattern = undefined;
    }
  }

  get size(): number {
    return this.#values.size + this.#typed.length;
  }

  /** Free text without any known secret and without credentials written in URLs or connect strings. */
  text(text: string, extra: readonly string[] = []): string {
    return redactCredentials(this.#secretsOnly(text, extra));
  }

  /**
   * A copy of `value` (JSON-like data: responses, event payloads) with every string passed through
   * `text`; objects without a secret are returned as they are (no copy). `credentials: false` looks
   * for registered secrets only (bulk data such as session lists, where the patterns would cost time
   * and could only match text the database itself holds).
   */
  value<T>(value: T, extra: readonly string[] = [], options: { credentials?: boolean } = {}): T {
    const matcher = this.#patternWith(extra);
    const credentials = options.credentials ?? true;
    if (!matcher && !credentials) return value;
    const pattern = matcher?.re;
    const forms = matcher?.forms;
    const shortest = matcher?.shortest ?? Number.POSITIVE_INFINITY;
    const seen = new Map<object, unknown>();
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') {
        if (v.length < shortest) return credentials ? redactCredentials(v) : v;
        const secretFree = pattern && hasMatch(pattern, v, forms) ? v.replace(pattern, REDACTED) : v;
        return credentials ? redactCredentials(secretFree) : secretFree;
      }
      if (typeof v !== 'object' || v === null) return v;
      if (seen.has(v)) return seen.get(v);
      seen.set(v, v);
      if (Array.isArray(v)) {
        let out: unknown[] | undefined;
        v.forEach((item, i) => {
          const next = walk(item);
          if (next !== item && !out) {
            out = v.slice(0, i);
            seen.set(v, out);
          }
          if (out) out.push(next);
        });
        return out ?? v;
      }
      if (v instanceof Error) return this.error(v, extra);
      if (!isPlainObject(v)) return v;
      let out: Record<string, unknown> | undefined;
      for (const key in v) {
        if (!Object.hasOwn(v, key)) continue;
        const item = v[key];
        const next = walk(item);
        if (next !== item && !out) {
          out = { ...v }; // keys already walked held nothing: copying them as they are is right
          seen.set(v, out);
        }
        if (out) out[key] = next;
      }
      return out ?? v;
    };
    return walk(value) as T;
  }

  /** An error as one log-ready text (name, code, message, stack, causes), every secret removed. */
  error(error: unknown, extra: readonly string[] = []): string {
    return this.text(formatError(error), extra);
  }

  #secretsOnly(text: string, extra: readonly string[]): string {
    const pattern = this.#patternWith(extra)?.re;
    return pattern && hasMatch(pattern, text) ? text.replace(pattern, REDACTED) : text;
  }

  #patternWith(extra: readonly string[]): Matcher | null {
    const more = extra.filter((e) => usable(e) && !this.#values.has(e) && !this.#typed.includes(e));
    if (more.length === 0) {
      if (this.#pattern === undefined) this.#pattern = buildPattern(this.#all());
      return this.#pattern;
    }
    const all = this.#all();
    for (const e of more) for (const form of spellings(e)) all.add(form);
    return buildPattern(all);
  }

  #all(): Set<string> {
    const all = new Set(this.#values);
    for (const typed of this.#typed) for (const form of spellings(typed)) all.add(form);
    return all;
  }
}

function usable(value: unknown): value is string {
  return typeof value === 'string' && value !== '' && value.length <= MAX_SECRET;
}

/** The forms a secret takes in text: as typed, URL-encoded (query strings, URLs) and JSON-escaped. */
function spellings(value: string): string[] {
  const forms = new Set([value]);
  try {
    forms.add(encodeURIComponent(value));
  } catch {
    // a lone surrogate cannot be URL-encoded: it cannot appear URL-encoded either
  }
  forms.add(JSON.stringify(value).slice(1, -1));
  return [...forms];
}

interface Matcher {
  re: RegExp;
  forms: readonly string[];
  /** the length of the shortest secret form: shorter strings cannot hold one */
  shortest: number;
}

function buildPattern(values: Iterable<string>): Matcher | null {
  const sorted = [...values].sort((a, b) => b.length - a.length);
  if (sorted.length === 0) return null;
  const parts = sorted.map((v) => {
    const escaped = v.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return v.length >= MIN_SUBSTRING_SECRET ? escaped : `(?<![\\p{L}\\p{N}_])${escaped}(?![\\p{L}\\p{N}_])`;
  });
  return {
    re: new RegExp(parts.join('|'), 'gu'),
    forms: sorted,
    shortest: sorted[sorted.length - 1]!.length,
  };
}

function hasMatch(pattern: RegExp, text: string, forms?: readonly string[]): boolean {
  // plain substring search first: far cheaper than the regex, and a match is rare
  if (forms && !forms.some((f) => text.includes(f))) return false;
  pattern.lastIndex = 0;
  const found = pattern.test(text);
  pattern.lastIndex = 0;
  return found;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function formatError(error: unknown, depth = 0): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const head = `${error.name}${code !== undefined ? ` [${String(code)}]` : ''}: ${error.message}`;
    const stack = error.stack?.split('\n').slice(1).join('\n');
    const cause =
      error.cause !== undefined && depth < 5 ? `\ncaused by: ${formatError(error.cause, depth + 1)}` : '';
    return `${head}${stack ? `\n${stack}` : ''}${cause}`;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

const SECRET_FIELD =
  /^(?:password|passwd|pwd|walletPassword|wallet_password|apiKey|api_key|sentinelPassword|secret|token)$/i;

/**
 * The values of secret-named fields in a request (`password`, `walletPassword`, `apiKey`…, at any depth):
 * secrets a DBA just typed, which no store has seen yet, must not come back in that request's answer.
 */
export function secretFieldValues(request: unknown): string[] {
  const found: string[] = [];
  const seen = new Set<object>();
  const walk = (v: unknown, depth: number): void => {
    if (typeof v !== 'object' || v === null || seen.has(v) || depth > 8) return;
    seen.add(v);
    for (const [key, item] of Object.entries(v)) {
      if (typeof item === 'string' && item !== '' && SECRET_FIELD.test(key)) found.push(item);
      else walk(item, depth + 1);
    }
  };
  walk(request, 0);
  return found;
}
