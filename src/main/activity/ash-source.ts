/**
 * With the Diagnostics Pack opt-in only: the Activity view may read Oracle's own ASH
 * (V$ACTIVE_SESSION_HISTORY through the gateway's `ashActivity`, up to the last 60 minutes, by minute
 * and wait class; top SQL and sessions). Without the opt-in the gateway refuses (UNSUPPORTED) and
 * nothing here is called. Other dimensions are the sampler's (UNSUPPORTED here, said so).
 */
import { TmsError } from '@shared/errors';
import type { ActivityAas, ActivityDimension, ActivityTop } from '@shared/types/activity';
import type { OracleGateway } from '../oracle/gateway';
import { type RangeInput, resolveRange } from './reads';

function minutesOf(range: RangeInput, now: number): number {
  const { from, to } = resolveRange(range, now);
  return Math.max(1, Math.min(60, Math.ceil((to - from) / 60_000)));
}

function ash(g: OracleGateway) {
  if (!g.ashActivity)
    throw new TmsError('UNSUPPORTED', 'This connection cannot read Active Session History.');
  return g.ashActivity.bind(g);
}

export async function ashAas(
  g: OracleGateway,
  connId: string,
  range: RangeInput,
  dimension: ActivityDimension,
  now: number,
): Promise<ActivityAas> {
  if (dimension !== 'waitClass') {
    throw new TmsError(
      'UNSUPPORTED',
      'From ASH the console reads activity by wait class only; use the sampler for other dimensions.',
    );
  }
  const minutes = minutesOf(range, now);
  const a = await ash(g)(minutes);
  const buckets = a.buckets.map((b) => b.t);
  const classes = [...new Set(a.buckets.flatMap((b) => Object.keys(b.byClass)))];
  const series = classes
    .map((cls) => {
      const values = a.buckets.map((b) => b.byClass[cls] ?? 0);
      return {
        key: cls,
        waitClass: cls,
        values,
        total: Math.round((values.reduce((x, y) => x + y, 0) / Math.max(1, values.length)) * 1000) / 1000,
      };
    })
    .sort((x, y) => y.total - x.total);
  const from = buckets[0] ?? a.sampledAt - minutes * 60_000;
  return {
    connId,
    source: 'ash',
    dimension,
    from,
    to: (buckets[buckets.length - 1] ?? from) + 60_000,
    bucketSec: 60,
    buckets,
    series,
    samplesPerBucket: buckets.map(() => 60),
    intervalSec: 1,
    cpuCount: null,
    resolution: 'rollup',
    newestSampleAt: a.sampledAt,
    at: now,
  };
}

export async function ashTop(
  g: OracleGateway,
  connId: string,
  range: RangeInput,
  now: number,
): Promise<ActivityTop> {
  const minutes = minutesOf(range, now);
  const a = await ash(g)(minutes);
  return {
    connId,
    source: 'ash',
    from: a.sampledAt - minutes * 60_000,
    to: a.sampledAt,
    totalRows: 0,
    samples: 0,
    topSql: a.topSql.map((t) => ({
      key: t.sqlId,
      sqlId: t.sqlId,
      aas: t.aas,
      pct: t.pct,
      byClass: {},
      planHashValues: [],
      executionsSeen: 0,
    })),
    topSessions: a.topSessions.map((t) => ({
      key: `1.${t.sid}.${t.serial}`,
      instId: 1,
      sid: t.sid,
      serial: t.serial,
      user: t.username,
      program: null,
      machine: null,
      aas: t.aas,
      pct: t.pct,
      byClass: {},
    })),
    topEvents: [],
    resolution: 'rollup',
    at: now,
  };
}
