/**
 * Bench section "activity" (issue 14), against real redis-server processes:
 *
 * 1. Consoles K = 1, 10, 50 on ONE connection. Console 1 is its own OS process (testing/child-sampler.cjs:
 *    the real ConnectionSampler over a demo database, so it can be kill -9'd); consoles 2..K are
 *    ConnectionSamplers in this process, each with its own Redis connection and its own demo database
 *    (as each DBA's console has its own pool). Console 1 starts first and samples; after a steady window
 *    it is SIGKILLed and the run goes on. Reported: sampler queries per second on "Oracle" (the activity
 *    samples every console's demo database answered, over the steady window; goal 1 / interval), sample
 *    seconds written twice (writes reported by all consoles − distinct stream entries; goal 0), writes
 *    refused as duplicates / fenced, and the longest gap between consecutive stream entries around the
 *    kill (goal ≤ 2 lease periods).
 * 2. Redis memory per hour of samples: 3600 one-second samples of N sessions with 5 % active (N = 320 and
 *    10 000), session attributes from the demo world (users, programs, machines, modules, SQL), appended
 *    through the real store (dictionary + codec + fenced Lua append) into a fresh Redis; MEMORY USAGE
 *    SAMPLES 0 of the stream ÷ rows (goal ≤ 60 bytes per row), the dictionary reported apart. Then a run
 *    with a memory cap shows the retention sized by memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import type { ActivityRow, ActivitySample } from '@shared/types/activity';
import { Redis } from 'ioredis';
import { activityKeys } from '../../src/main/activity/keys';
import { Lease } from '../../src/main/activity/lease';
import { ConnectionSampler } from '../../src/main/activity/sampler';
import { RedisSampleStore } from '../../src/main/activity/store-redis';
import { DemoGateway } from '../../src/main/oracle/demo/demo-gateway';
import { hash01 } from '../../src/main/oracle/demo/prng';
import { ACTIVE_WAITS, CPU_SHARE, pickWeighted } from '../../src/main/oracle/demo/world/profiles';
import { startRedisServer } from '../../src/main/redis/testing/redis-server';

export interface ActivityConsolesRow {
  consoles: number;
  intervalSec: number;
  leaseMs: number;
  steadySec: number;
  samplerQueries: number;
  samplerQueriesPerSec: number;
  /** statements, incl. plan-hash look-ups and the environment probe */
  samplerStatementsPerSec: number;
  writesReported: number;
  streamEntries: number;
  duplicateSeconds: number;
  refusedDuplicate: number;
  refusedFenced: number;
  longestGapBeforeKillSec: number;
  /** null for K = 1: nobody is left to take over */
  longestGapAfterKillSec: number | null;
  takeoverSec: number | null;
}

export interface ActivityMemoryRow {
  sessions: number;
  activePct: number;
  samples: number;
  rows: number;
  streamBytes: number;
  bytesPerRow: number;
  dictionaryBytes: number;
  dictionaryEntries: number;
  bytesPerHour: number;
  /** extrapolated to 500 active sessions for an hour (the issue's ~100 MB yardstick) */
  mbPerHourAt500Active: number;
}

