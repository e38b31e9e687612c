/**
 * A small circuit breaker for the L2 (Redis) path.
 *
 * closed    → requests flow; `failureThreshold` consecutive failures open it.
 * open      → requests are refused (callers go straight to L1 → source, no waiting on timeouts)
 *             until `breakMs` has passed; then the next caller becomes the ONE probe (half-open).
 * half-open → only the probe is in flight; its success closes the breaker, its failure re-opens it.
 *             A probe that never reports back is forgotten after `breakMs` and another one may go.
 * disabled  → L2 switched off (REDIS_ENABLED=false or the panel's switch); nothing flows.
 *
 * No PING per request: the breaker learns only from the outcome of real commands.
 */
export type BreakerState = 'closed' | 'open' | 'half-open' | 'disabled';

export interface BreakerChange {
  state: BreakerState;
  previous: BreakerState;
  /** epoch ms (breaker clock) */
  at: number;
  /** message of the failure that opened it, if any (never contains secrets: callers pass redacted text) */
  reason?: string;
}

export interface BreakerOptions {
  /** consecutive failures that open the breaker (default 1) */
  failureThreshold?: number;
  /** how long it stays open before a probe (default 5000 ms) */
  breakMs?: number;
  /** start disabled (default false) */
  disabled?: boolean;
  clock?: () => number;
  onStateChange?: (change: BreakerChange) => void;
}

export class CircuitBreaker {
  readonly failureThreshold: number;
  readonly breakMs: number;
  #state: BreakerState;
  #failures = 0;
  #openedAt = 0;
  #probeStartedAt = -1;
  #lastError: string | undefined;
  readonly #clock: () => number;
  readonly #listeners = new Set<(change: BreakerChange) => void>();

  constructor(options: BreakerOptions = {}) {
    this.failureThreshold = Math.max(1, Math.floor(options.failureThreshold ?? 1));
    this.breakMs = Math.max(0, options.breakMs ?? 5000);
    this.#clock = options.clock ?? Date.now;
    this.#state = options.disabled ? 'disabled' : 'closed';
    if (options.onStateChange) this.#listeners.add(options.onStateChange);
  }

  get state(): BreakerState {
    return this.#state;
  }

  /** Message of the last failure (redacted by the caller). */
  get lastError(): string | undefined {
    return this.#lastError;
  }

  /** Subscribe to state changes; returns the unsubscribe function. */
  onChange(listener: (change: BreakerChange) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** true when traffic flows without claiming a probe (closed). Cheap, for follow-up commands of one read. */
  get isClosed(): boolean {
    return this.#state === 'closed';
  }

  /**
   * May a request go to Redis now? In `closed` always; in `open` once `breakMs` has passed the caller
   * becomes the probe (state → half-open) and MUST report success() or failure().
   */
  tryAcquire(): boolean {
    switch (this.#state) {
      case 'closed':
        return true;
      case 'disabled':
        return false;
      case 'open': {
        const now = this.#clock();
        if (now - this.#openedAt < this.breakMs) return false;
        this.#probeStartedAt = now;
        this.#set('half-open');
        return true;
      }
      case 'half-open': {
        // a lost probe (never reported) must not wedge the breaker
        const now = this.#clock();
        if (now - this.#probeStartedAt < Math.max(this.breakMs, 1)) return false;
        this.#probeStartedAt = now;
        return true;
      }
    }
  }

  success(): void {
    if (this.#state === 'closed') {
      this.#failures = 0;
      return;
    }
    if (this.#state === 'half-open' || this.#state === 'open') {
      this.#failures = 0;
      this.#probeStartedAt = -1;
      this.#set('closed');
    }
  }

  failure(reason?: string): void {
    if (reason !== undefined) this.#lastError = reason;
    if (this.#state === 'disabled') return;
    if (this.#state === 'half-open') {
      this.#open(reason);
      return;
    }
    if (this.#state === 'open') {
      this.#openedAt = this.#clock(); // a late failure keeps it open a while longer
      return;
    }
    this.#failures++;
    if (this.#failures >= this.failureThreshold) this.#open(reason);
  }

  /** The runtime switch: false → disabled; true → closed (fresh start). */
  setEnabled(enabled: boolean): void {
    if (!enabled) {
      if (this.#state !== 'disabled') this.#set('disabled');
      return;
    }
    if (this.#state === 'disabled') {
      this.#failures = 0;
      this.#probeStartedAt = -1;
      this.#set('closed');
    }
  }

  #open(reason?: string): void {
    this.#openedAt = this.#clock();
    this.#probeStartedAt = -1;
    this.#set('open', reason);
  }

  #set(state: BreakerState, reason?: string): void {
    const previous = this.#state;
    if (previous === state) return;
    this.#state = state;
    const change: BreakerChange = { state, previous, at: this.#clock(), ...(reason ? { reason } : {}) };
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch {
        // a listener must never break the read path
      }
    }
  }
}
