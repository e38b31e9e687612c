/**
 * SQL analysis (issue 7): provider settings, model list, analyses (streamed), cancel, stats.
 * The API key is write-only: it goes in through llm:updateSettings and never comes back (only hasApiKey).
 */
import { z } from 'zod';
import {
  ANALYSIS_LANGUAGES,
  ANALYSIS_TYPES,
  type AnalyzeResponse,
  LLM_PROVIDERS,
  type LlmChunkEvent,
  type LlmDoneEvent,
  type LlmModelList,
  type LlmSettings,
  type LlmStats,
  type LlmTestResult,
  MASK_MODES,
} from '../types/llm';
import { channel, event } from './define';

const httpUrl = z
  .string()
  .trim()
  .min(8)
  .max(500)
  .refine((v) => {
    try {
      const u = new URL(v);
      return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password;
    } catch {
      return false;
    }
  }, 'must be an http:// or https:// URL without credentials (put the key in the API key field)');

const modelId = z.string().trim().min(1).max(200);
const apiKey = z.string().min(1).max(4096);
const id = z.string().min(1).max(100);
const count = z.number().finite().min(0).max(1e18);

const statsSchema = z
  .object({
    executions: count.optional(),
    elapsedMs: count.optional(),
    cpuMs: count.optional(),
    bufferGets: count.optional(),
    diskReads: count.optional(),
    rowsProcessed: count.optional(),
    parseCalls: count.optional(),
    planHashValue: z
      .number()
      .int()
      .min(0)
      .max(2 ** 32)
      .optional(),
  })
  .strict();

const name = z.string().min(1).max(128);
const tableSchema = z
  .object({
    owner: name.optional(),
    name,
    numRows: count.nullable().optional(),
    blocks: count.nullable().optional(),
    lastAnalyzed: z.number().int().min(0).max(8.64e15).nullable().optional(),
    indexes: z
      .array(
        z.object({ name, columns: z.array(name).min(1).max(32), unique: z.boolean().optional() }).strict(),
      )
      .max(50)
      .optional(),
    columns: z
      .array(
        z
          .object({ name, dataType: z.string().max(64).optional(), nullable: z.boolean().optional() })
          .strict(),
      )
      .max(1000)
      .optional(),
  })
  .strict();

export const llmChannels = {
  'llm:settings': channel(z.object({}).strict()).returns<LlmSettings>(),
  'llm:updateSettings': channel(
    z
      .object({
        provider: z.enum(LLM_PROVIDERS).optional(),
        baseUrl: httpUrl.optional(),
        model: z.string().trim().max(200).optional(),
        /** write-only; null clears the stored key */
        apiKey: apiKey.nullable().optional(),
        maskLiterals: z.enum(MASK_MODES).optional(),
        timeoutMs: z.number().int().min(1000).max(3_600_000).optional(),
        temperature: z.number().min(0).max(2).optional(),
      })
      .strict(),
  ).returns<LlmSettings>(),
  /** GET {baseUrl}/models for the picker; overrides let the form try values before saving */
  'llm:models': channel(
    z.object({ baseUrl: httpUrl.optional(), apiKey: apiKey.optional() }).strict(),
  ).returns<LlmModelList>(),
  'llm:testProvider': channel(
    z.object({ baseUrl: httpUrl.optional(), model: modelId.optional(), apiKey: apiKey.optional() }).strict(),
  ).returns<LlmTestResult>(),
  'llm:analyze': channel(
    z
      .object({
        requestId: id,
        connId: id,
        sqlId: z.string().min(1).max(32).optional(),
        /** absent: main reads the text by sqlId (Analyse clicked before SQL detail had the text) */
        sqlText: z.string().min(1).max(100_000).optional(),
        type: z.enum(ANALYSIS_TYPES),
        schema: name.optional(),
        plan: z.string().max(200_000).optional(),
        stats: statsSchema.optional(),
        tables: z.array(tableSchema).max(100).optional(),
        language: z.enum(ANALYSIS_LANGUAGES).optional(),
        refresh: z.boolean().optional(),
      })
      .strict()
      .refine((r) => r.sqlText !== undefined || r.sqlId !== undefined, 'give the SQL text or its SQL_ID'),
  ).returns<AnalyzeResponse>(),
  'llm:cancel': channel(z.object({ requestId: id }).strict()).returns<{ cancelled: boolean }>(),
  'llm:stats': channel(z.object({}).strict()).returns<LlmStats>(),
};

export const llmEvents = {
  /** a piece of a streamed answer */
  'llm:chunk': event<LlmChunkEvent>(),
  /** the analysis finished (ok, failed or cancelled) */
  'llm:done': event<LlmDoneEvent>(),
};
