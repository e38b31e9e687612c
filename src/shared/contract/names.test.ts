import { describe, expect, it } from 'vitest';
import { CHANNELS, contract, events } from './index';
import { CHANNEL_NAMES, EVENT_NAMES, isEventName } from './names';

describe('contract names (schema-free lists for the bridge)', () => {
  it('name exactly the contract’s channels and events', () => {
    expect([...CHANNEL_NAMES].sort()).toEqual(Object.keys(contract).sort());
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    expect(CHANNELS).toEqual(Object.keys(contract));
  });

  it('recognise only event names, never inherited keys', () => {
    expect(isEventName('app:menuCommand')).toBe(true);
    expect(isEventName('monitor:dashboard')).toBe(false);
    expect(isEventName('toString')).toBe(false);
    expect(isEventName('__proto__')).toBe(false);
    expect(isEventName(42)).toBe(false);
  });
});
