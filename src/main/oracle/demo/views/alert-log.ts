/**
 * V$DIAG_ALERT_EXT of the demo (issue 17): each instance's alert log as a deterministic stream of
 * messages on the DATABASE clock, one slot a minute: log switches every 17 minutes (sometimes behind a
 * "Checkpoint not complete"), datafile resizes in SALESPDB, ORA-01555 / ORA-00060 / ORA-1652 at their
 * own periods, one ORA-00600 incident a day on instance 1, the maintenance window opening at 22:00 and
 * closing at 02:00 HOST wall-clock time (so a shifted time shows), and the startup lines at each
 * instance's STARTUP_TIME. Instance-wide messages carry CON_ID 1 (CDB$ROOT; 0 in a non-CDB), PDB
 * messages the PDB's CON_ID: a PDB sees its own only, as 12.2+ does.
 */
import type { RawRow } from '../../mappers';
import { hash01 } from '../prng';
import { MIN } from '../world/model';
import { CDB_NAME, HR_PDB, NON_CDB_NAME, SALES_PDB } from '../world/topology';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

export interface DemoAlert {
  instId: number;
  conId: number;
  recordId: number;
  /** true instant (epoch ms) */
  time: number;
  level: number;
  type: number;
  text: string;
}

const DAY = 86_400_000;
/** the long report ORA-01555 names (a real SQL_ID of the demo's library) */
const SNAPSHOT_TOO_OLD_SQL = /PARALLEL\(4\)/;

