import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import {
  RESOURCE_LIMITS,
  SPACE_ASM,
  SPACE_QUERIES,
  SPACE_TABLESPACES,
  SPACE_TABLESPACES_CDB,
  TEMP_USERS,
} from './catalog-space';
import { DemoGateway } from './demo/demo-gateway';
import type { DemoPrivilegeLevel } from './demo/privileges';
import type { DemoWorldName } from './demo/world/topology';
import { dictionaryViewsRead, fixedViewsRead } from './grant-script';
import { analyzeSql } from './sql-columns';

/**
 * Documented columns of the views these statements read (Oracle Database Reference 19c:
 * DBA_TABLESPACE_USAGE_METRICS, DBA_TABLESPACES, DBA_DATA_FILES, DBA_TEMP_FILES (CDB_* add CON_ID),
 * V$RECOVERY_FILE_DEST, V$RECOVERY_AREA_USAGE, V$ASM_DISKGROUP_STAT, V$TEMPSEG_USAGE, V$SESSION,
 * V$PARAMETER, V$RESOURCE_LIMIT, V$INSTANCE; reference (verify)).
 */
const TS = ['TABLESPACE_NAME', 'USED_SPACE', 'TABLESPACE_SIZE', 'USED_PERCENT'];
const TBS = ['TABLESPACE_NAME', 'BLOCK_SIZE', 'CONTENTS', 'BIGFILE', 'STATUS'];
const FILES = ['FILE_NAME', 'FILE_ID', 'TABLESPACE_NAME', 'BYTES', 'BLOCKS', 'AUTOEXTENSIBLE', 'MAXBYTES'];
const COLUMNS: Record<string, readonly string[]> = {
  DBA_TABLESPACE_USAGE_METRICS: TS,
  DBA_TABLESPACES: TBS,
  DBA_DATA_FILES: FILES,
  DBA_TEMP_FILES: FILES,
  CDB_TABLESPACE_USAGE_METRICS: [...TS, 'CON_ID'],
  CDB_TABLESPACES: [...TBS, 'CON_ID'],
  CDB_DATA_FILES: [...FILES, 'CON_ID'],
  CDB_TEMP_FILES: [...FILES, 'CON_ID'],
  V$RECOVERY_FILE_DEST: [
    'NAME',
    'SPACE_LIMIT',
    'SPACE_USED',
    'SPACE_RECLAIMABLE',
    'NUMBER_OF_FILES',
    'CON_ID',
  ],
  V$RECOVERY_AREA_USAGE: [
    'FILE_TYPE',
    'PERCENT_SPACE_USED',
    'PERCENT_SPACE_RECLAIMABLE',
    'NUMBER_OF_FILES',
    'CON_ID',
  ],
  V$ASM_DISKGROUP_STAT: [
    'GROUP_NUMBER',
    'NAME',
    'STATE',
    'TYPE',
    'TOTAL_MB',
    'FREE_MB',
    'USABLE_FILE_MB',
    'REQUIRED_MIRROR_FREE_MB',
    'OFFLINE_DISKS',
  ],
  GV$TEMPSEG_USAGE: [
    'INST_ID',
    'USERNAME',
    'SESSION_ADDR',
    'SESSION_NUM',
    'SQL_ID',
    'TABLESPACE',
    'CONTENTS',
    'SEGTYPE',
    'BLOCKS',
    'SQL_ID_TEMPSEG',
    'CON_ID',
  ],
  GV$SESSION: ['INST_ID', 'SADDR', 'SID', 'SERIAL#', 'USERNAME', 'PROGRAM', 'MODULE', 'SQL_ID', 'CON_ID'],
  V$PARAMETER: ['NAME', 'VALUE'],
  GV$RESOURCE_LIMIT: [
    'INST_ID',
    'RESOURCE_NAME',
    'CURRENT_UTILIZATION',
    'MAX_UTILIZATION',
    'INITIAL_ALLOCATION',
    'LIMIT_VALUE',
    'CON_ID',
  ],
  GV$INSTANCE: ['INST_ID', 'STARTUP_TIME', 'STATUS'],
};
const SQL_FUNCTIONS = new Set(['CAST', 'SYS_EXTRACT_UTC', 'LISTAGG', 'WITHIN', 'TRIM', 'UNION', 'ALL']);

/** 09:30:00 UTC */
const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);
const gateway = (world: DemoWorldName, privileges: DemoPrivilegeLevel = 'full', now = () => T0) =>
  new DemoGateway({ latencyScale: 0, now, world, privileges, topology: { clientUtcOffsetMin: 0 } });

