/**
 * Space and limits (issue 17): tablespaces + recovery area + ASM, TEMP by session, V$RESOURCE_LIMIT.
 * Every answer is `Cached<T>`; `refresh: true` bypasses the cache (manual refresh).
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import type { LimitsSnapshot } from '../types/limits';
import type { SpaceSnapshot, TempUsageSnapshot } from '../types/space';
import { connIdSchema } from './connections';
import { channel } from './define';

const read = z.object({ connId: connIdSchema, refresh: z.boolean().optional() }).strict();

export const spaceChannels = {
  'space:space': channel(read).returns<Cached<SpaceSnapshot>>(),
  'space:tempUsage': channel(read).returns<Cached<TempUsageSnapshot>>(),
  'space:limits': channel(read).returns<Cached<LimitsSnapshot>>(),
};
