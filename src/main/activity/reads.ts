/**
 * The Activity view's reads over a store: AAS by dimension, the top tables, blocking history and one
 * chain. Raw samples where the store still has them, per-minute roll-ups before that.
 */

import { invalidInput } from '@shared/error-reasons';
import { TmsError } from '@shared/errors';
import type {
  ActivityAas,
  ActivityRow,
  ActivitySample,
  ActivitySource,
  ActivityTop,
  BlockingChainDetail,
  BlockingHistory,
  BlockingObject,
} from '@shared/types/activity';
import { aasFromRollups, aasFromSamples, chooseBucketSec, topFromRollups, topFromSamples } from './aggregate';
import { type EpisodePart, episodeId, episodesIn, mergeParts, toEpisode, treeAt } from './blocking';
import type { RowFilter } from './dimensions';
import type { SampleStore } from './store';

export interface RangeInput {
  from?: number | undefined;
  to?: number | undefined;
  rangeMs?: number | undefined;
}

const DEFAULT_RANGE_MS = 60 * 60_000;

export function resolveRange(r: RangeInput, now: number): { from: number; to: number } {
  const to = r.to ?? now;
  const from = r.from ?? to - (r.rangeMs ?? DEFAULT_RANGE_MS);
  if (to <= from) throw invalidInput('activity.badRange', 'The range ends before it starts.');
  return { from, to };
}

export interface ReadContext {
  connId: string;
  store: SampleStore;
  source: ActivitySource;
  cpuCount: number | null;
  intervalSec: number;
  now: number;
}

/**
 * "Now" for a moving range: the console's clock, or just past the newest sample when the database's
 * clock (which stamps the samples) runs ahead of the console's.
 */
function liveNow(ctx: ReadContext, newest: number | null): number {
  return Math.max(ctx.now, newest === null ? 0 : newest + 1000);
}

/** raw samples cover [oldest, …]: older parts of the range come from roll-ups */
async function coverage(store: SampleStore): Promise<{ oldest: number | null; newest: number | null }> {
  const s = await store.stats();
  return { oldest: s.oldest, newest: s.newest };
}

export async function readAas(
  ctx: ReadContext,
  range: RangeInput,
  dimension: ActivityAas['dimension'],
  maxSeries: number,
  filters: readonly RowFilter[],
  bucketSec?: number,
): Promise<ActivityAas> {
  const cov = await coverage(ctx.store);
  const { from: f0, to: t0 } = resolveRange(range, liveNow(ctx, cov.newest));
  const rollup =
    filters.length === 0 && (cov.oldest === null || f0 < cov.oldest - 60_000) && t0 - f0 > 60 * 60_000;
  const bucket = chooseBucketSec(t0 - f0, rollup ? 60 : ctx.intervalSec, bucketSec);
  const from = Math.floor(f0 / (bucket * 1000)) * bucket * 1000;
  const to = Math.ceil(t0 / (bucket * 1000)) * bucket * 1000;
  const q = { from, to, bucketSec: bucket, dimension, maxSeries, filters };
  const r = rollup
    ? aasFromRollups(await ctx.store.rollups(from, to), q)
    : aasFromSamples(await ctx.store.range(from, to), q);
  return {
    connId: ctx.connId,
    source: ctx.source,
    dimension,
    from,
    to,
    bucketSec: bucket,
    buckets: r.buckets,
    series: r.series,
    samplesPerBucket: r.samplesPerBucket,
    intervalSec: r.intervalSec || ctx.intervalSec,
    cpuCount: ctx.cpuCount,
    resolution: rollup ? 'rollup' : 'samples',
    newestSampleAt: cov.newest,
    at: ctx.now,
  };
}

export async function readTop(
  ctx: ReadContext,
  range: RangeInput,
  limit: number,
  filters: readonly RowFilter[],
): Promise<ActivityTop> {
  const cov = await coverage(ctx.store);
  const { from, to } = resolveRange(range, liveNow(ctx, cov.newest));
  const rollup =
    filters.length === 0 && (cov.oldest === null || from < cov.oldest - 60_000) && to - from > 60 * 60_000;
  const r = rollup
    ? topFromRollups(await ctx.store.rollups(from, to), from, to, limit)
    : topFromSamples(await ctx.store.range(from, to), from, to, limit, filters);
  return {
    connId: ctx.connId,
    source: ctx.source,
    from,
    to,
    ...r,
    resolution: rollup ? 'rollup' : 'samples',
    at: ctx.now,
  };
}

