/**
 * SQL analysis (issue 7): the offline analyser, OpenAI-compatible providers, and the 24 h result cache.
 * Shared by main (LlmService) and the renderer (AnalysisPanel, LLM settings form).
 */

import type { CacheMeta } from '../cache';
import type { AppError } from '../errors';

export const ANALYSIS_TYPES = ['sql', 'plan', 'tuning'] as const;
/** `sql` = SQL text analysis, `plan` = execution plan analysis, `tuning` = tuning recommendations. */
export type AnalysisType = (typeof ANALYSIS_TYPES)[number];

export const LLM_PROVIDERS = ['offline', 'openai-compatible'] as const;
/** `offline` = the built-in rule-based analyser (no model, nothing leaves the machine). */
export type LlmProviderKind = (typeof LLM_PROVIDERS)[number];

/** `auto` = mask for hosted providers, not for loopback ones (Ollama / LM Studio on this Mac). */
export const MASK_MODES = ['auto', 'on', 'off'] as const;
export type MaskMode = (typeof MASK_MODES)[number];

export const ANALYSIS_LANGUAGES = ['en', 'ko'] as const;
export type AnalysisLanguage = (typeof ANALYSIS_LANGUAGES)[number];

/** Settings as the renderer sees them: the API key is write-only (only `hasApiKey`). */
export interface LlmSettings {
  provider: LlmProviderKind;
  /** OpenAI-compatible base URL, e.g. http://localhost:11434/v1 (Ollama), http://localhost:1234/v1 (LM Studio) */
  baseUrl: string;
  model: string;
  /** a key is stored for this base URL's server (it is never sent to another server) */
  hasApiKey: boolean;
  /** set when a key is stored for another server than the current base URL (scheme://host:port) */
  apiKeyOrigin?: string;
  maskLiterals: MaskMode;
  /** what `maskLiterals` means for the current base URL */
  maskLiteralsEffective: boolean;
  /** true when the base URL is a loopback address (localhost, 127.0.0.0/8, ::1) */
  localProvider: boolean;
  /** no answer (or no new streamed chunk) within this many ms = timeout */
  timeoutMs: number;
  temperature: number;
  /** 8-hex fingerprint of provider+base URL+model; the prefix of this model's cache hashes */
  modelFingerprint: string;
}

export interface LlmSettingsUpdate {
  provider?: LlmProviderKind;
  baseUrl?: string;
  model?: string;
  /** write-only: a string sets it, null clears it, absent keeps it */
  apiKey?: string | null;
  maskLiterals?: MaskMode;
  timeoutMs?: number;
  temperature?: number;
}

/** Per-statement statistics (totals since load, as V$SQLSTATS / TopSqlRow carry them). */
export interface LlmSqlStats {
  executions?: number;
  elapsedMs?: number;
  cpuMs?: number;
  bufferGets?: number;
  diskReads?: number;
  rowsProcessed?: number;
  parseCalls?: number;
  planHashValue?: number;
}

export interface LlmIndexInfo {
  name: string;
  columns: string[];
  unique?: boolean;
}

export interface LlmColumnInfo {
  name: string;
  /** e.g. VARCHAR2, NUMBER, DATE */
  dataType?: string;
  nullable?: boolean;
}

/** What the analyser and the prompt know about a table the statement reads. */
export interface LlmTableInfo {
  owner?: string;
  name: string;
  numRows?: number | null;
  blocks?: number | null;
  /** epoch ms; null = never analysed */
  lastAnalyzed?: number | null;
  indexes?: LlmIndexInfo[];
  columns?: LlmColumnInfo[];
}

export type FindingSeverity = 'high' | 'medium' | 'low' | 'info';

export interface Finding {
  ruleId: string;
  severity: FindingSeverity;
  title: string;
  explanation: string;
  suggestion: string;
  /** the piece of SQL or plan that triggered the rule */
  evidence: string;
}

export interface LlmUsage {
  promptTokens?: number;
  completionTokens?: number;
  totalTokens?: number;
}

