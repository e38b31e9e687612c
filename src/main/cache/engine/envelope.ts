/**
 * The L2 value format: one JSON object with a version marker, so a key written by something else (or by an
 * older/newer console) is recognised as foreign and treated as a miss instead of being served.
 *
 *   {"$tms":1,"at":<storedAt epoch ms>,"ttl":<s>,"grace":<s>,"by":"<console id>","f":<format>,"v":<value>}
 *
 * The field ORDER is part of the format: the key browser (cache/ops/key-browser.ts) reads `at`, `ttl`, `grace`
 * and `by` with a prefix match, without parsing the whole value.
 * `at` is when the value was fetched from the source; the physical Redis TTL is ttl + grace, the logical
 * freshness (ttl) lives inside the value, so `TTL key` in a key browser shows the grace window too.
 * `f` is the format version of the value's shape for its resource (shared/contract/results.ts, given to the
 * engine by the composition root): releases that changed a resource's shape tell each other's values apart.
 * An envelope without `f` (written before formats existed) is format 0.
 */
export const ENVELOPE_VERSION = 1;

export interface Envelope {
  /** the value (JSON) */
  v: unknown;
  /** epoch ms when fetched from the source */
  at: number;
  /** freshness in seconds */
  ttl: number;
  /** seconds past ttl during which the value may be served stale */
  grace: number;
  /** console id of the writer */
  by: string;
  /** format version of `v` for its resource (0 when the writer recorded none) */
  f: number;
}

/** Build the stored string around an already-serialized value (no second JSON.stringify of the value). */
export function encodeEnvelope(
  valueJson: string,
  at: number,
  ttl: number,
  grace: number,
  by: string,
  format = 0,
): string {
  return `{"$tms":${ENVELOPE_VERSION},"at":${at},"ttl":${ttl},"grace":${grace},"by":${JSON.stringify(by)},"f":${format},"v":${valueJson}}`;
}

/**
 * Parse a stored string and check the envelope's own fields; null for bad JSON, a foreign shape or another
 * version marker. The value's shape and the envelope's age are the engine's checks (they need the resource).
 */
export function decodeEnvelope(raw: string): Envelope | null {
  if (raw.length < 2 || raw.charCodeAt(0) !== 123 /* { */) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return null;
  const o = parsed as Record<string, unknown>;
  if (o.$tms !== ENVELOPE_VERSION) return null;
  if (typeof o.at !== 'number' || !Number.isFinite(o.at) || o.at <= 0) return null;
  if (typeof o.ttl !== 'number' || !Number.isFinite(o.ttl) || !(o.ttl > 0)) return null;
  if (typeof o.grace !== 'number' || !Number.isFinite(o.grace) || !(o.grace >= 0)) return null;
  if (!('v' in o)) return null;
  const f = o.f === undefined ? 0 : o.f;
  if (typeof f !== 'number' || !Number.isSafeInteger(f) || f < 0) return null;
  return { v: o.v, at: o.at, ttl: o.ttl, grace: o.grace, by: typeof o.by === 'string' ? o.by : '', f };
}

/** Freeze a JSON value recursively (objects and arrays), in place; returns it. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  Object.freeze(value);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) deepFreeze(value[i]);
  } else {
    for (const k in value) deepFreeze((value as Record<string, unknown>)[k]);
  }
  return value;
}
