import { describe, expect, it } from 'vitest';
import { connectionPattern, parseActivityKey, parseKey } from '../cache/keys';
import { activityDataKeys, activityKeys } from './keys';

const slotTag = (key: string) => /\{([^}]*)\}/.exec(key)?.[1];

describe('activity keys', () => {
  it('share one hash tag per connection (one Cluster slot for the Lua scripts)', () => {
    const k = activityKeys('prod-1');
    const tags = new Set(Object.values(k).map(slotTag));
    expect(tags).toEqual(new Set(['prod-1']));
    expect(slotTag(activityKeys('prod-2').samples)).not.toBe(slotTag(k.samples));
  });

  it('data keys sit under the connection (removed with it); lease and fence under tms:lock: (kept)', () => {
    const prefix = connectionPattern('prod-1').slice(0, -1);
    for (const key of activityDataKeys('prod-1')) expect(key.startsWith(prefix)).toBe(true);
    expect(activityKeys('prod-1').fence.startsWith('tms:lock:')).toBe(true);
    expect(activityKeys('prod-1').lease.startsWith('tms:lock:')).toBe(true);
  });

  it('the key table recognises them (connection id, part) and keeps them out of the cache resources', () => {
    const k = activityKeys('a b'); // encoded: no brace or colon can come from an id
    expect(parseActivityKey(k.samples)).toEqual({ connId: 'a b', part: 'samples' });
    expect(parseActivityKey(k.fence)).toEqual({ connId: 'a b', part: 'fence' });
    expect(parseKey(k.samples)).toBeNull();
    expect(parseActivityKey('tms:x:activity:{y}:samples')).toBeNull();
    expect(parseActivityKey('tms:x:sessions')).toBeNull();
  });
});
