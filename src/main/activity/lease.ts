/**
 * The per-connection sampling lease: SET-if-absent with PX and a fencing token from INCR, renewed by a
 * compare-and-PEXPIRE, released by a compare-and-DEL (scripts.ts). The holder samples; everyone else
 * reads. A holder that stops renewing (crash, SIGSTOP, network) loses the lease after `leaseMs`, and a
 * successor acquires with a higher token, after which the old holder's writes are refused.
 */
import type { ActivityKeys } from './keys';
import { ACQUIRE, RELEASE, RENEW, runScript, type ScriptClient } from './scripts';

export interface LeaseHolder {
  consoleId: string;
  token: number;
}

export function parseHolder(value: unknown): LeaseHolder | null {
  if (typeof value !== 'string') return null;
  const at = value.lastIndexOf(':');
  const token = Number(value.slice(at + 1));
  if (at <= 0 || !Number.isSafeInteger(token) || token < 1) return null;
  return { consoleId: value.slice(0, at), token };
}

export class Lease {
  /** our lease value while we believe we hold it */
  private value: string | null = null;
  token: number | null = null;
  /** local time of the last successful acquire/renew: we stop writing when it is older than leaseMs */
  private confirmedAt = 0;

  constructor(
    private readonly client: ScriptClient,
    private readonly keys: Pick<ActivityKeys, 'lease' | 'fence'>,
    private readonly consoleId: string,
    readonly leaseMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get held(): boolean {
    return this.value !== null;
  }

  /** held and confirmed within the lease period (our own view: fencing makes the final call) */
  get fresh(): boolean {
    return this.value !== null && this.now() - this.confirmedAt < this.leaseMs;
  }

  /** Acquire if free; renew if ours. Returns the holder after the call (null = nobody). */
  async hold(): Promise<LeaseHolder | null> {
    const started = this.now();
    if (this.value !== null) {
      const renewed = Number(
        await runScript(this.client, RENEW, [this.keys.lease], [this.value, this.leaseMs]),
      );
      if (renewed === 1) {
        this.confirmedAt = started;
        return { consoleId: this.consoleId, token: this.token! };
      }
      this.lose();
    }
    const reply = (await runScript(
      this.client,
      ACQUIRE,
      [this.keys.lease, this.keys.fence],
      [this.consoleId, this.leaseMs],
    )) as [number, string];
    const token = Number(reply?.[0]);
    if (token > 0) {
      this.value = String(reply[1]);
      this.token = token;
      this.confirmedAt = started;
      return { consoleId: this.consoleId, token };
    }
    return parseHolder(reply?.[1]);
  }

  /** Give the lease up (no one watches, or this console closes). */
  async release(): Promise<void> {
    const value = this.value;
    this.lose();
    if (value !== null) await runScript(this.client, RELEASE, [this.keys.lease], [value]);
  }

  /** We learnt we are not the holder (renew failed, or a write was fenced). */
  lose(): void {
    this.value = null;
    this.token = null;
  }

  async holder(): Promise<LeaseHolder | null> {
    return parseHolder(await this.client.get(this.keys.lease));
  }
}
