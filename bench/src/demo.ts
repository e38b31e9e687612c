/** The product's demo database (src/main/oracle/demo), as the bench starts it. */
import type { OracleGateway } from '../../src/main/oracle/gateway';

export interface DemoOptions {
  seed?: number;
  /** multiplies the plan's per-query latencies (1 = the plan's, 0 = none) */
  latencyScale: number;
  sessionCount?: number;
}

// TEMPORARY stand-in until src/main/oracle/demo lands: plan latencies (seed 2.1), synthetic rows.
const PLAN_MS: Record<string, number> = {
  dashboard: 800,
  sessions: 500,
  topSql: 1200,
  waitEvents: 400,
  locks: 300,
  schemas: 200,
  realtime: 150,
  trend: 300,
  health: 100,
};

export function createDemoGateway(options: DemoOptions): OracleGateway {
  const n = options.sessionCount ?? 320;
  const sleep = (ms: number) => (ms > 0 ? new Promise<void>((r) => setTimeout(r, ms)) : Promise.resolve());
  const rows = Array.from({ length: n }, (_, i) => ({
    instId: 1,
    sid: 100 + i,
    serial: 4000 + i,
    username: `APP_USER_${i % 17}`,
    status: i % 3 ? 'INACTIVE' : 'ACTIVE',
    osUser: 'oracle',
    machine: `app-server-${i % 9}.example.com`,
    program: 'JDBC Thin Client',
    module: 'OrderService',
    action: 'getOrders',
    serviceName: 'ORCLPDB1',
    sqlId: 'a1b2c3d4e5f6g',
    event: 'db file sequential read',
    waitClass: 'User I/O',
    lastCallEt: i * 3,
  }));
  const handler: ProxyHandler<object> = {
    get(_t, prop: string) {
      if (prop === 'close') return async () => {};
      if (prop === 'kind') return 'demo';
      return async () => {
        await sleep((PLAN_MS[prop] ?? 200) * options.latencyScale);
        if (prop === 'sessions') return { sampledAt: Date.now(), sessions: rows };
        return { sampledAt: Date.now(), prop, values: [1, 2, 3] };
      };
    },
  };
  return new Proxy({}, handler) as OracleGateway;
}
