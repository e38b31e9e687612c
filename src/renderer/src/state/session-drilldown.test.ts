import { describe, expect, it } from 'vitest';
import { closeSession, currentSession, openSession } from './session-drilldown';

describe('session drill-down state', () => {
  it('opens one session at a time and closes', () => {
    openSession({ connId: 'demo', instId: 2, sid: 10, serial: 7 });
    expect(currentSession()).toEqual({ connId: 'demo', instId: 2, sid: 10, serial: 7 });
    openSession({ connId: 'demo', instId: 1, sid: 11, serial: 8 });
    expect(currentSession()?.sid).toBe(11);
    closeSession();
    expect(currentSession()).toBeNull();
  });

  it('keeps its own copy of the target', () => {
    const t = { connId: 'demo', instId: 1, sid: 5, serial: 1 };
    openSession(t);
    t.sid = 99;
    expect(currentSession()?.sid).toBe(5);
    closeSession();
  });
});
