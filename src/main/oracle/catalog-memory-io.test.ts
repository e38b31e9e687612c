import { describe, expect, it } from 'vitest';
import {
  IOSTAT_FILE,
  IOSTAT_FUNCTION,
  MEMORY_IO_QUERIES,
  MEMORY_IO_UPTIME,
  MEMORY_PARAMETERS,
  PGA_STAT,
  SGA_COMPONENTS,
  SGA_INFO,
} from './catalog-memory-io';
import { fixedViewsRead, minimalGrants } from './grant-script';

describe('memory and I/O statements', () => {
  it('are read-only, bind nothing, read GV$ views with INST_ID and list exactly those views', () => {
    for (const q of MEMORY_IO_QUERIES) {
      expect(q.sql).toMatch(/^SELECT /);
      expect(q.sql).not.toMatch(/\b(INSERT|UPDATE|DELETE|MERGE|ALTER|DROP|CREATE)\b/i);
      expect(q.binds).toEqual([]);
      expect(q.sql).not.toMatch(/:\w/);
      expect(q.resource).toBe('memory-io');
      expect(q.columns[0]).toBe('INST_ID');
      for (const v of q.views) {
        expect(v).toMatch(/^GV\$/);
        expect(q.sql.toLowerCase()).toContain(v.toLowerCase());
      }
      // no pack views
      expect(q.sql).not.toMatch(/active_session_history|dba_hist_/i);
    }
    expect(new Set(MEMORY_IO_QUERIES.map((q) => q.id)).size).toBe(MEMORY_IO_QUERIES.length);
  });

  it('reads the named columns of each view', () => {
    expect(SGA_COMPONENTS.views).toEqual(['GV$SGA_DYNAMIC_COMPONENTS']);
    expect(SGA_COMPONENTS.sql).toMatch(/current_size.*min_size.*max_size.*granule_size/s);
    expect(SGA_INFO.sql).toContain("'Maximum SGA Size'");
    expect(SGA_INFO.sql).toContain("'Granule Size'");
    expect(PGA_STAT.sql).toContain("'aggregate PGA target parameter'");
    expect(PGA_STAT.sql).toContain("'maximum PGA allocated'");
    expect(PGA_STAT.sql).toContain("'over allocation count'");
    expect(PGA_STAT.sql).toContain("'cache hit percentage'");
    expect(MEMORY_PARAMETERS.sql).toContain("'sga_target'");
    // I/O: summed per instance and file type / function; megabytes and wait time as Oracle keeps them
    expect(IOSTAT_FILE.sql).toMatch(/GROUP BY x\.inst_id, x\.filetype_name/);
    expect(IOSTAT_FILE.sql).toMatch(/small_read_megabytes \+ x\.large_read_megabytes/);
    expect(IOSTAT_FUNCTION.sql).toMatch(/GROUP BY x\.inst_id, x\.function_name/);
    expect(IOSTAT_FUNCTION.columns).toContain('WAIT_TIME');
  });

  it('computes time as instants in SQL (no raw DATE reaches the driver)', () => {
    expect(MEMORY_IO_UPTIME.instantColumns).toEqual(['STARTUP_TIME', 'DB_NOW']);
    expect(MEMORY_IO_UPTIME.sql).toMatch(/DATE '1970-01-01'/);
    expect(MEMORY_IO_UPTIME.sql).not.toMatch(/SELECT i\.inst_id, i\.startup_time/);
  });

  it('puts every view it reads in the grant script', () => {
    const views = fixedViewsRead();
    for (const v of MEMORY_IO_QUERIES.flatMap((q) => q.views)) expect(views).toContain(v);
    const grants = minimalGrants('TMS_MONITOR').join('\n');
    expect(grants).toContain('GRANT SELECT ON SYS.GV_$IOSTAT_FILE TO TMS_MONITOR;');
    expect(grants).toContain('GRANT SELECT ON SYS.GV_$PGASTAT TO TMS_MONITOR;');
  });
});
