import { describe, expect, it } from 'vitest';
import { describeRedisFailure, redisFailureReason } from './failure';

describe('Redis failures in words a DBA can act on', () => {
  it.each([
    ["Stream isn't writeable and enableOfflineQueue options is false", 'offline'],
    ['Connection is closed.', 'offline'],
    ['connect ECONNREFUSED 127.0.0.1:6390', 'refused'],
    ['getaddrinfo ENOTFOUND redis.example', 'unresolved'],
    ['Command timed out', 'timeout'],
    ['NOAUTH Authentication required.', 'auth'],
    ["READONLY You can't write against a read only replica.", 'readonly'],
    ["OOM command not allowed when used memory > 'maxmemory'.", 'oom'],
    ['CLUSTERDOWN The cluster is down', 'cluster'],
    ['LOADING Redis is loading the dataset in memory', 'loading'],
    ['something else entirely', 'unknown'],
  ])('%s → %s', (text, reason) => {
    expect(redisFailureReason(new Error(text))).toBe(reason);
  });

  it('never repeats the library text', () => {
    const raw = "Stream isn't writeable and enableOfflineQueue options is false";
    const d = describeRedisFailure(new Error(raw));
    expect(d.message).not.toContain('enableOfflineQueue');
    expect(d.message).toMatch(/not connected/);
  });
});
