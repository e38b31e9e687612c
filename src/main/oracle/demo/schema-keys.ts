/**
 * Issue 15: the demo schemas' indexes, constraints and the column NDVs that must agree with them and
 * with the demo plans (sql-library.ts). One model: a foreign-key column never has more distinct values
 * than its parent has rows, a single-column key has NDV = NUM_ROWS, a plan's index exists on the
 * columns it names, and an equality range scan returns NUM_ROWS / DISTINCT_KEYS (consistency.test.ts).
 *
 * Names follow the familiar schemas (HR / SCOTT use Oracle's sample names). The classic problems are
 * kept on purpose: USERS_PHONE_IX exists but TO_NUMBER(phone_number) cannot use it; CUSTOMERS_EMAIL_IX
 * exists but UPPER(email) cannot; ORDER_ITEMS.PRODUCT_ID is a foreign key without an index; the
 * SALES_HISTORY foreign keys are RELY DISABLE NOVALIDATE (a warehouse's habit).
 */

export interface DemoIndex {
  name: string;
  columns: readonly string[];
  unique?: boolean;
  /** 'IOT - TOP' for an index-organized table's primary key */
  type?: string;
  /** local index of a partitioned table (STATUS N/A, the partitions carry it) */
  partitioned?: boolean;
  invisible?: boolean;
  /** 0..1: 0 = rows in key order (CLUSTERING_FACTOR ≈ BLOCKS), 1 = scattered (≈ NUM_ROWS) */
  scatter?: number;
}

export interface DemoConstraint {
  name: string;
  type: 'P' | 'U' | 'R' | 'C';
  columns: readonly string[];
  /** R: OWNER.CONSTRAINT_NAME of the referenced primary / unique key */
  references?: string;
  deleteRule?: 'CASCADE' | 'SET NULL' | 'NO ACTION';
  condition?: string;
  disabled?: boolean;
  notValidated?: boolean;
}

export interface DemoTableKeys {
  indexes: readonly DemoIndex[];
  constraints: readonly DemoConstraint[];
  /** NUM_DISTINCT of columns whose value the plans or the keys fix (the rest are derived) */
  ndv?: Readonly<Record<string, number>>;
  /** NUM_NULLS of nullable columns the plans depend on (the rest are derived) */
  nulls?: Readonly<Record<string, number>>;
}

const pk = (name: string, ...columns: string[]): DemoConstraint => ({ name, type: 'P', columns });
const uk = (name: string, ...columns: string[]): DemoConstraint => ({ name, type: 'U', columns });
const fk = (name: string, references: string, ...columns: string[]): DemoConstraint => ({
  name,
  type: 'R',
  columns,
  references,
  deleteRule: 'NO ACTION',
});
const ck = (name: string, column: string, condition: string): DemoConstraint => ({
  name,
  type: 'C',
  columns: [column],
  condition,
});
const ix = (name: string, columns: string[], more: Partial<DemoIndex> = {}): DemoIndex => ({
  name,
  columns,
  ...more,
});
/** the unique index Oracle creates for a primary / unique key of the same name */
const keyIx = (name: string, ...columns: string[]): DemoIndex => ({
  name,
  columns,
  unique: true,
  scatter: 0,
});

