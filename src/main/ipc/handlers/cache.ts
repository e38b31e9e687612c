import type { CacheAdmin } from '../../cache/ops/admin';
import type { ChannelsOfDomain, Handlers } from '../types';

/** The cache panel's channels: thin adapters over the CacheAdmin facade (src/main/cache/ops/admin.ts). */
export function cacheHandlers(admin: CacheAdmin): Handlers<ChannelsOfDomain<'cache'>> {
  return {
    'cache:stats': () => admin.stats(),
    'cache:redisInfo': () => admin.redisInfo(),
    'cache:setL2Enabled': (r) => admin.setL2Enabled(r.enabled),
    'cache:invalidate': (r) => admin.invalidate(r),
    'cache:ttlPolicy': () => admin.ttlPolicy(),
    'cache:setTtl': (r) => admin.setTtl(r),
    'cache:resetTtl': (r) => admin.resetTtl(r),
    'cache:applyTtlToExisting': (r) => admin.applyTtlToExisting(r),
    'cache:setHitRatioThreshold': (r) => admin.setHitRatioThreshold(r),
    'cache:scanKeys': (r) => admin.scanKeys(r),
    'cache:keyDetails': (r) => admin.keyDetails(r.keys, { includeForeign: r.includeForeign === true }),
    'cache:getValue': (r) =>
      admin.getValue(r.key, {
        maxBytes: r.maxBytes,
        maxItems: r.maxItems,
        includeForeign: r.includeForeign === true,
      }),
    'cache:deleteKey': (r) => admin.deleteKey(r.key),
  };
}
