/**
 * A scripted stand-in for a node-oracledb Pool and its Connections, for the executor tests. Its
 * errors come from driver-errors.ts (the driver's own getErr / transformErr), never hand-made.
 * Not used by production code.
 */
import type * as oracledb from 'oracledb';
import type { PoolProvider } from '../oracledb-gateway';

export interface FakeConnectionScript {
  /** what execute() does: resolve rows or throw */
  execute?: (sql: string, binds: unknown) => unknown;
  /** node-oracledb `connection.warning` (a logon warning such as ORA-28002) */
  warning?: unknown;
  /** what isHealthy() answers after the call */
  healthy?: boolean;
}

export class FakeConnection {
  callTimeout = 0;
  module = '';
  action = '';
  readonly executed: { sql: string; binds: unknown }[] = [];
  closedWith: { drop?: boolean } | null = null;
  constructor(private readonly script: FakeConnectionScript) {}
  get warning(): unknown {
    return this.script.warning;
  }
  async execute(sql: string, binds: unknown = {}): Promise<{ rows: unknown[] }> {
    this.executed.push({ sql, binds });
    const out = this.script.execute?.(sql, binds);
    return { rows: (out as unknown[] | undefined) ?? [] };
  }
  async ping(): Promise<void> {
    this.script.execute?.('ping', {});
  }
  isHealthy(): boolean {
    return this.script.healthy ?? true;
  }
  async close(opts: { drop?: boolean } = {}): Promise<void> {
    this.closedWith = opts;
  }
}

export class FakePool {
  poolMax = 4;
  poolMin = 0;
  connectionsOpen = 0;
  readonly handedOut: FakeConnection[] = [];
  readonly reconfigured: Record<string, number>[] = [];
  /** scripts for the next connections, in order; the last one repeats */
  constructor(
    private readonly scripts: FakeConnectionScript[],
    /** errors getConnection() throws first, in order */
    private readonly acquireErrors: unknown[] = [],
  ) {}
  async getConnection(): Promise<FakeConnection> {
    const e = this.acquireErrors.shift();
    if (e) throw e;
    const script = this.scripts[Math.min(this.handedOut.length, this.scripts.length - 1)] ?? {};
    const c = new FakeConnection(script);
    this.handedOut.push(c);
    return c;
  }
  async reconfigure(opts: Record<string, number>): Promise<void> {
    this.reconfigured.push(opts);
    if (opts.poolMax !== undefined) this.poolMax = opts.poolMax;
  }
  async close(): Promise<void> {}
}

export function poolProvider(pool: FakePool): PoolProvider {
  return {
    getPool: async () => pool as unknown as oracledb.Pool,
    close: async () => {},
  };
}
