/**
 * A console's sampler in its own OS process (the real ConnectionSampler over the demo database and a
 * real Redis), for the kill -9 / SIGSTOP tests and the bench. TypeScript is loaded through jiti.
 * argv: redisUrl connId consoleId leaseMs [skipFreshness 0|1] [intervalSec]
 * stdout, one JSON line each: {"ready":true} · {"role":..,"token":..} on changes ·
 * {"wrote":t,"token":n} per sample written · {"fenced":true,"token":n} when a write was refused ·
 * {"stats":{...}} on "stats\n" from stdin.
 */
const path = require('node:path');
const { createJiti } = require('jiti');

const root = path.resolve(__dirname, '../../../..');
const jiti = createJiti(__filename, { alias: { '@shared': path.join(root, 'src/shared') } });
const out = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);

async function main() {
  const [url, connId, consoleId, leaseText, skipText, intervalText] = process.argv.slice(2);
  const { ConnectionSampler } = await jiti.import(path.join(root, 'src/main/activity/sampler.ts'));
  const { DemoGateway } = await jiti.import(path.join(root, 'src/main/oracle/demo/demo-gateway.ts'));
  const { createRedisClient, waitUntilReady } = await jiti.import(
    path.join(root, 'src/main/redis/client.ts'),
  );
  const redis = createRedisClient({ enabled: true, url }, { onError: () => {} });
  await waitUntilReady(redis, 5000);
  const gateway = new DemoGateway({ latencyScale: 0, sessionCount: 60 });
  let lastRole = null;
  let sampler;
  let lastFenced = 0;
  sampler = new ConnectionSampler({
    connId,
    consoleId,
    redis,
    redisEnabled: () => true,
    sample: () => gateway.activitySample(),
    leaseMs: Number(leaseText),
    skipFreshnessCheck: skipText === '1',
    onSample: () => {},
    onChange: () => {
      const role = sampler.role;
      if (role !== lastRole) {
        lastRole = role;
        out({ role, token: sampler.token, at: Date.now() });
      }
      if (sampler.counts.fenced > lastFenced) {
        lastFenced = sampler.counts.fenced;
        out({ fenced: true, at: Date.now() });
      }
    },
  });
  // report each write: wrap the shared store's append
  const append = sampler.shared.append.bind(sampler.shared);
  sampler.shared.append = async (sample, token, retention) => {
    const outcome = await append(sample, token, retention);
    out({ outcome, t: sample.t, token, at: Date.now() });
    return outcome;
  };
  if (intervalText) {
    const { writeSettings } = await jiti.import(path.join(root, 'src/main/activity/settings.ts'));
    await writeSettings(redis, sampler.keys, { intervalSec: Number(intervalText) });
  }
  if (skipText === '1') {
    // the stalled-writer case: after a pause (SIGSTOP) the process resumes in its write path, before its
    // election tick notices the lost lease — so only the fencing token can stop the write
    const tick = sampler.tick.bind(sampler);
    let last = Date.now();
    sampler.tick = async () => {
      const jumped = Date.now() - last > 2 * Number(leaseText);
      if (jumped) await new Promise((r) => setTimeout(r, 1500));
      last = Date.now();
      return tick();
    };
  }
  sampler.viewers.set('child-viewer', true);
  setInterval(() => sampler.viewers.set('child-viewer', true), 10_000);
  sampler.start();
  out({ ready: true, pid: process.pid });
  process.stdin.setEncoding('utf8');
  process.stdin.on('data', (text) => {
    if (text.includes('stats'))
      out({
        stats: sampler.counts,
        queries: gateway.queryCounts()['activity-sample'],
        statements: gateway.activityStatements(),
      });
    if (text.includes('quit')) {
      sampler.stop().then(() => {
        redis.disconnect();
        process.exit(0);
      });
    }
  });
}

main().catch((error) => {
  out({ error: String(error) });
  process.exit(1);
});
