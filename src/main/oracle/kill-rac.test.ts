/**
 * Kill on RAC (issue 13 point 2, kill part): the console sends 'sid,serial#,@inst_id', so a session of
 * the other instance is reached whichever instance the pooled connection landed on; the wrong instance
 * answers ORA-00030 and the lists are marked stale.
 */
import { describe, expect, it } from 'vitest';
import { killSessionSql } from './catalog';
import { DemoGateway } from './demo/demo-gateway';

const T0 = Date.UTC(2026, 10, 2, 9, 30, 0);

describe('kill on RAC', () => {
  it('builds the @inst_id form only from positive integers', () => {
    expect(killSessionSql(12, 345, 2)).toBe("ALTER SYSTEM KILL SESSION '12,345,@2' IMMEDIATE");
    for (const bad of [0, -1, 1.5, Number.NaN])
      expect(() => killSessionSql(12, 345, bad)).toThrow(RangeError);
  });

  it('reaches a session of instance 2 by @2; the same sid,serial# on instance 1 is ORA-00030', async () => {
    const gw = new DemoGateway({
      world: 'pdb-rac',
      seed: 5,
      sessionCount: 80,
      latencyScale: 0,
      now: () => T0,
    });
    const victim = [...gw.database.world.sessions.values()].find((s) => s.instId === 2 && !s.pinned)!;
    expect(victim).toBeDefined();
    const wrong = await gw.killSession(victim.sid, victim.serial, 1).catch((e: unknown) => e);
    expect(wrong).toMatchObject({
      code: 'NOT_FOUND',
      details: { oracleCode: 'ORA-00030', sessionListStale: true },
    });
    expect(gw.database.sessionSerial(victim.sid, 2)).toBe(victim.serial);
    const r = await gw.killSession(victim.sid, victim.serial, 2);
    expect(r).toMatchObject({ outcome: 'killed', instId: 2, message: expect.stringContaining(',@2') });
    expect(gw.database.sessionSerial(victim.sid, 2)).toBeNull();
  });
});
