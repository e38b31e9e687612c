/** ALL_USERS, ALL_TABLES, ALL_TAB_COLUMNS and the ALL_OBJECTS DDL watermark from the demo schemas. */
import type { RawRow } from '../../mappers';
import { DEMO_SCHEMAS, parseColumn } from '../schema-data';
import { columnStats } from '../schema-stats';
import { DAY, OWN_USER } from '../world/model';
import type { DemoWorld } from '../world/world';
import type { ViewHandlers } from './view';

function allUsers(
  w: DemoWorld,
): { username: string; userId: number; created: number; maintained: 'Y' | 'N' }[] {
  const base = w.createdAt;
  return [
    { username: 'SYS', userId: 0, created: w.startupTime - 900 * DAY, maintained: 'Y' },
    { username: 'SYSTEM', userId: 9, created: w.startupTime - 900 * DAY, maintained: 'Y' },
    { username: 'DBSNMP', userId: 70, created: w.startupTime - 900 * DAY, maintained: 'Y' },
    { username: OWN_USER, userId: 161, created: base - 20 * DAY, maintained: 'N' },
    ...DEMO_SCHEMAS.map((s) => ({
      username: s.username,
      userId: s.userId,
      created: Math.floor((base - s.createdDaysAgo * DAY) / 1000) * 1000,
      maintained: 'N' as const,
    })),
  ];
}

function tables(w: DemoWorld, owner: string): RawRow[] {
  const schema = DEMO_SCHEMAS.find((s) => s.username === owner);
  if (!schema) return [];
  return schema.tables
    .map((tb) => ({
      OWNER: owner,
      TABLE_NAME: tb.name,
      TABLESPACE_NAME: tb.partitioned || tb.temporary || tb.iot ? null : tb.tablespace,
      STATUS: 'VALID',
      NUM_ROWS: tb.numRows,
      BLOCKS:
        tb.numRows === null || tb.avgRowLen === null
          ? null
          : Math.max(5, Math.ceil((tb.numRows * tb.avgRowLen) / (8192 * 0.86))),
      AVG_ROW_LEN: tb.avgRowLen,
      LAST_ANALYZED: tb.analyzedDaysAgo === null ? null : new Date(analyzedAt(w, tb.analyzedDaysAgo)),
      PARTITIONED: tb.partitioned ? 'YES' : 'NO',
      TEMPORARY: tb.temporary ? 'Y' : 'N',
      IOT_TYPE: tb.iot ? 'IOT' : null,
      COMPRESSION: tb.partitioned || tb.iot ? null : (tb.compression ?? 'DISABLED'),
      LOGGING: tb.partitioned || tb.iot ? null : tb.temporary ? 'NO' : 'YES',
    }))
    .sort((a, b) => a.TABLE_NAME.localeCompare(b.TABLE_NAME));
}

export function analyzedAt(w: DemoWorld, daysAgo: number): number {
  const d = new Date(w.createdAt - daysAgo * DAY);
  d.setUTCHours(22, 0, 12, 0);
  return d.getTime();
}

function columns(w: DemoWorld, owner: string, tableName: string): RawRow[] {
  const tb = DEMO_SCHEMAS.find((s) => s.username === owner)?.tables.find((x) => x.name === tableName);
  if (!tb) return [];
  const analyzed = tb.analyzedDaysAgo === null ? null : new Date(analyzedAt(w, tb.analyzedDaysAgo));
  const stats = columnStats(w.seed, owner, tb);
  return tb.columns.map((spec, i) => {
    const c = parseColumn(spec);
    const { numDistinct: ndv, numNulls: nulls, histogram } = stats[i]!;
    return {
      COLUMN_ID: i + 1,
      COLUMN_NAME: c.name,
      DATA_TYPE: c.dataType,
      DATA_LENGTH: c.dataLength,
      DATA_PRECISION: c.precision,
      DATA_SCALE: c.scale,
      CHAR_LENGTH: c.charLength,
      CHAR_USED: c.charUsed,
      NULLABLE: c.nullable ? 'Y' : 'N',
      NUM_DISTINCT: ndv,
      NUM_NULLS: nulls,
      DENSITY: ndv ? Math.round((1 / ndv) * 1e9) / 1e9 : null,
      HISTOGRAM: histogram,
      LAST_ANALYZED: analyzed,
    };
  });
}

export const DICTIONARY_VIEWS: ViewHandlers = {
  'schemas.all-users': ({ world }) =>
    allUsers(world)
      .filter((u) => u.maintained === 'N')
      .sort((a, b) => a.username.localeCompare(b.username))
      .map((u) => ({ USERNAME: u.username, USER_ID: u.userId, CREATED: new Date(u.created) })),
  'tables.all-tables': ({ world, bind }) => tables(world, String(bind('owner'))),
  'columns.all-tab-columns': ({ world, bind }) =>
    columns(world, String(bind('owner')), String(bind('tableName'))),
  'ddl-watermark.all-objects': ({ world }) => [
    { MAX_LAST_DDL_TIME: new Date(world.ddlTime), OBJECT_COUNT: world.objectCount },
  ],
};
