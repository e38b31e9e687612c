/** Turn what SQL detail has (SqlPlan, SqlDetail) into what llm:analyze takes. Pure: unit-tested. */
import { type LlmSqlStats, planRowsToText, toLlmStats } from '@shared/types/llm';
import type { PlanRow } from '@shared/types/oracle';

export const MAX_SQL_CHARS = 100_000;
export const MAX_PLAN_CHARS = 200_000;

export type PlanInput =
  | string
  | { lines?: readonly string[]; rows?: readonly PlanRow[]; planHashValue?: number | null }
  | null
  | undefined;

/** DBMS_XPLAN lines when there are any, else the V$SQL_PLAN rows drawn as a table; clipped to the contract's bound. */
export function toPlanText(plan: PlanInput): string | undefined {
  if (!plan) return undefined;
  let text: string | undefined;
  if (typeof plan === 'string') text = plan;
  else if (plan.lines?.length) text = plan.lines.join('\n');
  else if (plan.rows?.length) text = planRowsToText(plan.rows, plan.planHashValue);
  if (!text?.trim()) return undefined;
  return text.length > MAX_PLAN_CHARS ? text.slice(0, MAX_PLAN_CHARS) : text;
}

type StatsLike = Parameters<typeof toLlmStats>[0];
export type StatsInput = StatsLike | { stats: StatsLike } | null | undefined;

/** SqlDetail ({stats: TopSqlRow...}), a TopSqlRow, or LlmSqlStats → LlmSqlStats (known fields only). */
export function toStats(stats: StatsInput): LlmSqlStats | undefined {
  if (!stats) return undefined;
  const row =
    'stats' in stats && stats.stats && typeof stats.stats === 'object' ? stats.stats : (stats as StatsLike);
  const out = toLlmStats(row);
  return Object.keys(out).length ? out : undefined;
}

/** The parsing schema (SqlDetail.stats / TopSqlRow), so main can look up unqualified tables' sizes. */
export function toSchema(stats: StatsInput): string | undefined {
  if (!stats) return undefined;
  const row = ('stats' in stats && stats.stats && typeof stats.stats === 'object' ? stats.stats : stats) as {
    parsingSchemaName?: unknown;
  };
  const s = row.parsingSchemaName;
  return typeof s === 'string' && s.length > 0 && s.length <= 128 ? s : undefined;
}

/** Hide a reasoning model's <think>…</think> scratchpad (also while it is still open) in the streamed text. */
export function hideThinking(text: string): string {
  return text.replace(/<think>[\s\S]*?(<\/think>|$)/g, '').replace(/^\s+/, '');
}

let seq = 0;
export function newRequestId(): string {
  seq = (seq + 1) % 1_000_000;
  return `an-${Date.now().toString(36)}-${seq}`;
}
