import { describe, expect, it } from 'vitest';
import { ids, PLAN_FULL, PLAN_INDEX } from '../testing/fixtures';

describe('offline analyser rules (each: one SQL that triggers it, one that does not)', () => {
  it('IMPLICIT_CONVERSION (VARCHAR2 column vs number in SQL; TO_NUMBER/INTERNAL_FUNCTION in the plan)', () => {
    expect(ids('SELECT id FROM orders WHERE order_no = 42', { type: 'sql' })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT id FROM orders o WHERE 42 = o.order_no', { type: 'sql' })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids("SELECT id FROM orders WHERE order_no = '42'", { type: 'sql' })).not.toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT status FROM orders WHERE id = 42', { type: 'sql' })).not.toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(ids('SELECT id FROM orders WHERE order_no = :b1', { type: 'plan', plan: PLAN_FULL })).toContain(
      'IMPLICIT_CONVERSION',
    );
    expect(
      ids('SELECT id FROM orders WHERE cust_id = :b1', { type: 'plan', plan: PLAN_INDEX }),
    ).not.toContain('IMPLICIT_CONVERSION');
    const compared = PLAN_INDEX.replace(
      'access("CUST_ID"=:B1)',
      'filter(:B1=INTERNAL_FUNCTION("CREATED_AT"))',
    );
    expect(ids('x', { type: 'plan', plan: compared })).toContain('IMPLICIT_CONVERSION');
    // a conversion inside an analytic ORDER BY is not a predicate on the column
    const sorted = PLAN_INDEX.replace(
      'access("CUST_ID"=:B1)',
      'filter(ROW_NUMBER() OVER ( ORDER BY INTERNAL_FUNCTION("ORDERS"."ORDER_DATE") DESC )<=:B2)',
    );
    expect(ids('x', { type: 'plan', plan: sorted })).not.toContain('IMPLICIT_CONVERSION');
  });
});
