/**
 * Demo top SQL: realistic statements (with the classic problems a DBA looks for: functions on indexed
 * columns, NOT IN, SELECT *, literals instead of binds, implicit conversion, row-by-row scalar
 * subqueries, OFFSET paging) and plans in V$SQL_PLAN shape.
 */

/** [depth, operation, options, objectOwner.objectName | '', rows, bytes, cost, access?, filter?] */
export type PlanLine = readonly [number, string, string, string, number, number, number, string?, string?];

export interface DemoSql {
  text: string;
  schema: string;
  module: string;
  action?: string;
  /** workload shape */
  execPerSec: number;
  elaMsPerExec: number;
  /** share of elapsed on CPU, user I/O, application (locks), concurrency */
  cpuPct: number;
  ioPct: number;
  appPct?: number;
  concPct?: number;
  getsPerExec: number;
  readsPerExec: number;
  rowsPerExec: number;
  /** child cursors (default 1) */
  children?: number;
  /** PL/SQL and DDL have no plan */
  plan: readonly PlanLine[] | null;
  optimizerMode?: string;
}

const orders = 'SALES.ORDERS';
const items = 'SALES.ORDER_ITEMS';
const customers = 'SALES.CUSTOMERS';

export const SQL_LIBRARY: readonly DemoSql[] = [
  {
    text: `SELECT o.order_id, o.order_date, o.status, c.cust_name, SUM(i.quantity * i.unit_price) AS order_total
FROM sales.orders o
JOIN sales.customers c ON c.customer_id = o.customer_id
JOIN sales.order_items i ON i.order_id = o.order_id
WHERE o.order_date >= :b1 AND o.status = :b2
GROUP BY o.order_id, o.order_date, o.status, c.cust_name
ORDER BY order_total DESC`,
    schema: 'APP_OWNER',
    module: 'OrderService',
    action: 'searchOrders',
    execPerSec: 2.4,
    elaMsPerExec: 380,
    cpuPct: 55,
    ioPct: 40,
    getsPerExec: 48_200,
    readsPerExec: 620,
    rowsPerExec: 140,
    children: 2,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 9840],
      [1, 'SORT', 'ORDER BY', '', 1420, 119_280, 9840],
      [2, 'HASH', 'GROUP BY', '', 1420, 119_280, 9838],
      [3, 'HASH JOIN', '', '', 35_070, 2_945_880, 9790, '"I"."ORDER_ID"="O"."ORDER_ID"'],
      [4, 'HASH JOIN', '', '', 7100, 440_200, 2210, '"C"."CUSTOMER_ID"="O"."CUSTOMER_ID"'],
      [
        5,
        'TABLE ACCESS',
        'BY INDEX ROWID BATCHED',
        orders,
        7100,
        184_600,
        1580,
        undefined,
        '"O"."STATUS"=:B2',
      ],
      [6, 'INDEX', 'RANGE SCAN', 'SALES.ORDERS_DATE_IX', 21_300, 0, 62, '"O"."ORDER_DATE">=:B1'],
      [5, 'TABLE ACCESS', 'FULL', customers, 250_000, 9_000_000, 610],
      [4, 'TABLE ACCESS', 'FULL', items, 41_000_000, 984_000_000, 7480],
    ],
  },
  {
    text: `SELECT * FROM sales.customers WHERE UPPER(email) = UPPER(:email)`,
    schema: 'APP_OWNER',
    module: 'SalesApi',
    action: 'GET /customers',
    execPerSec: 6.1,
    elaMsPerExec: 95,
    cpuPct: 62,
    ioPct: 36,
    getsPerExec: 9_350,
    readsPerExec: 12,
    rowsPerExec: 1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 2541],
      [1, 'TABLE ACCESS', 'FULL', customers, 2500, 380_000, 2541, undefined, 'UPPER("EMAIL")=UPPER(:EMAIL)'],
    ],
  },
  {
    text: `SELECT c.customer_id, c.cust_name, c.email
FROM sales.customers c
WHERE c.customer_id NOT IN (SELECT o.customer_id FROM sales.orders o WHERE o.order_date > SYSDATE - 365)`,
    schema: 'REPORT_RO',
    module: 'Toad.exe',
    execPerSec: 0.004,
    elaMsPerExec: 41_800,
    cpuPct: 38,
    ioPct: 60,
    getsPerExec: 1_280_000,
    readsPerExec: 1_190_000,
    rowsPerExec: 18_400,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 64_210],
      [1, 'HASH JOIN', 'ANTI NA', '', 2500, 177_500, 64_210, '"C"."CUSTOMER_ID"="O"."CUSTOMER_ID"'],
      [2, 'TABLE ACCESS', 'FULL', customers, 250_000, 15_250_000, 610],
      [
        2,
        'TABLE ACCESS',
        'FULL',
        orders,
        8_300_000,
        107_900_000,
        63_180,
        undefined,
        '"O"."ORDER_DATE">SYSDATE@!-365',
      ],
    ],
  },
  {
    text: `INSERT INTO app_owner.audit_trail (audit_id, user_id, action, created_at, payload)
VALUES (app_owner.audit_seq.NEXTVAL, :1, :2, SYSTIMESTAMP, :3)`,
    schema: 'APP_OWNER',
    module: 'JDBC Thin Client',
    execPerSec: 310,
    elaMsPerExec: 0.42,
    cpuPct: 48,
    ioPct: 6,
    concPct: 22,
    getsPerExec: 11,
    readsPerExec: 0.02,
    rowsPerExec: 1,
    plan: [
      [0, 'INSERT STATEMENT', '', '', 0, 0, 1],
      [1, 'LOAD TABLE', 'CONVENTIONAL', 'APP_OWNER.AUDIT_TRAIL', 0, 0, 0],
      [2, 'SEQUENCE', '', 'APP_OWNER.AUDIT_SEQ', 0, 0, 0],
    ],
  },
  {
    text: `UPDATE sales.inventory SET qty_on_hand = qty_on_hand - :1, updated_at = SYSDATE
WHERE product_id = :2 AND warehouse_id = :3`,
    schema: 'APP_OWNER',
    module: 'OrderService',
    action: 'reserveStock',
    execPerSec: 42,
    elaMsPerExec: 36,
    cpuPct: 4,
    ioPct: 3,
    appPct: 92,
    getsPerExec: 6,
    readsPerExec: 0.1,
    rowsPerExec: 1,
    children: 3,
    plan: [
      [0, 'UPDATE STATEMENT', '', '', 0, 0, 2],
      [1, 'UPDATE', '', 'SALES.INVENTORY', 0, 0, 0],
      [
        2,
        'INDEX',
        'UNIQUE SCAN',
        'SALES.INVENTORY_PK',
        1,
        21,
        1,
        '"PRODUCT_ID"=TO_NUMBER(:2) AND "WAREHOUSE_ID"=TO_NUMBER(:3)',
      ],
    ],
  },
  {
    text: `SELECT e.employee_id, e.first_name, e.last_name, d.department_name, j.job_title
FROM hr.employees e
JOIN hr.departments d ON d.department_id = e.department_id
JOIN hr.jobs j ON j.job_id = e.job_id
WHERE e.manager_id = :mgr`,
    schema: 'HR',
    module: 'HR Portal',
    action: 'teamView',
    execPerSec: 3.2,
    elaMsPerExec: 1.8,
    cpuPct: 80,
    ioPct: 18,
    getsPerExec: 42,
    readsPerExec: 0.4,
    rowsPerExec: 7,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 9],
      [1, 'NESTED LOOPS', '', '', 6, 540, 9],
      [2, 'NESTED LOOPS', '', '', 6, 540, 9],
      [3, 'NESTED LOOPS', '', '', 6, 354, 6],
      [4, 'TABLE ACCESS', 'BY INDEX ROWID BATCHED', 'HR.EMPLOYEES', 6, 258, 2],
      [5, 'INDEX', 'RANGE SCAN', 'HR.EMP_MANAGER_IX', 6, 0, 1, '"E"."MANAGER_ID"=TO_NUMBER(:MGR)'],
      [4, 'TABLE ACCESS', 'BY INDEX ROWID', 'HR.JOBS', 1, 27, 1],
      [5, 'INDEX', 'UNIQUE SCAN', 'HR.JOB_ID_PK', 1, 0, 0, '"J"."JOB_ID"="E"."JOB_ID"'],
      [3, 'INDEX', 'UNIQUE SCAN', 'HR.DEPT_ID_PK', 1, 0, 0, '"D"."DEPARTMENT_ID"="E"."DEPARTMENT_ID"'],
      [2, 'TABLE ACCESS', 'BY INDEX ROWID', 'HR.DEPARTMENTS', 1, 16, 1],
    ],
  },
  {
    text: `SELECT * FROM app_owner.users WHERE phone_number = 01055512345`,
    schema: 'APP_OWNER',
    module: 'w3wp.exe',
    execPerSec: 0.9,
    elaMsPerExec: 210,
    cpuPct: 70,
    ioPct: 28,
    getsPerExec: 21_700,
    readsPerExec: 40,
    rowsPerExec: 1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 5921],
      [
        1,
        'TABLE ACCESS',
        'FULL',
        'APP_OWNER.USERS',
        1,
        212,
        5921,
        undefined,
        'TO_NUMBER("PHONE_NUMBER")=1055512345',
      ],
    ],
  },
  {
    text: `SELECT /*+ PARALLEL(4) */ TRUNC(s.sale_date, 'MM') AS sale_month, p.category, SUM(s.amount) AS revenue, COUNT(*) AS sales
FROM sales.sales_history s
JOIN sales.products p ON p.product_id = s.product_id
WHERE s.sale_date BETWEEN ADD_MONTHS(TRUNC(SYSDATE, 'MM'), -12) AND SYSDATE
GROUP BY TRUNC(s.sale_date, 'MM'), p.category
ORDER BY sale_month, revenue DESC`,
    schema: 'BATCH_USR',
    module: 'sqlplus@batch01 (TNS V1-V3)',
    action: 'monthly_revenue',
    execPerSec: 0.0006,
    elaMsPerExec: 184_000,
    cpuPct: 41,
    ioPct: 57,
    getsPerExec: 6_900_000,
    readsPerExec: 6_750_000,
    rowsPerExec: 2_400,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 188_400],
      [1, 'SORT', 'ORDER BY', '', 2400, 91_200, 188_400],
      [2, 'HASH', 'GROUP BY', '', 2400, 91_200, 188_400],
      [3, 'HASH JOIN', '', '', 52_000_000, 1_976_000_000, 187_100, '"P"."PRODUCT_ID"="S"."PRODUCT_ID"'],
      [4, 'TABLE ACCESS', 'FULL', 'SALES.PRODUCTS', 12_000, 168_000, 45],
      [4, 'PARTITION RANGE', 'ITERATOR', '', 52_000_000, 1_248_000_000, 186_900],
      [
        5,
        'TABLE ACCESS',
        'FULL',
        'SALES.SALES_HISTORY',
        52_000_000,
        1_248_000_000,
        186_900,
        undefined,
        '"S"."SALE_DATE">=ADD_MONTHS(TRUNC(SYSDATE@!,\'fmmm\'),-12) AND "S"."SALE_DATE"<=SYSDATE@!',
      ],
    ],
  },
  {
    text: `SELECT p.product_id, p.product_name,
       (SELECT SUM(i.quantity) FROM sales.order_items i WHERE i.product_id = p.product_id) AS units_sold
FROM sales.products p
WHERE p.category = :cat`,
    schema: 'APP_OWNER',
    module: 'SalesApi',
    action: 'GET /products/stats',
    execPerSec: 0.35,
    elaMsPerExec: 2_950,
    cpuPct: 44,
    ioPct: 54,
    getsPerExec: 310_000,
    readsPerExec: 8_200,
    rowsPerExec: 375,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 48],
      [1, 'SORT', 'AGGREGATE', '', 1, 9, 0],
      [2, 'TABLE ACCESS', 'FULL', items, 3417, 30_753, 7480, undefined, '"I"."PRODUCT_ID"=:B1'],
      [1, 'TABLE ACCESS', 'FULL', 'SALES.PRODUCTS', 375, 11_250, 48, undefined, '"P"."CATEGORY"=:CAT'],
    ],
  },
  {
    text: `SELECT msg_id, payload FROM app_owner.queue_messages
WHERE queue_name = :1 AND state = 0 AND ROWNUM <= 10
FOR UPDATE SKIP LOCKED`,
    schema: 'APP_OWNER',
    module: 'QueueWorker',
    execPerSec: 95,
    elaMsPerExec: 0.9,
    cpuPct: 86,
    ioPct: 4,
    concPct: 8,
    getsPerExec: 38,
    readsPerExec: 0.01,
    rowsPerExec: 2.1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 3],
      [1, 'FOR UPDATE', '', '', 0, 0, 0],
      [2, 'BUFFER', 'SORT', '', 0, 0, 0],
      [3, 'COUNT', 'STOPKEY', '', 0, 0, 0, undefined, 'ROWNUM<=10'],
      [
        4,
        'INDEX',
        'RANGE SCAN',
        'APP_OWNER.QUEUE_MESSAGES_PK',
        10,
        2_150,
        3,
        '"QUEUE_NAME"=:1 AND "STATE"=0',
      ],
    ],
  },
  {
    text: `SELECT * FROM sales.orders ORDER BY order_date DESC OFFSET :off ROWS FETCH NEXT 50 ROWS ONLY`,
    schema: 'APP_OWNER',
    module: 'SalesApi',
    action: 'GET /orders',
    execPerSec: 1.1,
    elaMsPerExec: 1_640,
    cpuPct: 58,
    ioPct: 40,
    getsPerExec: 96_000,
    readsPerExec: 2_100,
    rowsPerExec: 50,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 71_210],
      [
        1,
        'VIEW',
        '',
        '',
        8_300_000,
        1_502_300_000,
        71_210,
        undefined,
        '"from$_subquery$_002"."rowlimit_$$_rownumber"<=CASE  WHEN (:OFF>=0) THEN :OFF ELSE 0 END +50',
      ],
      [
        2,
        'WINDOW',
        'SORT PUSHED RANK',
        '',
        8_300_000,
        962_800_000,
        71_210,
        undefined,
        'ROW_NUMBER() OVER ( ORDER BY INTERNAL_FUNCTION("ORDERS"."ORDER_DATE") DESC )<=CASE  WHEN (:OFF>=0) THEN :OFF ELSE 0 END +50',
      ],
      [3, 'TABLE ACCESS', 'FULL', orders, 8_300_000, 962_800_000, 63_180],
    ],
  },
  {
    text: `BEGIN app_owner.pkg_billing.run_invoice_batch(:1, :2); END;`,
    schema: 'BATCH_USR',
    module: 'DBMS_SCHEDULER',
    action: 'INVOICE_BATCH_JOB',
    execPerSec: 0.0003,
    elaMsPerExec: 612_000,
    cpuPct: 47,
    ioPct: 31,
    appPct: 9,
    getsPerExec: 18_400_000,
    readsPerExec: 940_000,
    rowsPerExec: 1,
    plan: null,
  },
  {
    text: `DELETE FROM app_owner.session_log WHERE created_at < SYSDATE - 90`,
    schema: 'BATCH_USR',
    module: 'sqlplus@batch01 (TNS V1-V3)',
    action: 'purge_session_log',
    execPerSec: 0.00002,
    elaMsPerExec: 920_000,
    cpuPct: 35,
    ioPct: 61,
    getsPerExec: 24_000_000,
    readsPerExec: 2_100_000,
    rowsPerExec: 3_400_000,
    plan: [
      [0, 'DELETE STATEMENT', '', '', 0, 0, 40_112],
      [1, 'DELETE', '', 'APP_OWNER.SESSION_LOG', 0, 0, 0],
      [
        2,
        'TABLE ACCESS',
        'FULL',
        'APP_OWNER.SESSION_LOG',
        3_400_000,
        40_800_000,
        40_112,
        undefined,
        '"CREATED_AT"<SYSDATE@!-90',
      ],
    ],
  },
  {
    text: `MERGE INTO sales.customers t
USING batch_usr.stg_customers s ON (t.customer_id = s.customer_id)
WHEN MATCHED THEN UPDATE SET t.cust_name = s.cust_name, t.email = s.email, t.updated_at = SYSDATE
WHEN NOT MATCHED THEN INSERT (customer_id, cust_name, email, created_at) VALUES (s.customer_id, s.cust_name, s.email, SYSDATE)`,
    schema: 'ETL_USR',
    module: 'python3@etl02 (TNS V1-V3)',
    action: 'load_customers',
    execPerSec: 0.0003,
    elaMsPerExec: 48_000,
    cpuPct: 52,
    ioPct: 40,
    getsPerExec: 1_900_000,
    readsPerExec: 41_000,
    rowsPerExec: 18_000,
    plan: [
      [0, 'MERGE STATEMENT', '', '', 0, 0, 1_290],
      [1, 'MERGE', '', 'SALES.CUSTOMERS', 0, 0, 0],
      [2, 'VIEW', '', '', 0, 0, 0],
      [3, 'HASH JOIN', 'OUTER', '', 18_000, 3_780_000, 1_290, '"T"."CUSTOMER_ID"(+)="S"."CUSTOMER_ID"'],
      [4, 'TABLE ACCESS', 'FULL', 'BATCH_USR.STG_CUSTOMERS', 18_000, 1_044_000, 68],
      [4, 'TABLE ACCESS', 'FULL', customers, 250_000, 38_000_000, 610],
    ],
  },
  {
    text: `SELECT COUNT(*) FROM sales.orders WHERE status = 'OPEN' OR customer_id = :1`,
    schema: 'APP_OWNER',
    module: 'OrderService',
    action: 'dashboardCounts',
    execPerSec: 0.2,
    elaMsPerExec: 2_300,
    cpuPct: 40,
    ioPct: 58,
    getsPerExec: 231_000,
    readsPerExec: 226_000,
    rowsPerExec: 1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 63_190],
      [1, 'SORT', 'AGGREGATE', '', 1, 10, 0],
      [
        2,
        'TABLE ACCESS',
        'FULL',
        orders,
        412_000,
        4_120_000,
        63_190,
        undefined,
        '("STATUS"=\'OPEN\' OR "CUSTOMER_ID"=TO_NUMBER(:1))',
      ],
    ],
  },
  {
    text: 'SELECT 1 FROM DUAL',
    schema: 'APP_OWNER',
    module: 'JDBC Thin Client',
    execPerSec: 540,
    elaMsPerExec: 0.012,
    cpuPct: 99,
    ioPct: 0,
    getsPerExec: 0,
    readsPerExec: 0,
    rowsPerExec: 1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 2],
      [1, 'FAST DUAL', '', '', 1, 0, 2],
    ],
  },
  {
    text: `SELECT e.ename, d.dname, e.sal FROM scott.emp e, scott.dept d
WHERE e.deptno = d.deptno(+) AND e.sal > (SELECT AVG(x.sal) FROM scott.emp x)`,
    schema: 'SCOTT',
    module: 'SQL Developer',
    execPerSec: 0.001,
    elaMsPerExec: 3.1,
    cpuPct: 90,
    ioPct: 8,
    getsPerExec: 14,
    readsPerExec: 0,
    rowsPerExec: 6,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 9],
      [1, 'HASH JOIN', 'OUTER', '', 1, 33, 6, '"E"."DEPTNO"="D"."DEPTNO"(+)'],
      [2, 'TABLE ACCESS', 'FULL', 'SCOTT.EMP', 1, 13, 3, undefined, '"E"."SAL">'],
      [3, 'SORT', 'AGGREGATE', '', 1, 4, 0],
      [4, 'TABLE ACCESS', 'FULL', 'SCOTT.EMP', 14, 56, 3],
      [2, 'TABLE ACCESS', 'FULL', 'SCOTT.DEPT', 4, 80, 3],
    ],
  },
  {
    text: `SELECT a.account_id, a.balance FROM app_owner.accounts a WHERE a.account_id = :1 FOR UPDATE`,
    schema: 'APP_OWNER',
    module: 'PaymentService',
    action: 'debit',
    execPerSec: 18,
    elaMsPerExec: 12.5,
    cpuPct: 6,
    ioPct: 4,
    appPct: 88,
    getsPerExec: 5,
    readsPerExec: 0.05,
    rowsPerExec: 1,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 2],
      [1, 'FOR UPDATE', '', '', 0, 0, 0],
      [2, 'BUFFER', 'SORT', '', 0, 0, 0],
      [3, 'TABLE ACCESS', 'BY INDEX ROWID', 'APP_OWNER.ACCOUNTS', 1, 14, 2],
      [4, 'INDEX', 'UNIQUE SCAN', 'APP_OWNER.ACCOUNTS_PK', 1, 0, 1, '"A"."ACCOUNT_ID"=TO_NUMBER(:1)'],
    ],
  },
  {
    text: `SELECT m.metric_name, m.value FROM v$sysmetric m WHERE m.group_id = 2`,
    schema: 'DBSNMP',
    module: 'emagent_SQL_oracle_database',
    execPerSec: 0.016,
    elaMsPerExec: 0.9,
    cpuPct: 97,
    ioPct: 0,
    getsPerExec: 0,
    readsPerExec: 0,
    rowsPerExec: 158,
    plan: [
      [0, 'SELECT STATEMENT', '', '', 0, 0, 0],
      [1, 'FIXED TABLE', 'FULL', 'SYS.X$KEWMDRMV', 1, 59, 0, undefined, '"GROUP_ID"=2'],
    ],
  },
];

/** Literal-SQL variants (the same statement without binds: one hard parse, one execution each). */
export const LITERAL_VARIANTS = {
  template: (customerId: number) =>
    `SELECT order_id, status, order_total FROM sales.orders WHERE customer_id = ${customerId}`,
  count: 14,
  base: {
    schema: 'APP_OWNER',
    module: 'LegacyReports.exe',
    execPerSec: 0.00005,
    elaMsPerExec: 7.5,
    cpuPct: 72,
    ioPct: 26,
    getsPerExec: 28,
    readsPerExec: 3,
    rowsPerExec: 33,
  },
  plan: (customerId: number): PlanLine[] => [
    [0, 'SELECT STATEMENT', '', '', 0, 0, 36],
    [1, 'TABLE ACCESS', 'BY INDEX ROWID BATCHED', orders, 33, 627, 36],
    [2, 'INDEX', 'RANGE SCAN', 'SALES.ORDERS_CUST_IX', 33, 0, 3, `"CUSTOMER_ID"=${customerId}`],
  ],
} as const;
