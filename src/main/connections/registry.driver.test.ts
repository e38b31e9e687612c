/**
 * The registry over the REAL node-oracledb thin gateway, on the failure paths that work without a
 * database (oracle.md toolchain notes): a closed port (NJS-503) and a missing tnsnames.ora (NJS-520).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConnectionState } from '@shared/types/connections';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { gatewayFactory } from '../oracle/oracledb-gateway';
import { GatewayRegistry } from './registry';
import { memorySecretBox } from './secrets';
import { ConnectionStore } from './store';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

let dir: string;
let store: ConnectionStore;
let registry: GatewayRegistry;
let states: ConnectionState[];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-registry-driver-'));
  store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  states = [];
  registry = new GatewayRegistry({
    connections: store,
    factory: gatewayFactory,
    oracle: { connectTimeoutSec: 3 },
    testConnectTimeoutSec: 3,
    onState: (s) => states.push(s),
  });
});
afterEach(async () => {
  await registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('GatewayRegistry with the real thin driver', () => {
  it('closed port: test reports ORACLE_UNREACHABLE; use fails, then fails fast during backoff', async () => {
    const port = await closedPort();
    await store.add({
      id: 'down',
      name: 'down',
      user: 'monitor',
      password: 'pw-not-logged',
      connect: { method: 'easy', connectString: `127.0.0.1:${port}/NOPE` },
    });
    const r = await registry.test({ connId: 'down' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('ORACLE_UNREACHABLE');
    expect(JSON.stringify(r)).not.toContain('pw-not-logged');

    await expect(registry.use('down', (g) => g.sessions())).rejects.toMatchObject({
      code: 'ORACLE_UNREACHABLE',
    });
    const fast = await registry
      .use('down', (g) => g.sessions())
      .then(
        () => undefined,
        (e: { details?: { retryAfterMs?: number } }) => e,
      );
    expect(fast?.details?.retryAfterMs).toBeGreaterThan(0);
    expect(states.map((s) => s.status)).toEqual(['connecting', 'failed']);
    expect(JSON.stringify(states)).not.toContain('pw-not-logged');
  });

  it('TNS alias with a directory that has no tnsnames.ora → ORACLE_CONFIG', async () => {
    await store.add({
      id: 'tns',
      name: 'tns',
      user: 'monitor',
      password: 'x',
      connect: { method: 'tns', tnsAlias: 'SALES', configDir: join(dir, 'no-such-dir') },
    });
    const r = await registry.test({ connId: 'tns' });
    expect(r.ok).toBe(false);
    expect(r.error?.code).toBe('ORACLE_CONFIG');
  });
});
