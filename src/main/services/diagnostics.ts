/**
 * Issue 17: the alert log and long operations, read through the two-level cache like MonitoringService.
 *
 * Keys (src/shared/cache.ts RESOURCES):
 *   alert-log:{minutes}   tier medium (60 s): V$DIAG_ALERT_EXT parses the XML alert log on every read,
 *                         so one read a minute per window for the whole team; minutes ∈ ALERT_LOG_WINDOWS
 *   longops               tier realtime (15 s): progress moves
 *
 * Filtering by level or text is done by the renderer on the cached window (at most ALERT_LOG_MAX_ROWS
 * rows): no extra Oracle read, no extra key. `oraErrorsSince` is the typed entry point the team-wide
 * alerts (another issue) use for "new ORA- errors since T".
 */
import type { Cached } from '@shared/cache';
import { TmsError } from '@shared/errors';
import {
  ALERT_LOG_WINDOWS,
  type AlertLogEntry,
  type AlertLogSnapshot,
  type AlertLogWindow,
  isAlertLogWindow,
} from '@shared/types/alert-log';
import type { LongOpsSnapshot } from '@shared/types/long-ops';
import type { ReadThroughCache } from '../cache/types';
import type { GatewayAccess, ReadOptions } from './monitoring';

export interface DiagnosticsDeps {
  cache: ReadThroughCache;
  gateways: GatewayAccess;
}

export interface OraErrorsSince {
  /** entries newer than `since` holding at least one ORA- code, newest first */
  entries: AlertLogEntry[];
  /** the window read (the smallest that covers `since`, at most 24 h) */
  minutes: AlertLogWindow;
  /** false when `since` is older than the longest window or the read was truncated: older errors may be missing */
  complete: boolean;
  cache: Cached<AlertLogSnapshot>['cache'];
}

export class AlertLogService {
  readonly #cache: ReadThroughCache;
  readonly #gateways: GatewayAccess;

  constructor(deps: DiagnosticsDeps) {
    this.#cache = deps.cache;
    this.#gateways = deps.gateways;
  }

  /** The window's entries, newest first (every RAC instance). */
  entries(connId: string, query: { minutes: number }, o?: ReadOptions): Promise<Cached<AlertLogSnapshot>> {
    const { minutes } = query;
    if (!isAlertLogWindow(minutes)) {
      throw new TmsError('VALIDATION', `The alert log is read for ${ALERT_LOG_WINDOWS.join(', ')} minutes.`);
    }
    this.#gateways.touch(connId);
    return this.#cache.getOrFetch(
      { resource: 'alert-log', connId, params: [minutes] },
      () =>
        this.#gateways.use(connId, (g) => {
          if (!g.alertLog) throw new TmsError('UNSUPPORTED', 'This connection cannot read the alert log.');
          return g.alertLog(minutes);
        }),
      { bypass: o?.refresh === true },
    );
  }

  /** ORA- errors logged after `since` (epoch ms, database clock), from the smallest cached window covering it. */
  async oraErrorsSince(connId: string, since: number, now: number = Date.now()): Promise<OraErrorsSince> {
    const needMin = Math.max(0, (now - since) / 60_000);
    const minutes =
      ALERT_LOG_WINDOWS.find((w) => w >= needMin) ?? ALERT_LOG_WINDOWS[ALERT_LOG_WINDOWS.length - 1]!;
    const read = await this.entries(connId, { minutes });
    return {
      entries: read.data.entries.filter((e) => e.time > since && e.oraCodes.length > 0),
      minutes,
      complete: minutes >= needMin && !read.data.truncated,
      cache: read.cache,
    };
  }
}

export class LongOpsService {
  readonly #cache: ReadThroughCache;
  readonly #gateways: GatewayAccess;

  constructor(deps: DiagnosticsDeps) {
    this.#cache = deps.cache;
    this.#gateways = deps.gateways;
  }

  list(connId: string, o?: ReadOptions): Promise<Cached<LongOpsSnapshot>> {
    this.#gateways.touch(connId);
    return this.#cache.getOrFetch(
      { resource: 'longops', connId },
      () =>
        this.#gateways.use(connId, (g) => {
          if (!g.longOps) throw new TmsError('UNSUPPORTED', 'This connection cannot read long operations.');
          return g.longOps();
        }),
      { bypass: o?.refresh === true },
    );
  }
}
