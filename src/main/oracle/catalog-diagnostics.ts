/**
 * Issue 17: the alert log (V$DIAG_ALERT_EXT) and long operations (GV$SESSION_LONGOPS). Read-only, binds
 * only, same `CatalogQuery` shape as catalog.ts (the demo answers by id). Neither view is a pack view.
 *
 * Alert log. V$DIAG_ALERT_EXT parses the instance's XML alert log on every query and has no index: the
 * one cheap filter is the time, so it comes first (ORIGINATING_TIMESTAMP > now − :minutes) and at most
 * :maxRows rows come back. ORIGINATING_TIMESTAMP is TIMESTAMP WITH TIME ZONE: it is compared with
 * SYSTIMESTAMP (also zoned: an absolute comparison — `> SYSDATE - x` would convert through the SESSION
 * time zone, which thin sets to the console's) and turned into epoch ms in SQL through SYS_EXTRACT_UTC.
 * In 12.2+ a PDB sees only its own messages (CON_ID of the PDB); CDB$ROOT sees every container's.
 * There is no GV$DIAG_ALERT_EXT: on RAC the same query runs on every instance through the GV$(CURSOR())
 * table function (parallel execution, one slave per instance), each row tagged with its instance.
 *
 * Long operations. START_TIME/LAST_UPDATE_TIME are the host's zoneless DATEs: epochMs() as catalog.ts.
 * "In progress" = SOFAR < TOTALWORK and the session that owns it still exists (a cancelled query leaves
 * its row behind with work left); finished ones are kept :recentMinutes after their last update.
 */
import { type CatalogQuery, epochMs } from './catalog';

function q(def: CatalogQuery): CatalogQuery {
  return Object.freeze({ ...def, sql: def.sql.trim().replace(/\n\s+/g, '\n  ') });
}

/** A TIMESTAMP WITH TIME ZONE as epoch ms (UTC), exact to the millisecond, no DATE cast (which drops fractions). */
export function tstzEpochMs(column: string): string {
  const d = `(SYS_EXTRACT_UTC(${column}) - TIMESTAMP '1970-01-01 00:00:00')`;
  return `(EXTRACT(DAY FROM ${d}) * 86400000 + EXTRACT(HOUR FROM ${d}) * 3600000 + EXTRACT(MINUTE FROM ${d}) * 60000 + ROUND(EXTRACT(SECOND FROM ${d}) * 1000))`;
}

export const ALERT_LOG_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'RECORD_ID',
  'ORIGINATING_TIME',
  'MESSAGE_LEVEL',
  'MESSAGE_TYPE',
  'COMPONENT_ID',
  'MESSAGE_TEXT',
] as const;

/** One instance's entries of the window, newest first (the instance is the one this session is on). */
const alertSelect = `
    SELECT TO_NUMBER(SYS_CONTEXT('USERENV', 'INSTANCE')) AS inst_id, a.con_id, a.record_id,
           ${tstzEpochMs('a.originating_timestamp')} AS originating_time,
           a.message_level, a.message_type, a.component_id, SUBSTR(a.message_text, 1, 2000) AS message_text
    FROM v$diag_alert_ext a
    WHERE a.originating_timestamp > SYSTIMESTAMP - NUMTODSINTERVAL(:minutes, 'MINUTE')
    ORDER BY a.originating_timestamp DESC
    FETCH FIRST :maxRows ROWS ONLY`;

export const ALERT_LOG = q({
  id: 'alert-log.entries',
  resource: 'alert-log',
  sql: alertSelect,
  binds: ['minutes', 'maxRows'],
  columns: ALERT_LOG_COLUMNS,
  views: ['V$DIAG_ALERT_EXT'],
  instantColumns: ['ORIGINATING_TIME'],
});

/** RAC: the same read on every instance (GV$ table function), then the newest :maxRows overall. */
export const ALERT_LOG_RAC = q({
  id: 'alert-log.entries-rac',
  resource: 'alert-log',
  sql: `
    SELECT g.inst_id, g.con_id, g.record_id, g.originating_time, g.message_level, g.message_type,
           g.component_id, g.message_text
    FROM TABLE(GV$(CURSOR(${alertSelect}
    ))) g
    ORDER BY g.originating_time DESC
    FETCH FIRST :maxRows ROWS ONLY`,
  binds: ['minutes', 'maxRows'],
  columns: ALERT_LOG_COLUMNS,
  views: ['V$DIAG_ALERT_EXT'],
  instantColumns: ['ORIGINATING_TIME'],
});

export const LONG_OPS_COLUMNS = [
  'INST_ID',
  'CON_ID',
  'SID',
  'SERIAL_NO',
  'USERNAME',
  'OPNAME',
  'TARGET',
  'TARGET_DESC',
  'SOFAR',
  'TOTALWORK',
  'UNITS',
  'START_TIME',
  'LAST_UPDATE_TIME',
  'ELAPSED_SECONDS',
  'TIME_REMAINING',
  'SQL_ID',
  'MESSAGE',
] as const;

export const LONG_OPS = q({
  id: 'longops.list',
  resource: 'longops',
  sql: `
    SELECT l.inst_id, l.con_id, l.sid, l.serial# AS serial_no, l.username, l.opname, l.target, l.target_desc,
           l.sofar, l.totalwork, l.units,
           ${epochMs('l.start_time')} AS start_time, ${epochMs('l.last_update_time')} AS last_update_time,
           l.elapsed_seconds, l.time_remaining, l.sql_id, SUBSTR(l.message, 1, 512) AS message
    FROM gv$session_longops l
    WHERE (l.sofar < l.totalwork
           AND EXISTS (SELECT 1 FROM gv$session s
                       WHERE s.inst_id = l.inst_id AND s.sid = l.sid AND s.serial# = l.serial#))
       OR (l.sofar >= l.totalwork AND l.last_update_time >= SYSDATE - :recentMinutes / 1440)
    ORDER BY CASE WHEN l.sofar < l.totalwork THEN 0 ELSE 1 END, l.start_time DESC
    FETCH FIRST :maxRows ROWS ONLY`,
  binds: ['recentMinutes', 'maxRows'],
  columns: LONG_OPS_COLUMNS,
  views: ['GV$SESSION_LONGOPS', 'GV$SESSION'],
  instantColumns: ['START_TIME', 'LAST_UPDATE_TIME'],
});

export const DIAGNOSTICS_QUERIES: readonly CatalogQuery[] = [ALERT_LOG, ALERT_LOG_RAC, LONG_OPS];