describe('space and limits statements', () => {
  it.each(SPACE_QUERIES.map((q) => [q.id, q] as const))(
    '%s declares its output columns, binds nothing, names only documented columns of the views it lists',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect(shape.binds).toEqual([]);
      expect(q.binds).toEqual([]);
      for (const [alias, column] of shape.references) {
        const view = shape.aliases.get(alias);
        expect(view, `alias ${alias}`).toBeDefined();
        // an inline view's columns are its own aliases (checked through its inner SELECTs)
        if (view === 'DERIVED') continue;
        expect(q.views, `${view} listed in views`).toContain(view);
        expect(COLUMNS[view!], `${view}.${column}`).toContain(column);
      }
      expect(shape.unqualified.filter((u) => !SQL_FUNCTIONS.has(u))).toEqual([]);
      expect(q.sql).not.toMatch(/ACTIVE_SESSION_HISTORY|DBA_HIST_|SQL_MONITOR|DBA_FREE_SPACE/i);
    },
  );

  it('reads the cheap forms: usage metrics (no DBA_FREE_SPACE), the _STAT ASM view, GV$ with INST_ID', () => {
    expect(SPACE_TABLESPACES.views).toEqual([
      'DBA_TABLESPACE_USAGE_METRICS',
      'DBA_TABLESPACES',
      'DBA_DATA_FILES',
      'DBA_TEMP_FILES',
    ]);
    expect(SPACE_TABLESPACES_CDB.sql).toMatch(/t\.con_id = m\.con_id/);
    expect(SPACE_TABLESPACES_CDB.sql).toMatch(/f\.con_id = m\.con_id/);
    expect(SPACE_ASM.sql).toMatch(/v\$asm_diskgroup_stat/);
    expect(SPACE_ASM.sql).not.toMatch(/v\$asm_diskgroup\b(?!_stat)/);
    expect(TEMP_USERS.sql).toMatch(/s\.saddr = u\.session_addr AND s\.serial# = u\.session_num/);
    expect(TEMP_USERS.sql).toMatch(/s\.inst_id = u\.inst_id/);
    expect(RESOURCE_LIMITS.instantColumns).toEqual(['STARTUP_TIME']);
    expect(RESOURCE_LIMITS.sql).toMatch(/TRIM\(r\.limit_value\)/);
  });

  it('are in the generated grants (fixed views and the DBA_/CDB_ dictionary)', () => {
    expect(fixedViewsRead()).toEqual(
      expect.arrayContaining([
        'V$RECOVERY_FILE_DEST',
        'V$RECOVERY_AREA_USAGE',
        'V$ASM_DISKGROUP_STAT',
        'GV$TEMPSEG_USAGE',
        'GV$RESOURCE_LIMIT',
      ]),
    );
    expect(dictionaryViewsRead()).toEqual(
      expect.arrayContaining([
        'DBA_TABLESPACE_USAGE_METRICS',
        'DBA_DATA_FILES',
        'CDB_TABLESPACE_USAGE_METRICS',
      ]),
    );
  });

  it('the demo answers each statement with exactly its columns', () => {
    for (const world of ['pdb', 'root', 'rac', 'non-cdb'] as const) {
      const db = gateway(world).database;
      for (const q of SPACE_QUERIES) {
        for (const r of db.run(q))
          expect(Object.keys(r).sort(), `${world} ${q.id}`).toEqual([...q.columns].sort());
      }
    }
  });
});

