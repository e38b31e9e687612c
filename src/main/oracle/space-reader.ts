/**
 * Runs the space and limits statements (catalog-space.ts) for the gateway and maps their rows.
 * The space read has three sections (tablespaces, recovery area, ASM): a section the account may not
 * read says which GRANT is missing while the others are still shown; only when none can be read does
 * the read fail, with every grant it needs. One gateway call = one counted query (gateway.ts).
 */
import { TmsError } from '@shared/errors';
import type { LimitsInstance, LimitsSnapshot, ResourceLimitRow } from '@shared/types/limits';
import type { DatabaseIdentity } from '@shared/types/oracle';
import type {
  AsmData,
  AsmDiskGroupRow,
  RecoveryAreaData,
  SpaceDenied,
  SpaceScope,
  SpaceSection,
  SpaceSnapshot,
  TablespaceRow,
  TablespacesData,
  TempUsageSnapshot,
  TempUserRow,
} from '@shared/types/space';
import type { CatalogQuery } from './catalog';
import {
  RESOURCE_LIMITS,
  SPACE_ASM,
  SPACE_RECOVERY_DEST,
  SPACE_RECOVERY_USAGE,
  SPACE_TABLESPACES,
  SPACE_TABLESPACES_CDB,
  TEMP_USERS,
} from './catalog-space';
import { grantTarget } from './errors';
import { num, num0, type RawRow, str, yes } from './mappers';

type Run = (query: CatalogQuery) => Promise<RawRow[]>;

const MB = 1024 * 1024;
const r2 = (n: number): number => Math.round(n * 100) / 100;

/** The GRANTs that let `user` read `views` (DBA_/CDB_ views are SYS-owned; V$ through their V_$ names). */
export function grantsFor(views: readonly string[], user: string): string {
  const lines = views.map(
    (v) => `GRANT SELECT ON ${/^G?V\$/.test(v) ? grantTarget(v) : `SYS.${v}`} TO ${user};`,
  );
  return `${lines.join(' ')}  -- or: GRANT SELECT_CATALOG_ROLE TO ${user};`;
}

function isPrivilegeError(err: unknown): err is TmsError {
  return err instanceof TmsError && err.code === 'ORACLE_PRIVILEGE';
}

/** Scope of the container-level rows (tablespaces, TEMP users) for where the connection is. */
export function containerScope(identity: DatabaseIdentity): SpaceScope {
  if (identity.containerKind === 'pdb') return 'pdb';
  if (identity.containerKind === 'non-cdb') return 'database';
  return identity.containerDataLimited ? 'root' : 'cdb';
}

/** Scope of what Oracle keeps for the whole CDB (recovery area, ASM, resource limits). */
const wholeScope = (identity: DatabaseIdentity): 'cdb' | 'database' => (identity.cdb ? 'cdb' : 'database');

export function mapTablespace(r: RawRow, containerName: (conId: number) => string | null): TablespaceRow {
  const blockSize = num0(r.BLOCK_SIZE) || 8192;
  const usedBytes = num0(r.USED_SPACE) * blockSize;
  const maxBytes = num0(r.TABLESPACE_SIZE) * blockSize;
  const allocatedBytes = num(r.ALLOCATED_BYTES);
  const autoext = num(r.AUTOEXT_FILES);
  const conId = num(r.CON_ID);
  return {
    conId,
    container: conId === null ? null : containerName(conId),
    name: str(r.TABLESPACE_NAME) ?? '?',
    contents: str(r.CONTENTS) ?? '',
    blockSize,
    bigfile: yes(r.BIGFILE),
    usedBytes,
    allocatedBytes,
    maxBytes,
    freeBytes: Math.max(0, maxBytes - usedBytes),
    usedPct: r2(num(r.USED_PERCENT) ?? (maxBytes > 0 ? (usedBytes / maxBytes) * 100 : 0)),
    files: num(r.FILE_COUNT),
    autoextensibleFiles: autoext,
    // the files are as big as they may get: no autoextend left, or allocated reached the maximum
    atMaxSize: allocatedBytes !== null && maxBytes > 0 && (autoext === 0 || allocatedBytes >= maxBytes),
  };
}

