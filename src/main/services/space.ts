/**
 * SpaceService (issue 17): tablespaces / recovery area / ASM, TEMP by session and resource limits, each
 * read through the two-level cache like MonitoringService (`refresh: true` = manual refresh).
 *
 *   space      tms:{connId}:space       long (300 s)  tablespaces change by the hour; the DBA_ usage read costs more
 *   temp-usage tms:{connId}:temp-usage  short (30 s)  a sort/hash spill lives seconds to minutes
 *   limits     tms:{connId}:limits      short (30 s)  V$RESOURCE_LIMIT is cheap; processes near the limit is urgent
 *
 * The typed methods are also what alerting reads (tablespace % of maximum, recovery area %, % of limit):
 * it gets the same cached value the view shows, so an alert never costs another Oracle query.
 */
import type { Cached } from '@shared/cache';
import { TmsError } from '@shared/errors';
import type { LimitsSnapshot } from '@shared/types/limits';
import type { SpaceSnapshot, TempUsageSnapshot } from '@shared/types/space';
import type { CacheKeySpec, ReadThroughCache } from '../cache/types';
import type { OracleGateway } from '../oracle/gateway';
import type { GatewayAccess, ReadOptions } from './monitoring';

export interface SpaceDeps {
  cache: ReadThroughCache;
  gateways: GatewayAccess;
}

export class SpaceService {
  readonly #cache: ReadThroughCache;
  readonly #gateways: GatewayAccess;

  constructor(deps: SpaceDeps) {
    this.#cache = deps.cache;
    this.#gateways = deps.gateways;
  }

  /** Tablespaces (used of the autoextend maximum), the fast recovery area, ASM disk groups. */
  space(connId: string, o?: ReadOptions): Promise<Cached<SpaceSnapshot>> {
    return this.#read({ resource: 'space', connId }, (g) => need(g.space, 'space').call(g), o);
  }

  /** Sessions using TEMP, biggest first. */
  tempUsage(connId: string, o?: ReadOptions): Promise<Cached<TempUsageSnapshot>> {
    return this.#read({ resource: 'temp-usage', connId }, (g) => need(g.tempUsage, 'TEMP usage').call(g), o);
  }

  /** V$RESOURCE_LIMIT per instance, closest to its limit first. */
  limits(connId: string, o?: ReadOptions): Promise<Cached<LimitsSnapshot>> {
    return this.#read(
      { resource: 'limits', connId },
      (g) => need(g.resourceLimits, 'resource limits').call(g),
      o,
    );
  }

  async #read<T>(
    spec: CacheKeySpec & { connId: string },
    fetch: (g: OracleGateway) => Promise<T>,
    o?: ReadOptions,
  ): Promise<Cached<T>> {
    this.#gateways.touch(spec.connId);
    return this.#cache.getOrFetch<T>(spec, () => this.#gateways.use(spec.connId, fetch), {
      bypass: o?.refresh === true,
    });
  }
}

/** Both real gateways implement the optional methods; a test double may not. */
function need<F>(fn: F | undefined, what: string): F {
  if (!fn) throw new TmsError('UNSUPPORTED', `This connection cannot read ${what}.`);
  return fn;
}
