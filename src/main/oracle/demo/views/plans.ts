/**
 * GV$SQL_PLAN rows (every instance holding the cursor) and DBMS_XPLAN.DISPLAY_CURSOR text (TYPICAL),
 * which reads only the shared pool of the instance the call's connection landed on.
 */
import type { RawRow } from '../../mappers';
import type { PlanLine } from '../sql-library';
import type { SqlEntry } from '../world/model';
import type { DemoWorld } from '../world/world';
import { formatCursor } from '../xplan';
import type { ViewHandlers } from './view';

export function planRows(e: SqlEntry): RawRow[] {
  const plan = e.def.plan;
  if (!plan) return [];
  const parents: number[] = [];
  return plan.map((p: PlanLine, id) => {
    const [depth, operation, options, object, rows, bytes, cost, access, filter] = p;
    parents[depth] = id;
    const [owner, name] = object ? object.split('.') : [null, null];
    return {
      CHILD_NUMBER: 0,
      PLAN_HASH_VALUE: e.planHash,
      ID: id,
      PARENT_ID: depth === 0 ? null : (parents[depth - 1] ?? 0),
      DEPTH: depth,
      OPERATION: operation,
      OPTIONS: options || null,
      OBJECT_OWNER: owner ?? null,
      OBJECT_NAME: name ?? null,
      COST: id === 0 ? cost : cost || null,
      CARDINALITY: rows || null,
      BYTES: bytes || null,
      TIME: cost ? Math.max(1, Math.round(cost / 75)) : null,
      ACCESS_PREDICATES: access ?? null,
      FILTER_PREDICATES: filter ?? null,
    };
  });
}

function xplan(w: DemoWorld, sqlId: string): RawRow[] {
  const e = w.sqlById.get(sqlId);
  const here = w.connectedInstance();
  if (!e?.instances.includes(here) || !w.visibleConIds.has(e.conId))
    return [{ PLAN_TABLE_OUTPUT: `SQL_ID: ${sqlId}, child number: 0 cannot be found` }];
  const rows = planRows(e).map((r) => ({
    id: Number(r.ID),
    depth: Number(r.DEPTH),
    operation: String(r.OPERATION),
    options: (r.OPTIONS as string | null) ?? '',
    objectName: (r.OBJECT_NAME as string | null) ?? '',
    rows: Number(r.CARDINALITY ?? 0),
    bytes: Number(r.BYTES ?? 0),
    cost: Number(r.COST ?? 0),
    // DBMS_XPLAN's %CPU: the CPU share of the optimizer cost (small for I/O-bound full scans)
    cpuPct: Math.max(1, Math.min(30, Math.round(e.def.cpuPct / 20))),
    timeSec: Number(r.TIME ?? 0),
    access: (r.ACCESS_PREDICATES as string | null) ?? undefined,
    filter: (r.FILTER_PREDICATES as string | null) ?? undefined,
  }));
  const notes = e.profile ? [`SQL profile ${e.profile} used for this statement`] : [];
  const out: string[] = [];
  for (let child = 0; child < (e.def.children ?? 1); child++) {
    out.push(...formatCursor(sqlId, child, e.def.text, e.planHash, e.def.plan ? rows : null, notes));
  }
  return out.map((line) => ({ PLAN_TABLE_OUTPUT: line }));
}

export const PLAN_VIEWS: ViewHandlers = {
  'sql-plan.display-cursor': ({ world, bind }) => xplan(world, String(bind('sqlId'))),
  'sql-plan.rows': ({ world, bind }) => {
    const e = world.sqlById.get(String(bind('sqlId')));
    if (!e || !world.visibleConIds.has(e.conId)) return [];
    const connected = world.connectedInstance();
    return e.instances.flatMap((instId) =>
      planRows(e).map((r) => ({ INST_ID: instId, ...r, CONNECTED_INST_ID: connected })),
    );
  },
};
