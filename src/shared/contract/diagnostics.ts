/**
 * Issue 17: the alert log (V$DIAG_ALERT_EXT) and long operations (GV$SESSION_LONGOPS), read through the
 * two-level cache. The alert log's window is a whitelisted number of minutes (it is part of the cache key).
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import { ALERT_LOG_DEFAULT_WINDOW, ALERT_LOG_WINDOWS, type AlertLogSnapshot } from '../types/alert-log';
import type { LongOpsSnapshot } from '../types/long-ops';
import { connIdSchema } from './connections';
import { channel } from './define';

const refresh = z.boolean().optional();

export const alertLogRequestSchema = z
  .object({
    connId: connIdSchema,
    minutes: z
      .number()
      .int()
      .refine((m) => (ALERT_LOG_WINDOWS as readonly number[]).includes(m), {
        message: `one of ${ALERT_LOG_WINDOWS.join(', ')} minutes`,
      })
      .default(ALERT_LOG_DEFAULT_WINDOW),
    refresh,
  })
  .strict();

export const diagnosticsChannels = {
  /** newest first, at most ALERT_LOG_MAX_ROWS; filter by level/text on the answer (renderer) */
  'diagnostics:alertLog': channel(alertLogRequestSchema).returns<Cached<AlertLogSnapshot>>(),
  'diagnostics:longOps': channel(z.object({ connId: connIdSchema, refresh }).strict()).returns<
    Cached<LongOpsSnapshot>
  >(),
};
