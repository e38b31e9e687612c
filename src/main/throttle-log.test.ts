import { describe, expect, it } from 'vitest';
import { throttledLogger } from './throttle-log';

describe('throttledLogger', () => {
  it('logs the first failure of each kind, then one line per interval with the count suppressed', () => {
    const lines: string[] = [];
    let t = 0;
    const log = throttledLogger(
      (m) => lines.push(m),
      1000,
      () => t,
    );
    log('cache bus', new Error('ECONNREFUSED'));
    log('cache bus', new Error('ECONNREFUSED'));
    log('cache stats', new Error('not writeable'));
    t = 500;
    log('cache bus', new Error('ECONNREFUSED'));
    t = 1500;
    log('cache bus', new Error('ECONNREFUSED'));
    expect(lines).toEqual([
      'cache bus: ECONNREFUSED',
      'cache stats: not writeable',
      'cache bus: ECONNREFUSED (2 similar suppressed)',
    ]);
  });
});
