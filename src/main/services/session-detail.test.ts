import { RESOURCES, TTL_TIERS } from '@shared/cache';
import { sessionDetailRequestSchema, sessionDetailSchema } from '@shared/contract/session-detail';
import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import { buildKey } from '../cache/keys';
import { MemoryReadThroughCache } from '../connections/testing/fakes';
import { DemoGateway } from '../oracle/demo/demo-gateway';
import type { OracleGateway } from '../oracle/gateway';
import { SessionDetailService, sessionKeyParam } from './session-detail';

function setup() {
  let t = Date.UTC(2026, 10, 2, 9, 30, 0);
  const g = new DemoGateway({ latencyScale: 0, now: () => t });
  const cache = new MemoryReadThroughCache();
  const touched: string[] = [];
  const service = new SessionDetailService({
    cache,
    gateways: {
      use: <T>(_id: string, fn: (g: OracleGateway) => Promise<T>) => fn(g),
      touch: (id) => touched.push(id),
    },
  });
  return { g, cache, service, touched, advance: (ms: number) => (t += ms) };
}

async function aSession(g: DemoGateway) {
  const s = (await g.sessions()).sessions[0]!;
  return { instId: s.instId, sid: s.sid, serial: s.serial };
}

describe('SessionDetailService', () => {
  it('reads through the cache under tms:{connId}:session:{instId}.{sid}.{serial}, realtime tier', async () => {
    const { g, cache, service, touched } = setup();
    const q = await aSession(g);
    const a = await service.detail('demo', q);
    const b = await service.detail('demo', q);
    expect(cache.reads.map((r) => r.origin)).toEqual(['oracle', 'l1']);
    expect(cache.reads[0]!.spec).toEqual({
      resource: 'session',
      connId: 'demo',
      params: [sessionKeyParam(q)],
    });
    expect(b.data).toEqual(a.data);
    expect(g.queryCounts()['session-detail']).toBe(1);
    expect(touched).toEqual(['demo', 'demo']);
    expect(RESOURCES.session.tier).toBe('realtime');
    expect(TTL_TIERS[RESOURCES.session.tier]).toBe(15);
    expect(buildKey({ resource: 'session', connId: 'demo', params: ['1.42.7'] })).toMatch(
      /^tms:demo:session:1\.42\.7$/,
    );
    // what is cached is what the L2 schema accepts
    expect(sessionDetailSchema.safeParse(a.data).success).toBe(true);
  });

  it('refresh bypasses the cache', async () => {
    const { g, cache, service } = setup();
    const q = await aSession(g);
    await service.detail('demo', q);
    await service.detail('demo', q, { refresh: true });
    expect(cache.reads.map((r) => r.bypass)).toEqual([false, true]);
  });

  it('validates before touching anything, and passes NOT_FOUND through uncached', async () => {
    const { g, cache, service, touched } = setup();
    await expect(service.detail('demo', { instId: 1, sid: -1, serial: 0 })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(touched).toEqual([]);
    const q = await aSession(g);
    const err = await service.detail('demo', { ...q, serial: q.serial + 1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('NOT_FOUND');
    expect(cache.store.size).toBe(0);
  });

  it('the contract accepts bounded integers only', () => {
    const ok = { connId: 'demo', instId: 1, sid: 12, serial: 3456 };
    expect(sessionDetailRequestSchema.safeParse(ok).success).toBe(true);
    for (const bad of [
      { ...ok, instId: 0 },
      { ...ok, sid: 1.5 },
      { ...ok, serial: -1 },
      { ...ok, sid: '12' },
      { ...ok, extra: 1 },
    ]) {
      expect(sessionDetailRequestSchema.safeParse(bad).success).toBe(false);
    }
  });
});
