/**
 * GV$SESSION_LONGOPS of the demo (issue 17): four kinds of long operation run by EXISTING sessions of the
 * world (their real SID, SERIAL#, user, instance and container), each repeating on its own cycle and
 * progressing with the database clock:
 *  - an RMAN incremental backup run by the DBMS_SCHEDULER job session (a BACKUP_SCRIPT job);
 *  - Gather Schema Statistics of APP_OWNER by a second scheduler job session (else a batch session);
 *  - a Table Scan of SALES.SALES_HISTORY by the batch sqlplus session running the monthly revenue report
 *    (its real SQL_ID);
 *  - an index build by the ETL session: a Table Scan of SALES.CUSTOMERS, then its Sort Output.
 * At the world's creation each is part-way (so a fresh demo shows work in progress). TIME_REMAINING is
 * Oracle's own estimate: elapsed × (TOTALWORK − SOFAR) ÷ SOFAR. A finished phase stays with
 * SOFAR = TOTALWORK; the statement's filter keeps it for :recentMinutes after LAST_UPDATE_TIME.
 */
import type { RawRow } from '../../mappers';
import type { DemoSession } from '../world/model';
import { MIN } from '../world/model';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

interface Phase {
  opname: string;
  target: string | null;
  targetDesc: string | null;
  units: string;
  totalWork: number;
  /** minutes the phase takes */
  minutes: number;
}

interface OpKind {
  id: string;
  /** minutes between two starts */
  cycleMin: number;
  /** how far into its first cycle the operation is when the world is created (0-1 of the work) */
  startedFraction: number;
  phases: Phase[];
  /** the operation's SQL_ID (null: RMAN / PL/SQL job) */
  sqlId: (w: DemoWorld) => string | null;
  session: (w: DemoWorld, taken: Set<DemoSession>) => DemoSession | undefined;
}

const free = (w: DemoWorld, taken: Set<DemoSession>, pick: (s: DemoSession) => boolean) =>
  [...w.sessions.values()]
    .filter((s) => s.pinned === null && !taken.has(s) && pick(s))
    .sort((a, b) => a.instId - b.instId || a.sid - b.sid)[0];

const KINDS: OpKind[] = [
  {
    id: 'rman',
    cycleMin: 360,
    startedFraction: 0.35,
    phases: [
      {
        opname: 'RMAN: incremental datafile backup',
        target: null,
        targetDesc: 'Set Count',
        units: 'Blocks',
        totalWork: 12_800_000,
        minutes: 95,
      },
    ],
    sqlId: () => null,
    session: (w, t) => free(w, t, (s) => s.module === 'DBMS_SCHEDULER'),
  },
  {
    id: 'stats',
    cycleMin: 120,
    startedFraction: 0.6,
    phases: [
      {
        opname: 'Gather Schema Statistics',
        target: 'APP_OWNER',
        targetDesc: null,
        units: 'Objects',
        totalWork: 184,
        minutes: 40,
      },
    ],
    sqlId: () => null,
    session: (w, t) =>
      free(w, t, (s) => s.module === 'DBMS_SCHEDULER') ?? free(w, t, (s) => s.username === 'BATCH_USR'),
  },
  {
    id: 'scan',
    cycleMin: 30,
    startedFraction: 0.2,
    phases: [
      {
        opname: 'Table Scan',
        target: 'SALES.SALES_HISTORY',
        targetDesc: null,
        units: 'Blocks',
        totalWork: 1_250_000,
        minutes: 18,
      },
    ],
    sqlId: (w) => w.sqls.find((s) => /PARALLEL\(4\)/.test(s.def.text))?.sqlId ?? null,
    session: (w, t) => free(w, t, (s) => s.program.startsWith('sqlplus@batch01')),
  },
  {
    id: 'index',
    cycleMin: 180,
    startedFraction: 0.5,
    phases: [
      {
        opname: 'Table Scan',
        target: 'SALES.CUSTOMERS',
        targetDesc: null,
        units: 'Blocks',
        totalWork: 410_000,
        minutes: 14,
      },
      {
        opname: 'Sort Output',
        target: null,
        targetDesc: null,
        units: 'Blocks',
        totalWork: 265_000,
        minutes: 9,
      },
    ],
    sqlId: () => null,
    session: (w, t) => free(w, t, (s) => s.username === 'ETL_USR'),
  },
];