/** Messages of instance `instId` with from < time <= to, newest first. */
export function demoAlerts(w: DemoWorld, instId: number, from: number, to: number): DemoAlert[] {
  const cdb = w.topology.connectTo !== 'non-cdb';
  const db = cdb ? CDB_NAME : NON_CDB_NAME;
  const root = cdb ? 1 : 0;
  const pdb = cdb ? SALES_PDB.conId : 0;
  const hr = cdb ? HR_PDB.conId : 0;
  const startup = w.instanceStartup.get(instId) ?? w.startupTime;
  const host = w.topology.hostUtcOffsetMin * MIN;
  const report = w.sqls.find((s) => SNAPSHOT_TOO_OLD_SQL.test(s.def.text));
  const trace = (pid: number) =>
    `/u01/app/oracle/diag/rdbms/${db.toLowerCase()}/${db}${instId}/trace/${db}${instId}_ora_${pid}.trc`;
  const out: DemoAlert[] = [];

  const firstSlot = Math.floor(Math.max(from, startup) / MIN);
  const lastSlot = Math.floor(to / MIN);
  for (let k = firstSlot; k <= lastSlot; k++) {
    const m = k + 13 * instId;
    const base = k * MIN + Math.floor(hash01(w.seed, k, instId, 7) * 50_000);
    let line = 0;
    const add = (conId: number, level: number, type: number, text: string) => {
      out.push({ instId, conId, recordId: k * 16 + line, time: base + line * 3, level, type, text });
      line++;
    };
    const pid = 2000 + Math.floor(hash01(w.seed, k, instId, 9) * 400_000);
    if (m % 17 === 0) {
      const seq = 5120 + Math.floor((k * MIN - startup) / (17 * MIN));
      const group = (seq % 3) + 1 + (instId - 1) * 3;
      if (hash01(w.seed, k, instId, 31) < 0.2) {
        add(root, 16, 1, `Thread ${instId} cannot allocate new log, sequence ${seq}`);
        add(root, 8, 4, 'Checkpoint not complete');
      }
      const scn = 81_234_567_890 + k * 37;
      add(
        root,
        16,
        1,
        `Thread ${instId} advanced to log sequence ${seq} (LGWR switch),  current SCN: ${scn}`,
      );
      add(
        root,
        16,
        1,
        `  Current log# ${group} seq# ${seq} mem# 0: +DATA/${db}/ONLINELOG/group_${group}.27${group}.1164520171`,
      );
    }
    if (m % 23 === 7) {
      const old = 2_097_152 + (m % 40) * 65_536;
      add(pdb, 16, 1, `Resize operation completed for file# 14, old size ${old}K, new size ${old + 65_536}K`);
    }
    if (m % 53 === 11 && report) {
      const secs = 1800 + Math.floor(hash01(w.seed, k, instId, 11) * 5400);
      add(
        pdb,
        2,
        3,
        `ORA-01555 caused by SQL statement below (SQL ID: ${report.sqlId}, Query Duration=${secs} sec, SCN: 0x0000000a${(k % 0xffffff).toString(16).padStart(6, '0')}):`,
      );
      add(pdb, 16, 1, report.def.text.split('\n')[0] ?? '');
    }
    if (m % 97 === 40) {
      add(
        pdb,
        2,
        3,
        `ORA-00060: Deadlock detected. See Note 60.1 at My Oracle Support for Troubleshooting ORA-60 Errors. More info in file ${trace(pid)}.`,
      );
    }
    if (m % 71 === 5) {
      const con = Math.floor(m / 71) % 3 === 0 ? hr : pdb;
      add(con, 2, 3, 'ORA-1652: unable to extend temp segment by 128 in tablespace TEMP');
    }
    if (instId === 1 && k % 1440 === 777) {
      add(pdb, 1, 2, `Errors in file ${trace(pid)}  (incident=${40_000 + (k % 9000)}):`);
      add(
        pdb,
        1,
        2,
        'ORA-00600: internal error code, arguments: [kdsgrp1], [], [], [], [], [], [], [], [], [], [], []',
      );
      add(
        pdb,
        16,
        1,
        `Incident details in: /u01/app/oracle/diag/rdbms/${db.toLowerCase()}/${db}${instId}/incident/incdir_${40_000 + (k % 9000)}`,
      );
    }
    // the maintenance window follows the HOST's wall clock
    const hostMinuteOfDay = (((k * MIN + host) % DAY) + DAY) % DAY;
    if (hostMinuteOfDay === 22 * 60 * MIN) {
      for (const con of cdb ? [root, pdb, hr] : [root])
        add(
          con,
          16,
          1,
          'Setting Resource Manager plan SCHEDULER[0x4D5C]:DEFAULT_MAINTENANCE_PLAN via scheduler window',
        );
    }
    if (hostMinuteOfDay === 2 * 60 * MIN) {
      for (const con of cdb ? [root, pdb, hr] : [root])
        add(con, 16, 1, 'Closing Resource Manager plan via scheduler window');
    }
  }
  // the startup lines at the instance's STARTUP_TIME
  if (startup > from && startup <= to) {
    const k = Math.floor(startup / MIN);
    const lines: [number, string][] = [
      [root, `Starting ORACLE instance (normal) (OS id: ${3000 + instId})`],
      [root, `Instance ${db}${instId} started`],
      [root, 'Completed: ALTER DATABASE OPEN'],
    ];
    if (cdb)
      lines.push(
        [pdb, 'Opening pdb with no Resource Manager plan active'],
        [hr, 'Opening pdb with no Resource Manager plan active'],
      );
    for (const [j, [conId, text]] of lines.entries()) {
      const recordId = k * 16 + 15 - lines.length + j;
      out.push({ instId, conId, recordId, time: startup + j * 4000, level: 16, type: 5, text });
    }
  }
  const visible = w.visibleConIds;
  return out
    .filter((a) => a.time > from && a.time <= to && visible.has(a.conId))
    .sort((a, b) => b.time - a.time || b.recordId - a.recordId);
}

function row(a: DemoAlert): RawRow {
  return {
    INST_ID: a.instId,
    CON_ID: a.conId,
    RECORD_ID: a.recordId,
    ORIGINATING_TIME: new Date(a.time),
    MESSAGE_LEVEL: a.level,
    MESSAGE_TYPE: a.type,
    COMPONENT_ID: 'rdbms',
    MESSAGE_TEXT: a.text,
  };
}

function windowOf(ctx: { t: number; bind(name: string): string | number }): { from: number; max: number } {
  const minutes = Number(ctx.bind('minutes'));
  const max = Number(ctx.bind('maxRows'));
  return { from: ctx.t - minutes * MIN, max };
}

export const ALERT_LOG_VIEWS: ViewHandlers = {
  'alert-log.entries': (ctx) => {
    const { from, max } = windowOf(ctx);
    return demoAlerts(ctx.world, ctx.world.connectedInstance(), from, ctx.t).slice(0, max).map(row);
  },
  'alert-log.entries-rac': (ctx) => {
    const { from, max } = windowOf(ctx);
    return ctx.world.instanceIds
      .flatMap((i) => demoAlerts(ctx.world, i, from, ctx.t).slice(0, max))
      .sort((a, b) => b.time - a.time)
      .slice(0, max)
      .map(row);
  },
};
