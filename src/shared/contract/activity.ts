/**
 * Activity (issue 14): average active sessions over time from the team's one sampler (or Oracle's ASH
 * with the Diagnostics Pack opt-in), blocking history, top SQL over a window, and the sampler's status
 * and shared settings. New samples are PUSHED (`activity:samples`): renderers never poll for them.
 *
 * A view that shows activity calls `activity:watch` when it opens and every ACTIVITY_WATCH_RENEW_MS
 * while open (`watching: false` when it closes): sampling runs while any console of the team watches.
 */
import { z } from 'zod';
import {
  ACTIVITY_DIMENSIONS,
  ACTIVITY_RANGE_MAX_MS,
  ACTIVITY_RANGE_MIN_MS,
  type ActivityAas,
  type ActivitySamplesEvent,
  type ActivitySettings,
  type ActivityTop,
  type BlockingChainDetail,
  type BlockingHistory,
  ROLLUP_RETENTION_MAX_H,
  ROLLUP_RETENTION_MIN_H,
  SAMPLE_INTERVAL_MAX_SEC,
  SAMPLE_INTERVAL_MIN_SEC,
  SAMPLE_MEMORY_MAX_MB,
  SAMPLE_MEMORY_MIN_MB,
  SAMPLE_RETENTION_MAX_MIN,
  SAMPLE_RETENTION_MIN_MIN,
  type SamplerStatus,
  TOP_SQL_WINDOW_ORDERS,
  TOP_SQL_WINDOWS,
  type TopSqlWindowResult,
} from '../types/activity';
import { connIdSchema } from './connections';
import { channel, event } from './define';

/** Epoch ms between 2000-01-01 and 2200-01-01 (rejects seconds passed as ms and garbage). */
const epochMs = z.number().int().min(946_684_800_000).max(7_258_118_400_000);

/**
 * A time range: `to` defaults to now; `from` defaults to `to - rangeMs`; give `rangeMs` (5 min-24 h)
 * for a moving window, or an explicit `from`. The span must be 5 min-24 h.
 */
export const activityRangeSchema = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    rangeMs: z.number().int().min(ACTIVITY_RANGE_MIN_MS).max(ACTIVITY_RANGE_MAX_MS).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.rangeMs === undefined, 'give either from or rangeMs, not both')
  .refine(
    (r) =>
      r.from === undefined ||
      r.to === undefined ||
      (r.to - r.from >= ACTIVITY_RANGE_MIN_MS && r.to - r.from <= ACTIVITY_RANGE_MAX_MS),
    'the range must be 5 minutes to 24 hours',
  );

/**
 * The top tables' range: a chart selection (brushed) may be shorter than the chart's 5-minute minimum,
 * down to one second; at most 24 h.
 */
export const activitySelectionSchema = z
  .object({
    from: epochMs.optional(),
    to: epochMs.optional(),
    rangeMs: z.number().int().min(1000).max(ACTIVITY_RANGE_MAX_MS).optional(),
  })
  .strict()
  .refine((r) => r.from === undefined || r.rangeMs === undefined, 'give either from or rangeMs, not both')
  .refine(
    (r) =>
      r.from === undefined ||
      r.to === undefined ||
      (r.to - r.from >= 1000 && r.to - r.from <= ACTIVITY_RANGE_MAX_MS),
    'the range must be 1 second to 24 hours',
  );

const dimension = z.enum(ACTIVITY_DIMENSIONS);
/** A value of one dimension to narrow to (e.g. only SQL_ID x, only wait class 'User I/O'). */
const filterSchema = z
  .object({
    dimension,
    value: z
      .string()
      .max(256)
      // biome-ignore lint/suspicious/noControlCharactersInRegex: dimension values never hold control characters
      .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters'),
  })
  .strict();
const source = z.enum(['auto', 'sampler', 'ash']).default('auto');

const aasRequest = z
  .object({
    connId: connIdSchema,
    range: activityRangeSchema,
    dimension: dimension.default('waitClass'),
    /** bucket length; default: the range / 120, at least the interval, rounded to a nice step */
    bucketSec: z.number().int().min(1).max(3600).optional(),
    /** series beyond the top N are summed as '(other)' */
    maxSeries: z.number().int().min(1).max(50).default(12),
    filters: z.array(filterSchema).max(4).default([]),
    source,
  })
  .strict();

