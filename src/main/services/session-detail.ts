/**
 * Session drill-down (issue 17) through the cache: `tms:{connId}:session:{instId}.{sid}.{serial}`,
 * realtime tier (15 s), so consoles watching the same session share one Oracle read per TTL. The rates
 * are computed by the gateway against its own previous read of that session (the window is stated in
 * the answer); a value another console stored carries that console's window.
 */
import type { Cached } from '@shared/cache';
import { TmsError } from '@shared/errors';
import type { SessionDetail, SessionDetailQuery } from '@shared/types/session-detail';
import type { ReadThroughCache } from '../cache/types';
import { checkSessionQuery } from '../oracle/session-detail-reader';
import type { GatewayAccess, ReadOptions } from './monitoring';

/** The one key parameter: `{instId}.{sid}.{serial}` (each checked to be an integer first). */
export function sessionKeyParam(q: SessionDetailQuery): string {
  return `${q.instId}.${q.sid}.${q.serial}`;
}

export class SessionDetailService {
  readonly #cache: ReadThroughCache;
  readonly #gateways: GatewayAccess;

  constructor(deps: { cache: ReadThroughCache; gateways: GatewayAccess }) {
    this.#cache = deps.cache;
    this.#gateways = deps.gateways;
  }

  async detail(connId: string, query: SessionDetailQuery, o?: ReadOptions): Promise<Cached<SessionDetail>> {
    checkSessionQuery(query);
    this.#gateways.touch(connId);
    const q = { instId: query.instId, sid: query.sid, serial: query.serial };
    return this.#cache.getOrFetch<SessionDetail>(
      { resource: 'session', connId, params: [sessionKeyParam(q)] },
      () =>
        this.#gateways.use(connId, (g) => {
          if (!g.sessionDetail) {
            throw new TmsError('UNSUPPORTED', 'This connection cannot read one session in detail.');
          }
          return g.sessionDetail(q);
        }),
      { bypass: o?.refresh === true },
    );
  }
}
