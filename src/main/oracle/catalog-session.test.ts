import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import * as S from './catalog-session';
import { COLUMNS_CATALOG } from './columns-catalog';
import { DemoGateway } from './demo/demo-gateway';
import type { DemoWorldName } from './demo/world/topology';
import { fixedViewsRead } from './grant-script';
import { analyzeSql } from './sql-columns';

/**
 * Columns the drill-down reads that the shared columns catalog does not list yet (Oracle Database
 * Reference 19c: V$SESSION_WAIT_HISTORY, V$SESSTAT, V$STATNAME, V$OPEN_CURSOR, V$TRANSACTION,
 * V$PARAMETER; GV$ adds INST_ID).
 */
const EXTRA: Record<string, readonly string[]> = {
  V$SESSION: ['TADDR', 'SERIAL#'],
  V$SESSION_WAIT_HISTORY: [
    'SID',
    'SEQ#',
    'EVENT#',
    'EVENT',
    'P1TEXT',
    'P1',
    'P2TEXT',
    'P2',
    'P3TEXT',
    'P3',
    'WAIT_TIME',
    'WAIT_TIME_MICRO',
    'TIME_SINCE_LAST_WAIT_MICRO',
    'CON_ID',
  ],
  V$SESSTAT: ['SID', 'STATISTIC#', 'VALUE', 'CON_ID'],
  V$STATNAME: ['STATISTIC#', 'NAME', 'CLASS', 'STAT_ID', 'CON_ID'],
  V$OPEN_CURSOR: [
    'SADDR',
    'SID',
    'USER_NAME',
    'ADDRESS',
    'HASH_VALUE',
    'SQL_ID',
    'SQL_TEXT',
    'CURSOR_TYPE',
    'CON_ID',
  ],
  V$TRANSACTION: [
    'ADDR',
    'XIDUSN',
    'XIDSLOT',
    'XIDSQN',
    'STATUS',
    'START_DATE',
    'USED_UBLK',
    'USED_UREC',
    'CON_ID',
  ],
  V$PARAMETER: ['NAME', 'VALUE'],
  V$SQL: ['PLAN_HASH_VALUE', 'SQL_TEXT', 'CHILD_NUMBER', 'SQL_ID'],
};
const columnsOf = (view: string): readonly string[] => {
  const bare = view.startsWith('GV$') ? view.slice(1) : view;
  return [
    ...(COLUMNS_CATALOG[view]?.columns ?? []),
    ...(COLUMNS_CATALOG[bare]?.columns ?? []),
    ...(EXTRA[bare] ?? []),
    ...(view.startsWith('GV$') ? ['INST_ID'] : []),
  ];
};
const SQL_FUNCTIONS = new Set(['CAST', 'SYS_EXTRACT_UTC', 'SYSTIMESTAMP']);
const LICENSED = /ACTIVE_SESSION_HISTORY|DBA_HIST_|V\$SQL_MONITOR|DBMS_WORKLOAD_REPOSITORY/i;

describe('session drill-down statements', () => {
  it.each(S.SESSION_QUERIES.map((q) => [q.id, q] as const))(
    '%s declares its columns and binds, names documented columns, binds INST_ID and SID',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect([...new Set(shape.binds)].sort()).toEqual([...q.binds].sort());
      for (const [alias, column] of shape.references) {
        const view = shape.aliases.get(alias);
        expect(view, `alias ${alias}`).toBeDefined();
        expect(columnsOf(view!), `${view}.${column}`).toContain(column);
      }
      expect(shape.unqualified.filter((u) => !SQL_FUNCTIONS.has(u))).toEqual([]);
      expect(q.sql).not.toMatch(LICENSED);
      expect(q.sql).toMatch(/inst_id = :instId AND \w\.sid = :sid/);
      for (const v of q.views) expect(v).toMatch(/^GV\$/);
    },
  );

  it('reads WAIT_TIME_MICRO (µs), not only WAIT_TIME (centiseconds), and a whitelist of statistics', () => {
    expect(S.SESSION_WAIT_HISTORY.sql).toMatch(/w\.wait_time_micro/);
    expect(S.SESSION_STATS.sql).toContain("'CPU used by this session'");
    expect(S.SESSION_STATS.sql).toContain("'bytes sent via SQL*Net to client'");
    expect(S.SESSION_STATS.binds).toEqual(['instId', 'sid']);
  });

  it('is part of the monitoring grants', () => {
    const views = fixedViewsRead();
    for (const v of [
      'GV$SESSION_WAIT_HISTORY',
      'GV$SESSTAT',
      'GV$STATNAME',
      'GV$OPEN_CURSOR',
      'GV$TRANSACTION',
      'GV$PARAMETER',
    ]) {
      expect(views).toContain(v);
    }
  });
});

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

function demo(world: DemoWorldName = 'pdb', privileges: 'full' | 'least' | 'bare' = 'full') {
  let t = T0;
  const g = new DemoGateway({
    latencyScale: 0,
    now: () => t,
    world,
    privileges,
    topology: { clientUtcOffsetMin: 0 },
  });
  return { g, advance: (ms: number) => (t += ms) };
}

/** A root blocker of the demo's chains; `tm`: the one holding a table lock (TM) rather than a row lock. */
async function blocker(g: DemoGateway, tm = false) {
  const locks = await g.locks();
  const root = locks.roots.find((r) => r.locks.some((l) => (l.lockType === 'TM') === tm && l.modeHeld > 0));
  const s = root!.session;
  return { instId: s.instId, sid: s.sid, serial: s.serial };
}

