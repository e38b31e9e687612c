import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RESOURCES, TTL_TIERS } from '@shared/cache';
import { resultValidators } from '@shared/contract/results';
import { TmsError } from '@shared/errors';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildKey } from '../cache/keys';
import { GatewayRegistry } from '../connections/registry';
import { memorySecretBox } from '../connections/secrets';
import { ConnectionStore } from '../connections/store';
import { FakeFactory, MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import type { GatewayFactory } from '../oracle/gateway';
import { SpaceService } from './space';

let dir: string;
let store: ConnectionStore;
let cache: MemoryReadThroughCache;

const demoFactory: GatewayFactory = {
  create: (t) => new DemoGateway(t.kind === 'demo' ? { ...t.demo, latencyScale: 0 } : { latencyScale: 0 }),
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-space-'));
  store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  cache = new MemoryReadThroughCache();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('cache resources of issue 17', () => {
  it('keys and tiers: space 300 s, temp-usage 30 s, limits 30 s', () => {
    expect(RESOURCES.space).toEqual({ scope: 'conn', tier: 'long', pattern: 'tms:{connId}:space' });
    expect(RESOURCES['temp-usage']).toEqual({
      scope: 'conn',
      tier: 'short',
      pattern: 'tms:{connId}:temp-usage',
    });
    expect(RESOURCES.limits).toEqual({ scope: 'conn', tier: 'short', pattern: 'tms:{connId}:limits' });
    expect(TTL_TIERS[RESOURCES.space.tier]).toBe(300);
    expect(buildKey({ resource: 'space', connId: 'prod' })).toBe('tms:prod:space');
    expect(buildKey({ resource: 'temp-usage', connId: 'prod' })).toBe('tms:prod:temp-usage');
    expect(buildKey({ resource: 'limits', connId: 'prod' })).toBe('tms:prod:limits');
  });
});

describe('SpaceService with the demo database', () => {
  it('reads each resource once through the cache; refresh bypasses it; values pass the L2 validators', async () => {
    const reg = new GatewayRegistry({
      connections: store,
      factory: demoFactory,
      demo: { seed: 1, sessionCount: 60 },
    });
    const svc = new SpaceService({ cache, gateways: reg });
    try {
      const space = await svc.space('demo');
      expect(space.cache.origin).toBe('oracle');
      const again = await svc.space('demo');
      expect(again.cache.origin).toBe('l1');
      const temp = await svc.tempUsage('demo');
      const limits = await svc.limits('demo');
      await svc.limits('demo', { refresh: true });
      expect(cache.reads.map((r) => [r.spec.resource, r.origin, r.bypass])).toEqual([
        ['space', 'oracle', false],
        ['space', 'l1', false],
        ['temp-usage', 'oracle', false],
        ['limits', 'oracle', false],
        ['limits', 'oracle', true],
      ]);
      const counts = reg.queryCounts('demo')[0]!.counts;
      expect([counts.space, counts['temp-usage'], counts.limits]).toEqual([1, 1, 2]);
      const v = resultValidators();
      expect(v.space.isValid(space.data)).toBe(true);
      expect(v['temp-usage'].isValid(temp.data)).toBe(true);
      expect(v.limits.isValid(limits.data)).toBe(true);
      expect(v.space.isValid({ ...space.data, tablespaces: { ok: true } })).toBe(false);
      expect(v.limits.isValid({ ...limits.data, rows: [{ resource: 'processes' }] })).toBe(false);
    } finally {
      await reg.closeAll();
    }
  });

  it('a gateway without the optional reads answers UNSUPPORTED; an unknown connection NOT_FOUND', async () => {
    await store.add({
      id: 'prod',
      name: 'Prod',
      user: 'm',
      password: 'p',
      connect: { method: 'easy', connectString: 'h/s' },
    });
    const reg = new GatewayRegistry({ connections: store, factory: new FakeFactory() });
    const svc = new SpaceService({ cache, gateways: reg });
    try {
      await expect(svc.space('prod')).rejects.toMatchObject({ code: 'UNSUPPORTED' });
      const err = await svc.limits('nope').catch((e: unknown) => e);
      expect(err).toBeInstanceOf(TmsError);
      expect((err as TmsError).code).toBe('NOT_FOUND');
    } finally {
      await reg.closeAll();
    }
  });
});
