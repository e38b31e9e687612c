import type { MemoryIoService } from '../../services/memory-io';
import type { ChannelsOfDomain, Handlers } from '../types';

/** Thin adapter over MemoryIoService (issue 17); the request was validated by the contract schema. */
export function memoryHandlers(deps: { memoryIo: MemoryIoService }): Handlers<ChannelsOfDomain<'memory'>> {
  return {
    'memory:snapshot': ({ connId, refresh }) => deps.memoryIo.snapshot(connId, { refresh }),
  };
}
