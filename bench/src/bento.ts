/** The peer: bentocache 1.6.1, tiered (memory L1 + redis L2 on ioredis 5), against the same Redis. */
import { BentoCache, bentostore } from 'bentocache';
import { memoryDriver } from 'bentocache/drivers/memory';
import { redisDriver } from 'bentocache/drivers/redis';
import { Redis as Redis5 } from 'ioredis';
import { LRUCache } from 'lru-cache';

export interface BentoSetup {
  host: string;
  port: number;
  /** memory tier serializes values (bentocache's default) */
  serialize?: boolean;
  /** own LRU instance so the bench can clear L1 alone (L2-hit measurement) */
  l1?: LRUCache<string, NonNullable<unknown>>;
  prefix?: string;
}

export interface BentoHandle {
  bento: BentoCache<{ tiered: ReturnType<typeof bentostore> }>;
  l1: LRUCache<string, NonNullable<unknown>>;
  redis: Redis5;
  close(): Promise<void>;
}

export function createBento(setup: BentoSetup): BentoHandle {
  // bentocache stores expiry itself; `ttlAutopurge: false` like its own driver
  const l1 = setup.l1 ?? new LRUCache<string, NonNullable<unknown>>({ max: 1000 });
  const redis = new Redis5({ host: setup.host, port: setup.port, lazyConnect: false });
  redis.on('error', () => {}); // the bench stops Redis at the end; reconnect noise is not news
  const bento = new BentoCache({
    default: 'tiered',
    prefix: setup.prefix ?? 'tms:bench:bento',
    stores: {
      tiered: bentostore()
        .useL1Layer(
          memoryDriver({
            ...(setup.serialize === false ? { serialize: false } : {}),
            cacheInstance: l1,
          } as Parameters<typeof memoryDriver>[0]),
        )
        .useL2Layer(redisDriver({ connection: redis })),
    },
  });
  return {
    bento,
    l1,
    redis,
    close: async () => {
      await bento.disconnectAll().catch(() => {});
      redis.disconnect();
    },
  };
}
