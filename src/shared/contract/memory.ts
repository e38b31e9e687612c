/**
 * Memory and I/O (issue 17): SGA components, PGA figures and I/O by file type and by function, read
 * through the cache (`tms:{connId}:memory-io`, 30 s); `refresh: true` bypasses it (manual refresh).
 */
import { z } from 'zod';
import type { Cached } from '../cache';
import type { MemoryIoSnapshot } from '../types/memory-io';
import { connIdSchema } from './connections';
import { channel } from './define';

export const memoryIoRequestSchema = z
  .object({ connId: connIdSchema, refresh: z.boolean().optional() })
  .strict();

export const memoryChannels = {
  'memory:snapshot': channel(memoryIoRequestSchema).returns<Cached<MemoryIoSnapshot>>(),
};
