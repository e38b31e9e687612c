import { describe, expect, it } from 'vitest';
import { loadConfig, parseUtcOffset } from './config';

describe('loadConfig', () => {
  it('uses the plan defaults with nothing configured', () => {
    const config = loadConfig({});
    expect(config.redis).toMatchObject({ enabled: true, url: 'redis://localhost:6379' });
    expect(config.demoLatencyScale).toBe(1);
    expect(config.demoSessionCount).toBeUndefined();
  });

  it('reads REDIS_ENABLED=false and the demo options', () => {
    const config = loadConfig({
      REDIS_ENABLED: 'false',
      TMS_DEMO_LATENCY_SCALE: '0.1',
      TMS_DEMO_SESSIONS: '10000',
    });
    expect(config.redis.enabled).toBe(false);
    expect(config.demoLatencyScale).toBe(0.1);
    expect(config.demoSessionCount).toBe(10000);
  });

  it('names the variable when a value is unusable', () => {
    expect(() => loadConfig({ TMS_DEMO_LATENCY_SCALE: 'fast' })).toThrow(/TMS_DEMO_LATENCY_SCALE/);
  });

  it('reads the demo world from TMS_DEMO_* and refuses unknown values', () => {
    const c = loadConfig({
      TMS_DEMO_WORLD: 'pdb-rac',
      TMS_DEMO_HOST_UTC_OFFSET: '-05:30',
      TMS_DEMO_CONTAINER_DATA: 'current',
      TMS_DEMO_CLOCK_SKEW_MS: '1500',
    });
    expect(c.demoWorld).toBe('pdb-rac');
    expect(c.demoTopology).toEqual({ hostUtcOffsetMin: -330, containerData: 'current', dbClockSkewMs: 1500 });
    expect(loadConfig({}).demoWorld).toBeUndefined();
    expect(loadConfig({ TMS_DEMO_INSTANCES: '2', TMS_DEMO_CONNECT_TO: 'root' }).demoTopology).toEqual({
      instances: 2,
      connectTo: 'root',
    });
    expect(() => loadConfig({ TMS_DEMO_WORLD: 'mars' })).toThrow(/TMS_DEMO_WORLD must be one of/);
    expect(() => loadConfig({ TMS_DEMO_INSTANCES: '3' })).toThrow(/TMS_DEMO_INSTANCES/);
    expect(() => loadConfig({ TMS_DEMO_HOST_UTC_OFFSET: '+25:00' })).toThrow(/TMS_DEMO_HOST_UTC_OFFSET/);
    expect(parseUtcOffset('X', 'UTC')).toBe(0);
    expect(parseUtcOffset('X', '+0900')).toBe(540);
    expect(parseUtcOffset('X', '60')).toBe(60);
  });
});
