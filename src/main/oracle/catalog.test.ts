import { TOP_SQL_ORDERS } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import {
  ALL_QUERIES,
  type CatalogQuery,
  DIAGNOSTICS_PACK_QUERIES,
  fixedViewGrantTarget,
  killSessionSql,
  monitoringGrantScript,
  PROBED_VIEWS,
  TOP_SQL,
} from './catalog';
import { COLUMNS_CATALOG } from './columns-catalog';
import { DemoDatabase } from './demo/database';
import { CONSOLE_MODULE } from './gateway';
import { fixedViewsRead } from './grant-script';
import { analyzeSql } from './sql-columns';

const LICENSED =
  /ACTIVE_SESSION_HISTORY|DBA_HIST_|V\$SQL_MONITOR|V\$SQL_PLAN_MONITOR|DBMS_SQLTUNE|DBMS_SQL_MONITOR|DBMS_WORKLOAD_REPOSITORY|DBMS_ADDM|DBMS_PERF|DISPLAY_AWR/i;

describe('query catalog', () => {
  it('has unique ids', () => {
    const ids = ALL_QUERIES.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  const everyQuery = [...ALL_QUERIES, ...DIAGNOSTICS_PACK_QUERIES];

  it.each(everyQuery.map((q) => [q.id, q] as const))('%s names only documented columns', (_id, q) => {
    const shape = analyzeSql(q.sql);
    for (const view of shape.aliases.values()) {
      if (view === 'DERIVED') continue;
      // a probe names no column; a view of another catalog's statements is checked by that catalog's test
      if (q.id.startsWith('probe.') && fixedViewsRead().includes(view)) continue;
      expect(COLUMNS_CATALOG, `view ${view} missing from the columns catalog`).toHaveProperty([view]);
    }
    for (const [alias, column] of shape.references) {
      const view = shape.aliases.get(alias);
      expect(view, `alias ${alias} is not bound in FROM/JOIN`).toBeDefined();
      if (view === 'DERIVED') {
        expect(shape.derivedColumns.get(alias), `${alias}.${column}`).toContain(column);
      } else {
        expect(COLUMNS_CATALOG[view!]!.columns, `${view}.${column}`).toContain(column);
      }
    }
    expect(shape.unqualified, 'every column reference is alias-qualified').toEqual([]);
  });

  it.each(ALL_QUERIES.map((q) => [q.id, q] as const))(
    '%s declares its output columns and binds',
    (_id, q) => {
      const shape = analyzeSql(q.sql);
      expect(shape.outputColumns).toEqual([...q.columns]);
      expect(shape.binds.sort()).toEqual([...q.binds].sort());
    },
  );

  it('reads no licensed (Diagnostics/Tuning Pack) view or package outside the opt-in list', () => {
    for (const q of ALL_QUERIES) expect(q.sql).not.toMatch(LICENSED);
    for (const q of DIAGNOSTICS_PACK_QUERIES) expect(q.sql).toMatch(LICENSED);
  });

  it('interpolates no value: top-SQL ORDER BY comes from the whitelist only', () => {
    for (const order of TOP_SQL_ORDERS) {
      expect(TOP_SQL[order].sql).toContain('FETCH FIRST :maxRows ROWS ONLY');
      expect(TOP_SQL[order].sql).not.toMatch(/\$\{/);
    }
  });

  it('builds the kill statement only from positive integers', () => {
    expect(killSessionSql(123, 4567)).toBe("ALTER SYSTEM KILL SESSION '123,4567' IMMEDIATE");
    for (const [sid, serial] of [
      [0, 1],
      [1, 0],
      [-1, 5],
      [1.5, 2],
      [Number.NaN, 1],
      [1, Number.POSITIVE_INFINITY],
    ] as const) {
      expect(() => killSessionSql(sid, serial)).toThrow(RangeError);
    }
    // a string smuggled past the type system is rejected too
    expect(() => killSessionSql("1,1' IMMEDIATE --" as unknown as number, 1)).toThrow(RangeError);
  });
});

describe('the connection test probes', () => {
  it('probe every fixed view a console statement reads (space, limits, memory and I/O, alert log, long operations, drill-down, sampler too)', () => {
    expect([...PROBED_VIEWS].sort()).toEqual(fixedViewsRead());
    expect(new Set(PROBED_VIEWS).size).toBe(PROBED_VIEWS.length);
    for (const v of [
      'V$DIAG_ALERT_EXT',
      'GV$RESOURCE_LIMIT',
      'GV$SESSION_LONGOPS',
      'GV$SGAINFO',
      'GV$SESSTAT',
    ])
      expect(PROBED_VIEWS).toContain(v);
  });
});

describe('monitoring grant script', () => {
  it('grants CREATE SESSION and SELECT on every probed view', () => {
    const script = monitoringGrantScript('tms_monitor');
    expect(script).toContain('GRANT CREATE SESSION TO TMS_MONITOR;');
    for (const v of PROBED_VIEWS)
      expect(script).toContain(`GRANT SELECT ON ${fixedViewGrantTarget(v)} TO TMS_MONITOR;`);
    expect(script).toContain('GRANT SELECT ON SYS.GV_$SESSION TO TMS_MONITOR;');
    expect(script).toContain('GRANT SELECT ON SYS.V_$DATABASE TO TMS_MONITOR;');
    expect(script).toContain('-- to let the console kill sessions: GRANT ALTER SYSTEM TO TMS_MONITOR;');
    expect(monitoringGrantScript('X', { allowKill: true })).toMatch(/^GRANT ALTER SYSTEM TO X;/m);
  });

  it('refuses anything but a simple user name', () => {
    expect(() => monitoringGrantScript('x; DROP USER y')).toThrow(RangeError);
    expect(() => monitoringGrantScript('"Quoted"')).toThrow(RangeError);
  });
});

describe('the demo database answers every catalog statement with exactly its columns', () => {
  const db = new DemoDatabase({ seed: 7, sessionCount: 120, now: () => Date.UTC(2026, 10, 2, 10, 0, 0) });
  const sqlId = db.sqlIds()[0]!;
  const bindsFor = (q: CatalogQuery): Record<string, string | number> => {
    const all: Record<string, string | number> = {
      consoleModule: CONSOLE_MODULE,
      maxRows: 10,
      sqlId,
      owner: 'SALES',
      tableName: 'ORDERS',
      minutes: 10,
    };
    return Object.fromEntries(q.binds.map((b) => [b, all[b]!]));
  };

  it.each([...ALL_QUERIES, ...DIAGNOSTICS_PACK_QUERIES].map((q) => [q.id, q] as const))('%s', (id, q) => {
    const rows = db.run(q, bindsFor(q));
    if (!id.startsWith('probe.')) expect(rows.length, 'returns rows').toBeGreaterThan(0);
    for (const row of rows) expect(Object.keys(row)).toEqual([...q.columns]);
  });

  it('rejects binds the statement does not declare', () => {
    const q = ALL_QUERIES.find((x) => x.id === 'schemas.all-users')!;
    expect(() => db.run(q, { owner: 'HR' })).toThrow(/ORA-01036/);
  });
});