/** The value cached under tms:llm:{type}:{hash}: the model's answer and what it cost. */
export interface LlmCachedAnswer {
  markdown: string;
  model: string;
  usage?: LlmUsage;
  latencyMs: number;
  createdAt: number;
  masked: boolean;
  finishReason?: string;
}

export interface AnalyzeRequest {
  /** chosen by the caller; `llm:chunk` / `llm:done` events and `llm:cancel` use it */
  requestId: string;
  connId: string;
  sqlId?: string;
  /** the statement's text; when absent, main reads it by `sqlId` (it is then `inputs.text.source: fetched`) */
  sqlText?: string;
  type: AnalysisType;
  /** the parsing schema: unqualified table names in the SQL are looked up there */
  schema?: string;
  /** DBMS_XPLAN output (lines joined with \n) */
  plan?: string;
  stats?: LlmSqlStats;
  tables?: LlmTableInfo[];
  language?: AnalysisLanguage;
  /** skip the cache and ask the model again (the new answer replaces the cached one) */
  refresh?: boolean;
}

/** What an analysis can read about a statement. */
export const ANALYSIS_INPUTS = ['text', 'plan', 'stats', 'tables'] as const;
export type AnalysisInputName = (typeof ANALYSIS_INPUTS)[number];

/**
 * Why an input the analysis needed is missing: `agedOut` = the cursor left the shared pool (V$SQL has no
 * plan / statistics for it any more); `readFailed` = reading it failed (`errorCode` says how);
 * `noSqlId` = the request named no SQL_ID to read it by; `noSource` = this console cannot read it;
 * `notFound` = none of the statement's tables could be found in the dictionary.
 */
export const ANALYSIS_INPUT_GAPS = ['agedOut', 'readFailed', 'noSqlId', 'noSource', 'notFound'] as const;
export type AnalysisInputGap = (typeof ANALYSIS_INPUT_GAPS)[number];

/** How an analysis used one input: the panel shows it, so a missing plan is never silent. */
export interface AnalysisInputUse {
  /** `used` = the analysis read it; `missing` = it needed it and could not have it; `notNeeded` = this
   * analysis does not read it (e.g. the offline SQL-text rules and the plan) */
  status: 'used' | 'missing' | 'notNeeded';
  /** for a used input: `request` = sent by the screen; `fetched` = read by main for this analysis */
  source?: 'request' | 'fetched';
  /** for a fetched input: epoch ms the monitoring cache read it from Oracle */
  storedAt?: number;
  /** for a missing input */
  reason?: AnalysisInputGap;
  /** for `readFailed`: the error's code (e.g. ORACLE_UNREACHABLE, ORACLE_TIMEOUT) */
  errorCode?: string;
  /** tables: how many the analysis knew sizes of */
  count?: number;
}

export type AnalysisInputs = Record<AnalysisInputName, AnalysisInputUse>;

export interface AnalyzeResponse {
  requestId: string;
  type: AnalysisType;
  provider: LlmProviderKind;
  /** `offline` or `openai-compatible:<base URL>` */
  providerId: string;
  model: string;
  promptVersion: string;
  /** the cache hash (`{fingerprint8}-{sha256}`); empty for offline analyses (not cached) */
  hash: string;
  markdown: string;
  /** the offline rules' findings (always computed fresh, also alongside a model's answer) */
  findings: Finding[];
  /** the answer was read from the cache (L1/L2, or stale within grace: `cache.stale` says so) */
  fromCache: boolean;
  /** this request called the model (false for cache hits, offline analyses, and requests that joined
   * an identical analysis already in flight) */
  modelCalled: boolean;
  /** the cache's own account (origin, storedAt, TTL); absent for offline analyses */
  cache?: CacheMeta;
  usage?: LlmUsage;
  /** how long the model took when the answer was produced (also for cached answers) */
  modelLatencyMs?: number;
  /** epoch ms the answer was produced */
  generatedAt: number;
  /** literals were masked before the prompt left the machine */
  masked: boolean;
  finishReason?: string;
  /** what the analysis read (text, plan, statistics, table sizes), where from, and what it lacked */
  inputs: AnalysisInputs;
}

