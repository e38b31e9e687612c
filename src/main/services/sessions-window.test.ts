import { sessionsWindowRequestSchema } from '@shared/contract/monitor';
import type { SessionRow, SessionsSnapshot } from '@shared/types/oracle';
import { describe, expect, it } from 'vitest';
import { MemoryReadThroughCache } from '../connections/testing/fakes';
import { MonitoringService } from './monitoring';
import { type SessionsWindowQuery, sessionsWindow } from './sessions-window';

function row(sid: number, over: Partial<SessionRow> = {}): SessionRow {
  return {
    instId: 1,
    conId: 3,
    sid,
    serial: sid * 10,
    username: `USER${sid % 3}`,
    status: sid % 2 ? 'ACTIVE' : 'INACTIVE',
    osUser: 'oracle',
    machine: `app${sid % 4}`,
    program: 'JDBC Thin Client',
    module: null,
    action: null,
    serviceName: 'ORCLPDB',
    sqlId: null,
    sqlChildNumber: null,
    prevSqlId: null,
    sqlExecStart: null,
    logonTime: 1_700_000_000_000 + sid,
    lastCallEt: (sid * 7) % 50,
    event: 'SQL*Net message from client',
    waitClass: 'Idle',
    state: 'WAITING',
    onCpu: false,
    secondsInWait: 0,
    blockingSessionStatus: null,
    blockingInstance: null,
    blockingSession: null,
    rowWaitObj: null,
    clientIdentifier: null,
    spid: String(9000 + sid),
    pgaUsedBytes: null,
    pgaAllocBytes: null,
    pgaMaxBytes: null,
    ...over,
  };
}

function snapshot(n: number, extra: SessionRow[] = []): SessionsSnapshot {
  const sessions = Array.from({ length: n }, (_, i) => row(i + 1));
  return {
    sampledAt: 123,
    instanceScope: 'instance',
    scope: 'database',
    sessions: Object.freeze([...sessions, ...extra]) as SessionRow[],
    hiddenOwnSessions: 2,
  };
}

const query = (over: Partial<SessionsWindowQuery> = {}): SessionsWindowQuery => ({
  filter: { text: '', status: null, waitClass: null, blockingOnly: false, conId: null },
  sort: null,
  offset: 0,
  limit: 100,
  ...over,
});

