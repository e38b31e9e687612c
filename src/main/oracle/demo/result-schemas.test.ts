/**
 * The contract's result schemas (shared/contract/results.ts) accept every value the gateway really returns,
 * after the JSON round trip through Redis: a schema stricter than the data would make every L2 read
 * "corrupt" and silently turn the shared cache off.
 */
import { RESULT_FORMATS } from '@shared/contract/results';
import { describe, expect, it } from 'vitest';
import { DemoGateway } from './demo-gateway';

const viaRedis = (value: unknown) => JSON.parse(JSON.stringify(value)) as unknown;

function expectAccepted(resource: keyof typeof RESULT_FORMATS, value: unknown) {
  const parsed = RESULT_FORMATS[resource].schema.safeParse(viaRedis(value));
  expect(
    parsed.success ? 'accepted' : `${resource}: ${JSON.stringify(parsed.error.issues.slice(0, 3))}`,
  ).toBe('accepted');
}

describe('result schemas accept what the gateway returns', () => {
  it('every monitoring resource of the demo database, the recursive blocking tree included', async () => {
    const gw = new DemoGateway({ latencyScale: 0 });
    expectAccepted('dashboard', await gw.dashboard());
    expectAccepted('realtime', await gw.realtime());
    expectAccepted('sessions', await gw.sessions());
    const locks = await gw.locks();
    expect(locks.roots.length).toBeGreaterThan(0); // the recursive part is exercised
    expectAccepted('locks', locks);
    expectAccepted('wait-events', await gw.waitEvents());
    expectAccepted('wait-events', await gw.waitEvents()); // the second poll has interval rates
    const top = await gw.topSql({ limit: 20, orderBy: 'cpu' });
    expectAccepted('top-sql', top);
    const sqlId = top.rows[0]!.sqlId;
    expectAccepted('sql', await gw.sqlDetail(sqlId));
    expectAccepted('sql-text', await gw.sqlText(sqlId));
    expectAccepted('sql-plan', await gw.sqlPlan(sqlId));
    const schemas = await gw.schemas();
    expectAccepted('schemas', schemas);
    const tables = await gw.tables('HR');
    expect(tables.rows.length).toBeGreaterThan(0);
    expectAccepted('tables', tables);
    expectAccepted('columns', await gw.columns('HR', tables.rows[0]!.tableName));
    for (const period of ['1h', '24h', '7d'] as const) expectAccepted('trend', await gw.trend(period));
    expectAccepted('health', await gw.health());
  });

  it('rejects values of another shape (the schemas are not `any`)', () => {
    for (const [resource, format] of Object.entries(RESULT_FORMATS)) {
      expect(format.schema.safeParse({ unexpected: true }).success, resource).toBe(false);
      expect(format.schema.safeParse('text').success, resource).toBe(false);
    }
  });
});