describe('demo answers to the drill-down', () => {
  it('answers every statement with exactly its columns', () => {
    const { g } = demo();
    const db = g.database;
    const sid = db.blockerSids()[0]!;
    const serial = db.sessionSerial(sid)!;
    for (const q of S.SESSION_QUERIES) {
      const rows = db.run(
        q,
        Object.fromEntries(q.binds.map((b) => [b, b === 'sid' ? sid : b === 'serial' ? serial : 1])),
      );
      expect(rows.length, q.id).toBeGreaterThan(0);
      for (const r of rows) expect(Object.keys(r).sort()).toEqual([...q.columns].sort());
    }
  });

  it('a blocker: identity, its locks with the object name, its open transaction in bytes, 10 waits in ms', async () => {
    const { g } = demo();
    const target = await blocker(g);
    const d = await g.sessionDetail(target);
    expect(d.identity).toMatchObject({ sid: target.sid, serial: target.serial, conId: 3 });
    expect(d.identity.logonTime).toBeLessThan(T0);
    expect(d.scope).toBe('pdb');
    expect(d.instanceScope).toBe('instance');
    expect(d.locks.some((l) => l.block > 0)).toBe(true);
    expect(d.locks.find((l) => l.lockType === 'TX')?.modeHeldName).toMatch(/Exclusive/);
    expect(d.transaction).not.toBeNull();
    expect(d.transaction!.usedUndoBytes).toBe(d.transaction!.usedUndoBlocks * 8192);
    expect(d.transaction!.startTime).toBeLessThan(T0);
    expect(d.waits).toHaveLength(10);
    expect(d.waits[0]!.seq).toBe(1);
    for (const w of d.waits) expect(w.waitMs).toBeGreaterThanOrEqual(0);
    expect(d.openCursors.total).toBeGreaterThanOrEqual(d.openCursors.top.reduce((a, c) => a + c.count, 0));
    expect(d.errors).toEqual([]);
    expect(g.queryCounts()['session-detail']).toBe(1);
  });

  it('statistics: cumulative since logon first, then rates over the stated window', async () => {
    const { g, advance } = demo();
    const target = await blocker(g);
    const first = await g.sessionDetail(target);
    expect(first.statWindow.kind).toBe('cumulative');
    expect(first.stats.map((s) => s.key)).toEqual([
      'cpu',
      'logicalReads',
      'physicalReads',
      'redoBytes',
      'commits',
      'executions',
      'hardParses',
      'bytesSent',
    ]);
    expect(first.stats.every((s) => s.perSec === null)).toBe(true);
    advance(15_000);
    const second = await g.sessionDetail(target);
    expect(second.statWindow).toEqual({ kind: 'rate', seconds: 15 });
    const lr = second.stats.find((s) => s.key === 'logicalReads')!;
    const lr0 = first.stats.find((s) => s.key === 'logicalReads')!;
    expect(lr.perSec).toBeCloseTo((lr.value - lr0.value) / 15, 2);
    expect(lr.value).toBeGreaterThanOrEqual(lr0.value);
  });

  it('NOT_FOUND when the session is gone, and when its SID now has another SERIAL#', async () => {
    const { g } = demo();
    const target = await blocker(g);
    await expect(g.sessionDetail({ ...target, serial: target.serial + 1 })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'serial-changed' },
    });
    await g.killSession(target.sid, target.serial, target.instId);
    await expect(g.sessionDetail(target)).rejects.toMatchObject({
      code: 'NOT_FOUND',
      details: { reason: 'gone' },
    });
  });

  it('a PDB does not see another container’s session; the root with CONTAINER_DATA does', async () => {
    const root = demo('root').g;
    const other = (await root.sessions()).sessions.find((s) => s.conId === 4)!;
    const q = { instId: other.instId, sid: other.sid, serial: other.serial };
    const d = await root.sessionDetail(q);
    expect(d.identity.conId).toBe(4);
    expect(d.scope).toBe('cdb');
    await expect(demo('pdb').g.sessionDetail(q)).rejects.toBeInstanceOf(TmsError);
  });

  it('RAC: reads the session on its own instance, whichever instance the pool lands on', async () => {
    const { g } = demo('rac');
    const list = (await g.sessions()).sessions;
    const on2 = list.find((s) => s.instId === 2)!;
    // the same SID on instance 1 (if any) is another session: never mixed up
    for (let i = 0; i < 3; i++) {
      const d = await g.sessionDetail({ instId: 2, sid: on2.sid, serial: on2.serial });
      expect(d.identity).toMatchObject({ instId: 2, sid: on2.sid, serial: on2.serial });
      expect(d.instanceScope).toBe('cluster');
      expect(d.scope).toBe('database');
    }
  });

  it('least privilege: the V$ grants suffice, the object names (DBA_OBJECTS) are missing and said so', async () => {
    const { g } = demo('pdb', 'least');
    const d = await g.sessionDetail(await blocker(g, true));
    expect(d.locks.find((l) => l.lockType === 'TM')?.objectName).toBeNull();
    expect(d.errors.map((e) => e.part)).toEqual(['objects']);
    // with the full grants the same lock names its table
    const full = demo().g;
    const named = await full.sessionDetail(await blocker(full, true));
    expect(named.locks.find((l) => l.lockType === 'TM')).toMatchObject({
      objectOwner: 'APP_OWNER',
      objectName: 'SESSION_LOG',
    });
  });

  it('bare privilege: the read fails naming the GRANT on V$SESSION', async () => {
    const full = demo().g;
    const target = await blocker(full);
    const { g } = demo('pdb', 'bare');
    const err = await g.sessionDetail(target).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('ORACLE_PRIVILEGE');
    expect((err as TmsError).message).toMatch(/GV_\$SESSION/);
  });

  it('rejects bad identifiers before any query', async () => {
    const { g } = demo();
    await expect(g.sessionDetail({ instId: 0, sid: 1, serial: 1 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(g.queryCounts()['session-detail']).toBe(0);
  });
});
