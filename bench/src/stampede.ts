/**
 * Stampede: K processes ask for one cold key at the same instant; how many source fetches follow?
 * Ours (in-process coalescing + a Redis lock across processes) against bentocache (in-process only).
 * The K processes are forked once; each round uses a new key, alternating ours / bentocache.
 */
import { fork } from 'node:child_process';
import { join } from 'node:path';
import type { OracleServer } from './procs';
import { stopChild } from './procs';
import type { StampedeResults } from './results';
import { round, summarize } from './stats';
import { countKey } from './views';
import type { StampedeConfig } from './worker-types';

interface RoundResult {
  ms: number;
  ok: number;
  error?: string;
}

export async function runStampede(
  processes: number,
  rounds: number,
  redisUrl: string,
  oracle: OracleServer,
): Promise<StampedeResults & { errors: string[] }> {
  const children = Array.from({ length: processes }, (_, i) => {
    const cfg: StampedeConfig = { role: 'stampede', index: i, redisUrl, oraclePort: oracle.client.port };
    return fork(join(__dirname, 'stampede-worker.cjs'), [JSON.stringify(cfg)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
  });
  const next = (type: string) =>
    children.map(
      (c) =>
        new Promise<RoundResult>((resolve, reject) => {
          const onMsg = (m: { type: string } & RoundResult) => {
            if (m.type === 'fatal') reject(new Error(`stampede worker failed: ${JSON.stringify(m)}`));
            if (m.type !== type) return;
            c.off('message', onMsg);
            resolve(m);
          };
          c.on('message', onMsg);
        }),
    );
  const fetches: Record<'ours' | 'bento', number[]> = { ours: [], bento: [] };
  const answers: Record<'ours' | 'bento', number[]> = { ours: [], bento: [] };
  const errors: string[] = [];
  try {
    await Promise.all(next('ready'));
    const runId = Date.now().toString(36);
    for (let r = 0; r < rounds; r++) {
      for (const impl of ['ours', 'bento'] as const) {
        const tag = `stampede-${impl}-${runId}-${r}`;
        const results = next('result');
        const at = Date.now() + 150;
        for (const c of children) c.send({ type: 'round', at, impl, tag });
        for (const d of await Promise.all(results)) {
          answers[impl].push(d.ms);
          if (!d.ok && d.error && errors.length < 5) errors.push(`${impl}: ${d.error}`);
        }
        const stats = await oracle.client.stats();
        fetches[impl].push(stats.counts[countKey('sessions', [], tag)] ?? 0);
      }
    }
    const done = next('done');
    for (const c of children) c.send({ type: 'exit' });
    await Promise.race([Promise.all(done), new Promise((r) => setTimeout(r, 3000))]);
  } finally {
    await Promise.all(children.map((c) => stopChild(c)));
  }
  const a = summarize(answers.ours);
  const b = summarize(answers.bento);
  return {
    processes,
    rounds,
    ourFetches: Math.max(...fetches.ours),
    bentocacheFetches: Math.max(...fetches.bento),
    ourFetchesPerRound: fetches.ours,
    bentocacheFetchesPerRound: fetches.bento,
    ourAnswer_ms: { p50: round(a.p50), p99: round(a.p99) },
    bentocacheAnswer_ms: { p50: round(b.p50), p99: round(b.p99) },
    errors,
  };
}
