/**
 * The "oracle server": ONE demo database shared by every console process of a run, served over HTTP on
 * 127.0.0.1, counting the queries it answers (per method + arguments = per cache key).
 *
 * Load model: the demo gateway answers after the plan's latency × latencyScale; on top of that the server
 * has `slots` query slots (an Oracle host has so many CPUs): a query waits for a free slot, so answers slow
 * down when many consoles ask at once (the plan's figure 7.3). slots = 0 means unlimited.
 *
 * Started by the bench with child_process.fork; config as JSON in argv[2]; reports {type:'ready', port}.
 *   POST /call  {"m": method, "a": [args], "tag"?: string}  → the gateway's answer as JSON
 *   GET  /stats → {total, counts: {countKey: n}, times: {countKey: [epoch ms]}, maxInFlight, queued}
 *   POST /reset → zero the counters
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createDemoGateway, type DemoOptions } from './demo';
import { countKey } from './views';

interface Config extends DemoOptions {
  slots: number;
}

const config = JSON.parse(process.argv[2] ?? '{}') as Config;
const gateway = createDemoGateway(config);
const counts = new Map<string, number>();
/** real epoch ms of each counted call, per count key: the fetch RATE per key, free of window phase */
const times = new Map<string, number[]>();
let total = 0;
let inFlight = 0;
let maxInFlight = 0;
let queuedTotal = 0;
const waiters: (() => void)[] = [];

async function acquire(): Promise<void> {
  if (config.slots <= 0 || inFlight < config.slots) {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    return;
  }
  queuedTotal++;
  await new Promise<void>((resolve) => waiters.push(resolve));
  // the slot was handed over by release(): inFlight unchanged
}

function release(): void {
  const next = waiters.shift();
  if (next) next();
  else inFlight--;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (c: string) => {
      body += c;
    });
    req.on('end', () => resolve(body));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

const server = createServer(async (req, res) => {
  try {
    if (req.method === 'POST' && req.url === '/call') {
      const { m, a, tag } = JSON.parse(await readBody(req)) as { m: string; a: unknown[]; tag?: string };
      const fn = (gateway as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[m];
      if (typeof fn !== 'function') return send(res, 400, JSON.stringify({ error: `no method ${m}` }));
      const key = countKey(m, a, tag);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      const at = times.get(key) ?? [];
      if (at.length < 10_000) at.push(Date.now());
      times.set(key, at);
      total++;
      await acquire();
      let out: unknown;
      try {
        out = await fn.apply(gateway, a);
      } finally {
        release();
      }
      return send(res, 200, JSON.stringify(out ?? null));
    }
    if (req.method === 'GET' && req.url === '/stats') {
      return send(
        res,
        200,
        JSON.stringify({
          total,
          counts: Object.fromEntries(counts),
          times: Object.fromEntries(times),
          maxInFlight,
          queued: queuedTotal,
        }),
      );
    }
    if (req.method === 'POST' && req.url === '/reset') {
      counts.clear();
      times.clear();
      total = 0;
      maxInFlight = inFlight;
      queuedTotal = 0;
      return send(res, 200, '{}');
    }
    send(res, 404, '{}');
  } catch (error) {
    send(res, 500, JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
  }
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  process.send?.({ type: 'ready', port });
});
process.on('disconnect', () => process.exit(0));