describe('space in the demo worlds', () => {
  it("PDB: the PDB's tablespaces, fullest of the maximum first, one near full with autoextend, one at MAXSIZE", async () => {
    const s = await gateway('pdb').space();
    expect(s.tablespaces.ok).toBe(true);
    if (!s.tablespaces.ok) return;
    const { rows, scope, source } = s.tablespaces.data;
    expect(scope).toBe('pdb');
    expect(source).toBe('dba');
    expect(rows.map((r) => r.usedPct)).toEqual([...rows.map((r) => r.usedPct)].sort((a, b) => b - a));
    const idx = rows.find((r) => r.name === 'SALES_IDX')!;
    const data = rows.find((r) => r.name === 'SALES_DATA')!;
    expect(rows[0]!.name).toBe('SALES_IDX');
    expect(idx.atMaxSize).toBe(true);
    expect(idx.usedPct).toBeGreaterThan(95);
    expect(data.atMaxSize).toBe(false);
    expect(data.usedPct).toBeGreaterThan(85);
    expect(data.usedPct).toBeLessThan(95);
    // % is of the autoextend maximum, not of what is allocated now
    expect(data.maxBytes).toBeGreaterThan(data.allocatedBytes!);
    expect(data.usedPct).toBeCloseTo((data.usedBytes / data.maxBytes) * 100, 1);
    expect(data.freeBytes).toBe(data.maxBytes - data.usedBytes);
    expect(rows.every((r) => r.conId === null && r.container === null)).toBe(true);
    expect(rows.some((r) => r.name === 'HR_DATA')).toBe(false);
    // the recovery area is CDB-wide, 60-70 % used; no ASM on a single instance
    expect(s.recoveryArea.ok && s.recoveryArea.data.scope).toBe('cdb');
    if (s.recoveryArea.ok) {
      expect(s.recoveryArea.data.usedPct).toBeGreaterThan(60);
      expect(s.recoveryArea.data.usedPct).toBeLessThan(70);
      expect(s.recoveryArea.data.usedNetPct).toBeLessThan(s.recoveryArea.data.usedPct!);
      expect(s.recoveryArea.data.usage[0]!.fileType).toBe('ARCHIVED LOG');
    }
    expect(s.asm).toEqual({ ok: true, data: { scope: 'cdb', present: false, groups: [] } });
  });

  it("root: every container's tablespaces (CDB_*), named; root-limited: the root's only", async () => {
    const root = await gateway('root').space();
    expect(root.tablespaces.ok && root.tablespaces.data.source).toBe('cdb');
    if (root.tablespaces.ok) {
      expect(root.tablespaces.data.scope).toBe('cdb');
      const cons = new Set(root.tablespaces.data.rows.map((r) => r.container));
      expect(cons).toEqual(new Set(['CDB$ROOT', 'SALESPDB', 'HRPDB']));
    }
    const limited = await gateway('root-limited').space();
    if (!limited.tablespaces.ok) throw new Error('expected rows');
    expect(limited.tablespaces.data.scope).toBe('root');
    expect(new Set(limited.tablespaces.data.rows.map((r) => r.conId))).toEqual(new Set([1]));
  });

  it('RAC: ASM disk groups, fullest first, and the FRA on +FRA; non-CDB scope is the database', async () => {
    const rac = await gateway('rac').space();
    if (!rac.asm.ok || !rac.recoveryArea.ok || !rac.tablespaces.ok) throw new Error('expected data');
    expect(rac.asm.data.present).toBe(true);
    expect(rac.asm.data.groups.map((g) => g.name)).toEqual(['DATA', 'FRA']);
    expect(rac.asm.data.groups[0]!.usedPct).toBeGreaterThan(rac.asm.data.groups[1]!.usedPct);
    expect(rac.recoveryArea.data.name).toBe('+FRA');
    expect(rac.recoveryArea.data.scope).toBe('database');
    expect(rac.tablespaces.data.scope).toBe('database');
    expect(rac.tablespaces.data.rows.some((r) => r.name === 'UNDOTBS2')).toBe(true);
  });

  it("TEMP users are the world's own sessions (real SIDs), in bytes of the block size, per instance on RAC", async () => {
    const g = gateway('rac');
    const temp = await g.tempUsage();
    expect(temp.rows.length).toBe(5);
    expect(temp.instanceScope).toBe('cluster');
    expect(temp.blockSize).toBe(8192);
    for (const r of temp.rows) {
      expect(g.database.sessionSerial(r.sid, r.instId)).toBe(r.serial);
      expect(r.bytes).toBe(r.blocks * 8192);
    }
    expect(temp.rows.map((r) => r.bytes)).toEqual([...temp.rows.map((r) => r.bytes)].sort((a, b) => b - a));
    expect(temp.totalBytes).toBe(temp.rows.reduce((a, r) => a + r.bytes, 0));
    // the TEMP tablespace's used space is those sessions' blocks
    const s = await g.space();
    if (!s.tablespaces.ok) throw new Error('expected rows');
    const tempTs = s.tablespaces.data.rows.find((r) => r.name === 'TEMP')!;
    expect(tempTs.usedBytes).toBe(temp.totalBytes);
    // a killed TEMP user frees its TEMP
    const top = temp.rows[0]!;
    await g.killSession(top.sid, top.serial, top.instId);
    const after = await g.tempUsage();
    expect(after.rows.some((r) => r.sid === top.sid && r.instId === top.instId)).toBe(false);
  });

  it('TEMP in a PDB: its own sessions only', async () => {
    const temp = await gateway('pdb').tempUsage();
    expect(temp.scope).toBe('pdb');
    expect(new Set(temp.rows.map((r) => r.conId))).toEqual(new Set([3]));
    const root = await gateway('root').tempUsage();
    expect(new Set(root.rows.map((r) => r.conId))).toEqual(new Set([3, 4]));
  });
});