/** Which session runs which kind: chosen once per world (deterministic: lowest instance, sid). */
const assigned = new WeakMap<DemoWorld, { kind: OpKind; session: DemoSession }[]>();
export function longOpSessions(w: DemoWorld): { kind: OpKind; session: DemoSession }[] {
  let list = assigned.get(w);
  if (!list) {
    const taken = new Set<DemoSession>();
    list = [];
    for (const kind of KINDS) {
      const session = kind.session(w, taken);
      if (!session) continue;
      taken.add(session);
      list.push({ kind, session });
    }
    assigned.set(w, list);
  }
  return list;
}

export interface DemoLongOp {
  session: DemoSession;
  phase: Phase;
  sqlId: string | null;
  start: number;
  lastUpdate: number;
  sofar: number;
  elapsedSec: number;
  timeRemainingSec: number;
}

/** Every phase row of the current (and just finished) cycle at database time t. */
export function demoLongOps(w: DemoWorld, t: number): DemoLongOp[] {
  const out: DemoLongOp[] = [];
  for (const { kind, session } of longOpSessions(w)) {
    if (w.session(session.instId, session.sid) !== session) continue; // killed
    const workMin = kind.phases.reduce((a, p) => a + p.minutes, 0);
    const cycle = kind.cycleMin * MIN;
    const anchor = w.createdAt - kind.startedFraction * workMin * MIN;
    const cycleStart = anchor + Math.floor((t - anchor) / cycle) * cycle;
    // the previous cycle's last phase may still be "recently finished"
    const starts = [cycleStart - cycle, cycleStart];
    for (const s0 of starts) {
      let start = s0;
      for (const phase of kind.phases) {
        const end = start + phase.minutes * MIN;
        if (start > t) break;
        const running = t < end;
        const elapsedMs = (running ? t : end) - start;
        // Oracle publishes a row after ~6 s and updates it as work is done
        if (elapsedMs >= 6000) {
          const sofar = running
            ? Math.floor((phase.totalWork * elapsedMs) / (phase.minutes * MIN))
            : phase.totalWork;
          const elapsedSec = Math.round(elapsedMs / 1000);
          out.push({
            session,
            phase,
            sqlId: kind.sqlId(w),
            start: Math.floor(start / 1000) * 1000,
            lastUpdate: Math.floor((running ? t : end) / 1000) * 1000,
            sofar,
            elapsedSec,
            timeRemainingSec:
              running && sofar > 0 ? Math.round((elapsedSec * (phase.totalWork - sofar)) / sofar) : 0,
          });
        }
        start = end;
      }
    }
  }
  return out;
}

export const LONG_OPS_VIEWS: ViewHandlers = {
  'longops.list': ({ world, t, bind }) => {
    const recent = Number(bind('recentMinutes')) * MIN;
    const max = Number(bind('maxRows'));
    const visible = world.visibleConIds;
    return demoLongOps(world, t)
      .filter((o) => visible.has(o.session.conId))
      .filter((o) => o.sofar < o.phase.totalWork || o.lastUpdate >= t - recent)
      .sort(
        (a, b) =>
          Number(a.sofar >= a.phase.totalWork) - Number(b.sofar >= b.phase.totalWork) || b.start - a.start,
      )
      .slice(0, max)
      .map(
        (o): RawRow => ({
          INST_ID: o.session.instId,
          CON_ID: o.session.conId,
          SID: o.session.sid,
          SERIAL_NO: o.session.serial,
          USERNAME: o.session.username,
          OPNAME: o.phase.opname,
          TARGET: o.phase.target,
          TARGET_DESC: o.phase.targetDesc,
          SOFAR: o.sofar,
          TOTALWORK: o.phase.totalWork,
          UNITS: o.phase.units,
          START_TIME: new Date(o.start),
          LAST_UPDATE_TIME: new Date(o.lastUpdate),
          ELAPSED_SECONDS: o.elapsedSec,
          TIME_REMAINING: o.timeRemainingSec,
          SQL_ID: o.sqlId,
          MESSAGE: `${o.phase.opname}: ${o.phase.target ?? o.phase.targetDesc ?? ''}: ${o.sofar} out of ${o.phase.totalWork} ${o.phase.units} done`,
        }),
      );
  },
};