export function mapRecoveryArea(
  dest: RawRow | undefined,
  usage: RawRow[],
  scope: SpaceScope,
): RecoveryAreaData {
  const limitBytes = num0(dest?.SPACE_LIMIT);
  const usedBytes = num0(dest?.SPACE_USED);
  const reclaimableBytes = num0(dest?.SPACE_RECLAIMABLE);
  const name = str(dest?.NAME);
  const configured = !!name && limitBytes > 0;
  return {
    scope,
    configured,
    name,
    limitBytes,
    usedBytes,
    reclaimableBytes,
    files: num0(dest?.NUMBER_OF_FILES),
    usedPct: limitBytes > 0 ? r2((usedBytes / limitBytes) * 100) : null,
    usedNetPct: limitBytes > 0 ? r2((Math.max(0, usedBytes - reclaimableBytes) / limitBytes) * 100) : null,
    usage: configured
      ? usage.map((u) => ({
          fileType: str(u.FILE_TYPE) ?? '?',
          usedPct: num0(u.PERCENT_SPACE_USED),
          reclaimablePct: num0(u.PERCENT_SPACE_RECLAIMABLE),
          files: num0(u.NUMBER_OF_FILES),
        }))
      : [],
  };
}

export function mapAsm(r: RawRow): AsmDiskGroupRow {
  const totalBytes = num0(r.TOTAL_MB) * MB;
  const freeBytes = num0(r.FREE_MB) * MB;
  return {
    name: str(r.NAME) ?? '?',
    state: str(r.STATE) ?? '',
    type: str(r.TYPE) ?? '',
    totalBytes,
    freeBytes,
    usableFileBytes: num0(r.USABLE_FILE_MB) * MB,
    requiredMirrorFreeBytes: num0(r.REQUIRED_MIRROR_FREE_MB) * MB,
    usedPct: totalBytes > 0 ? r2(((totalBytes - freeBytes) / totalBytes) * 100) : 0,
    offlineDisks: num0(r.OFFLINE_DISKS),
  };
}

export function mapTempUser(r: RawRow, fallbackBlockSize: number): TempUserRow {
  const blocks = num0(r.BLOCKS);
  const blockSize = num(r.BLOCK_SIZE) ?? fallbackBlockSize;
  return {
    instId: num(r.INST_ID) ?? 1,
    conId: num0(r.CON_ID),
    sid: num0(r.SID),
    serial: num0(r.SERIAL_NO),
    username: str(r.USERNAME),
    program: str(r.PROGRAM),
    module: str(r.MODULE),
    sqlId: str(r.SQL_ID),
    tablespace: str(r.TABLESPACE) ?? '?',
    segmentTypes: [
      ...new Set(
        (str(r.SEGTYPES) ?? '')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean),
      ),
    ],
    blocks,
    bytes: blocks * blockSize,
  };
}

