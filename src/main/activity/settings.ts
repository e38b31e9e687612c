/**
 * The sampler's settings of a connection, shared by the team like the TTL policy: a Redis hash under
 * the connection's activity keys, read by every console at each election tick (so a change reaches the
 * sampling console within a tick). Values read back are validated; invalid fields fall back to defaults.
 * Without Redis the console keeps its last known settings (and local changes) in memory.
 */
import { activitySettingsPatchSchema } from '@shared/contract/activity';
import {
  type ActivitySettings,
  ROLLUP_RETENTION_DEFAULT_H,
  SAMPLE_INTERVAL_DEFAULT_SEC,
  SAMPLE_MEMORY_DEFAULT_MB,
  SAMPLE_RETENTION_DEFAULT_MIN,
} from '@shared/types/activity';
import type { z } from 'zod';
import type { ActivityKeys } from './keys';
import type { ScriptClient } from './scripts';
import type { Retention } from './store';

export const DEFAULT_SETTINGS: Readonly<ActivitySettings> = Object.freeze({
  intervalSec: SAMPLE_INTERVAL_DEFAULT_SEC,
  alwaysOn: false,
  retentionMinutes: SAMPLE_RETENTION_DEFAULT_MIN,
  rollupRetentionHours: ROLLUP_RETENTION_DEFAULT_H,
  maxMemoryMb: SAMPLE_MEMORY_DEFAULT_MB,
});

export type SettingsPatch = z.infer<typeof activitySettingsPatchSchema>;
const FIELDS = Object.keys(DEFAULT_SETTINGS) as (keyof ActivitySettings)[];

/** Hash fields (strings) → settings; each field validated alone, defaults for the rest. */
export function parseSettings(hash: Record<string, string>): ActivitySettings {
  const out: ActivitySettings = { ...DEFAULT_SETTINGS };
  for (const f of FIELDS) {
    const raw = hash[f];
    if (raw === undefined) continue;
    const value = f === 'alwaysOn' ? raw === '1' : Number(raw);
    const one = activitySettingsPatchSchema.safeParse({ [f]: value });
    if (one.success) Object.assign(out, one.data);
  }
  return out;
}

export function toHash(patch: SettingsPatch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    out[k] = typeof v === 'boolean' ? (v ? '1' : '0') : String(v);
  }
  return out;
}

export function retentionOf(s: ActivitySettings): Retention {
  return {
    samplesMs: s.retentionMinutes * 60_000,
    rollupsMs: s.rollupRetentionHours * 3_600_000,
    maxBytes: s.maxMemoryMb * 1024 * 1024,
  };
}

export async function readSettings(
  client: ScriptClient,
  keys: Pick<ActivityKeys, 'settings'>,
): Promise<ActivitySettings> {
  return parseSettings(await client.hgetall(keys.settings));
}

export async function writeSettings(
  client: ScriptClient,
  keys: Pick<ActivityKeys, 'settings'>,
  patch: SettingsPatch,
): Promise<ActivitySettings> {
  const hash = toHash(activitySettingsPatchSchema.parse(patch));
  if (Object.keys(hash).length > 0) await client.hset(keys.settings, hash);
  return readSettings(client, keys);
}
