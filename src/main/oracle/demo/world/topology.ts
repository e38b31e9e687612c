/**
 * The shape of the demo database: where the console connects (non-CDB, a PDB, CDB$ROOT), what the
 * account may see from the root (CONTAINER_DATA), how many RAC instances, and the database host's clock
 * and zone against the console's. Each "demo world" is one of these (see DEMO_WORLDS).
 */

export type DemoConnectTo = 'non-cdb' | 'pdb' | 'root';

export interface DemoTopology {
  connectTo: DemoConnectTo;
  /** CDB$ROOT only: 'all' = CONTAINER_DATA=ALL (sees every PDB); 'current' = only the root's rows */
  containerData: 'all' | 'current';
  /** open instances: 1, or 2 for RAC (a pooled connection lands on either) */
  instances: 1 | 2;
  /** the database host's offset from UTC in minutes (V$ DATE columns are its wall clock) */
  hostUtcOffsetMin: number;
  /** the console's offset from UTC in minutes, as thin mode sees it (lib/util.js makeDate) */
  clientUtcOffsetMin: number;
  /** database clock minus console clock (ms) */
  dbClockSkewMs: number;
  /** V$INSTANCE.VERSION (issue 17: below 18c ALTER SYSTEM CANCEL SQL raises ORA-02065); default 19c */
  version: string;
}

export interface DemoContainer {
  conId: number;
  name: string;
  openMode: string;
  /** share of the main workload (SALESPDB = 1) */
  loadShare: number;
}

/** V$INSTANCE.VERSION of the demo worlds unless one says otherwise */
export const DEFAULT_DEMO_VERSION = '19.0.0.0.0';
export const CDB_NAME = 'PRODCDB';
export const NON_CDB_NAME = 'PRODDB';
export const ROOT: DemoContainer = { conId: 1, name: 'CDB$ROOT', openMode: 'READ WRITE', loadShare: 0.04 };
export const SALES_PDB: DemoContainer = { conId: 3, name: 'SALESPDB', openMode: 'READ WRITE', loadShare: 1 };
export const HR_PDB: DemoContainer = { conId: 4, name: 'HRPDB', openMode: 'READ WRITE', loadShare: 0.18 };
export const NON_CDB: DemoContainer = { conId: 0, name: NON_CDB_NAME, openMode: 'READ WRITE', loadShare: 1 };

/** The console's own offset now (what thin mode uses for DATE values and the session time zone). */
export function localUtcOffsetMin(at = Date.now()): number {
  return -new Date(at).getTimezoneOffset();
}

/** A host zone that differs from the console's by default: UTC, or KST when the console is in UTC. */
export function defaultHostOffset(clientUtcOffsetMin: number): number {
  return clientUtcOffsetMin === 0 ? 540 : 0;
}

/** The named worlds (settings / TMS_DEMO_WORLD). Every field can still be overridden one by one. */
export const DEMO_WORLDS = {
  /** one instance, connected to the SALESPDB PDB of a CDB, host in another zone (the default) */
  pdb: { connectTo: 'pdb', instances: 1 },
  /** connected to CDB$ROOT with CONTAINER_DATA=ALL */
  root: { connectTo: 'root', instances: 1, containerData: 'all' },
  /** connected to CDB$ROOT without CONTAINER_DATA: only the root is visible */
  'root-limited': { connectTo: 'root', instances: 1, containerData: 'current' },
  /** a two-instance RAC non-CDB */
  rac: { connectTo: 'non-cdb', instances: 2 },
  /** the demanding one: PDB + two-instance RAC + another host zone */
  'pdb-rac': { connectTo: 'pdb', instances: 2 },
  /** a single-instance non-CDB (the pre-21c kind) */
  'non-cdb': { connectTo: 'non-cdb', instances: 1 },
  /** issue 17: an old single-instance non-CDB 12.1, without ALTER SYSTEM CANCEL SQL (Cancel is hidden) */
  'legacy-12c': { connectTo: 'non-cdb', instances: 1, version: '12.1.0.2.0' },
} as const satisfies Record<string, Partial<DemoTopology>>;
export type DemoWorldName = keyof typeof DEMO_WORLDS;
export const DEMO_WORLD_NAMES = Object.keys(DEMO_WORLDS) as DemoWorldName[];

export function resolveTopology(
  world: DemoWorldName | undefined,
  overrides: Partial<DemoTopology> = {},
  at = Date.now(),
): DemoTopology {
  const client = overrides.clientUtcOffsetMin ?? localUtcOffsetMin(at);
  const base: Partial<DemoTopology> = DEMO_WORLDS[world ?? 'pdb'];
  return {
    connectTo: 'pdb',
    containerData: 'all',
    instances: 1,
    dbClockSkewMs: 0,
    version: DEFAULT_DEMO_VERSION,
    ...base,
    ...stripUndefined(overrides),
    clientUtcOffsetMin: client,
    hostUtcOffsetMin: overrides.hostUtcOffsetMin ?? defaultHostOffset(client),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Containers of the world: the non-CDB alone, or root + two PDBs. */
export function containersOf(t: DemoTopology): DemoContainer[] {
  return t.connectTo === 'non-cdb' ? [NON_CDB] : [ROOT, SALES_PDB, HR_PDB];
}

/** The container the console's session is in. */
export function connectedContainer(t: DemoTopology): DemoContainer {
  if (t.connectTo === 'non-cdb') return NON_CDB;
  return t.connectTo === 'root' ? ROOT : SALES_PDB;
}

/** Containers whose rows the console's session sees in V$ views (CON_ID filter of the world). */
export function visibleConIds(t: DemoTopology): Set<number> {
  if (t.connectTo === 'non-cdb') return new Set([0]);
  if (t.connectTo === 'pdb') return new Set([SALES_PDB.conId]);
  return t.containerData === 'all'
    ? new Set([ROOT.conId, SALES_PDB.conId, HR_PDB.conId])
    : new Set([ROOT.conId]);
}
