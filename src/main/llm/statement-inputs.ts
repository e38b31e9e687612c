/**
 * The statement's plan and statistics for an analysis. The screen sends what it has loaded; what an
 * analysis needs and the screen has not got yet (the plan still loading when Analyse was clicked) is read
 * here through the monitoring service (the same cached reads SQL detail uses, so usually a cache hit or a
 * join of the screen's own read). What cannot be had is recorded with its reason, never dropped silently.
 */

import type { Cached } from '@shared/cache';
import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import {
  type AnalysisInputUse,
  type AnalysisType,
  type AnalyzeRequest,
  type LlmSqlStats,
  planRowsToText,
  toLlmStats,
} from '@shared/types/llm';
import type { SqlDetail, SqlPlan, SqlText } from '@shared/types/oracle';

/** The monitoring service's statement reads (MonitoringService has them); injected by the composition root. */
export interface StatementReader {
  sqlText(connId: string, sqlId: string): Promise<Cached<SqlText>>;
  sqlPlan(connId: string, sqlId: string): Promise<Cached<SqlPlan>>;
  sqlDetail(connId: string, sqlId: string): Promise<Cached<SqlDetail>>;
}

/** The bounds of the llm:analyze contract. */
export const MAX_SQL_CHARS = 100_000;
export const MAX_PLAN_CHARS = 200_000;

/** `need` = read it, and say so when it cannot be had; `ifSent` = use it when the screen sent it; `no`. */
export type InputNeed = 'need' | 'ifSent' | 'no';
export interface InputNeeds {
  plan: InputNeed;
  stats: InputNeed;
}

/** The offline SQL-text rules read neither plan nor statistics; a model's SQL review reads the statistics
 * (and a plan the screen sent: the prompt includes it); plan and tuning analyses need both. */
export function inputsNeeded(type: AnalysisType, offline: boolean): InputNeeds {
  if (type === 'sql') return offline ? { plan: 'no', stats: 'no' } : { plan: 'ifSent', stats: 'need' };
  return { plan: 'need', stats: 'need' };
}

export interface ResolvedStatement {
  plan?: string;
  stats?: LlmSqlStats;
  schema?: string;
  planUse: AnalysisInputUse;
  statsUse: AnalysisInputUse;
}

/** DBMS_XPLAN lines when there are any, else the V$SQL_PLAN rows drawn as a table; undefined when empty. */
export function planText(plan: SqlPlan): string | undefined {
  const text = plan.lines.length
    ? plan.lines.join('\n')
    : plan.rows.length
      ? planRowsToText(plan.rows, plan.planHashValue)
      : '';
  if (!text.trim()) return undefined;
  return text.length > MAX_PLAN_CHARS ? text.slice(0, MAX_PLAN_CHARS) : text;
}

function gap(error: unknown): AnalysisInputUse {
  if (error instanceof TmsError && error.code === 'NOT_FOUND')
    return { status: 'missing', reason: 'agedOut' };
  return {
    status: 'missing',
    reason: 'readFailed',
    errorCode: error instanceof TmsError ? error.code : 'INTERNAL',
  };
}

/**
 * The statement's text: as sent, else read by SQL_ID. Without a text there is nothing to analyse, so a
 * text that cannot be had is an error that says why (the monitoring read's NOT_FOUND says "aged out").
 */
export async function resolveText(
  req: AnalyzeRequest,
  reader: StatementReader | undefined,
): Promise<{ sqlText: string; use: AnalysisInputUse }> {
  if (req.sqlText !== undefined) return { sqlText: req.sqlText, use: { status: 'used', source: 'request' } };
  if (!req.sqlId) throw invalidInput('llm.noSql', 'Give the SQL text or its SQL_ID.');
  if (!reader) {
    throw new TmsError('VALIDATION', 'The SQL text was not sent, and this console cannot read it by SQL_ID.');
  }
  const read = await reader.sqlText(req.connId, req.sqlId);
  const text = read.data.text;
  if (!text.trim()) throw new TmsError('NOT_FOUND', `SQL_ID ${req.sqlId} has no text to analyse.`);
  if (text.length > MAX_SQL_CHARS) {
    throw invalidInput('llm.sqlTooLong', `The SQL text is longer than ${MAX_SQL_CHARS} characters.`, {
      max: MAX_SQL_CHARS,
    });
  }
  return { sqlText: text, use: { status: 'used', source: 'fetched', storedAt: read.cache.storedAt } };
}

export async function resolveStatement(
  req: AnalyzeRequest,
  needs: InputNeeds,
  reader: StatementReader | undefined,
  onError?: (message: string, error?: unknown) => void,
): Promise<ResolvedStatement> {
  const out: ResolvedStatement = {
    ...(req.plan?.trim() ? { plan: req.plan } : {}),
    ...(req.stats && Object.keys(req.stats).length ? { stats: req.stats } : {}),
    ...(req.schema ? { schema: req.schema } : {}),
    planUse: { status: 'notNeeded' },
    statsUse: { status: 'notNeeded' },
  };
  const unavailable = (): AnalysisInputUse => ({
    status: 'missing',
    reason: req.sqlId ? 'noSource' : 'noSqlId',
  });
  const canRead = Boolean(req.sqlId && reader);

  const readPlan = async (): Promise<void> => {
    if (needs.plan === 'no') return;
    if (out.plan) {
      out.planUse = { status: 'used', source: 'request' };
      return;
    }
    if (needs.plan !== 'need') return;
    if (!canRead) {
      out.planUse = unavailable();
      return;
    }
    try {
      const read = await reader!.sqlPlan(req.connId, req.sqlId!);
      const text = planText(read.data);
      if (text) {
        out.plan = text;
        out.planUse = { status: 'used', source: 'fetched', storedAt: read.cache.storedAt };
      } else {
        out.planUse = { status: 'missing', reason: 'agedOut' };
      }
    } catch (error) {
      out.planUse = gap(error);
      if (out.planUse.reason === 'readFailed')
        onError?.('the plan for the analysis could not be read', error);
    }
  };

  const readStats = async (): Promise<void> => {
    // the parsing schema also comes from the statistics: unqualified table names are looked up there
    const wanted = needs.stats === 'need' && !out.stats;
    if (out.stats && needs.stats !== 'no') out.statsUse = { status: 'used', source: 'request' };
    if (!wanted && (out.schema || !canRead)) return;
    if (!canRead) {
      out.statsUse = unavailable();
      return;
    }
    try {
      const read = await reader!.sqlDetail(req.connId, req.sqlId!);
      const schema = read.data.stats.parsingSchemaName;
      if (!out.schema && schema) out.schema = schema;
      if (wanted) {
        const stats = toLlmStats(read.data.stats);
        if (Object.keys(stats).length) {
          out.stats = stats;
          out.statsUse = { status: 'used', source: 'fetched', storedAt: read.cache.storedAt };
        } else {
          out.statsUse = { status: 'missing', reason: 'agedOut' };
        }
      }
    } catch (error) {
      if (wanted) {
        out.statsUse = gap(error);
        if (out.statsUse.reason === 'readFailed')
          onError?.('the statistics for the analysis could not be read', error);
      }
    }
  };

  await Promise.all([readPlan(), readStats()]);
  return out;
}
