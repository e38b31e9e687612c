/**
 * The demo database: an in-memory Oracle that answers the catalog's statements (by query id) with
 * rows of exactly the columns the SQL returns, deterministic from a seed and the clock.
 *
 * A facade over two halves: the world (world/: sessions, locks, cursors, objects, the clock and load
 * curve) and the simulated views (views/: one file per view family, each a map of query id →
 * handler). Adding a view = one file in views/ + one line in VIEWS below.
 *
 * Not simulated: background sessions (the catalog reads TYPE = 'USER' only), RAC (one instance).
 */
import type { CatalogQuery } from '../catalog';
import type { RawRow } from '../mappers';
import { ACTIVITY_VIEWS } from './views/activity';
import { ASH_VIEWS } from './views/ash';
import { DICTIONARY_VIEWS } from './views/dictionary';
import { HEALTH_VIEWS } from './views/health';
import { LOCK_VIEWS } from './views/locks';
import { METRIC_VIEWS } from './views/metrics';
import { PLAN_VIEWS } from './views/plans';
import { SESSION_VIEWS } from './views/sessions';
import { SQLSTATS_VIEWS } from './views/sqlstats';
import { TREND_VIEWS } from './views/trend';
import type { ViewHandlers } from './views/view';
import { WAIT_VIEWS } from './views/waits';
import { DemoOracleError } from './world/model';
import { DemoWorld, type DemoWorldOptions } from './world/world';

export { SORT_KEYS } from './views/sqlstats';
export { DemoOracleError } from './world/model';

export type DemoDatabaseOptions = DemoWorldOptions;

/** Every simulated view, by catalog query id. */
const VIEWS: ViewHandlers = {
  ...METRIC_VIEWS,
  ...SESSION_VIEWS,
  ...LOCK_VIEWS,
  ...WAIT_VIEWS,
  ...SQLSTATS_VIEWS,
  ...PLAN_VIEWS,
  ...DICTIONARY_VIEWS,
  ...TREND_VIEWS,
  ...HEALTH_VIEWS,
  ...ASH_VIEWS,
  ...ACTIVITY_VIEWS,
};

export class DemoDatabase {
  readonly world: DemoWorld;

  constructor(opts: DemoDatabaseOptions) {
    this.world = new DemoWorld(opts);
  }

  get seed(): number {
    return this.world.seed;
  }
  /** the clock time the database was created: growing counters start from here */
  get createdAt(): number {
    return this.world.createdAt;
  }
  get startupTime(): number {
    return this.world.startupTime;
  }

  // --- the query router ------------------------------------------------------------------------

  run(query: CatalogQuery, binds: Record<string, string | number> = {}): RawRow[] {
    const t = this.world.now();
    for (const k of Object.keys(binds)) {
      if (!query.binds.includes(k))
        throw new DemoOracleError('ORA-01036', `illegal variable name/number (:${k})`);
    }
    const bind = (name: string): string | number => {
      const v = binds[name];
      if (v === undefined) throw new DemoOracleError('ORA-01008', 'not all variables bound');
      return v;
    };
    // the connection test's probes: a parse of `SELECT 1 FROM view WHERE 1 = 0`
    if (query.id.startsWith('probe.')) return [];
    const view = VIEWS[query.id];
    if (!view) {
      throw new DemoOracleError(
        'ORA-00942',
        `table or view does not exist (demo has no answer for ${query.id})`,
      );
    }
    return view({ world: this.world, t, bind });
  }

  // --- hooks ---------------------------------------------------------------------------------

  /** V$SYSMETRIC-like values for the interval ending at `t` (the 24 h / 7 d synthetic trend uses it). */
  metricsAt(t: number, noiseSalt = 0): Record<string, number> {
    return this.world.metricsAt(t, noiseSalt);
  }

  /** ALTER SYSTEM KILL SESSION: removes the session and releases the sessions it was blocking. */
  kill(sid: number, serial: number): void {
    this.world.kill(sid, serial);
  }

  /** Simulates DDL (e.g. CREATE INDEX): LAST_DDL_TIME moves and the object count changes. */
  simulateDdl(kind: 'create' | 'alter' | 'drop' = 'create'): void {
    this.world.simulateDdl(kind);
  }

  /** SQL_IDs the demo knows (for tests and the UI's examples). */
  sqlIds(): string[] {
    return this.world.sqls.map((s) => s.sqlId);
  }

  /** Sids of the sessions in blocking chains that block others. */
  blockerSids(): number[] {
    return [...new Set(this.world.locks.filter((l) => l.block > 0).map((l) => l.sid))];
  }

  sessionSerial(sid: number): number | null {
    return this.world.sessions.get(sid)?.serial ?? null;
  }

  get sessionTotal(): number {
    return this.world.sessions.size;
  }
}
