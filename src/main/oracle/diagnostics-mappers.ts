/**
 * Rows of catalog-diagnostics.ts → the shared alert-log / long-ops types (issue 17). Pure functions:
 * the real driver and the demo go through them alike.
 */
import {
  type AlertLogEntry,
  type AlertLogSnapshot,
  type AlertLogWindow,
  extractOraCodes,
} from '@shared/types/alert-log';
import type { LongOpRow, LongOpsSnapshot } from '@shared/types/long-ops';
import type { InstanceScope, MetricScope } from '@shared/types/oracle';
import type { RawRow } from './mappers';
import * as M from './mappers';

export function mapAlertEntry(r: RawRow, containerName: (conId: number) => string | null): AlertLogEntry {
  const text = M.str(r.MESSAGE_TEXT) ?? '';
  const conId = M.num0(r.CON_ID);
  return {
    instId: M.num0(r.INST_ID),
    conId,
    containerName: containerName(conId),
    recordId: M.num0(r.RECORD_ID),
    time: M.num0(r.ORIGINATING_TIME),
    level: M.num0(r.MESSAGE_LEVEL),
    type: M.num0(r.MESSAGE_TYPE),
    component: M.str(r.COMPONENT_ID),
    // a multi-line message keeps its lines; trailing newlines say nothing
    text: text.replace(/\s+$/, ''),
    oraCodes: extractOraCodes(text),
  };
}

export interface SnapshotContext {
  sampledAt: number;
  scope: MetricScope;
  instanceScope: InstanceScope;
  instances: number[];
  containerName: (conId: number) => string | null;
}

export function alertLogSnapshot(
  rows: RawRow[],
  minutes: AlertLogWindow,
  maxRows: number,
  ctx: SnapshotContext,
): AlertLogSnapshot {
  const entries = rows
    .map((r) => mapAlertEntry(r, ctx.containerName))
    .sort((a, b) => b.time - a.time || a.instId - b.instId || b.recordId - a.recordId);
  return {
    sampledAt: ctx.sampledAt,
    minutes,
    maxRows,
    truncated: rows.length >= maxRows,
    entries,
    scope: ctx.scope,
    instanceScope: ctx.instanceScope,
    instances: ctx.instances,
  };
}

export function mapLongOp(r: RawRow): LongOpRow {
  const sofar = M.num0(r.SOFAR);
  const totalWork = M.num0(r.TOTALWORK);
  const done = sofar >= totalWork;
  return {
    instId: M.num0(r.INST_ID),
    conId: M.num0(r.CON_ID),
    sid: M.num0(r.SID),
    serial: M.num0(r.SERIAL_NO),
    username: M.str(r.USERNAME),
    opname: M.str(r.OPNAME) ?? '',
    target: M.str(r.TARGET),
    targetDesc: M.str(r.TARGET_DESC),
    sofar,
    totalWork,
    units: M.str(r.UNITS),
    pctDone: totalWork > 0 ? Math.min(100, Math.round((sofar / totalWork) * 1000) / 10) : null,
    startTime: M.num(r.START_TIME),
    lastUpdateTime: M.num(r.LAST_UPDATE_TIME),
    elapsedSec: M.num(r.ELAPSED_SECONDS),
    timeRemainingSec: done ? null : M.num(r.TIME_REMAINING),
    sqlId: M.str(r.SQL_ID),
    message: M.str(r.MESSAGE),
    done,
  };
}

export function longOpsSnapshot(
  rows: RawRow[],
  recentMinutes: number,
  ctx: Omit<SnapshotContext, 'instances' | 'containerName'>,
): LongOpsSnapshot {
  return {
    sampledAt: ctx.sampledAt,
    recentMinutes,
    ops: rows.map(mapLongOp),
    scope: ctx.scope,
    instanceScope: ctx.instanceScope,
  };
}