/** '1234' → 1234; 'UNLIMITED' / '' / NULL → null (no limit). */
export function limitValue(v: unknown): number | null {
  const s = str(v)?.trim();
  if (!s || /^UNLIMITED$/i.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

export function mapLimit(r: RawRow): ResourceLimitRow {
  const current = num0(r.CURRENT_UTILIZATION);
  const max = num0(r.MAX_UTILIZATION);
  const limit = limitValue(r.LIMIT_VALUE);
  const pctOf = (v: number) => (limit !== null && limit > 0 ? r2((v / limit) * 100) : null);
  return {
    instId: num(r.INST_ID) ?? 1,
    resource: str(r.RESOURCE_NAME) ?? '?',
    current,
    max,
    initial: limitValue(r.INITIAL_ALLOCATION),
    limit,
    currentPct: pctOf(current),
    maxPct: pctOf(max),
  };
}

/** Closest to the limit first; unlimited rows last (by their high-water mark). */
export function sortLimits(rows: ResourceLimitRow[]): ResourceLimitRow[] {
  const key = (r: ResourceLimitRow) => r.currentPct ?? -1;
  return [...rows].sort(
    (a, b) =>
      key(b) - key(a) ||
      (b.maxPct ?? -1) - (a.maxPct ?? -1) ||
      b.max - a.max ||
      a.resource.localeCompare(b.resource) ||
      a.instId - b.instId,
  );
}

export class SpaceReader {
  constructor(
    private readonly run: Run,
    private readonly now: () => number,
    private readonly user: string,
  ) {}

  /** One section: its data, or the grant it lacks (other errors fail the whole read). */
  private async section<T>(
    queries: readonly CatalogQuery[],
    read: () => Promise<T>,
  ): Promise<SpaceSection<T> & { error?: TmsError }> {
    try {
      return { ok: true, data: await read() };
    } catch (err) {
      if (!isPrivilegeError(err)) throw err;
      const views = [...new Set(queries.flatMap((q) => q.views))];
      const denied: SpaceDenied = { views, grant: grantsFor(views, this.user) };
      return { ok: false, denied, error: err };
    }
  }

  async space(identity: DatabaseIdentity): Promise<SpaceSnapshot> {
    const cdbRoot = identity.containerKind === 'root';
    const tsQuery = cdbRoot ? SPACE_TABLESPACES_CDB : SPACE_TABLESPACES;
    const names = new Map(identity.visibleContainers.map((c) => [c.conId, c.name]));
    const tablespaces = await this.section<TablespacesData>([tsQuery], async () => ({
      scope: containerScope(identity),
      source: cdbRoot ? 'cdb' : 'dba',
      rows: sortByFullness(
        (await this.run(tsQuery)).map((r) => mapTablespace(r, (c) => names.get(c) ?? null)),
      ),
    }));
    const recoveryArea = await this.section<RecoveryAreaData>(
      [SPACE_RECOVERY_DEST, SPACE_RECOVERY_USAGE],
      async () => {
        const dest = await this.run(SPACE_RECOVERY_DEST);
        const usage = await this.run(SPACE_RECOVERY_USAGE);
        return mapRecoveryArea(dest[0], usage, wholeScope(identity));
      },
    );
    const asm = await this.section<AsmData>([SPACE_ASM], async () => {
      const groups = (await this.run(SPACE_ASM)).map(mapAsm).sort((a, b) => b.usedPct - a.usedPct);
      return { scope: wholeScope(identity), present: groups.length > 0, groups };
    });
    const sections = [tablespaces, recoveryArea, asm];
    if (sections.every((s) => !s.ok)) {
      // nothing readable: one privilege error naming every grant the view needs
      const views = sections.flatMap((s) => (s.ok ? [] : s.denied.views));
      const grant = grantsFor(views, this.user);
      const first = sections[0]?.error;
      throw new TmsError(
        'ORACLE_PRIVILEGE',
        `The user cannot read ${views.join(', ')}. Ask a DBA: ${grant}`,
        {
          retryable: false,
          details: { ...(first?.details ?? {}), reason: 'oracle.readPrivilege', grant, views },
        },
      );
    }
    const strip = <T>({ error: _e, ...s }: SpaceSection<T> & { error?: TmsError }): SpaceSection<T> =>
      s as SpaceSection<T>;
    return {
      sampledAt: this.now(),
      tablespaces: strip(tablespaces),
      recoveryArea: strip(recoveryArea),
      asm: strip(asm),
    };
  }

  async tempUsage(identity: DatabaseIdentity): Promise<TempUsageSnapshot> {
    const raw = await this.run(TEMP_USERS);
    const blockSize = num(raw[0]?.BLOCK_SIZE) ?? 8192;
    const rows = raw.map((r) => mapTempUser(r, blockSize)).sort((a, b) => b.bytes - a.bytes);
    return {
      sampledAt: this.now(),
      scope: containerScope(identity),
      instanceScope: identity.rac ? 'cluster' : 'instance',
      blockSize,
      totalBytes: rows.reduce((a, r) => a + r.bytes, 0),
      rows,
    };
  }

  async limits(identity: DatabaseIdentity): Promise<LimitsSnapshot> {
    const raw = await this.run(RESOURCE_LIMITS);
    const instances = new Map<number, LimitsInstance>();
    for (const r of raw) {
      const instId = num(r.INST_ID) ?? 1;
      if (!instances.has(instId)) instances.set(instId, { instId, startupTime: num(r.STARTUP_TIME) });
    }
    return {
      sampledAt: this.now(),
      scope: wholeScope(identity),
      instanceScope: instances.size > 1 ? 'cluster' : 'instance',
      instances: [...instances.values()].sort((a, b) => a.instId - b.instId),
      rows: sortLimits(raw.map(mapLimit)),
    };
  }
}

/** Fullest first by % of the maximum size; ties by used bytes. */
export function sortByFullness(rows: TablespaceRow[]): TablespaceRow[] {
  return [...rows].sort((a, b) => b.usedPct - a.usedPct || b.usedBytes - a.usedBytes);
}