export interface LlmModelInfo {
  id: string;
  ownedBy?: string;
}

export interface LlmModelList {
  baseUrl: string;
  models: LlmModelInfo[];
  latencyMs: number;
}

export interface LlmTestResult {
  ok: boolean;
  provider: LlmProviderKind;
  baseUrl: string;
  latencyMs: number;
  modelCount: number;
  /** the configured model is in /v1/models (null: no model configured or offline) */
  modelFound: boolean | null;
  /** English, for logs; the renderer words the result from the fields above and `error` */
  message: string;
  /** why the test failed (a classified LLM_ERROR with `details.reason`) */
  error?: AppError;
}

export interface LlmStats {
  /** analyses answered from the cache (no model call) */
  servedFromCache: number;
  /** analyses that joined an identical one already running (one model call served both) */
  sharedInFlight: number;
  /** analyses that called the model and succeeded */
  modelCalls: number;
  modelErrors: number;
  cancelled: number;
  offlineAnalyses: number;
  /** mean model latency over successful calls (ms) */
  avgModelLatencyMs: number | null;
  /** sum over cache hits (and shared in-flight answers) of the latency the answer originally cost */
  timeSavedMs: number;
  /** sum over cache hits of the tokens the cached answer originally cost (when the provider reported them) */
  tokensSaved: number;
  tokensUsed: number;
  since: number;
}

export interface LlmChunkEvent {
  requestId: string;
  delta: string;
}

export interface LlmDoneEvent {
  requestId: string;
  ok: boolean;
  fromCache?: boolean;
  error?: AppError;
}

/** Build LlmSqlStats from a TopSqlRow / SqlDetail.stats-like object (extra fields ignored). */
export function toLlmStats(row: {
  executions?: number;
  elapsedMs?: number;
  cpuMs?: number;
  bufferGets?: number;
  diskReads?: number;
  rowsProcessed?: number;
  parseCalls?: number;
  planHashValue?: number;
}): LlmSqlStats {
  const out: LlmSqlStats = {};
  for (const k of [
    'executions',
    'elapsedMs',
    'cpuMs',
    'bufferGets',
    'diskReads',
    'rowsProcessed',
    'parseCalls',
    'planHashValue',
  ] as const) {
    const v = row[k];
    if (typeof v === 'number' && Number.isFinite(v) && v >= 0) out[k] = v;
  }
  return out;
}

/** Render V$SQL_PLAN-like rows as a DBMS_XPLAN-style table (for when only structured rows exist). */
export function planRowsToText(
  rows: readonly {
    id: number;
    depth: number;
    operation: string;
    options: string | null;
    objectName: string | null;
    cardinality: number | null;
    cost: number | null;
    accessPredicates?: string | null;
    filterPredicates?: string | null;
  }[],
  planHashValue?: number | null,
): string {
  const lines: string[] = [];
  if (planHashValue != null) lines.push(`Plan hash value: ${planHashValue}`, '');
  lines.push('| Id | Operation | Name | Rows | Cost |');
  for (const r of rows) {
    const star = r.accessPredicates || r.filterPredicates ? '*' : ' ';
    const op = `${' '.repeat(r.depth)}${r.operation}${r.options ? ` ${r.options}` : ''}`;
    lines.push(
      `|${star}${r.id} | ${op} | ${r.objectName ?? ''} | ${r.cardinality ?? ''} | ${r.cost ?? ''} |`,
    );
  }
  const preds = rows.flatMap((r) => [
    ...(r.accessPredicates ? [`   ${r.id} - access(${r.accessPredicates})`] : []),
    ...(r.filterPredicates ? [`   ${r.id} - filter(${r.filterPredicates})`] : []),
  ]);
  if (preds.length) lines.push('', 'Predicate Information (identified by operation id):', ...preds);
  return lines.join('\n');
}
