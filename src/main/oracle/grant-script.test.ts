import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  dictionaryGrants,
  dictionaryViewsRead,
  fixedViewsRead,
  minimalGrants,
  roleGrants,
} from './grant-script';

const readme = readFileSync(join(process.cwd(), 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Monitoring account'));

describe('monitoring grants', () => {
  it('cover every fixed view the console reads, on the V_$ object', () => {
    const grants = minimalGrants('tms_monitor');
    expect(grants[0]).toBe('GRANT CREATE SESSION TO TMS_MONITOR;');
    for (const v of fixedViewsRead()) {
      const target = v.startsWith('GV$') ? `GV_${v.slice(2)}` : `V_${v.slice(1)}`;
      expect(grants).toContain(`GRANT SELECT ON SYS.${target} TO TMS_MONITOR;`);
    }
    expect(fixedViewsRead()).toContain('V$PARAMETER'); // the Diagnostics Pack gate reads it
    expect(dictionaryGrants('x')).toContain('GRANT SELECT ON SYS.DBA_TABLES TO X;');
    expect(() => minimalGrants('x; DROP USER y')).toThrow(RangeError);
  });

  it('the README "Monitoring account" section gives exactly these grants (regenerate it when a statement changes)', () => {
    expect(section.length).toBeGreaterThan(1000);
    for (const line of [
      ...minimalGrants('TMS_MONITOR'),
      ...dictionaryGrants('TMS_MONITOR'),
      ...roleGrants('TMS_MONITOR'),
    ]) {
      expect(section, line).toContain(line);
    }
    // and no stale grant of a view the console no longer reads
    const granted = [...section.matchAll(/GRANT SELECT ON SYS\.(G?V_\$\w+) TO TMS_MONITOR;/g)].map(
      (m) => m[1],
    );
    const read = fixedViewsRead().map((v) => (v.startsWith('GV$') ? `GV_${v.slice(2)}` : `V_${v.slice(1)}`));
    expect([...new Set(granted)].sort()).toEqual(read.sort());
    // the same for the optional DBA_* grants (issue 15 added the index and constraint views)
    const dba = [...section.matchAll(/GRANT SELECT ON SYS\.((?:DBA|CDB)_\w+) TO TMS_MONITOR;/g)].map(
      (m) => m[1],
    );
    expect([...new Set(dba)].sort()).toEqual(dictionaryViewsRead());
    expect(dictionaryViewsRead()).toEqual(
      expect.arrayContaining(['DBA_INDEXES', 'DBA_IND_COLUMNS', 'DBA_CONSTRAINTS', 'DBA_CONS_COLUMNS']),
    );
  });
});
