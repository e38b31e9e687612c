/**
 * DdlWatcher: polls each recently used connection's DDL watermark (MAX(LAST_DDL_TIME) + object count)
 * at most once per interval (default one minute); when the token changes, that connection's schema,
 * table and column entries are invalidated (plan 4.3 "DDL 감지 시"). The first token seen for a
 * connection is only remembered. Its own polls do not count as "use", so an idle connection stops
 * being polled after `activeWindowMs`.
 */
import type { ReadThroughCache } from '../cache/types';
import type { UseOptions } from '../connections/registry';
import type { OracleGateway } from '../oracle/gateway';
import { DDL_INVALIDATES } from './monitoring';

export interface DdlWatcherDeps {
  gateways: {
    use<T>(connId: string, fn: (gateway: OracleGateway) => Promise<T>, options?: UseOptions): Promise<T>;
    recentlyUsed(windowMs: number): string[];
  };
  cache: Pick<ReadThroughCache, 'invalidateResources'>;
  /** minimum time between two polls of one connection; default 60 000 ms */
  intervalMs?: number;
  /** a connection is watched while it was used within this window; default 5 minutes */
  activeWindowMs?: number;
  now?: () => number;
  onChange?: (connId: string, token: string) => void;
  onError?: (message: string, error: unknown) => void;
}

export class DdlWatcher {
  readonly #d: DdlWatcherDeps;
  readonly #interval: number;
  readonly #window: number;
  readonly #now: () => number;
  readonly #tokens = new Map<string, string>();
  readonly #polledAt = new Map<string, number>();
  #timer: NodeJS.Timeout | undefined;
  #running: Promise<string[]> | undefined;

  constructor(deps: DdlWatcherDeps) {
    this.#d = deps;
    this.#interval = Math.max(1, deps.intervalMs ?? 60_000);
    this.#window = deps.activeWindowMs ?? 300_000;
    this.#now = deps.now ?? Date.now;
  }

  /** Poll on a timer (unref'd: it never keeps the process alive). */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => void this.tick(), Math.min(this.#interval, 60_000));
    this.#timer.unref?.();
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Forget a connection's token (edited or deleted: its cache was cleared anyway). */
  forget(connId: string): void {
    this.#tokens.delete(connId);
    this.#polledAt.delete(connId);
  }

  lastToken(connId: string): string | undefined {
    return this.#tokens.get(connId);
  }

  /** One round: poll due connections; resolves to the ids whose metadata was invalidated. */
  tick(): Promise<string[]> {
    if (this.#running) return this.#running;
    this.#running = this.#round().finally(() => {
      this.#running = undefined;
    });
    return this.#running;
  }

  async #round(): Promise<string[]> {
    const now = this.#now();
    const due = this.#d.gateways
      .recentlyUsed(this.#window)
      .filter((id) => now - (this.#polledAt.get(id) ?? Number.NEGATIVE_INFINITY) >= this.#interval);
    const changed: string[] = [];
    await Promise.all(
      due.map(async (connId) => {
        this.#polledAt.set(connId, now);
        try {
          const mark = await this.#d.gateways.use(connId, (g) => g.ddlWatermark(), { touch: false });
          const previous = this.#tokens.get(connId);
          if (previous !== undefined && previous !== mark.token) {
            // the token moves only once the invalidation worked, so a failure is retried next round
            await this.#d.cache.invalidateResources(connId, DDL_INVALIDATES);
            changed.push(connId);
            this.#d.onChange?.(connId, mark.token);
          }
          this.#tokens.set(connId, mark.token);
        } catch (error) {
          this.#d.onError?.(`DDL watermark of "${connId}" could not be checked`, error);
        }
      }),
    );
    return changed;
  }
}
