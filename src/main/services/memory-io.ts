/**
 * Memory and I/O (issue 17): one read through the two-level cache under `tms:{connId}:memory-io`
 * (tier 'short', 30 s: the I/O rates are deltas between two Oracle reads, so the TTL is their window).
 * No write of the console makes it stale: nothing here is invalidated but by TTL or manual refresh.
 */
import type { Cached } from '@shared/cache';
import { TmsError } from '@shared/errors';
import type { MemoryIoSnapshot } from '@shared/types/memory-io';
import type { ReadThroughCache } from '../cache/types';
import type { GatewayAccess, ReadOptions } from './monitoring';

export class MemoryIoService {
  constructor(
    private readonly deps: { cache: Pick<ReadThroughCache, 'getOrFetch'>; gateways: GatewayAccess },
  ) {}

  async snapshot(connId: string, o?: ReadOptions): Promise<Cached<MemoryIoSnapshot>> {
    this.deps.gateways.touch(connId); // NOT_FOUND for an unknown connection, before any read
    return this.deps.cache.getOrFetch<MemoryIoSnapshot>(
      { resource: 'memory-io', connId },
      () =>
        this.deps.gateways.use(connId, (g) => {
          if (!g.memoryIo) throw new TmsError('UNSUPPORTED', 'This connection cannot read memory and I/O.');
          return g.memoryIo();
        }),
      { bypass: o?.refresh === true },
    );
  }
}