const topRequest = z
  .object({
    connId: connIdSchema,
    range: activitySelectionSchema,
    limit: z.number().int().min(1).max(100).default(10),
    filters: z.array(filterSchema).max(4).default([]),
    source,
  })
  .strict();

const blockingHistoryRequest = z
  .object({
    connId: connIdSchema,
    range: activityRangeSchema,
    limit: z.number().int().min(1).max(500).default(100),
  })
  .strict();

const blockingChainRequest = z
  .object({
    connId: connIdSchema,
    /** BlockingEpisode.id */
    episodeId: z
      .string()
      .max(80)
      .regex(/^\d{1,4}\.\d{1,10}\.\d{1,10}@\d{12,14}$/, 'not an episode id'),
    /** the sample to show (nearest inside the episode); default: the one with the most waiters */
    at: epochMs.optional(),
  })
  .strict();

const topSqlWindowRequest = z
  .object({
    connId: connIdSchema,
    windowMin: z
      .union([z.literal(TOP_SQL_WINDOWS[0]), z.literal(TOP_SQL_WINDOWS[1]), z.literal(TOP_SQL_WINDOWS[2])])
      .default(15),
    orderBy: z.enum(TOP_SQL_WINDOW_ORDERS).default('elapsed'),
    limit: z.number().int().min(1).max(200).default(25),
  })
  .strict();

/** Every setting optional: only those given change (shared by the team through Redis). */
export const activitySettingsPatchSchema = z
  .object({
    intervalSec: z.number().int().min(SAMPLE_INTERVAL_MIN_SEC).max(SAMPLE_INTERVAL_MAX_SEC).optional(),
    alwaysOn: z.boolean().optional(),
    retentionMinutes: z.number().int().min(SAMPLE_RETENTION_MIN_MIN).max(SAMPLE_RETENTION_MAX_MIN).optional(),
    rollupRetentionHours: z.number().int().min(ROLLUP_RETENTION_MIN_H).max(ROLLUP_RETENTION_MAX_H).optional(),
    maxMemoryMb: z.number().int().min(SAMPLE_MEMORY_MIN_MB).max(SAMPLE_MEMORY_MAX_MB).optional(),
  })
  .strict();

export type ActivitySettingsPatch = z.infer<typeof activitySettingsPatchSchema>;

const watchRequest = z
  .object({
    connId: connIdSchema,
    /** a random id per open view (renderer-made), so two views of one console count once each */
    viewerId: z
      .string()
      .min(8)
      .max(64)
      .regex(/^[A-Za-z0-9_-]+$/),
    watching: z.boolean(),
  })
  .strict();

const byConn = z.object({ connId: connIdSchema }).strict();

export const activityChannels = {
  /** AAS per bucket sliced by a dimension */
  'activity:aas': channel(aasRequest).returns<ActivityAas>(),
  /** top SQL / sessions / events over a range (the chart's selection) */
  'activity:top': channel(topRequest).returns<ActivityTop>(),
  /** blocking chains seen in the samples, newest first */
  'activity:blockingHistory': channel(blockingHistoryRequest).returns<BlockingHistory>(),
  /** one chain: the tree at a sample, its duration, SQL and objects; NOT_FOUND when trimmed away */
  'activity:blockingChain': channel(blockingChainRequest).returns<BlockingChainDetail>(),
  /** V$SQLSTATS deltas between the team's shared snapshots */
  'activity:topSqlWindow': channel(topSqlWindowRequest).returns<TopSqlWindowResult>(),
  'activity:status': channel(byConn).returns<SamplerStatus>(),
  /** a view opens / renews / closes: sampling runs while anyone watches (or always-on) */
  'activity:watch': channel(watchRequest).returns<SamplerStatus>(),
  'activity:settings': channel(byConn).returns<ActivitySettings>(),
  'activity:setSettings': channel(
    z.object({ connId: connIdSchema, patch: activitySettingsPatchSchema }).strict(),
  ).returns<ActivitySettings>(),
};

export const activityEvents = {
  /** one per new sample of a connection, to every renderer */
  'activity:samples': event<ActivitySamplesEvent>(),
  /** role / Redis / settings changes of a connection's sampler */
  'activity:status': event<SamplerStatus>(),
};
