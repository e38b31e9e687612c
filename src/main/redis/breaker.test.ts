import { describe, expect, it } from 'vitest';
import { type BreakerChange, CircuitBreaker } from './breaker';

function setup(opts: { failureThreshold?: number; breakMs?: number; disabled?: boolean } = {}) {
  let now = 1000;
  const changes: BreakerChange[] = [];
  const breaker = new CircuitBreaker({
    breakMs: 100,
    ...opts,
    clock: () => now,
    onStateChange: (c) => changes.push(c),
  });
  return {
    breaker,
    changes,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

describe('CircuitBreaker', () => {
  it('opens on the first failure by default and refuses while open', () => {
    const { breaker, changes } = setup();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure('ECONNREFUSED');
    expect(breaker.state).toBe('open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.isClosed).toBe(false);
    expect(changes).toEqual([{ state: 'open', previous: 'closed', at: 1000, reason: 'ECONNREFUSED' }]);
    expect(breaker.lastError).toBe('ECONNREFUSED');
  });

  it('opens after N consecutive failures; a success resets the count', () => {
    const { breaker } = setup({ failureThreshold: 3 });
    breaker.failure();
    breaker.failure();
    breaker.success();
    breaker.failure();
    breaker.failure();
    expect(breaker.state).toBe('closed');
    breaker.failure();
    expect(breaker.state).toBe('open');
  });

  it('lets exactly one probe through after breakMs; success closes', () => {
    const { breaker, advance, changes } = setup();
    breaker.failure('down');
    advance(99);
    expect(breaker.tryAcquire()).toBe(false);
    advance(1);
    expect(breaker.tryAcquire()).toBe(true);
    expect(breaker.state).toBe('half-open');
    expect(breaker.tryAcquire()).toBe(false);
    expect(breaker.tryAcquire()).toBe(false);
    breaker.success();
    expect(breaker.state).toBe('closed');
    expect(breaker.tryAcquire()).toBe(true);
    expect(changes.map((c) => c.state)).toEqual(['open', 'half-open', 'closed']);
  });

  it('a failed probe re-opens for another breakMs', () => {
    const { breaker, advance } = setup();
    breaker.failure();
    advance(100);
    expect(breaker.tryAcquire()).toBe(true);
    breaker.failure('still down');
    expect(breaker.state).toBe('open');
    advance(50);
    expect(breaker.tryAcquire()).toBe(false);
    advance(50);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('a lost probe does not wedge the breaker', () => {
    const { breaker, advance } = setup();
    breaker.failure();
    advance(100);
    expect(breaker.tryAcquire()).toBe(true); // probe never reports
    advance(100);
    expect(breaker.tryAcquire()).toBe(true);
  });

  it('disabled refuses everything until enabled again', () => {
    const { breaker, changes } = setup({ disabled: true });
    expect(breaker.state).toBe('disabled');
    expect(breaker.tryAcquire()).toBe(false);
    breaker.failure('x');
    expect(breaker.state).toBe('disabled');
    breaker.setEnabled(true);
    expect(breaker.state).toBe('closed');
    breaker.setEnabled(false);
    expect(breaker.state).toBe('disabled');
    expect(changes.map((c) => c.state)).toEqual(['closed', 'disabled']);
  });

  it('a throwing listener never breaks the breaker', () => {
    const breaker = new CircuitBreaker({
      onStateChange: () => {
        throw new Error('boom');
      },
    });
    breaker.failure();
    expect(breaker.state).toBe('open');
    const off = breaker.onChange(() => {});
    off();
  });
});