describe('resource limits in the demo worlds', () => {
  it('processes follows the sessions of the instance; sorted by % of limit; UNLIMITED has no %', async () => {
    const g = gateway('pdb');
    const lim = await g.resourceLimits();
    expect(lim.scope).toBe('cdb');
    expect(lim.instanceScope).toBe('instance');
    expect(lim.instances).toEqual([{ instId: 1, startupTime: g.database.startupTime }]);
    const processes = lim.rows.find((r) => r.resource === 'processes')!;
    // every session of the instance (all containers: V$RESOURCE_LIMIT is instance-wide) + background
    expect(processes.current).toBe(g.database.sessionTotal + 62);
    expect(processes.limit).toBe(640);
    expect(processes.currentPct).toBeCloseTo((processes.current / 640) * 100, 1);
    expect(processes.max).toBeGreaterThanOrEqual(processes.current);
    expect(lim.rows[0]!.resource).toBe('processes');
    const pcts = lim.rows.map((r) => r.currentPct ?? -1);
    expect(pcts).toEqual([...pcts].sort((a, b) => b - a));
    const enq = lim.rows.find((r) => r.resource === 'enqueue_resources')!;
    expect(enq).toMatchObject({ limit: null, currentPct: null, maxPct: null, initial: 4700 });
    const sort = lim.rows.find((r) => r.resource === 'sort_segment_locks')!;
    expect(sort.initial).toBeNull();
  });

  it('RAC: per instance, with the Global Cache rows', async () => {
    const lim = await gateway('rac').resourceLimits();
    expect(lim.instanceScope).toBe('cluster');
    expect(lim.scope).toBe('database');
    expect(new Set(lim.rows.map((r) => r.instId))).toEqual(new Set([1, 2]));
    expect(lim.rows.filter((r) => r.resource === 'gcs_resources')).toHaveLength(2);
    expect(lim.rows.filter((r) => r.resource === 'processes')).toHaveLength(2);
  });
});

describe('privileges', () => {
  it('least: tablespaces say which DBA_ grant is missing, the V$ sections are still shown', async () => {
    const s = await gateway('pdb', 'least').space();
    expect(s.tablespaces.ok).toBe(false);
    if (s.tablespaces.ok) return;
    expect(s.tablespaces.denied.views).toContain('DBA_TABLESPACE_USAGE_METRICS');
    expect(s.tablespaces.denied.grant).toContain(
      'GRANT SELECT ON SYS.DBA_TABLESPACE_USAGE_METRICS TO TMS_MONITOR;',
    );
    expect(s.tablespaces.denied.grant).toContain('GRANT SELECT_CATALOG_ROLE TO TMS_MONITOR;');
    expect(s.recoveryArea.ok).toBe(true);
    expect(s.asm.ok).toBe(true);
    // TEMP and limits read only V$ views: readable with the minimal grants
    expect((await gateway('pdb', 'least').tempUsage()).rows.length).toBeGreaterThan(0);
    expect((await gateway('pdb', 'least').resourceLimits()).rows.length).toBeGreaterThan(0);
  });

  it('least in the root: the CDB_ grants (common user)', async () => {
    const s = await gateway('root', 'least').space();
    if (s.tablespaces.ok) throw new Error('expected denied');
    expect(s.tablespaces.denied.grant).toContain(
      'GRANT SELECT ON SYS.CDB_TABLESPACE_USAGE_METRICS TO C##TMS_MONITOR;',
    );
  });

  it('bare: every read fails with the privilege error naming the exact grants', async () => {
    const g = gateway('pdb', 'bare');
    const err = await g.space().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('ORACLE_PRIVILEGE');
    const grant = String((err as TmsError).details?.grant);
    expect(grant).toContain('GRANT SELECT ON SYS.V_$RECOVERY_FILE_DEST TO TMS_MONITOR;');
    expect(grant).toContain('GRANT SELECT ON SYS.DBA_TABLESPACES TO TMS_MONITOR;');
    expect(grant).toContain('GRANT SELECT ON SYS.V_$ASM_DISKGROUP_STAT TO TMS_MONITOR;');
    expect((err as TmsError).details?.reason).toBe('oracle.readPrivilege');
    const temp = (await g.tempUsage().catch((e: unknown) => e)) as TmsError;
    expect(temp.code).toBe('ORACLE_PRIVILEGE');
    expect(String(temp.details?.grant)).toContain('SYS.GV_$TEMPSEG_USAGE');
    const lim = (await g.resourceLimits().catch((e: unknown) => e)) as TmsError;
    expect(lim.code).toBe('ORACLE_PRIVILEGE');
    expect(String(lim.details?.grant)).toContain('SYS.GV_$RESOURCE_LIMIT');
  });

  it('each call counts one Oracle query of its resource', async () => {
    const g = gateway('pdb');
    await g.space();
    await g.tempUsage();
    await g.resourceLimits();
    const c = g.queryCounts();
    expect([c.space, c['temp-usage'], c.limits]).toEqual([1, 1, 1]);
  });
});