/** By OWNER.TABLE_NAME. Tables without an entry have no index and no constraint (staging, GTT, BONUS). */
export const DEMO_TABLE_KEYS: Readonly<Record<string, DemoTableKeys>> = {
  'APP_OWNER.ACCOUNTS': {
    indexes: [keyIx('ACCOUNTS_PK', 'ACCOUNT_ID'), ix('ACCOUNTS_USER_IX', ['USER_ID'], { scatter: 0.7 })],
    constraints: [
      pk('ACCOUNTS_PK', 'ACCOUNT_ID'),
      fk('ACCOUNTS_USER_FK', 'APP_OWNER.USERS_PK', 'USER_ID'),
      ck('ACCOUNTS_STATUS_CK', 'STATUS', "status IN ('OPEN', 'FROZEN', 'CLOSED')"),
    ],
    ndv: { USER_ID: 1_180_000, CURRENCY: 4, STATUS: 3 },
  },
  'APP_OWNER.AUDIT_TRAIL': {
    indexes: [
      keyIx('AUDIT_TRAIL_PK', 'AUDIT_ID'),
      ix('AUDIT_TRAIL_CREATED_IX', ['CREATED_AT'], { partitioned: true, scatter: 0 }),
    ],
    constraints: [pk('AUDIT_TRAIL_PK', 'AUDIT_ID')],
    ndv: { USER_ID: 1_100_000, ACTION: 140 },
  },
  'APP_OWNER.CONFIG': {
    indexes: [keyIx('CONFIG_PK', 'CONFIG_KEY')],
    constraints: [pk('CONFIG_PK', 'CONFIG_KEY')],
  },
  'APP_OWNER.QUEUE_MESSAGES': {
    indexes: [{ ...keyIx('QUEUE_MESSAGES_PK', 'QUEUE_NAME', 'STATE', 'MSG_ID'), type: 'IOT - TOP' }],
    constraints: [
      pk('QUEUE_MESSAGES_PK', 'QUEUE_NAME', 'STATE', 'MSG_ID'),
      ck('QUEUE_MESSAGES_STATE_CK', 'STATE', 'state IN (0, 1, 2)'),
    ],
    ndv: { QUEUE_NAME: 12, STATE: 3 },
  },
  'APP_OWNER.SESSION_LOG': {
    indexes: [keyIx('SESSION_LOG_PK', 'LOG_ID'), ix('SESSION_LOG_USER_IX', ['USER_ID'], { scatter: 0.9 })],
    constraints: [pk('SESSION_LOG_PK', 'LOG_ID')],
    ndv: { USER_ID: 960_000 },
  },
  'APP_OWNER.USERS': {
    indexes: [
      keyIx('USERS_PK', 'USER_ID'),
      keyIx('USERS_LOGIN_UK', 'LOGIN'),
      keyIx('USERS_EMAIL_UK', 'EMAIL'),
      ix('USERS_PHONE_IX', ['PHONE_NUMBER'], { scatter: 1 }),
    ],
    constraints: [
      pk('USERS_PK', 'USER_ID'),
      uk('USERS_LOGIN_UK', 'LOGIN'),
      uk('USERS_EMAIL_UK', 'EMAIL'),
      ck('USERS_LOCKED_CK', 'LOCKED', "locked IN ('Y', 'N')"),
    ],
    ndv: { LOCKED: 2 },
  },
  'BATCH_USR.LOAD_LOG': {
    indexes: [keyIx('LOAD_LOG_PK', 'RUN_ID')],
    constraints: [pk('LOAD_LOG_PK', 'RUN_ID')],
    ndv: { JOB_NAME: 46, STATUS: 4 },
  },
  'ETL_USR.WATERMARKS': {
    indexes: [keyIx('WATERMARKS_PK', 'SOURCE_NAME')],
    constraints: [pk('WATERMARKS_PK', 'SOURCE_NAME')],
  },
  'HR.COUNTRIES': {
    indexes: [{ ...keyIx('COUNTRY_C_ID_PK', 'COUNTRY_ID'), type: 'IOT - TOP' }],
    constraints: [pk('COUNTRY_C_ID_PK', 'COUNTRY_ID'), fk('COUNTR_REG_FK', 'HR.REG_ID_PK', 'REGION_ID')],
    ndv: { REGION_ID: 4 },
  },
  'HR.DEPARTMENTS': {
    indexes: [keyIx('DEPT_ID_PK', 'DEPARTMENT_ID'), ix('DEPT_LOCATION_IX', ['LOCATION_ID'])],
    constraints: [
      pk('DEPT_ID_PK', 'DEPARTMENT_ID'),
      fk('DEPT_LOC_FK', 'HR.LOC_ID_PK', 'LOCATION_ID'),
      fk('DEPT_MGR_FK', 'HR.EMP_EMP_ID_PK', 'MANAGER_ID'),
    ],
    ndv: { MANAGER_ID: 11, LOCATION_ID: 7 },
  },
  'HR.EMPLOYEES': {
    indexes: [
      keyIx('EMP_EMP_ID_PK', 'EMPLOYEE_ID'),
      keyIx('EMP_EMAIL_UK', 'EMAIL'),
      ix('EMP_DEPARTMENT_IX', ['DEPARTMENT_ID']),
      ix('EMP_JOB_IX', ['JOB_ID']),
      ix('EMP_MANAGER_IX', ['MANAGER_ID']),
      ix('EMP_NAME_IX', ['LAST_NAME', 'FIRST_NAME']),
    ],
    constraints: [
      pk('EMP_EMP_ID_PK', 'EMPLOYEE_ID'),
      uk('EMP_EMAIL_UK', 'EMAIL'),
      fk('EMP_DEPT_FK', 'HR.DEPT_ID_PK', 'DEPARTMENT_ID'),
      fk('EMP_JOB_FK', 'HR.JOB_ID_PK', 'JOB_ID'),
      fk('EMP_MANAGER_FK', 'HR.EMP_EMP_ID_PK', 'MANAGER_ID'),
      ck('EMP_SALARY_MIN', 'SALARY', 'salary > 0'),
    ],
    // Oracle's HR sample: 18 managers (EMP_MANAGER_IX: 107 / 18 ≈ 6 rows per key, as the plan says)
    ndv: { MANAGER_ID: 18, DEPARTMENT_ID: 11, JOB_ID: 19, LAST_NAME: 102, FIRST_NAME: 91 },
    // only the president has no manager: (107 - 1) / 18 ≈ 6
    nulls: { MANAGER_ID: 1, DEPARTMENT_ID: 1 },
  },
  'HR.JOBS': {
    indexes: [keyIx('JOB_ID_PK', 'JOB_ID')],
    constraints: [pk('JOB_ID_PK', 'JOB_ID')],
  },
  'HR.JOB_HISTORY': {
    indexes: [keyIx('JHIST_EMP_ID_ST_DATE_PK', 'EMPLOYEE_ID', 'START_DATE')],
    constraints: [
      pk('JHIST_EMP_ID_ST_DATE_PK', 'EMPLOYEE_ID', 'START_DATE'),
      fk('JHIST_EMP_FK', 'HR.EMP_EMP_ID_PK', 'EMPLOYEE_ID'),
      fk('JHIST_JOB_FK', 'HR.JOB_ID_PK', 'JOB_ID'),
      fk('JHIST_DEPT_FK', 'HR.DEPT_ID_PK', 'DEPARTMENT_ID'),
      ck('JHIST_DATE_INTERVAL', 'END_DATE', 'end_date > start_date'),
    ],
    ndv: { EMPLOYEE_ID: 7, JOB_ID: 8, DEPARTMENT_ID: 6 },
  },
  'HR.LOCATIONS': {
    indexes: [keyIx('LOC_ID_PK', 'LOCATION_ID'), ix('LOC_COUNTRY_IX', ['COUNTRY_ID'])],
    constraints: [pk('LOC_ID_PK', 'LOCATION_ID'), fk('LOC_C_ID_FK', 'HR.COUNTRY_C_ID_PK', 'COUNTRY_ID')],
    ndv: { COUNTRY_ID: 14 },
  },
  'HR.REGIONS': {
    indexes: [keyIx('REG_ID_PK', 'REGION_ID')],
    constraints: [pk('REG_ID_PK', 'REGION_ID')],
  },
  'SALES.CUSTOMERS': {
    indexes: [keyIx('CUSTOMERS_PK', 'CUSTOMER_ID'), ix('CUSTOMERS_EMAIL_IX', ['EMAIL'], { scatter: 1 })],
    constraints: [
      pk('CUSTOMERS_PK', 'CUSTOMER_ID'),
      ck('CUSTOMERS_CREDIT_CK', 'CREDIT_LIMIT', 'credit_limit >= 0'),
    ],
    ndv: { EMAIL: 241_000, COUNTRY_ID: 38 },
  },
  'SALES.INVENTORY': {
    indexes: [keyIx('INVENTORY_PK', 'PRODUCT_ID', 'WAREHOUSE_ID')],
    constraints: [
      pk('INVENTORY_PK', 'PRODUCT_ID', 'WAREHOUSE_ID'),
      fk('INVENTORY_PRODUCT_FK', 'SALES.PRODUCTS_PK', 'PRODUCT_ID'),
    ],
    // every product in each of 8 warehouses: 12,000 × 8 = 96,000 rows
    ndv: { PRODUCT_ID: 12_000, WAREHOUSE_ID: 8 },
  },
  'SALES.INVOICES': {
    indexes: [
      keyIx('INVOICES_PK', 'INVOICE_ID'),
      ix('INVOICES_ORDER_IX', ['ORDER_ID'], { partitioned: true, scatter: 0.3 }),
    ],
    constraints: [
      pk('INVOICES_PK', 'INVOICE_ID'),
      fk('INVOICES_ORDER_FK', 'SALES.ORDERS_PK', 'ORDER_ID'),
      ck('INVOICES_AMOUNT_CK', 'AMOUNT', 'amount >= 0'),
    ],
    ndv: { ORDER_ID: 8_100_000, CURRENCY: 4 },
  },
  'SALES.ORDERS': {
    indexes: [
      keyIx('ORDERS_PK', 'ORDER_ID'),
      ix('ORDERS_CUST_IX', ['CUSTOMER_ID'], { scatter: 0.95 }),
      ix('ORDERS_DATE_IX', ['ORDER_DATE'], { scatter: 0.05 }),
    ],
    constraints: [
      pk('ORDERS_PK', 'ORDER_ID'),
      fk('ORDERS_CUST_FK', 'SALES.CUSTOMERS_PK', 'CUSTOMER_ID'),
      ck('ORDERS_STATUS_CK', 'STATUS', "status IN ('OPEN', 'SHIPPED', 'CLOSED')"),
    ],
    // 248,000 of the 250,000 customers have ordered: ORDERS_CUST_IX returns 8.3M / 248k ≈ 33 rows a key
    ndv: { CUSTOMER_ID: 248_000, ORDER_DATE: 5_900_000, STATUS: 3, SALES_REP_ID: 75, SHIP_MODE: 5 },
  },
  'SALES.ORDER_ITEMS': {
    indexes: [keyIx('ORDER_ITEMS_PK', 'ORDER_ID', 'LINE_NO')],
    constraints: [
      pk('ORDER_ITEMS_PK', 'ORDER_ID', 'LINE_NO'),
      { ...fk('ORDER_ITEMS_ORDER_FK', 'SALES.ORDERS_PK', 'ORDER_ID'), deleteRule: 'CASCADE' },
      // no index on PRODUCT_ID: the products report full-scans ORDER_ITEMS (sql-library.ts)
      fk('ORDER_ITEMS_PRODUCT_FK', 'SALES.PRODUCTS_PK', 'PRODUCT_ID'),
      ck('ORDER_ITEMS_QTY_CK', 'QUANTITY', 'quantity > 0'),
    ],
    ndv: { ORDER_ID: 8_300_000, LINE_NO: 40, PRODUCT_ID: 12_000, QUANTITY: 60 },
  },
  'SALES.PAYMENTS': {
    indexes: [
      keyIx('PAYMENTS_PK', 'PAYMENT_ID'),
      ix('PAYMENTS_INVOICE_IX', ['INVOICE_ID'], { scatter: 0.4 }),
    ],
    constraints: [
      pk('PAYMENTS_PK', 'PAYMENT_ID'),
      fk('PAYMENTS_INVOICE_FK', 'SALES.INVOICES_PK', 'INVOICE_ID'),
    ],
    ndv: { INVOICE_ID: 12_400_000, METHOD: 6 },
  },
  'SALES.PRODUCTS': {
    indexes: [keyIx('PRODUCTS_PK', 'PRODUCT_ID')],
    constraints: [
      pk('PRODUCTS_PK', 'PRODUCT_ID'),
      ck('PRODUCTS_DISC_CK', 'DISCONTINUED', "discontinued IN ('Y', 'N')"),
    ],
    // 12,000 / 32 categories = 375 products a category (the products report's estimate)
    ndv: { CATEGORY: 32, DISCONTINUED: 2 },
  },
  'SALES.SALES_HISTORY': {
    indexes: [
      keyIx('SALES_HISTORY_PK', 'SALE_ID'),
      ix('SALES_HIST_DATE_IX', ['SALE_DATE'], { partitioned: true }),
    ],
    constraints: [
      pk('SALES_HISTORY_PK', 'SALE_ID'),
      {
        ...fk('SALES_HIST_PRODUCT_FK', 'SALES.PRODUCTS_PK', 'PRODUCT_ID'),
        disabled: true,
        notValidated: true,
      },
      {
        ...fk('SALES_HIST_CUST_FK', 'SALES.CUSTOMERS_PK', 'CUSTOMER_ID'),
        disabled: true,
        notValidated: true,
      },
    ],
    ndv: { SALE_DATE: 1_460, PRODUCT_ID: 11_900, CUSTOMER_ID: 246_000, CHANNEL_ID: 5 },
  },
  'SCOTT.DEPT': {
    indexes: [keyIx('PK_DEPT', 'DEPTNO')],
    constraints: [pk('PK_DEPT', 'DEPTNO')],
  },
  'SCOTT.EMP': {
    indexes: [keyIx('PK_EMP', 'EMPNO')],
    constraints: [pk('PK_EMP', 'EMPNO'), fk('FK_DEPTNO', 'SCOTT.PK_DEPT', 'DEPTNO')],
    ndv: { ENAME: 14, JOB: 5, MGR: 6, DEPTNO: 3 },
  },
};

export function keysOf(owner: string, table: string): DemoTableKeys | undefined {
  return DEMO_TABLE_KEYS[`${owner}.${table}`];
}
