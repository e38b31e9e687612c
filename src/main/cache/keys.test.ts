import { RESOURCE_NAMES, RESOURCES } from '@shared/cache';
import { TmsError } from '@shared/errors';
import { describe, expect, it } from 'vitest';
import {
  buildKey,
  connectionPattern,
  connectionPrefix,
  decodeKeyPart,
  encodeKeyPart,
  lockKeyFor,
  parseKey,
  resourcePattern,
  resourceScope,
} from './keys';

/** Redis glob semantics for the subset we emit (`*`, `?`, `[`, `\` escapes), to check patterns offline. */
function globMatch(pattern: string, text: string): boolean {
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') {
      re += `\\${pattern[++i]!}`.replace(/\\([A-Za-z0-9])/, '$1');
    } else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return new RegExp(`${re}$`, 's').test(text);
}

describe('buildKey', () => {
  it('produces the plan patterns', () => {
    expect(buildKey({ resource: 'sessions', connId: 'demo' })).toBe('tms:demo:sessions');
    expect(buildKey({ resource: 'top-sql', connId: 'demo', params: [100] })).toBe('tms:demo:top-sql:100');
    expect(buildKey({ resource: 'columns', connId: 'prod-1', params: ['HR', 'EMPLOYEES'] })).toBe(
      'tms:prod-1:columns:HR:EMPLOYEES',
    );
    expect(buildKey({ resource: 'connections' })).toBe('tms:connections');
    expect(buildKey({ resource: 'llm-sql', params: ['ab12cd'] })).toBe('tms:llm:sql:ab12cd');
    expect(buildKey({ resource: 'sql-text', connId: 'x', params: ['9babjv8yq8ru3'] })).toBe(
      'tms:x:sql-text:9babjv8yq8ru3',
    );
  });

  it('matches every RESOURCES pattern when parts are plain', () => {
    for (const name of RESOURCE_NAMES) {
      const def = RESOURCES[name];
      const placeholders = def.pattern.match(/\{[a-zA-Z]+\}/g) ?? [];
      const params = placeholders.filter((p) => p !== '{connId}').map((_, i) => `p${i}`);
      const spec =
        def.scope === 'conn' ? { resource: name, connId: 'c1', params } : { resource: name, params };
      let expected: string = def.pattern.replace('{connId}', 'c1');
      params.forEach((p) => {
        expected = expected.replace(/\{[a-zA-Z]+\}/, p);
      });
      expect(buildKey(spec)).toBe(expected);
    }
  });

  it('keeps Oracle identifier characters ($ #) and encodes everything else', () => {
    expect(buildKey({ resource: 'tables', connId: 'c', params: ['SYS$UMF#'] })).toBe('tms:c:tables:SYS$UMF#');
    expect(buildKey({ resource: 'sessions', connId: 'a:*' })).toBe('tms:a%3A%2A:sessions');
    expect(buildKey({ resource: 'sessions', connId: 'x]' })).toBe('tms:x%5D:sessions');
    expect(buildKey({ resource: 'sessions', connId: 'my db' })).toBe('tms:my%20db:sessions');
    expect(buildKey({ resource: 'sessions', connId: '운영' })).toBe('tms:%EC%9A%B4%EC%98%81:sessions');
    expect(buildKey({ resource: 'sessions', connId: '50%' })).toBe('tms:50%25:sessions');
    expect(buildKey({ resource: 'sessions', connId: '{tag}' })).toBe('tms:%7Btag%7D:sessions');
  });

  it('never lets an encoded part contain separators, glob chars or whitespace', () => {
    const hostile = ['a:*', 'x]', '[a-z]', '\\', '?', ' ', '\t\n', 'a b', '*', '::', '%3A', 'é', '🙂', '{x}'];
    for (const h of hostile) {
      const enc = encodeKeyPart(h);
      expect(enc).toMatch(/^[A-Za-z0-9_.$#%-]+$/);
      expect(decodeKeyPart(enc)).toBe(h);
    }
  });

  it('is injective: different ids give different keys', () => {
    const ids = ['a', 'a:', 'a%3A', 'A', 'a ', 'a:*', 'llm', '%6Clm', 'lock', 'demo', 'demo2'];
    const keys = new Set(ids.map((connId) => buildKey({ resource: 'sessions', connId })));
    expect(keys.size).toBe(ids.length);
  });

  it('keeps reserved first segments away from connection ids', () => {
    expect(connectionPrefix('llm')).toBe('tms:%6Clm:');
    expect(connectionPrefix('connections')).toBe('tms:%63onnections:');
    expect(connectionPrefix('lock')).toBe('tms:%6Cock:');
    expect(connectionPrefix('stats')).not.toBe('tms:stats:');
    expect(globMatch(connectionPattern('llm'), 'tms:llm:sql:abc')).toBe(false);
  });

  it('validates ids, params and arity', () => {
    expect(() => buildKey({ resource: 'sessions' })).toThrow(TmsError);
    expect(() => buildKey({ resource: 'sessions', connId: '' })).toThrow(/empty/);
    expect(() => buildKey({ resource: 'sessions', connId: 'x'.repeat(129) })).toThrow(/longer/);
    expect(() => buildKey({ resource: 'top-sql', connId: 'c' })).toThrow(/parameter/);
    expect(() => buildKey({ resource: 'top-sql', connId: 'c', params: [''] })).toThrow(/non-empty/);
    expect(() => buildKey({ resource: 'tables', connId: 'c', params: ['x'.repeat(513)] })).toThrow(/longer/);
    expect(() => buildKey({ resource: 'connections', connId: 'c' })).toThrow(/no connection id/);
    expect(() => buildKey({ resource: 'nope' as never, connId: 'c' })).toThrow(/Unknown/);
  });
});

describe('buildKey memo', () => {
  it('returns the same key for equal specs and still validates every new shape', () => {
    const a = buildKey({ resource: 'top-sql', connId: 'memo', params: [100] });
    expect(buildKey({ resource: 'top-sql', connId: 'memo', params: [100] })).toBe(a);
    expect(buildKey({ resource: 'top-sql', connId: 'memo', params: ['100'] })).toBe(a);
    expect(buildKey({ resource: 'top-sql', connId: 'memo', params: [101] })).toBe('tms:memo:top-sql:101');
    expect(() => buildKey({ resource: 'top-sql', connId: 'memo' })).toThrow(/parameter/);
    expect(() => buildKey({ resource: 'top-sql', connId: 'memo', params: [100, 1] })).toThrow(/parameter/);
    expect(buildKey({ resource: 'sessions', connId: 'memo' })).toBe('tms:memo:sessions');
    expect(() => buildKey({ resource: 'connections', connId: 'memo' })).toThrow(/no connection id/);
    expect(buildKey({ resource: 'connections' })).toBe('tms:connections');
    for (let i = 0; i < 25_000; i++) buildKey({ resource: 'sql', connId: 'memo', params: [`id${i}`] });
    expect(buildKey({ resource: 'top-sql', connId: 'memo', params: [100] })).toBe(a); // after a reset
  });
});

describe('patterns', () => {
  it('a connection id that prefixes another never reaches the other', () => {
    const pattern = connectionPattern('demo');
    expect(pattern).toBe('tms:demo:*');
    expect(globMatch(pattern, buildKey({ resource: 'sessions', connId: 'demo' }))).toBe(true);
    expect(globMatch(pattern, buildKey({ resource: 'sessions', connId: 'demo2' }))).toBe(false);
    expect(globMatch(pattern, buildKey({ resource: 'sessions', connId: 'demo:x' }))).toBe(false);
    expect(globMatch(resourcePattern('demo', 'top-sql'), 'tms:demo2:top-sql:10')).toBe(false);
  });

  it('hostile ids produce patterns confined to their own keys', () => {
    const ids = ['a:*', 'x]', '*', '?', '[a-z]', 'a\\', '운영', 'a b'];
    const others = ['a', 'ab', 'x', 'demo', 'b'];
    for (const id of ids) {
      const p = connectionPattern(id);
      expect(globMatch(p, buildKey({ resource: 'sessions', connId: id }))).toBe(true);
      for (const o of others) expect(globMatch(p, buildKey({ resource: 'sessions', connId: o }))).toBe(false);
    }
  });

  it('resource patterns: exact for parameterless resources, prefix + * otherwise', () => {
    expect(resourcePattern('demo', 'sessions')).toBe('tms:demo:sessions');
    expect(resourcePattern('demo', 'top-sql')).toBe('tms:demo:top-sql:*');
    expect(resourcePattern('demo', 'columns')).toBe('tms:demo:columns:*');
    expect(resourcePattern(undefined, 'llm-sql')).toBe('tms:llm:sql:*');
    expect(resourceScope('demo', 'sql')).toEqual({ prefix: 'tms:demo:sql:' });
    // `sql:` must not catch `sql-text:`
    expect(globMatch(resourcePattern('demo', 'sql'), 'tms:demo:sql-text:abc')).toBe(false);
    expect(globMatch(resourcePattern('demo', 'sql'), 'tms:demo:sql:abc')).toBe(true);
  });

  it('lock keys live under tms:lock:', () => {
    expect(lockKeyFor('tms:demo:sessions')).toBe('tms:lock:demo:sessions');
  });
});

describe('parseKey', () => {
  it('round-trips every kind of key', () => {
    const specs = [
      { resource: 'sessions', connId: 'demo' },
      { resource: 'top-sql', connId: 'a:*', params: ['100'] },
      { resource: 'columns', connId: '운영', params: ['HR', 'EMP$#'] },
      { resource: 'sessions', connId: 'llm' },
      { resource: 'connections' },
      { resource: 'llm-plan', params: ['f00'] },
    ] as const;
    for (const spec of specs) {
      const parsed = parseKey(buildKey(spec));
      expect(parsed).toEqual({
        resource: spec.resource,
        ...('connId' in spec ? { connId: spec.connId } : {}),
        params: 'params' in spec ? [...spec.params] : [],
      });
    }
  });

  it('rejects foreign and malformed keys', () => {
    for (const key of [
      'other:demo:sessions',
      'tms:',
      'tms:demo',
      'tms:demo:unknown',
      'tms:demo:top-sql',
      'tms:demo:top-sql:1:2',
      'tms:a*:sessions',
      'tms:%zz:sessions',
      'tms:%41:sessions', // non-canonical encoding of 'A'
      'tms:lock:demo:sessions',
      'tms:stats:total',
      'tms:llm:sql',
    ]) {
      expect(parseKey(key)).toBeNull();
    }
  });
});
