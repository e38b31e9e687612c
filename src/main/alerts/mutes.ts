/**
 * This console's notification mutes (`<rule>|<subject>`): remembered locally (a small JSON file in the
 * data folder), never shared: one DBA silencing a noisy subject does not silence the team.
 */
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { z } from 'zod';

const MAX_MUTES = 1000;
const fileSchema = z.object({ v: z.literal(1), muted: z.array(z.string().min(1).max(400)).max(MAX_MUTES) });

export interface MuteStore {
  list(): string[];
  has(key: string): boolean;
  set(key: string, muted: boolean): string[];
}

export function memoryMutes(initial: readonly string[] = []): MuteStore {
  const muted = new Set(initial);
  return {
    list: () => [...muted].sort(),
    has: (key) => muted.has(key),
    set: (key, on) => {
      if (on && muted.size < MAX_MUTES) muted.add(key);
      else if (!on) muted.delete(key);
      return [...muted].sort();
    },
  };
}

/** Mutes kept in `file`; a missing or unreadable file starts empty (and is rewritten on the next change). */
export function fileMutes(file: string, onError: (error: unknown) => void = () => {}): MuteStore {
  let initial: string[] = [];
  try {
    const parsed = fileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (parsed.success) initial = parsed.data.muted;
  } catch {
    // no file yet
  }
  const mem = memoryMutes(initial);
  return {
    list: mem.list,
    has: mem.has,
    set: (key, on) => {
      const list = mem.set(key, on);
      try {
        writeFileSync(`${file}.tmp`, JSON.stringify({ v: 1, muted: list }), { mode: 0o600 });
        renameSync(`${file}.tmp`, file);
      } catch (error) {
        onError(error);
      }
      return list;
    },
  };
}
