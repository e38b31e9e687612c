/** Demo schemas, tables and columns (ALL_USERS / ALL_TABLES / ALL_TAB_COLUMNS shapes). */

export interface DemoTable {
  name: string;
  tablespace: string | null;
  numRows: number | null;
  avgRowLen: number | null;
  /** days since statistics were gathered; null = never analyzed */
  analyzedDaysAgo: number | null;
  partitioned?: boolean;
  temporary?: boolean;
  iot?: boolean;
  compression?: 'ENABLED' | 'DISABLED';
  /** 'NAME TYPE[(n[,s]| n CHAR)] [NN]' */
  columns: readonly string[];
}

export interface DemoSchema {
  username: string;
  userId: number;
  createdDaysAgo: number;
  tables: readonly DemoTable[];
}

const audit = ['CREATED_AT TIMESTAMP(6) NN', 'CREATED_BY VARCHAR2(30 CHAR)', 'UPDATED_AT DATE'];

export const DEMO_SCHEMAS: readonly DemoSchema[] = [
  {
    username: 'APP_OWNER',
    userId: 112,
    createdDaysAgo: 1460,
    tables: [
      {
        name: 'ACCOUNTS',
        tablespace: 'APP_DATA',
        numRows: 1_850_000,
        avgRowLen: 64,
        analyzedDaysAgo: 3,
        columns: [
          'ACCOUNT_ID NUMBER(12) NN',
          'USER_ID NUMBER(12) NN',
          'CURRENCY CHAR(3 BYTE) NN',
          'BALANCE NUMBER(18,2) NN',
          'STATUS VARCHAR2(10 CHAR) NN',
          ...audit,
        ],
      },
      {
        name: 'AUDIT_TRAIL',
        tablespace: 'APP_AUDIT',
        numRows: 96_400_000,
        avgRowLen: 310,
        analyzedDaysAgo: 41,
        partitioned: true,
        columns: [
          'AUDIT_ID NUMBER(18) NN',
          'USER_ID NUMBER(12)',
          'ACTION VARCHAR2(64 CHAR) NN',
          'CREATED_AT TIMESTAMP(6) NN',
          'PAYLOAD CLOB',
        ],
      },
      {
        name: 'CONFIG',
        tablespace: 'APP_DATA',
        numRows: 412,
        avgRowLen: 88,
        analyzedDaysAgo: 200,
        columns: ['CONFIG_KEY VARCHAR2(100 CHAR) NN', 'CONFIG_VALUE VARCHAR2(4000 CHAR)', 'UPDATED_AT DATE'],
      },
      {
        name: 'QUEUE_MESSAGES',
        tablespace: 'APP_DATA',
        numRows: 24_000,
        avgRowLen: 215,
        analyzedDaysAgo: 1,
        iot: true,
        columns: [
          'QUEUE_NAME VARCHAR2(30 CHAR) NN',
          'STATE NUMBER(1) NN',
          'MSG_ID NUMBER(18) NN',
          'PAYLOAD RAW(2000)',
          'ENQUEUED_AT TIMESTAMP(6) NN',
        ],
      },
      {
        name: 'SESSION_LOG',
        tablespace: 'APP_DATA',
        numRows: 31_200_000,
        avgRowLen: 96,
        analyzedDaysAgo: 12,
        columns: [
          'LOG_ID NUMBER(18) NN',
          'USER_ID NUMBER(12) NN',
          'IP_ADDRESS VARCHAR2(45 BYTE)',
          'USER_AGENT VARCHAR2(400 CHAR)',
          'CREATED_AT DATE NN',
        ],
      },
      {
        name: 'USERS',
        tablespace: 'APP_DATA',
        numRows: 1_240_000,
        avgRowLen: 212,
        analyzedDaysAgo: 3,
        columns: [
          'USER_ID NUMBER(12) NN',
          'LOGIN VARCHAR2(64 CHAR) NN',
          'EMAIL VARCHAR2(254 CHAR) NN',
          'PHONE_NUMBER VARCHAR2(20 BYTE)',
          'PASSWORD_HASH RAW(64) NN',
          'LOCKED CHAR(1 BYTE) NN',
          'LAST_LOGIN TIMESTAMP(6)',
          ...audit,
        ],
      },
    ],
  },
  {
    username: 'BATCH_USR',
    userId: 131,
    createdDaysAgo: 1100,
    tables: [
      {
        name: 'LOAD_LOG',
        tablespace: 'BATCH_DATA',
        numRows: 88_000,
        avgRowLen: 140,
        analyzedDaysAgo: 9,
        columns: [
          'RUN_ID NUMBER(12) NN',
          'JOB_NAME VARCHAR2(128 CHAR) NN',
          'STARTED_AT DATE NN',
          'ENDED_AT DATE',
          'ROWS_LOADED NUMBER',
          'STATUS VARCHAR2(12 CHAR)',
          'ERROR_TEXT VARCHAR2(4000 BYTE)',
        ],
      },
      {
        name: 'STG_CUSTOMERS',
        tablespace: 'BATCH_DATA',
        numRows: null,
        avgRowLen: null,
        analyzedDaysAgo: null,
        columns: [
          'CUSTOMER_ID NUMBER(12)',
          'CUST_NAME VARCHAR2(200 CHAR)',
          'EMAIL VARCHAR2(254 CHAR)',
          'LOADED_AT DATE',
        ],
      },
      {
        name: 'GTT_INVOICE_WORK',
        tablespace: null,
        numRows: null,
        avgRowLen: null,
        analyzedDaysAgo: null,
        temporary: true,
        columns: ['INVOICE_ID NUMBER(14)', 'CUSTOMER_ID NUMBER(12)', 'AMOUNT NUMBER(14,2)'],
      },
    ],
  },
  {
    username: 'ETL_USR',
    userId: 140,
    createdDaysAgo: 700,
    tables: [
      {
        name: 'WATERMARKS',
        tablespace: 'USERS',
        numRows: 36,
        avgRowLen: 40,
        analyzedDaysAgo: 30,
        columns: ['SOURCE_NAME VARCHAR2(64 CHAR) NN', 'HIGH_WATER TIMESTAMP(6)', 'UPDATED_AT DATE'],
      },
    ],
  },
  {
    username: 'HR',
    userId: 105,
    createdDaysAgo: 2900,
    tables: [
      {
        name: 'COUNTRIES',
        tablespace: null,
        numRows: 25,
        avgRowLen: 16,
        analyzedDaysAgo: 400,
        iot: true,
        columns: ['COUNTRY_ID CHAR(2 BYTE) NN', 'COUNTRY_NAME VARCHAR2(60 BYTE)', 'REGION_ID NUMBER'],
      },
      {
        name: 'DEPARTMENTS',
        tablespace: 'USERS',
        numRows: 27,
        avgRowLen: 21,
        analyzedDaysAgo: 400,
        columns: [
          'DEPARTMENT_ID NUMBER(4) NN',
          'DEPARTMENT_NAME VARCHAR2(30 BYTE) NN',
          'MANAGER_ID NUMBER(6)',
          'LOCATION_ID NUMBER(4)',
        ],
      },
      {
        name: 'EMPLOYEES',
        tablespace: 'USERS',
        numRows: 107,
        avgRowLen: 69,
        analyzedDaysAgo: 400,
        columns: [
          'EMPLOYEE_ID NUMBER(6) NN',
          'FIRST_NAME VARCHAR2(20 BYTE)',
          'LAST_NAME VARCHAR2(25 BYTE) NN',
          'EMAIL VARCHAR2(25 BYTE) NN',
          'PHONE_NUMBER VARCHAR2(20 BYTE)',
          'HIRE_DATE DATE NN',
          'JOB_ID VARCHAR2(10 BYTE) NN',
          'SALARY NUMBER(8,2)',
          'COMMISSION_PCT NUMBER(2,2)',
          'MANAGER_ID NUMBER(6)',
          'DEPARTMENT_ID NUMBER(4)',
        ],
      },
      {
        name: 'JOBS',
        tablespace: 'USERS',
        numRows: 19,
        avgRowLen: 33,
        analyzedDaysAgo: 400,
        columns: [
          'JOB_ID VARCHAR2(10 BYTE) NN',
          'JOB_TITLE VARCHAR2(35 BYTE) NN',
          'MIN_SALARY NUMBER(6)',
          'MAX_SALARY NUMBER(6)',
        ],
      },
      {
        name: 'JOB_HISTORY',
        tablespace: 'USERS',
        numRows: 10,
        avgRowLen: 31,
        analyzedDaysAgo: 400,
        columns: [
          'EMPLOYEE_ID NUMBER(6) NN',
          'START_DATE DATE NN',
          'END_DATE DATE NN',
          'JOB_ID VARCHAR2(10 BYTE) NN',
          'DEPARTMENT_ID NUMBER(4)',
        ],
      },
      {
        name: 'LOCATIONS',
        tablespace: 'USERS',
        numRows: 23,
        avgRowLen: 49,
        analyzedDaysAgo: 400,
        columns: [
          'LOCATION_ID NUMBER(4) NN',
          'STREET_ADDRESS VARCHAR2(40 BYTE)',
          'POSTAL_CODE VARCHAR2(12 BYTE)',
          'CITY VARCHAR2(30 BYTE) NN',
          'STATE_PROVINCE VARCHAR2(25 BYTE)',
          'COUNTRY_ID CHAR(2 BYTE)',
        ],
      },
      {
        name: 'REGIONS',
        tablespace: 'USERS',
        numRows: 4,
        avgRowLen: 14,
        analyzedDaysAgo: 400,
        columns: ['REGION_ID NUMBER NN', 'REGION_NAME VARCHAR2(25 BYTE)'],
      },
    ],
  },
  {
    username: 'REPORT_RO',
    userId: 150,
    createdDaysAgo: 500,
    tables: [],
  },
  {
    username: 'SALES',
    userId: 120,
    createdDaysAgo: 1460,
    tables: [
      {
        name: 'CUSTOMERS',
        tablespace: 'SALES_DATA',
        numRows: 250_000,
        avgRowLen: 152,
        analyzedDaysAgo: 6,
        columns: [
          'CUSTOMER_ID NUMBER(12) NN',
          'CUST_NAME VARCHAR2(200 CHAR) NN',
          'EMAIL VARCHAR2(254 CHAR)',
          'PHONE VARCHAR2(20 BYTE)',
          'COUNTRY_ID CHAR(2 BYTE)',
          'CREDIT_LIMIT NUMBER(12,2)',
          ...audit,
        ],
      },
      {
        name: 'INVENTORY',
        tablespace: 'SALES_DATA',
        numRows: 96_000,
        avgRowLen: 28,
        analyzedDaysAgo: 2,
        columns: [
          'PRODUCT_ID NUMBER(10) NN',
          'WAREHOUSE_ID NUMBER(4) NN',
          'QTY_ON_HAND NUMBER(10) NN',
          'UPDATED_AT DATE',
        ],
      },
      {
        name: 'INVOICES',
        tablespace: 'SALES_DATA',
        numRows: 14_600_000,
        avgRowLen: 118,
        analyzedDaysAgo: 15,
        partitioned: true,
        compression: 'ENABLED',
        columns: [
          'INVOICE_ID NUMBER(14) NN',
          'ORDER_ID NUMBER(14) NN',
          'INVOICE_DATE DATE NN',
          'AMOUNT NUMBER(14,2) NN',
          'CURRENCY CHAR(3 BYTE) NN',
          'PAID_AT DATE',
        ],
      },
      {
        name: 'ORDERS',
        tablespace: 'SALES_DATA',
        numRows: 8_300_000,
        avgRowLen: 116,
        analyzedDaysAgo: 34,
        columns: [
          'ORDER_ID NUMBER(14) NN',
          'CUSTOMER_ID NUMBER(12) NN',
          'ORDER_DATE DATE NN',
          'STATUS VARCHAR2(12 CHAR) NN',
          'ORDER_TOTAL NUMBER(14,2)',
          'SALES_REP_ID NUMBER(6)',
          'SHIP_MODE VARCHAR2(20 CHAR)',
          ...audit,
        ],
      },
      {
        name: 'ORDER_ITEMS',
        tablespace: 'SALES_DATA',
        numRows: 41_000_000,
        avgRowLen: 24,
        analyzedDaysAgo: 34,
        columns: [
          'ORDER_ID NUMBER(14) NN',
          'LINE_NO NUMBER(4) NN',
          'PRODUCT_ID NUMBER(10) NN',
          'QUANTITY NUMBER(8) NN',
          'UNIT_PRICE NUMBER(12,2) NN',
        ],
      },
      {
        name: 'PAYMENTS',
        tablespace: 'SALES_DATA',
        numRows: 12_900_000,
        avgRowLen: 74,
        analyzedDaysAgo: 15,
        columns: [
          'PAYMENT_ID NUMBER(14) NN',
          'INVOICE_ID NUMBER(14) NN',
          'PAID_AMOUNT NUMBER(14,2) NN',
          'METHOD VARCHAR2(16 CHAR)',
          'PAID_AT TIMESTAMP(6) NN',
        ],
      },
      {
        name: 'PRODUCTS',
        tablespace: 'SALES_DATA',
        numRows: 12_000,
        avgRowLen: 96,
        analyzedDaysAgo: 6,
        columns: [
          'PRODUCT_ID NUMBER(10) NN',
          'PRODUCT_NAME VARCHAR2(200 CHAR) NN',
          'CATEGORY VARCHAR2(40 CHAR) NN',
          'LIST_PRICE NUMBER(12,2)',
          'DISCONTINUED CHAR(1 BYTE)',
        ],
      },
      {
        name: 'SALES_HISTORY',
        tablespace: 'SALES_HIST',
        numRows: 412_000_000,
        avgRowLen: 41,
        analyzedDaysAgo: 96,
        partitioned: true,
        compression: 'ENABLED',
        columns: [
          'SALE_ID NUMBER(18) NN',
          'SALE_DATE DATE NN',
          'PRODUCT_ID NUMBER(10) NN',
          'CUSTOMER_ID NUMBER(12)',
          'AMOUNT NUMBER(14,2) NN',
          'CHANNEL_ID NUMBER(2)',
        ],
      },
    ],
  },
  {
    username: 'SCOTT',
    userId: 109,
    createdDaysAgo: 3650,
    tables: [
      {
        name: 'BONUS',
        tablespace: 'USERS',
        numRows: 0,
        avgRowLen: 0,
        analyzedDaysAgo: 1200,
        columns: ['ENAME VARCHAR2(10 BYTE)', 'JOB VARCHAR2(9 BYTE)', 'SAL NUMBER', 'COMM NUMBER'],
      },
      {
        name: 'DEPT',
        tablespace: 'USERS',
        numRows: 4,
        avgRowLen: 20,
        analyzedDaysAgo: 1200,
        columns: ['DEPTNO NUMBER(2) NN', 'DNAME VARCHAR2(14 BYTE)', 'LOC VARCHAR2(13 BYTE)'],
      },
      {
        name: 'EMP',
        tablespace: 'USERS',
        numRows: 14,
        avgRowLen: 38,
        analyzedDaysAgo: 1200,
        columns: [
          'EMPNO NUMBER(4) NN',
          'ENAME VARCHAR2(10 BYTE)',
          'JOB VARCHAR2(9 BYTE)',
          'MGR NUMBER(4)',
          'HIREDATE DATE',
          'SAL NUMBER(7,2)',
          'COMM NUMBER(7,2)',
          'DEPTNO NUMBER(2)',
        ],
      },
      {
        name: 'SALGRADE',
        tablespace: 'USERS',
        numRows: 5,
        avgRowLen: 10,
        analyzedDaysAgo: 1200,
        columns: ['GRADE NUMBER', 'LOSAL NUMBER', 'HISAL NUMBER'],
      },
    ],
  },
];

