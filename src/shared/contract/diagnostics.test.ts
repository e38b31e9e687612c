import { describe, expect, it } from 'vitest';
import { alertLogRequestSchema, diagnosticsChannels } from './diagnostics';

describe('diagnostics contract', () => {
  it('the alert-log window is whitelisted and defaults to 60 minutes', () => {
    expect(alertLogRequestSchema.parse({ connId: 'demo' }).minutes).toBe(60);
    for (const m of [15, 60, 240, 1440])
      expect(alertLogRequestSchema.safeParse({ connId: 'demo', minutes: m }).success).toBe(true);
    for (const m of [0, 30, 1441, 10_080, 60.5, '60'])
      expect(alertLogRequestSchema.safeParse({ connId: 'demo', minutes: m }).success).toBe(false);
  });

  it('requests are strict', () => {
    expect(alertLogRequestSchema.safeParse({ connId: 'demo', text: 'ORA-' }).success).toBe(false);
    expect(
      diagnosticsChannels['diagnostics:longOps'].request.safeParse({ connId: 'demo', x: 1 }).success,
    ).toBe(false);
    expect(diagnosticsChannels['diagnostics:longOps'].request.safeParse({ connId: 'demo' }).success).toBe(
      true,
    );
  });
});
