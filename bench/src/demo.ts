/** The product's demo database (src/main/oracle/demo), as the bench starts it. */
import { createDemoGateway as createProductDemo } from '../../src/main/oracle/demo/demo-gateway';
import type { OracleGateway } from '../../src/main/oracle/gateway';

export interface DemoOptions {
  seed?: number;
  /** multiplies the plan's per-query latencies (1 = the plan's, 0 = none) */
  latencyScale: number;
  sessionCount?: number;
}

export function createDemoGateway(options: DemoOptions): OracleGateway {
  return createProductDemo({
    latencyScale: options.latencyScale,
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(options.sessionCount !== undefined ? { sessionCount: options.sessionCount } : {}),
  });
}
