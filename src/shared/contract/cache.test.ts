import { describe, expect, it } from 'vitest';
import { cacheChannels } from './cache';

const parse = (name: keyof typeof cacheChannels, value: unknown) =>
  cacheChannels[name].request.safeParse(value).success;

describe('cache contract schemas', () => {
  it('invalidate needs what its scope needs', () => {
    expect(parse('cache:invalidate', { scope: 'connection', connId: 'demo' })).toBe(true);
    expect(parse('cache:invalidate', { scope: 'connection' })).toBe(false);
    expect(parse('cache:invalidate', { scope: 'resource', resource: 'sessions' })).toBe(false);
    expect(parse('cache:invalidate', { scope: 'resource', resource: 'sessions', connId: 'd' })).toBe(true);
    expect(parse('cache:invalidate', { scope: 'resource', resource: 'llm-sql' })).toBe(true);
    expect(parse('cache:invalidate', { scope: 'key', key: 'tms:demo:sessions' })).toBe(true);
    expect(parse('cache:invalidate', { scope: 'key', key: 'other:key' })).toBe(false);
    expect(parse('cache:invalidate', { scope: 'all' })).toBe(true);
    expect(parse('cache:invalidate', { scope: 'everything' })).toBe(false);
    expect(parse('cache:invalidate', { scope: 'connection', connId: 'x'.repeat(129) })).toBe(false);
  });
  it('TTL edits are bounded and consistent', () => {
    expect(parse('cache:setTtl', { resource: 'sessions', ttl: 45 })).toBe(true);
    expect(parse('cache:setTtl', { tier: 'short', ttl: 45, l1Ttl: 5, grace: 0 })).toBe(true);
    expect(parse('cache:setTtl', { resource: 'sessions', tier: 'short', ttl: 45 })).toBe(false);
    expect(parse('cache:setTtl', { ttl: 45 })).toBe(false);
    expect(parse('cache:setTtl', { resource: 'sessions', ttl: 0 })).toBe(false);
    expect(parse('cache:setTtl', { resource: 'sessions', ttl: 10, l1Ttl: 11 })).toBe(false);
    expect(parse('cache:setTtl', { resource: 'sessions', ttl: 604_801 })).toBe(false);
    expect(parse('cache:resetTtl', {})).toBe(true);
    expect(parse('cache:resetTtl', { resource: 'sessions', tier: 'short' })).toBe(false);
  });
  it('key browser requests are bounded', () => {
    expect(parse('cache:scanKeys', {})).toBe(true);
    expect(parse('cache:scanKeys', { cursor: '127.0.0.1:7000@123', pattern: 'demo:*', limit: 200 })).toBe(
      true,
    );
    expect(parse('cache:scanKeys', { cursor: 'garbage' })).toBe(false);
    expect(parse('cache:scanKeys', { limit: 100_000 })).toBe(false);
    expect(parse('cache:keyDetails', { keys: [] })).toBe(false);
    expect(parse('cache:keyDetails', { keys: Array(501).fill('tms:a') })).toBe(false);
    expect(parse('cache:deleteKey', { key: 'tms:demo:sessions' })).toBe(true);
    expect(parse('cache:deleteKey', { key: 'foreign' })).toBe(false);
    expect(parse('cache:setHitRatioThreshold', { percent: 60 })).toBe(true);
    expect(parse('cache:setHitRatioThreshold', { percent: 160 })).toBe(false);
  });
});
