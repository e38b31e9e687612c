/**
 * `LlmServiceDeps.tableInfo` over the monitoring service's metadata reads (ALL_TABLES / ALL_TAB_COLUMNS,
 * cached 30 min under tms:{connId}:tables:{schema} and tms:{connId}:columns:{schema}:{table}).
 * Unqualified names resolve in the parsing schema; tables that cannot be read are left out.
 */
import type { Cached } from '@shared/cache';
import type { LlmTableInfo } from '@shared/types/llm';
import type { ColumnRow, TableRow } from '@shared/types/oracle';
import type { DictionaryRows } from '@shared/types/privileges';

export interface MetadataReader {
  tables(connId: string, schema: string): Promise<Cached<DictionaryRows<TableRow>>>;
  columns(connId: string, schema: string, table: string): Promise<Cached<DictionaryRows<ColumnRow>>>;
}

export function metadataTableInfo(
  reader: MetadataReader,
  options: { maxTables?: number } = {},
): (
  connId: string,
  tables: { owner?: string; name: string }[],
  defaultSchema?: string,
) => Promise<LlmTableInfo[]> {
  const max = options.maxTables ?? 10;
  return async (connId, tables, defaultSchema) => {
    const wanted = tables
      .map((t) => ({ owner: (t.owner ?? defaultSchema)?.toUpperCase(), name: t.name }))
      .filter((t): t is { owner: string; name: string } => Boolean(t.owner))
      .slice(0, max);
    const results = await Promise.all(
      wanted.map(async ({ owner, name }): Promise<LlmTableInfo | null> => {
        try {
          const list = (await reader.tables(connId, owner)).data.rows;
          const row = list.find((r) => r.tableName === name);
          if (!row) return null;
          let columns: LlmTableInfo['columns'];
          try {
            columns = (await reader.columns(connId, owner, name)).data.rows.map((c) => ({
              name: c.columnName,
              dataType: c.dataType,
              nullable: c.nullable,
            }));
          } catch {
            columns = undefined; // sizes alone still help
          }
          return {
            owner,
            name,
            numRows: row.numRows,
            blocks: row.blocks,
            lastAnalyzed: row.lastAnalyzed,
            ...(columns ? { columns } : {}),
          };
        } catch {
          return null;
        }
      }),
    );
    return results.filter((r): r is LlmTableInfo => r !== null);
  };
}
