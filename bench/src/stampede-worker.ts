/**
 * A stampede process (forked by the bench): one engine and one bentocache instance, kept across rounds.
 * Config as JSON in argv[2].
 */
import { createBento } from './bento';
import { OracleClient } from './oracle-client';
import { closeRedisClient, connectRedis, createEngine } from './product';
import type { StampedeConfig } from './worker-types';

const now = (): number => performance.timeOrigin + performance.now();
const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A stampede process: one engine and one bentocache instance, kept across rounds. Each round:
 * {type:'round', at, impl, tag} → at the instant `at`, one read of the cold key → {type:'result', ms, ok}.
 */
async function runStampede(cfg: StampedeConfig): Promise<void> {
  const oracle = new OracleClient(cfg.oraclePort);
  const redis = await connectRedis(cfg.redisUrl);
  const engine = createEngine({ redis, consoleId: `bench-stampede-${cfg.index}` });
  const u = new URL(cfg.redisUrl);
  const bento = createBento({ host: u.hostname, port: Number(u.port) });
  await bento.redis.ping();
  // warm the code paths on other keys so the cold call is not also a cold JIT
  for (let i = 0; i < 3; i++) {
    await engine.getOrFetch({ resource: 'health', connId: `stampede-warm${cfg.index}-${i}` }, async () => 1);
    await bento.bento.getOrSet({ key: `warm${cfg.index}-${i}`, factory: async () => 1, ttl: '30s' });
  }
  const one = async (
    impl: 'ours' | 'bento',
    tag: string,
  ): Promise<{ ms: number; ok: number; error?: string }> => {
    const t0 = now();
    try {
      if (impl === 'ours') {
        await engine.getOrFetch({ resource: 'sessions', connId: tag }, () =>
          oracle.call('sessions', [], tag),
        );
      } else {
        await bento.bento.getOrSet({
          key: `sessions:${tag}`,
          factory: () => oracle.call('sessions', [], tag),
          ttl: '30s',
        });
      }
      return { ms: now() - t0, ok: 1 };
    } catch (e) {
      return { ms: now() - t0, ok: 0, error: e instanceof Error ? e.message : String(e) };
    }
  };
  await new Promise<void>((resolve) => {
    process.on('message', (msg: { type?: string; at?: number; impl?: 'ours' | 'bento'; tag?: string }) => {
      if (msg?.type === 'exit') return resolve();
      if (msg?.type !== 'round' || typeof msg.at !== 'number' || !msg.impl || !msg.tag) return;
      const { at, impl, tag } = msg;
      void (async () => {
        // wait for the common instant (coarse sleep, then spin the last 3 ms)
        while (Date.now() < at - 3) await sleep(1);
        while (Date.now() < at) {
          /* spin */
        }
        process.send?.({ type: 'result', ...(await one(impl, tag)) });
      })();
    });
    process.send?.({ type: 'ready' });
  });
  await engine.close(200);
  await closeRedisClient(redis);
  await bento.close();
  oracle.close();
  process.send?.({ type: 'done' });
}

const cfg = JSON.parse(process.argv[2] ?? '{}') as StampedeConfig;
runStampede(cfg)
  .then(() => process.exit(0))
  .catch((error: unknown) => {
    process.send?.({
      type: 'fatal',
      error: error instanceof Error ? (error.stack ?? error.message) : String(error),
    });
    process.exit(1);
  });
