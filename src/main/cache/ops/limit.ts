/**
 * A small concurrency limit (semaphore with a FIFO queue): at most `max` tasks run, the others wait their
 * turn. The key browser uses it so a burst of requests (many windows, a script) degrades by queueing instead
 * of piling SCANs onto one Redis connection until its commands time out.
 */
import { TmsError } from '@shared/errors';

export class ConcurrencyLimit {
  readonly max: number;
  readonly maxQueued: number;
  readonly #what: string;
  #active = 0;
  readonly #queue: (() => void)[] = [];

  constructor(options: { max: number; maxQueued?: number; what?: string }) {
    this.max = Math.max(1, Math.floor(options.max));
    this.maxQueued = Math.max(0, options.maxQueued ?? Number.POSITIVE_INFINITY);
    this.#what = options.what ?? 'This service';
  }

  get active(): number {
    return this.#active;
  }

  get queued(): number {
    return this.#queue.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#active < this.max) this.#active++;
    else {
      if (this.#queue.length >= this.maxQueued) {
        throw new TmsError(
          'REDIS_UNAVAILABLE',
          `${this.#what} is busy (${this.#queue.length} requests waiting): try again in a moment.`,
          { retryable: true },
        );
      }
      // the releasing task hands its slot over: #active stays the same
      await new Promise<void>((resolve) => this.#queue.push(resolve));
    }
    try {
      return await task();
    } finally {
      const next = this.#queue.shift();
      if (next) next();
      else this.#active--;
    }
  }
}
