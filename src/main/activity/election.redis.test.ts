/**
 * The election with REAL processes against a real redis-server: each child is a console's sampler
 * (testing/child-sampler.cjs). kill -9 the sampler → another takes over within two lease periods;
 * SIGSTOP the sampler until another took over, SIGCONT it → its writes are refused (fencing), and no
 * second is ever written twice.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServerHandle, startRedisServer } from '../redis/testing/redis-server';
import { activityKeys } from './keys';

const LEASE_MS = 1500;
const SCRIPT = join(import.meta.dirname, 'testing', 'child-sampler.cjs');

type Line = Record<string, unknown>;

interface Child {
  proc: ChildProcess;
  lines: Line[];
  consoleId: string;
  waitFor(pred: (l: Line) => boolean, timeoutMs?: number): Promise<Line>;
}

function startChild(url: string, connId: string, consoleId: string, skipFreshness = false): Child {
  const proc = spawn(
    process.execPath,
    [SCRIPT, url, connId, consoleId, String(LEASE_MS), skipFreshness ? '1' : '0'],
    {
      stdio: ['pipe', 'pipe', 'inherit'],
    },
  );
  const lines: Line[] = [];
  const waiters: (() => void)[] = [];
  let buf = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (chunk: string) => {
    buf += chunk;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      try {
        lines.push(JSON.parse(buf.slice(0, i)) as Line);
      } catch {
        // not ours
      }
      buf = buf.slice(i + 1);
      for (const w of waiters.splice(0)) w();
    }
  });
  return {
    proc,
    lines,
    consoleId,
    async waitFor(pred, timeoutMs = 20_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const hit = lines.find(pred);
        if (hit) return hit;
        if (Date.now() > deadline)
          throw new Error(`${consoleId}: timed out; lines: ${JSON.stringify(lines.slice(-5))}`);
        await new Promise<void>((r) => {
          waiters.push(r);
          setTimeout(r, 200);
        });
      }
    },
  };
}

const written = (c: Child): Line[] => c.lines.filter((l) => l.outcome === 'written');

describe('sampler election across processes (real redis-server)', () => {
  let server: RedisServerHandle;
  let redis: Redis;
  const children: Child[] = [];

  beforeAll(async () => {
    server = await startRedisServer();
    redis = new Redis(server.url, { lazyConnect: false, maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    for (const c of children) if (c.proc.exitCode === null) c.proc.kill('SIGKILL');
    redis.disconnect();
    await server.stop();
  });

  const streamIds = async (connId: string): Promise<number[]> => {
    const entries = (await redis.xrange(activityKeys(connId).samples, '-', '+')) as [string, string[]][];
    return entries.map(([id]) => Number(id.split('-')[0]));
  };

  it('kill -9 of the sampler: another console takes over within two lease periods, no second twice', async () => {
    const connId = 'kill9';
    const a = startChild(server.url, connId, 'console-a');
    children.push(a);
    await a.waitFor((l) => l.role === 'leader');
    const b = startChild(server.url, connId, 'console-b');
    const c = startChild(server.url, connId, 'console-c');
    children.push(b, c);
    await b.waitFor((l) => l.role === 'follower');
    await c.waitFor((l) => l.role === 'follower');
    await a.waitFor(() => written(a).length >= 3);

    a.proc.kill('SIGKILL');
    const killedAt = Date.now();
    const lastOfA = Math.max(...written(a).map((l) => Number(l.t)));
    const successor = await Promise.race([
      b.waitFor((l) => l.role === 'leader').then(() => b),
      c.waitFor((l) => l.role === 'leader').then(() => c),
    ]);
    const other = successor === b ? c : b;
    await successor.waitFor(() => written(successor).length >= 3);
    const firstOfSuccessor = Math.min(...written(successor).map((l) => Number(l.t)));
    const tookOverAt = Number((successor.lines.find((l) => l.role === 'leader') as Line).at);

    expect(tookOverAt - killedAt).toBeLessThanOrEqual(2 * LEASE_MS);
    // the gap in the stream is bounded by the lease (+ the next sampling boundary)
    expect(firstOfSuccessor - lastOfA).toBeLessThanOrEqual(2 * LEASE_MS + 1000);
    expect(written(other)).toEqual([]);
    const successorToken = Number(written(successor)[0]!.token);
    expect(successorToken).toBeGreaterThan(Number(written(a)[0]!.token));

    const ids = await streamIds(connId);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    // every entry is one a writer reported, and no writer reported a second another wrote
    const reported = [...written(a), ...written(successor)].map((l) => Number(l.t));
    expect(new Set(reported).size).toBe(reported.length);
    for (const id of ids) expect(reported).toContain(id);
    b.proc.kill('SIGKILL');
    c.proc.kill('SIGKILL');
  }, 60_000);

  it('SIGSTOP the sampler until another takes over, SIGCONT it: it steps down, and a write it tries is fenced off', async () => {
    const connId = 'sigstop';
    // the stalled one skips its own freshness check: only the fencing token can stop it
    const a = startChild(server.url, connId, 'console-a', true);
    children.push(a);
    await a.waitFor((l) => l.role === 'leader');
    const b = startChild(server.url, connId, 'console-b');
    children.push(b);
    await b.waitFor((l) => l.role === 'follower');
    await a.waitFor(() => written(a).length >= 2);

    a.proc.kill('SIGSTOP');
    const stoppedAt = Date.now();
    await b.waitFor((l) => l.role === 'leader');
    const tookOverAt = Number((b.lines.find((l) => l.role === 'leader') as Line).at);
    expect(tookOverAt - stoppedAt).toBeLessThanOrEqual(2 * LEASE_MS);
    await b.waitFor(() => written(b).length >= 2);
    const resumedAt = Date.now();
    a.proc.kill('SIGCONT');

    // A wakes with two timers due, in either order: its sampling one (it writes with its old token and
    // is refused by the fence) or its lease check (it learns it lost the lease and writes nothing). Either
    // way it steps down and nothing it wrote after waking is in the stream. (The fence itself, token by
    // token: store-redis.redis.test.ts.)
    await a.waitFor((l) => l.role === 'follower' && Number(l.at) >= resumedAt);
    await new Promise((r) => setTimeout(r, 1500));
    const aAfter = written(a).filter((l) => Number(l.at) >= resumedAt);
    expect(aAfter).toEqual([]);
    const bToken = Number(written(b)[0]!.token);
    for (const f of a.lines.filter((l) => l.outcome === 'fenced'))
      expect(Number(f.token)).toBeLessThan(bToken);

    const ids = await streamIds(connId);
    expect(new Set(ids).size).toBe(ids.length);
    const firstOfB = Math.min(...written(b).map((l) => Number(l.t)));
    // nothing in the stream after B's first write came from A
    const aSeconds = new Set(written(a).map((l) => Number(l.t)));
    for (const id of ids.filter((x) => x >= firstOfB)) expect(aSeconds.has(id)).toBe(false);
    a.proc.kill('SIGKILL');
    b.proc.kill('SIGKILL');
  }, 60_000);
});
