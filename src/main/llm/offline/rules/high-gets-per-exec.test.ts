import { describe, expect, it } from 'vitest';
import { ids } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('HIGH_GETS_PER_EXEC', () => {
    expect(
      ids('x', { type: 'plan', stats: { executions: 10, bufferGets: 2_000_000, rowsProcessed: 10 } }),
    ).toContain('HIGH_GETS_PER_EXEC');
    expect(
      ids('x', { type: 'plan', stats: { executions: 1000, bufferGets: 4000, rowsProcessed: 1000 } }),
    ).not.toContain('HIGH_GETS_PER_EXEC');
    expect(ids('x', { type: 'plan', stats: { executions: 0, bufferGets: 4_000_000 } })).not.toContain(
      'HIGH_GETS_PER_EXEC',
    );
  });
});
