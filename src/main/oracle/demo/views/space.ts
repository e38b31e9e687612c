/**
 * DBA_/CDB_TABLESPACE_USAGE_METRICS ⨝ tablespaces ⨝ file sums, V$RECOVERY_FILE_DEST / _AREA_USAGE,
 * V$ASM_DISKGROUP_STAT, GV$TEMPSEG_USAGE ⨝ GV$SESSION, GV$RESOURCE_LIMIT (model in space-model.ts).
 */
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';
import {
  BLOCK,
  demoAsm,
  demoLimits,
  demoRecoveryUsage,
  demoTablespaces,
  demoTempUsers,
  FRA_LIMIT_BYTES,
  MB,
} from './space-model';
import type { ViewHandlers } from './view';

function tablespaceRows(w: DemoWorld, t: number, conIds: ReadonlySet<number>, withConId: boolean): RawRow[] {
  const temp = demoTempUsers(w, t);
  return demoTablespaces(w)
    .filter((ts) => conIds.has(ts.conId))
    .map((ts) => {
      const usedMb =
        ts.contents === 'TEMPORARY'
          ? temp.filter((u) => u.conId === ts.conId).reduce((a, u) => a + u.blocks, 0) / (MB / BLOCK)
          : ts.usedMb(t);
      const usedBlocks = Math.round((usedMb * MB) / BLOCK);
      const sizeBlocks = Math.round((ts.maxMb * MB) / BLOCK);
      return {
        CON_ID: withConId ? ts.conId : null,
        TABLESPACE_NAME: ts.name,
        CONTENTS: ts.contents,
        BLOCK_SIZE: BLOCK,
        BIGFILE: ts.bigfile ? 'YES' : 'NO',
        USED_SPACE: usedBlocks,
        TABLESPACE_SIZE: sizeBlocks,
        USED_PERCENT: Math.round((usedBlocks / sizeBlocks) * 10_000) / 100,
        ALLOCATED_BYTES: ts.allocatedMb * MB,
        FILE_COUNT: ts.files,
        AUTOEXT_FILES: ts.autoextFiles,
      };
    })
    .sort((a, b) => b.USED_PERCENT - a.USED_PERCENT);
}

export const SPACE_VIEWS: ViewHandlers = {
  'space.tablespaces': ({ world, t }) => tablespaceRows(world, t, new Set([world.connectedConId]), false),
  'space.tablespaces-cdb': ({ world, t }) => tablespaceRows(world, t, world.visibleConIds, true),
  'space.recovery-dest': ({ world, t }) => {
    const usage = demoRecoveryUsage(world, t);
    const pct = (k: 'used' | 'reclaimable') => usage.reduce((a, u) => a + u[k], 0) / 100;
    return [
      {
        NAME: world.topology.instances === 2 ? '+FRA' : '/u01/app/oracle/fast_recovery_area',
        SPACE_LIMIT: FRA_LIMIT_BYTES,
        SPACE_USED: Math.round(FRA_LIMIT_BYTES * pct('used')),
        SPACE_RECLAIMABLE: Math.round(FRA_LIMIT_BYTES * pct('reclaimable')),
        NUMBER_OF_FILES: usage.reduce((a, u) => a + u.files, 0),
      },
    ];
  },
  'space.recovery-usage': ({ world, t }) =>
    demoRecoveryUsage(world, t)
      .sort((a, b) => b.used - a.used)
      .map((u) => ({
        FILE_TYPE: u.type,
        PERCENT_SPACE_USED: u.used,
        PERCENT_SPACE_RECLAIMABLE: u.reclaimable,
        NUMBER_OF_FILES: u.files,
      })),
  'space.asm': ({ world, t }) => demoAsm(world, t),
  'temp-usage.sessions': ({ world, t }) => {
    const visible = world.visibleConIds;
    return demoTempUsers(world, t)
      .filter((u) => visible.has(u.conId))
      .sort((a, b) => b.blocks - a.blocks)
      .map((u) => ({
        INST_ID: u.instId,
        CON_ID: u.conId,
        SID: u.sid,
        SERIAL_NO: u.serial,
        USERNAME: u.username,
        PROGRAM: u.program,
        MODULE: u.module,
        SQL_ID: u.sqlId,
        TABLESPACE: 'TEMP',
        SEGTYPES: u.segtypes.join(','),
        BLOCKS: u.blocks,
        BLOCK_SIZE: BLOCK,
      }));
  },
  'limits.resource-limit': ({ world, t }) => {
    const temp = demoTempUsers(world, t);
    return world.instanceIds.flatMap((instId) =>
      demoLimits(world, instId, temp.filter((u) => u.instId === instId).length).map((l) => ({
        INST_ID: instId,
        RESOURCE_NAME: l.name,
        CURRENT_UTILIZATION: l.current,
        MAX_UTILIZATION: l.max,
        INITIAL_ALLOCATION: l.initial,
        LIMIT_VALUE: l.limit,
        STARTUP_TIME: new Date(world.instanceStartup.get(instId) ?? world.startupTime),
      })),
    );
  },
};
