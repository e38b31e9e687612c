/**
 * Session drill-down (issue 17): one channel, `session:detail`, answering `Cached<SessionDetail>` for
 * (INST_ID, SID, SERIAL#), read through the cache (`tms:{connId}:session:{instId}.{sid}.{serial}`,
 * realtime tier). The schema of the cached value lives here too (RESULT_FORMATS points at it).
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import {
  SESSION_STAT_KEYS,
  type SessionDetail,
  type SessionLock,
  type SessionPartError,
} from '../types/session-detail';
import { connIdSchema } from './connections';
import { channel } from './define';

/** INST_ID 1-255 (Oracle's RAC limit is far below), SID and SERIAL# within Oracle's ranges. */
export const sessionDetailRequestSchema = z
  .object({
    connId: connIdSchema,
    instId: z.number().int().min(1).max(255),
    sid: z.number().int().min(1).max(4_294_967_295),
    serial: z.number().int().min(0).max(4_294_967_295),
    refresh: z.boolean().optional(),
  })
  .strict();
export type SessionDetailRequest = z.input<typeof sessionDetailRequestSchema>;

const num = z.number();
const numOrNull = z.number().nullable();
const strOrNull = z.string().nullable();

const lockSchema: z.ZodType<SessionLock> = z.object({
  instId: num,
  sid: num,
  lockType: z.string(),
  lockTypeName: z.string(),
  id1: num,
  id2: num,
  modeHeld: num,
  modeHeldName: z.string(),
  modeRequested: num,
  modeRequestedName: z.string(),
  ctimeSec: num,
  block: num,
  objectOwner: strOrNull,
  objectName: strOrNull,
});

const partErrorSchema: z.ZodType<SessionPartError> = z.object({
  part: z.enum(['waits', 'stats', 'cursors', 'locks', 'transaction', 'objects']),
  code: z.string(),
  grant: strOrNull,
});

export const sessionDetailSchema: z.ZodType<SessionDetail> = z.object({
  sampledAt: num,
  scope: z.enum(['pdb', 'cdb', 'database', 'host']),
  instanceScope: z.enum(['instance', 'cluster']),
  identity: z.object({
    instId: num,
    conId: num,
    sid: num,
    serial: num,
    username: strOrNull,
    status: z.string(),
    osUser: strOrNull,
    machine: strOrNull,
    program: strOrNull,
    module: strOrNull,
    action: strOrNull,
    serviceName: strOrNull,
    logonTime: numOrNull,
    lastCallEt: num,
    event: strOrNull,
    waitClass: strOrNull,
    state: strOrNull,
    secondsInWait: numOrNull,
    blockingInstance: numOrNull,
    blockingSession: numOrNull,
    prevSqlId: strOrNull,
  }),
  currentSql: z
    .object({
      sqlId: z.string(),
      childNumber: numOrNull,
      planHashValue: numOrNull,
      textExcerpt: strOrNull,
      execStart: numOrNull,
    })
    .nullable(),
  waits: z.array(
    z.object({
      seq: num,
      event: z.string(),
      waitMs: num,
      sinceLastWaitMs: numOrNull,
      p1Text: strOrNull,
      p1: numOrNull,
      p2Text: strOrNull,
      p2: numOrNull,
      p3Text: strOrNull,
      p3: numOrNull,
    }),
  ),
  stats: z.array(
    z.object({ key: z.enum(SESSION_STAT_KEYS), name: z.string(), value: num, perSec: numOrNull }),
  ),
  statWindow: z.object({ kind: z.enum(['rate', 'cumulative']), seconds: numOrNull }),
  openCursors: z.object({
    total: num,
    top: z.array(z.object({ sqlId: strOrNull, count: num, sqlText: strOrNull })),
  }),
  locks: z.array(lockSchema),
  transaction: z
    .object({
      startTime: numOrNull,
      status: strOrNull,
      usedUndoBlocks: num,
      usedUndoRecords: num,
      blockSize: numOrNull,
      usedUndoBytes: numOrNull,
    })
    .nullable(),
  errors: z.array(partErrorSchema),
});

export const sessionChannels = {
  'session:detail': channel(sessionDetailRequestSchema).returns<Cached<SessionDetail>>(),
};
