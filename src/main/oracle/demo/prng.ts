/** Small deterministic helpers for the demo database (no Math.random anywhere in the demo). */

/** mulberry32: a tiny, fast 32-bit PRNG; same seed, same sequence. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** integer in [min, max] */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** items with weights */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((a, [, w]) => a + w, 0);
    let r = this.next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r <= 0) return v;
    }
    return items[items.length - 1]![0];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
}

/** Stateless hash of numbers to [0, 1): for values that depend on (seed, entity, time bucket). */
export function hash01(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const p of parts) {
    h ^= p | 0;
    h = Math.imul(h, 0x01000193);
    h ^= (p / 4294967296) | 0;
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return (h >>> 0) / 4294967296;
}

/** FNV-1a 64-bit of a string, as a bigint. */
export function fnv64(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i++) {
    h ^= BigInt(text.charCodeAt(i));
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return h;
}

/** Oracle's SQL_ID alphabet (base 32 without e, i, l, o). */
const SQL_ID_ALPHABET = '0123456789abcdfghjkmnpqrstuvwxyz';

/** A 13-character SQL_ID-shaped hash of the text (Oracle also derives SQL_ID from a hash of the text). */
export function sqlIdOf(text: string): string {
  let h = fnv64(text);
  let out = '';
  for (let i = 0; i < 13; i++) {
    out = SQL_ID_ALPHABET[Number(h & 31n)] + out;
    h >>= 5n;
  }
  return out;
}

/** A 32-bit unsigned "plan hash value". */
export function planHashOf(text: string): number {
  return Number(fnv64(text) & 0xffffffffn);
}
