/**
 * Stampede: K processes ask for one cold key at the same instant; how many source fetches follow?
 * Ours (in-process coalescing + a Redis lock across processes) against bentocache (in-process only).
 */
import type { OracleServer } from './procs';
import { runWorkers } from './procs';
import type { StampedeResults } from './results';
import { round, summarize } from './stats';
import { countKey } from './views';
import type { StampedeConfig } from './worker-types';

interface Done {
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
  const fetches: Record<'ours' | 'bento', number[]> = { ours: [], bento: [] };
  const answers: Record<'ours' | 'bento', number[]> = { ours: [], bento: [] };
  const errors: string[] = [];
  const runId = Date.now().toString(36);
  for (let r = 0; r < rounds; r++) {
    for (const impl of ['ours', 'bento'] as const) {
      const tag = `stampede-${impl}-${runId}-${r}`;
      const configs: StampedeConfig[] = Array.from({ length: processes }, (_, i) => ({
        role: 'stampede',
        impl,
        index: i,
        redisUrl,
        oraclePort: oracle.client.port,
        connId: tag,
        tag,
      }));
      const { results } = await runWorkers<Done>(configs, 300);
      const stats = await oracle.client.stats();
      fetches[impl].push(stats.counts[countKey('sessions', [], tag)] ?? 0);
      for (const d of results) {
        answers[impl].push(d.ms);
        if (!d.ok && d.error && errors.length < 5) errors.push(`${impl}: ${d.error}`);
      }
    }
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