/** Episode parts over a range: roll-ups before the raw samples' start, samples after. */
async function partsIn(
  store: SampleStore,
  from: number,
  to: number,
): Promise<{ parts: EpisodePart[]; samples: ActivitySample[] }> {
  const cov = await coverage(store);
  const rawFrom = cov.oldest === null ? to : Math.max(from, cov.oldest);
  const parts: EpisodePart[] = [];
  if (rawFrom > from) {
    for (const m of await store.rollups(from, Math.min(to, Math.ceil(rawFrom / 60_000) * 60_000))) {
      parts.push(...m.blocking.filter((p) => p.lastSeen < rawFrom));
    }
  }
  const samples = rawFrom < to ? await store.range(rawFrom, to) : [];
  parts.push(...episodesIn(samples));
  return { parts: mergeParts(parts), samples };
}

export async function readBlockingHistory(
  ctx: ReadContext,
  range: RangeInput,
  limit: number,
): Promise<BlockingHistory> {
  const { from, to } = resolveRange(range, liveNow(ctx, (await ctx.store.stats()).newest));
  const { parts } = await partsIn(ctx.store, from, to);
  const newest = (await ctx.store.stats()).newest;
  return {
    connId: ctx.connId,
    source: ctx.source,
    from,
    to,
    episodes: parts
      .sort((a, b) => b.lastSeen - a.lastSeen)
      .slice(0, limit)
      .map((p) => toEpisode(p, newest)),
    at: ctx.now,
  };
}

const EPISODE_ID = /^(\d+)\.(\d+)\.(\d+)@(\d+)$/;
/** an episode is looked for up to this long after it started */
const EPISODE_SPAN_MS = 24 * 3_600_000;

/** Rows of one chain in one sample: waiters rooted at the root, their active blockers, the root. */
function chainRows(rows: readonly ActivityRow[], rootKey: string): ActivityRow[] {
  const bySession = new Map(rows.map((r) => [`${r.instId}.${r.sid}`, r]));
  const out = new Map<string, ActivityRow>();
  for (const r of rows) {
    if (r.blockingSession === null) continue;
    const root =
      r.finalBlockingSession !== null
        ? `${r.finalBlockingInstance ?? r.blockingInstance ?? r.instId}.${r.finalBlockingSession}`
        : `${r.blockingInstance ?? r.instId}.${r.blockingSession}`;
    if (root !== rootKey) continue;
    out.set(`${r.instId}.${r.sid}`, r);
    const b = bySession.get(`${r.blockingInstance ?? r.instId}.${r.blockingSession}`);
    if (b) out.set(`${b.instId}.${b.sid}`, b);
  }
  const root = bySession.get(rootKey);
  if (root) out.set(rootKey, root);
  return [...out.values()];
}

export async function readBlockingChain(
  ctx: ReadContext,
  id: string,
  at: number | undefined,
  objectNames: (ids: readonly number[]) => Promise<BlockingObject[]>,
): Promise<BlockingChainDetail> {
  const m = EPISODE_ID.exec(id);
  if (!m) throw new TmsError('VALIDATION', 'Not a blocking episode id.');
  const firstSeen = Number(m[4]);
  const { parts, samples } = await partsIn(
    ctx.store,
    firstSeen,
    Math.min(ctx.now + 1000, firstSeen + EPISODE_SPAN_MS),
  );
  const part = parts.find(
    (p) => episodeId(p) === id || (p.rootKey === `${m[1]}.${m[2]}` && p.firstSeen === firstSeen),
  );
  if (!part) {
    throw new TmsError('NOT_FOUND', 'This blocking episode is no longer in the retained samples.');
  }
  const within = samples.filter((s) => s.t >= part.firstSeen && s.t <= part.lastSeen);
  const withChain = within
    .map((s) => ({ t: s.t, rows: chainRows(s.rows, part.rootKey) }))
    .filter((s) => s.rows.some((r) => r.blockingSession !== null));
  let shown: { t: number; rows: ActivityRow[] } = part.peak;
  if (withChain.length > 0 && at !== undefined) {
    shown = withChain.reduce(
      (best, s) => (Math.abs(s.t - at) < Math.abs(best.t - at) ? s : best),
      withChain[0]!,
    );
  }
  const objects =
    part.objects.length > 0
      ? await objectNames(part.objects).catch(() =>
          part.objects.map((o) => ({ objectId: o, owner: null, name: null, type: null })),
        )
      : [];
  return {
    connId: ctx.connId,
    episode: toEpisode(part, (await ctx.store.stats()).newest),
    sampleAt: shown.t,
    sampleTimes: withChain.length > 0 ? withChain.map((s) => s.t) : [part.peak.t],
    roots: treeAt(part.root, shown.rows),
    objects,
    at: ctx.now,
  };
}