describe('sessionsWindow: filter, sort and page in main', () => {
  it('sends only the asked window of 10,000 sessions, with the totals of the whole snapshot', () => {
    const snap = snapshot(10_000);
    const w = sessionsWindow(snap, query({ offset: 5000, limit: 50 }));
    expect(w.rows.map((r) => r.sid)).toEqual(Array.from({ length: 50 }, (_, i) => 5001 + i));
    expect(w).toMatchObject({
      total: 10_000,
      matched: 10_000,
      offset: 5000,
      sampledAt: 123,
      hiddenOwnSessions: 2,
    });
    expect(w.statuses).toEqual([
      { value: 'ACTIVE', count: 5000 },
      { value: 'INACTIVE', count: 5000 },
    ]);
    // a window's JSON is a small fraction of the snapshot's
    expect(JSON.stringify(w).length).toBeLessThan(JSON.stringify(snap).length / 50);
  });

  it('sorts the whole list (not only the window), numbers numerically, empty values last both ways', () => {
    const snap = snapshot(30, [row(31, { username: null }), row(32, { lastCallEt: 1000 })]);
    const asc = sessionsWindow(snap, query({ sort: { key: 'lastCallEt', desc: false }, limit: 3 }));
    const sortedAsc = snap.sessions.map((s) => s.lastCallEt).sort((a, b) => a - b);
    expect(asc.rows.map((r) => r.lastCallEt)).toEqual(sortedAsc.slice(0, 3));
    const desc = sessionsWindow(snap, query({ sort: { key: 'lastCallEt', desc: true }, limit: 1 }));
    expect(desc.rows[0]!.sid).toBe(32);
    const byUserDesc = sessionsWindow(
      snap,
      query({ sort: { key: 'username', desc: true }, offset: 31, limit: 5 }),
    );
    expect(byUserDesc.rows.map((r) => r.sid)).toEqual([31]);
    const byUserAsc = sessionsWindow(snap, query({ sort: { key: 'username', desc: false }, offset: 31 }));
    expect(byUserAsc.rows.map((r) => r.sid)).toEqual([31]);
    // the cached snapshot is never reordered
    expect(snap.sessions.map((s) => s.sid)).toEqual(Array.from({ length: 32 }, (_, i) => i + 1));
  });

  it('sorts the event and wait class a DBA sees (ON CPU / CPU)', () => {
    const snap = snapshot(3, [row(4, { onCpu: true, state: 'WAITED SHORT TIME', waitClass: 'User I/O' })]);
    const w = sessionsWindow(snap, query({ sort: { key: 'waitClass', desc: false } }));
    expect(w.rows[0]!.sid).toBe(4);
    expect(w.waitClasses).toEqual([
      { value: 'CPU', count: 1 },
      { value: 'Idle', count: 3 },
    ]);
    expect(
      sessionsWindow(snap, query({ filter: { ...query().filter, waitClass: 'CPU' } })).rows,
    ).toHaveLength(1);
  });

  it('filters by text (fields and SID, not epoch digits), status, wait class; counts what matched', () => {
    const snap = snapshot(100, [row(101, { program: 'sqlplus@dbhost (TNS V1-V3)', sqlId: 'abcd1234efgh5' })]);
    const f = query().filter;
    expect(sessionsWindow(snap, query({ filter: { ...f, text: 'SQLPLUS' } })).rows.map((r) => r.sid)).toEqual(
      [101],
    );
    expect(sessionsWindow(snap, query({ filter: { ...f, text: 'abcd1234' } })).matched).toBe(1);
    // SID 7 and 70-79 contain "7"; the logon time's digits do not make every row match
    expect(sessionsWindow(snap, query({ filter: { ...f, text: '7' } })).matched).toBeLessThan(40);
    const inactive = sessionsWindow(snap, query({ filter: { ...f, status: 'INACTIVE' }, limit: 500 }));
    expect(inactive.matched).toBe(50);
    expect(inactive.rows.every((r) => r.status === 'INACTIVE')).toBe(true);
    expect(inactive.total).toBe(101);
  });

  it('flags blockers (instance-aware), counts blocked sessions, and filters blocking only', () => {
    const snap = snapshot(50, [
      row(51, { blockingSession: 7, blockingInstance: 1 }),
      row(52, { blockingSession: 7, blockingInstance: 1 }),
      row(53, { blockingSession: 9, blockingInstance: 2 }), // SID 9 of instance 2 is not SID 9 here
    ]);
    const all = sessionsWindow(snap, query({ limit: 500 }));
    expect(all.blockedCount).toBe(3);
    expect(all.blockerCount).toBe(2);
    const flagged = all.rows.filter((_, i) => all.blocker[i]).map((r) => r.sid);
    expect(flagged).toEqual([7]);
    const blocking = sessionsWindow(snap, query({ filter: { ...query().filter, blockingOnly: true } }));
    expect(blocking.rows.map((r) => r.sid)).toEqual([7, 51, 52, 53]);
    expect(blocking.blocker).toEqual([true, false, false, false]);
  });

  it('CDB$ROOT: filters one container (CON_ID) and says the rows come from every instance on RAC', () => {
    const other = [row(9001, { conId: 4 }), row(9002, { conId: 4, instId: 2 })];
    const snap = { ...snapshot(20, other), instanceScope: 'cluster' as const };
    const w = sessionsWindow(snap, query({ filter: { ...query().filter, conId: 4 } }));
    expect(w.rows.map((r) => r.sid)).toEqual([9001, 9002]);
    expect(w.matched).toBe(2);
    expect(w.total).toBe(22);
    expect(w.instanceScope).toBe('cluster');
    expect(sessionsWindow(snap, query()).matched).toBe(22);
  });

  it('an offset past the end answers no rows and the matched count (the list shrank since)', () => {
    const w = sessionsWindow(snapshot(10), query({ offset: 400 }));
    expect(w).toMatchObject({ matched: 10, offset: 10, rows: [], blocker: [] });
  });
});

describe('monitor:sessionsWindow request', () => {
  it('is bounded: at most 500 rows, known sort keys, no control characters', () => {
    const ok = sessionsWindowRequestSchema.parse({ connId: 'demo' });
    expect(ok).toMatchObject({
      offset: 0,
      limit: 100,
      sort: null,
      filter: { text: '', blockingOnly: false },
    });
    for (const bad of [
      { connId: 'demo', limit: 501 },
      { connId: 'demo', limit: 0 },
      { connId: 'demo', offset: -1 },
      { connId: 'demo', sort: { key: 'constructor', desc: false } },
      { connId: 'demo', filter: { text: 'x'.repeat(201) } },
      { connId: 'demo', filter: { status: 'A\u0000' } },
      { connId: 'demo', extra: 1 },
    ]) {
      expect(sessionsWindowRequestSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });
});

describe('MonitoringService.sessionsWindow', () => {
  it('reads the one cached sessions snapshot (same key as monitor:sessions) for every window', async () => {
    const cache = new MemoryReadThroughCache();
    let fetches = 0;
    const snap = snapshot(1000);
    const monitoring = new MonitoringService({
      cache,
      gateways: {
        touch: () => undefined,
        use: async <T>(_c: string, fn: (g: never) => Promise<T>) => {
          fetches++;
          return fn({ sessions: async () => snap } as never);
        },
      },
    });
    const a = await monitoring.sessionsWindow('prod', query({ offset: 0 }));
    const b = await monitoring.sessionsWindow(
      'prod',
      query({ offset: 900, sort: { key: 'sid', desc: true } }),
    );
    expect(fetches).toBe(1);
    expect(cache.reads.map((r) => r.spec)).toEqual([
      { resource: 'sessions', connId: 'prod' },
      { resource: 'sessions', connId: 'prod' },
    ]);
    expect(a.data.rows[0]!.sid).toBe(1);
    expect(b.data.rows[0]!.sid).toBe(100);
    expect(b.cache.key).toBe(a.cache.key);
  });
});
