/**
 * A second OS process running the real CacheEngine (TypeScript loaded through jiti, which vite already
 * ships), for the cross-process stampede test. Protocol on stdio, one JSON line each:
 *   child → parent {"ready":true}            after loading and connecting
 *   parent → child "go\n"                     start ONE getOrFetch on the key
 *   child → parent {"origin":..,"data":..,"fetches":n}
 * argv: redisUrl connId fetchDelayMs
 */
const path = require('node:path');
const { createJiti } = require('jiti');

const root = path.resolve(__dirname, '../../../../..');
const jiti = createJiti(__filename, { alias: { '@shared': path.join(root, 'src/shared') } });

async function main() {
  const [url, connId, delayText] = process.argv.slice(2);
  const { CacheEngine } = await jiti.import(path.join(root, 'src/main/cache/engine/index.ts'));
  const { createRedisClient, waitUntilReady } = await jiti.import(
    path.join(root, 'src/main/redis/client.ts'),
  );
  const redis = createRedisClient({ enabled: true, url }, { onError: () => {} });
  await waitUntilReady(redis, 5000);
  const engine = new CacheEngine({
    redis,
    consoleId: `child-${process.pid}`,
    ttl: { ttlFor: () => ({ ttl: 30, l1Ttl: 5, grace: 30 }) },
    lock: { ttlMs: 5000, waitMs: 5000, pollMs: 10 },
  });
  let fetches = 0;
  const fetch = async () => {
    fetches++;
    await new Promise((r) => setTimeout(r, Number(delayText)));
    return { by: `child-${process.pid}` };
  };
  process.stdout.write(`${JSON.stringify({ ready: true })}\n`);
  process.stdin.setEncoding('utf8');
  process.stdin.once('data', async () => {
    try {
      const r = await engine.getOrFetch({ resource: 'sessions', connId }, fetch);
      process.stdout.write(`${JSON.stringify({ origin: r.cache.origin, data: r.data, fetches })}\n`);
    } catch (error) {
      process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
    }
    redis.disconnect();
    process.exit(0);
  });
}

main().catch((error) => {
  process.stdout.write(`${JSON.stringify({ error: String(error) })}\n`);
  process.exit(1);
});
