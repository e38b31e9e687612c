/**
 * Keep secrets out of logs, events and error messages.
 */
import { redactConnectString } from './connect-string';

export const REDACTED = '***';
const SECRET_KEY =
  /pass(word|wd|phrase)?$|^pwd$|secret|token|credential|api_?key|private_?key|walletPassword/i;

/** A deep copy with every secret-looking field replaced by `***` (handles cycles, Errors, Buffers). */
export function redact<T>(value: T, extraSecrets: readonly string[] = []): T {
  const seen = new WeakMap<object, unknown>();
  const walk = (v: unknown, keyName?: string): unknown => {
    if (
      keyName !== undefined &&
      SECRET_KEY.test(keyName) &&
      v !== undefined &&
      v !== null &&
      v !== false &&
      v !== ''
    ) {
      return typeof v === 'boolean' ? v : REDACTED;
    }
    if (typeof v === 'string') return scrub(v, extraSecrets);
    if (typeof v !== 'object' || v === null) return v;
    if (Buffer.isBuffer(v)) return `<${v.length} bytes>`;
    if (seen.has(v)) return seen.get(v);
    if (Array.isArray(v)) {
      const out: unknown[] = [];
      seen.set(v, out);
      for (const item of v) out.push(walk(item));
      return out;
    }
    const out: Record<string, unknown> = {};
    seen.set(v, out);
    if (v instanceof Error) {
      out.name = v.name;
      out.message = scrub(v.message, extraSecrets);
      const code = (v as { code?: unknown }).code;
      if (code !== undefined) out.code = code;
    }
    for (const [k, item] of Object.entries(v)) out[k] = walk(item, k);
    return out;
  };
  return walk(value) as T;
}

/** Remove known secret values and `user/password@` parts from a text. */
export function scrub(text: string, secrets: readonly string[] = []): string {
  let out = redactConnectString(text);
  for (const s of secrets) {
    if (s && s.length >= 1) out = out.split(s).join(REDACTED);
  }
  return out;
}

/** A log-safe one-line description of an error. */
export function describeError(error: unknown, secrets: readonly string[] = []): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return scrub(`${typeof code === 'string' ? `${code}: ` : ''}${error.message}`, secrets);
  }
  return scrub(String(error), secrets);
}
