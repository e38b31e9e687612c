import { describe, expect, it } from 'vitest';
import { loadConfig } from './config';

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
});
