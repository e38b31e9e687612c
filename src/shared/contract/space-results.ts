/**
 * Cached value shapes of the space, temp-usage and limits resources (issue 17), spread into
 * RESULT_FORMATS (results.ts: same rules — typed against the TypeScript types, objects not strict).
 */
import { z } from 'zod';
import type { LimitsSnapshot } from '../types/limits';
import type { SpaceSection, SpaceSnapshot, TempUsageSnapshot } from '../types/space';

const num = z.number();
const numOrNull = z.number().nullable();
const strOrNull = z.string().nullable();
const spaceScope = z.enum(['pdb', 'root', 'cdb', 'database']);
const instanceScope = z.enum(['instance', 'cluster']);

function section<T>(data: z.ZodType<T>): z.ZodType<SpaceSection<T>> {
  return z.union([
    z.object({ ok: z.literal(true), data }),
    z.object({ ok: z.literal(false), denied: z.object({ views: z.array(z.string()), grant: z.string() }) }),
  ]) as z.ZodType<SpaceSection<T>>;
}

const tablespaceRow = z.object({
  conId: numOrNull,
  container: strOrNull,
  name: z.string(),
  contents: z.string(),
  blockSize: num,
  bigfile: z.boolean(),
  usedBytes: num,
  allocatedBytes: numOrNull,
  maxBytes: num,
  freeBytes: num,
  usedPct: num,
  files: numOrNull,
  autoextensibleFiles: numOrNull,
  atMaxSize: z.boolean(),
});

export const spaceSnapshotSchema: z.ZodType<SpaceSnapshot> = z.object({
  sampledAt: num,
  tablespaces: section(
    z.object({ scope: spaceScope, source: z.enum(['dba', 'cdb']), rows: z.array(tablespaceRow) }),
  ),
  recoveryArea: section(
    z.object({
      scope: spaceScope,
      configured: z.boolean(),
      name: strOrNull,
      limitBytes: num,
      usedBytes: num,
      reclaimableBytes: num,
      files: num,
      usedPct: numOrNull,
      usedNetPct: numOrNull,
      usage: z.array(z.object({ fileType: z.string(), usedPct: num, reclaimablePct: num, files: num })),
    }),
  ),
  asm: section(
    z.object({
      scope: spaceScope,
      present: z.boolean(),
      groups: z.array(
        z.object({
          name: z.string(),
          state: z.string(),
          type: z.string(),
          totalBytes: num,
          freeBytes: num,
          usableFileBytes: num,
          requiredMirrorFreeBytes: num,
          usedPct: num,
          offlineDisks: num,
        }),
      ),
    }),
  ),
});

export const tempUsageSnapshotSchema: z.ZodType<TempUsageSnapshot> = z.object({
  sampledAt: num,
  scope: spaceScope,
  instanceScope,
  blockSize: num,
  totalBytes: num,
  rows: z.array(
    z.object({
      instId: num,
      conId: num,
      sid: num,
      serial: num,
      username: strOrNull,
      program: strOrNull,
      module: strOrNull,
      sqlId: strOrNull,
      tablespace: z.string(),
      segmentTypes: z.array(z.string()),
      blocks: num,
      bytes: num,
    }),
  ),
});

export const limitsSnapshotSchema: z.ZodType<LimitsSnapshot> = z.object({
  sampledAt: num,
  scope: z.enum(['cdb', 'database']),
  instanceScope,
  instances: z.array(z.object({ instId: num, startupTime: numOrNull })),
  rows: z.array(
    z.object({
      instId: num,
      resource: z.string(),
      current: num,
      max: num,
      initial: numOrNull,
      limit: numOrNull,
      currentPct: numOrNull,
      maxPct: numOrNull,
    }),
  ),
});

/** The RESULT_FORMATS entries of issue 17's resources. */
export const SPACE_RESULT_FORMATS = {
  space: { version: 1, schema: spaceSnapshotSchema },
  'temp-usage': { version: 1, schema: tempUsageSnapshotSchema },
  limits: { version: 1, schema: limitsSnapshotSchema },
} as const;
