import { DEFAULT_ALERT_THRESHOLDS } from '@shared/types/alerts';
import { describe, expect, it } from 'vitest';
import { alertsChannels, alertThresholdSchema } from './alerts';
import { contract, events } from './index';

const ok = (name: keyof typeof alertsChannels, value: unknown) =>
  alertsChannels[name].request.safeParse(value).success;

describe('alerts contract', () => {
  it('is merged into the contract with its events', () => {
    for (const name of Object.keys(alertsChannels)) expect(Object.hasOwn(contract, name)).toBe(true);
    expect(Object.hasOwn(events, 'alerts:changed')).toBe(true);
    expect(Object.hasOwn(events, 'alerts:thresholdsChanged')).toBe(true);
  });

  it('requests are strict: known rules only, connection ids checked, no extra fields', () => {
    expect(ok('alerts:list', { connId: 'demo' })).toBe(true);
    expect(ok('alerts:list', { connId: 'Demo!' })).toBe(false);
    expect(ok('alerts:list', { connId: 'demo', extra: 1 })).toBe(false);
    expect(ok('alerts:setThresholds', { patch: { tablespace: { threshold: 80 } } })).toBe(true);
    expect(ok('alerts:setThresholds', { patch: { noSuchRule: { threshold: 80 } } })).toBe(false);
    expect(ok('alerts:setThresholds', { patch: { tablespace: { threshold: 80, colour: 'red' } } })).toBe(
      false,
    );
    expect(ok('alerts:setThresholds', { patch: { aasOverCpu: { forSec: 1.5 } } })).toBe(false);
    expect(ok('alerts:resetThresholds', {})).toBe(true);
    expect(ok('alerts:resetThresholds', { rule: 'fra' })).toBe(false);
    expect(ok('alerts:ack', { connId: 'demo', alertId: 'blockedSessions|sid 7 @1|1764648000000' })).toBe(
      true,
    );
    expect(ok('alerts:ack', { connId: 'demo', alertId: '' })).toBe(false);
    expect(ok('alerts:mute', { rule: 'tablespace', subject: 'USERS', muted: true })).toBe(true);
    expect(ok('alerts:mute', { rule: 'tablespace', subject: '', muted: true })).toBe(false);
  });

  it('every default threshold validates against its own rule schema; out-of-range values do not', () => {
    for (const [rule, t] of Object.entries(DEFAULT_ALERT_THRESHOLDS)) {
      expect(alertThresholdSchema(rule as keyof typeof DEFAULT_ALERT_THRESHOLDS).safeParse(t).success).toBe(
        true,
      );
    }
    const pct = alertThresholdSchema('tablespace');
    expect(pct.safeParse({ enabled: true, threshold: 101, forSec: 0, hysteresis: 1 }).success).toBe(false);
    expect(pct.safeParse({ enabled: true, threshold: 90, forSec: 0, hysteresis: -1 }).success).toBe(false);
    expect(pct.safeParse({ enabled: true, threshold: 90, forSec: 0 }).success).toBe(false);
  });
});