export interface ActivityResults {
  generatedAt: string;
  consoles: ActivityConsolesRow[];
  memory: ActivityMemoryRow[];
  memoryCap: { capMb: number; streamBytesAfter: number; entriesKept: number; samplesAppended: number } | null;
  goals: { name: string; goal: string; value: string; met: boolean }[];
  notes: string[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
type Log = (m: string) => void;

interface ChildHandle {
  proc: ChildProcess;
  lines: Record<string, unknown>[];
}

function startChild(
  rootDir: string,
  url: string,
  connId: string,
  consoleId: string,
  leaseMs: number,
): ChildHandle {
  const script = join(rootDir, 'src/main/activity/testing/child-sampler.cjs');
  const proc = spawn(process.execPath, [script, url, connId, consoleId, String(leaseMs), '0'], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: Record<string, unknown>[] = [];
  let buf = '';
  proc.stdout!.setEncoding('utf8');
  proc.stdout!.on('data', (c: string) => {
    buf += c;
    for (let i = buf.indexOf('\n'); i >= 0; i = buf.indexOf('\n')) {
      try {
        lines.push(JSON.parse(buf.slice(0, i)));
      } catch {
        // ignore
      }
      buf = buf.slice(i + 1);
    }
  });
  return { proc, lines };
}

async function waitFor(pred: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

const longestGap = (ids: number[], from: number, to: number): number => {
  const inRange = ids.filter((t) => t >= from && t <= to);
  let gap = 0;
  for (let i = 1; i < inRange.length; i++) gap = Math.max(gap, inRange[i]! - inRange[i - 1]!);
  return gap / 1000;
};

export async function runActivityConsoles(
  k: number,
  redisUrl: string,
  rootDir: string,
  opts: { steadySec: number; afterKillSec: number; leaseMs: number },
  log: Log,
): Promise<ActivityConsolesRow> {
  const connId = `bench-act-k${k}-${Date.now().toString(36)}`;
  const child = startChild(rootDir, redisUrl, connId, 'console-1', opts.leaseMs);
  await waitFor(() => child.lines.some((l) => l.role === 'leader'), 30_000);
  const inproc: {
    sampler: ConnectionSampler;
    gateway: DemoGateway;
    redis: Redis;
    viewer: string;
    wrote: Set<number>;
  }[] = [];
  for (let i = 2; i <= k; i++) {
    const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1, commandTimeout: 2000 });
    redis.on('error', () => {});
    const gateway = new DemoGateway({ latencyScale: 0, sessionCount: 60 });
    const sampler = new ConnectionSampler({
      connId,
      consoleId: `console-${i}`,
      redis,
      redisEnabled: () => true,
      sample: () => gateway.activitySample(),
      onSample: () => {},
      leaseMs: opts.leaseMs,
    });
    // record the seconds this console wrote (a second written by two consoles would be a duplicate)
    const wrote = new Set<number>();
    const shared = sampler.shared!;
    const append = shared.append.bind(shared);
    shared.append = async (sample, token, retention) => {
      const outcome = await append(sample, token, retention);
      if (outcome === 'written') wrote.add(sample.t);
      return outcome;
    };
    sampler.viewers.set(`viewer-${i}`, true);
    sampler.start();
    inproc.push({ sampler, gateway, redis, viewer: `viewer-${i}`, wrote });
  }
  const keepWatching = setInterval(() => {
    for (const c of inproc) c.sampler.viewers.set(c.viewer, true);
  }, 10_000);
  const inprocQueries = () => inproc.reduce((n, c) => n + c.gateway.queryCounts()['activity-sample'], 0);
  const inprocStatements = () => inproc.reduce((n, c) => n + c.gateway.activityStatements(), 0);
  const childStats = async (): Promise<{
    written: number;
    queries: number;
    statements: number;
    duplicate: number;
    fenced: number;
  }> => {
    const before = child.lines.length;
    child.proc.stdin!.write('stats\n');
    await waitFor(() => child.lines.slice(before).some((l) => 'stats' in l), 5000);
    const l = child.lines.slice(before).find((x) => 'stats' in x) as {
      stats: { written: number; duplicate: number; fenced: number };
      queries: number;
      statements: number;
    };
    return {
      written: l.stats.written,
      queries: l.queries,
      statements: l.statements,
      duplicate: l.stats.duplicate,
      fenced: l.stats.fenced,
    };
  };

  // steady window: every console up, console 1 samples
  await sleep(2 * opts.leaseMs);
  const c0 = await childStats();
  const q0 = inprocQueries();
  const s0 = inprocStatements();
  const t0 = Date.now();
  await sleep(opts.steadySec * 1000);
  const c1 = await childStats();
  const q1 = inprocQueries();
  const s1 = inprocStatements();
  const steadySec = (Date.now() - t0) / 1000;
  const t1 = Date.now();
  // console 1's queries in the window from its own timestamped append lines (one per sample query):
  // exact at the window's edges, unlike two asynchronous counter reads
  const childInWindow = child.lines.filter(
    (l) => 'outcome' in l && Number(l.at) >= t0 && Number(l.at) < t1,
  ).length;
  const samplerQueries = childInWindow + (q1 - q0);

  const killedAt = Date.now();
  child.proc.kill('SIGKILL');
  await sleep(opts.afterKillSec * 1000);
  clearInterval(keepWatching);

  const keys = activityKeys(connId);
  const probe = new Redis(redisUrl);
  const entries = (await probe.xrange(keys.samples, '-', '+')) as [string, string[]][];
  const ids = entries.map(([id]) => Number(id.split('-')[0]));
  const childWrote = new Set(child.lines.filter((l) => l.outcome === 'written').map((l) => Number(l.t)));
  const writers = new Map<number, number>();
  for (const set of [childWrote, ...inproc.map((c) => c.wrote)]) {
    for (const t of set) writers.set(t, (writers.get(t) ?? 0) + 1);
  }
  const writesReported = [...writers.values()].reduce((a, b) => a + b, 0);
  const refusedDuplicate = c1.duplicate + inproc.reduce((n, c) => n + c.sampler.counts.duplicate, 0);
  const refusedFenced = c1.fenced + inproc.reduce((n, c) => n + c.sampler.counts.fenced, 0);
  const killSecond = Math.floor(killedAt / 1000) * 1000;
  const firstAfter = ids.find((t) => t > killSecond) ?? null;
  for (const c of inproc) {
    await c.sampler.stop();
    c.redis.disconnect();
  }
  await probe.unlink(...Object.values(keys));
  probe.disconnect();
  const row: ActivityConsolesRow = {
    consoles: k,
    intervalSec: 1,
    leaseMs: opts.leaseMs,
    steadySec: Math.round(steadySec * 10) / 10,
    samplerQueries,
    samplerQueriesPerSec: Math.round((samplerQueries / steadySec) * 1000) / 1000,
    samplerStatementsPerSec: 0,
    writesReported,
    streamEntries: ids.length,
    // seconds written by more than one console, plus stream ids seen twice (Redis refuses both)
    duplicateSeconds: [...writers.values()].filter((n) => n > 1).length + (ids.length - new Set(ids).size),
    refusedDuplicate,
    refusedFenced,
    longestGapBeforeKillSec: longestGap(ids, t0, killSecond),
    longestGapAfterKillSec: k > 1 ? longestGap(ids, killSecond - 5000, Date.now()) : null,
    takeoverSec: k > 1 && firstAfter !== null ? Math.round((firstAfter - killedAt) / 100) / 10 : null,
  };
  // statements: the sample itself + a V$SQL plan-hash look-up for cursors not seen in the last minute
  row.samplerStatementsPerSec =
    Math.round(((c1.statements - c0.statements + (s1 - s0)) / steadySec) * 1000) / 1000;
  log(
    `  K=${k} sampler q/s=${row.samplerQueriesPerSec} dup=${row.duplicateSeconds} gap after kill=${row.longestGapAfterKillSec ?? 'n/a'} s takeover=${row.takeoverSec ?? 'n/a'} s`,
  );
  return row;
}

/** One second of N sessions with 5 % active (persisting 15 s, like the demo's model), demo attributes. */
function syntheticSample(gateway: DemoGateway, t: number, activeShare: number): ActivitySample {
  const w = gateway.database.world;
  const bucket = Math.floor(t / 15_000);
  const rows: ActivityRow[] = [];
  for (const s of w.sessions.values()) {
    if (hash01(w.seed, s.sid, bucket, 11) >= activeShare) continue;
    const onCpu = hash01(w.seed, s.sid, Math.floor(t / 1000), 12) < CPU_SHARE;
    const wait = pickWeighted(ACTIVE_WAITS, hash01(w.seed, s.sid, bucket, 3));
    const sqlId = s.sqlPool[Math.floor(hash01(w.seed, s.sid, bucket, 2) * s.sqlPool.length)] ?? null;
    rows.push({
      instId: 1,
      conId: 3,
      sid: s.sid,
      serial: s.serial,
      user: s.username,
      background: false,
      state: onCpu ? 'ON CPU' : 'WAITING',
      waitClass: onCpu ? null : wait[1],
      event: onCpu ? null : wait[0],
      sqlId,
      sqlChildNumber: sqlId ? 0 : null,
      planHashValue: sqlId ? (w.sqlById.get(sqlId)?.planHash ?? null) : null,
      sqlExecId: sqlId ? 16_777_216 + ((s.sid * 7919 + bucket) % 1_000_000) : null,
      sqlExecStart: sqlId ? t - Math.floor(hash01(w.seed, s.sid, bucket, 6) * 40_000) - (t % 15_000) : null,
      module: s.module,
      action: s.action,
      program: s.program,
      machine: s.machine,
      service: s.service,
      blockingInstance: null,
      blockingSession: null,
      finalBlockingInstance: null,
      finalBlockingSession: null,
      currentObj: onCpu ? null : (w.objects[s.sid % Math.max(1, w.objects.length)]?.objectId ?? null),
      waitSec: onCpu ? 0 : Math.round(hash01(w.seed, s.sid, Math.floor(t / 1000), 5) * 30) / 10,
    });
  }
  return { t, intervalSec: 1, rows };
}

export async function runActivityMemory(
  sessions: number,
  seconds: number,
  log: Log,
  capMb?: number,
): Promise<{ row: ActivityMemoryRow; entriesKept: number; appended: number }> {
  const server = await startRedisServer();
  const redis = new Redis(server.url, { maxRetriesPerRequest: 1, commandTimeout: 10_000 });
  try {
    const connId = `bench-mem-${sessions}`;
    const keys = activityKeys(connId);
    const lease = new Lease(redis, keys, 'bench', 60_000);
    const holder = await lease.hold();
    const store = new RedisSampleStore(redis, keys);
    const gateway = new DemoGateway({ latencyScale: 0, sessionCount: sessions });
    const start = Math.floor(Date.now() / 3_600_000) * 3_600_000;
    const retention = {
      samplesMs: 3_600_000,
      rollupsMs: 86_400_000,
      maxBytes: (capMb ?? 4096) * 1024 * 1024,
    };
    let rows = 0;
    let appended = 0;
    for (let i = 0; i < seconds; i++) {
      const sample = syntheticSample(gateway, start + i * 1000, 0.05);
      const outcome = await store.append(sample, holder!.token, retention);
      if (outcome !== 'written') throw new Error(`append ${outcome}`);
      rows += sample.rows.length;
      appended++;
    }
    const streamBytes = Number(await redis.call('MEMORY', 'USAGE', keys.samples, 'SAMPLES', '0'));
    const dictBytes =
      Number(await redis.call('MEMORY', 'USAGE', keys.dict, 'SAMPLES', '0')) +
      Number(await redis.call('MEMORY', 'USAGE', keys.dictRev, 'SAMPLES', '0'));
    const dictionaryEntries = await redis.hlen(keys.dict);
    const entriesKept = await redis.xlen(keys.samples);
    const rowsKept = Number(await redis.hget(keys.meta, 'rows'));
    const bytesPerRow = streamBytes / Math.max(1, rowsKept);
    const row: ActivityMemoryRow = {
      sessions,
      activePct: Math.round((rows / seconds / sessions) * 1000) / 10,
      samples: seconds,
      rows,
      streamBytes,
      bytesPerRow: Math.round(bytesPerRow * 10) / 10,
      dictionaryBytes: dictBytes,
      dictionaryEntries,
      bytesPerHour: Math.round((streamBytes / seconds) * 3600),
      mbPerHourAt500Active: Math.round(((bytesPerRow * 500 * 3600) / 1024 / 1024) * 10) / 10,
    };
    log(
      `  sessions=${sessions} rows/s=${(rows / seconds).toFixed(1)} stream=${(streamBytes / 1024 / 1024).toFixed(2)} MB bytes/row=${row.bytesPerRow} dict=${dictionaryEntries} entries`,
    );
    return { row, entriesKept, appended };
  } finally {
    redis.disconnect();
    await server.stop();
  }
}

export function evaluateActivityGoals(r: Omit<ActivityResults, 'goals'>): ActivityResults['goals'] {
  const goals: ActivityResults['goals'] = [];
  for (const c of r.consoles) {
    goals.push({
      name: `sampler queries/s, K=${c.consoles}`,
      goal: `= 1/interval (${1 / c.intervalSec})`,
      value: String(c.samplerQueriesPerSec),
      met: Math.abs(c.samplerQueriesPerSec - 1 / c.intervalSec) <= 0.05,
    });
    goals.push({
      name: `duplicate sample seconds, K=${c.consoles}`,
      goal: '0',
      value: String(c.duplicateSeconds),
      met: c.duplicateSeconds === 0,
    });
    if (c.longestGapAfterKillSec !== null) {
      goals.push({
        name: `longest gap after kill -9, K=${c.consoles}`,
        goal: `≤ 2 leases (${(2 * c.leaseMs) / 1000} s)`,
        value: `${c.longestGapAfterKillSec} s`,
        met: c.longestGapAfterKillSec <= (2 * c.leaseMs) / 1000,
      });
    }
  }
  for (const m of r.memory) {
    goals.push({
      name: `Redis bytes per sampled row, ${m.sessions} sessions`,
      goal: '≤ 60',
      value: String(m.bytesPerRow),
      met: m.bytesPerRow <= 60,
    });
  }
  return goals;
}

export function activityMarkdown(r: ActivityResults): string {
  const lines = [
    `# Activity sampler bench (${r.generatedAt})`,
    '',
    '## Consoles on one connection (interval 1 s)',
    '',
    '| K | lease | steady s | sampler queries/s (statements/s) | writes | stream entries | duplicate seconds | refused dup / fenced | longest gap before kill | longest gap after kill -9 | first sample after kill |',
    '|---|---|---|---|---|---|---|---|---|---|---|',
    ...r.consoles.map(
      (c) =>
        `| ${c.consoles} | ${c.leaseMs} ms | ${c.steadySec} | ${c.samplerQueriesPerSec} (${c.samplerStatementsPerSec}) | ${c.writesReported} | ${c.streamEntries} | ${c.duplicateSeconds} | ${c.refusedDuplicate} / ${c.refusedFenced} | ${c.longestGapBeforeKillSec} s | ${c.longestGapAfterKillSec === null ? 'n/a (K=1)' : `${c.longestGapAfterKillSec} s`} | ${c.takeoverSec === null ? '—' : `${c.takeoverSec} s`} |`,
    ),
    '',
    '## Redis memory per hour of samples (5 % active)',
    '',
    '| sessions | active % | samples | rows | stream MB | bytes/row | dictionary (entries, KB) | MB/hour | MB/hour at 500 active |',
    '|---|---|---|---|---|---|---|---|---|',
    ...r.memory.map(
      (m) =>
        `| ${m.sessions} | ${m.activePct} | ${m.samples} | ${m.rows} | ${(m.streamBytes / 1024 / 1024).toFixed(2)} | ${m.bytesPerRow} | ${m.dictionaryEntries}, ${(m.dictionaryBytes / 1024).toFixed(0)} | ${(m.bytesPerHour / 1024 / 1024).toFixed(2)} | ${m.mbPerHourAt500Active} |`,
    ),
    '',
    r.memoryCap
      ? `Retention by memory: cap ${r.memoryCap.capMb} MB, ${r.memoryCap.samplesAppended} samples appended → stream ${(r.memoryCap.streamBytesAfter / 1024 / 1024).toFixed(2)} MB, ${r.memoryCap.entriesKept} entries kept (oldest trimmed first).`
      : '',
    '',
    '## Goals',
    '',
    '| goal | target | value | met |',
    '|---|---|---|---|',
    ...r.goals.map((g) => `| ${g.name} | ${g.goal} | ${g.value} | ${g.met ? 'yes' : 'NO'} |`),
    '',
    ...r.notes.map((n) => `- ${n}`),
    '',
  ];
  return lines.join('\n');
}

export async function runActivity(opts: {
  redisUrl: string;
  rootDir: string;
  quick: boolean;
  ks: number[];
  log: Log;
}): Promise<ActivityResults> {
  const notes: string[] = [];
  const leaseMs = 3000;
  const consoles: ActivityConsolesRow[] = [];
  for (const k of opts.ks) {
    try {
      consoles.push(
        await runActivityConsoles(
          k,
          opts.redisUrl,
          opts.rootDir,
          { steadySec: opts.quick ? 10 : 30, afterKillSec: 12, leaseMs },
          opts.log,
        ),
      );
    } catch (error) {
      notes.push(`consoles K=${k} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  const memory: ActivityMemoryRow[] = [];
  const seconds = opts.quick ? 600 : 3600;
  for (const n of [320, 10_000]) {
    memory.push((await runActivityMemory(n, seconds, opts.log)).row);
  }
  const capMb = 2;
  const capped = await runActivityMemory(10_000, opts.quick ? 300 : 900, opts.log, capMb);
  const memoryCap = {
    capMb,
    streamBytesAfter: capped.row.streamBytes,
    entriesKept: capped.entriesKept,
    samplesAppended: capped.appended,
  };
  notes.push(
    `Consoles: console 1 is a separate process (kill -9), consoles 2..K run in the bench process with their own Redis connection and demo database; sampler queries = activity samples every console's database answered over the steady window (console 1's sampler started first, so it leads).`,
    `Memory: ${seconds} one-second samples appended through the real store (dictionary + codec + fenced Lua append); bytes/row = MEMORY USAGE SAMPLES 0 of the stream ÷ rows; the dictionary (strings once per connection) is reported apart and does not grow with time.`,
  );
  const base = { generatedAt: new Date().toISOString(), consoles, memory, memoryCap, notes };
  return { ...base, goals: evaluateActivityGoals(base) };
}