export interface ParsedColumn {
  name: string;
  dataType: string;
  dataLength: number;
  precision: number | null;
  scale: number | null;
  charLength: number;
  charUsed: 'B' | 'C' | null;
  nullable: boolean;
}

const FIXED_LEN: Record<string, number> = { DATE: 7, CLOB: 4000, BLOB: 4000, 'TIMESTAMP(6)': 11 };

/** 'NAME VARCHAR2(100 CHAR) NN' -> ALL_TAB_COLUMNS-like fields. */
export function parseColumn(spec: string): ParsedColumn {
  const m = /^(\S+)\s+([A-Z0-9_]+)(?:\((\d+)(?:\s*,\s*(\d+))?(?:\s+(CHAR|BYTE))?\))?(\s+NN)?$/.exec(spec);
  if (!m) throw new Error(`bad demo column spec: ${spec}`);
  const [, name, type, a, b, unit, nn] = m;
  const n = a === undefined ? null : Number(a);
  const s = b === undefined ? null : Number(b);
  let dataType = type!;
  let dataLength = FIXED_LEN[dataType] ?? 22;
  let precision: number | null = null;
  let scale: number | null = null;
  let charLength = 0;
  let charUsed: 'B' | 'C' | null = null;
  if (dataType === 'NUMBER') {
    precision = n;
    scale = n === null ? null : (s ?? 0);
  } else if (dataType === 'VARCHAR2' || dataType === 'CHAR') {
    charLength = n ?? 1;
    charUsed = unit === 'CHAR' ? 'C' : 'B';
    dataLength = unit === 'CHAR' ? Math.min(charLength * 4, 4000) : charLength;
  } else if (dataType === 'RAW') {
    dataLength = n ?? 1;
  } else if (dataType === 'TIMESTAMP') {
    dataType = `TIMESTAMP(${n ?? 6})`;
    dataLength = 11;
    scale = n ?? 6;
  }
  return { name: name!, dataType, dataLength, precision, scale, charLength, charUsed, nullable: !nn };
}
