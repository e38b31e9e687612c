import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES } from '@shared/cache';
import { memoryIoRequestSchema } from '@shared/contract/memory';
import { memoryIoSnapshotSchema } from '@shared/contract/results';
import { TmsError } from '@shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildKey } from '../cache/keys';
import { GatewayRegistry } from '../connections/registry';
import { memorySecretBox } from '../connections/secrets';
import { ConnectionStore } from '../connections/store';
import { FakeFactory, MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import { MemoryIoService } from './memory-io';

let dir: string;
let factory: FakeFactory;
let registry: GatewayRegistry;
let cache: MemoryReadThroughCache;
let service: MemoryIoService;
let calls: number;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-memory-io-'));
  const store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  await store.add({
    id: 'prod',
    name: 'Prod',
    user: 'm',
    password: 'p',
    connect: { method: 'easy', connectString: 'h/s' },
  });
  calls = 0;
  const demo = new DemoGateway({ latencyScale: 0, world: 'rac' });
  factory = new FakeFactory();
  factory.onCreate = (g) => {
    Object.assign(g, {
      memoryIo: () => {
        calls++;
        return demo.memoryIo();
      },
    });
  };
  registry = new GatewayRegistry({ connections: store, factory, now: () => 5_000_000 });
  cache = new MemoryReadThroughCache();
  service = new MemoryIoService({ cache, gateways: registry });
});
afterEach(async () => {
  await registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('MemoryIoService', () => {
  it('reads through the cache under tms:{connId}:memory-io, tier short (30 s)', async () => {
    expect(RESOURCES['memory-io']).toEqual({
      scope: 'conn',
      tier: 'short',
      pattern: 'tms:{connId}:memory-io',
    });
    expect(buildKey({ resource: 'memory-io', connId: 'prod' })).toBe('tms:prod:memory-io');
    const a = await service.snapshot('prod');
    const b = await service.snapshot('prod');
    expect(calls).toBe(1);
    expect(a.cache.origin).toBe('oracle');
    expect(b.cache.origin).toBe('l1');
    expect(cache.reads.map((r) => r.spec)).toEqual([
      { resource: 'memory-io', connId: 'prod' },
      { resource: 'memory-io', connId: 'prod' },
    ]);
    // the cached value is one the shared cache's validator accepts
    expect(memoryIoSnapshotSchema.safeParse(a.data).success).toBe(true);
  });

  it('refresh bypasses the cache (and the gateway computes the rate since its previous read)', async () => {
    await service.snapshot('prod');
    const r = await service.snapshot('prod', { refresh: true });
    expect(calls).toBe(2);
    expect(r.cache.origin).toBe('oracle');
    expect(cache.reads.at(-1)!.bypass).toBe(true);
  });

  it('an unknown connection is NOT_FOUND before any read', async () => {
    await expect(service.snapshot('nope')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(calls).toBe(0);
  });

  it('a gateway without the read answers UNSUPPORTED', async () => {
    factory.onCreate = undefined;
    const err = await service.snapshot('prod').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('UNSUPPORTED');
  });

  it('the contract request is strict', () => {
    expect(memoryIoRequestSchema.safeParse({ connId: 'prod' }).success).toBe(true);
    expect(memoryIoRequestSchema.safeParse({ connId: 'prod', refresh: true }).success).toBe(true);
    expect(memoryIoRequestSchema.safeParse({ connId: 'prod', extra: 1 }).success).toBe(false);
    expect(memoryIoRequestSchema.safeParse({}).success).toBe(false);
  });
});
