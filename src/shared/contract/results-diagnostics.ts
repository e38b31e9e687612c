/**
 * Cached value shapes of the alert log and long operations (issue 17), kept apart from results.ts (which
 * lists them in RESULT_FORMATS). Typed against the shared types, like every schema there.
 */
import { z } from 'zod';
import { ALERT_LOG_WINDOWS, type AlertLogSnapshot } from '../types/alert-log';
import type { LongOpsSnapshot } from '../types/long-ops';

const num = z.number();
const numOrNull = z.number().nullable();
const strOrNull = z.string().nullable();
const metricScope = z.enum(['pdb', 'cdb', 'database', 'host']);
const instanceScope = z.enum(['instance', 'cluster']);

export const alertLogSnapshotSchema: z.ZodType<AlertLogSnapshot> = z.object({
  sampledAt: num,
  minutes: z.union(ALERT_LOG_WINDOWS.map((w) => z.literal(w))) as z.ZodType<AlertLogSnapshot['minutes']>,
  maxRows: num,
  truncated: z.boolean(),
  entries: z.array(
    z.object({
      instId: num,
      conId: num,
      containerName: strOrNull,
      recordId: num,
      time: num,
      level: num,
      type: num,
      component: strOrNull,
      text: z.string(),
      oraCodes: z.array(z.string()),
    }),
  ),
  scope: metricScope,
  instanceScope,
  instances: z.array(num),
});

export const longOpsSnapshotSchema: z.ZodType<LongOpsSnapshot> = z.object({
  sampledAt: num,
  recentMinutes: num,
  ops: z.array(
    z.object({
      instId: num,
      conId: num,
      sid: num,
      serial: num,
      username: strOrNull,
      opname: z.string(),
      target: strOrNull,
      targetDesc: strOrNull,
      sofar: num,
      totalWork: num,
      units: strOrNull,
      pctDone: numOrNull,
      startTime: numOrNull,
      lastUpdateTime: numOrNull,
      elapsedSec: numOrNull,
      timeRemainingSec: numOrNull,
      sqlId: strOrNull,
      message: strOrNull,
      done: z.boolean(),
    }),
  ),
  scope: metricScope,
  instanceScope,
});
