import type { Cached } from '@shared/cache';
import { contract } from '@shared/contract';
import { TmsError } from '@shared/errors';
import type { AnalyzeRequest, LlmTableInfo } from '@shared/types/llm';
import type { SqlDetail, SqlPlan, SqlText } from '@shared/types/oracle';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PLAN_FULL, TABLES } from './offline/testing/fixtures';
import { createLlmService, memoryApiKeyStore, memorySettingsStore, SETTINGS_KEY } from './service';
import { inputsNeeded, planText, type StatementReader } from './statement-inputs';
import { type FakeOpenAiServer, startFakeOpenAiServer } from './testing/fake-openai-server';
import { MemoryReadThroughCache } from './testing/memory-cache';

const NOW = Date.UTC(2026, 10, 29, 12);
const STORED_AT = NOW - 12_000;

const cached = <T>(data: T): Cached<T> => ({
  data,
  cache: { key: 'tms:demo:x', origin: 'l2', storedAt: STORED_AT, ttlSeconds: 30, stale: false },
});

const PLAN: SqlPlan = {
  sqlId: 'abcd1234efgh5',
  instId: 1,
  childNumber: 0,
  planHashValue: 1234567890,
  lines: PLAN_FULL.split('\n'),
  rows: [],
};

// what SQL detail shows for the statement: 10 executions, 900,000 buffer gets (90,000 per execution)
const DETAIL = {
  sqlId: 'abcd1234efgh5',
  stats: {
    sqlId: 'abcd1234efgh5',
    executions: 10,
    elapsedMs: 12_000,
    bufferGets: 900_000,
    rowsProcessed: 50,
    parsingSchemaName: 'APP',
  },
  children: [],
} as unknown as SqlDetail;

interface FakeReader extends StatementReader {
  calls: string[];
}

const TEXT = "SELECT * FROM orders WHERE UPPER(status) = 'NEW'";

function reader(
  plan: () => Promise<Cached<SqlPlan>> = async () => cached(PLAN),
  detail: () => Promise<Cached<SqlDetail>> = async () => cached(DETAIL),
  text: () => Promise<Cached<SqlText>> = async () =>
    cached({ sqlId: 'abcd1234efgh5', text: TEXT, length: TEXT.length }),
): FakeReader {
  const calls: string[] = [];
  return {
    calls,
    sqlText: async (connId, sqlId) => {
      calls.push(`text:${connId}:${sqlId}`);
      return text();
    },
    sqlPlan: async (connId, sqlId) => {
      calls.push(`plan:${connId}:${sqlId}`);
      return plan();
    },
    sqlDetail: async (connId, sqlId) => {
      calls.push(`detail:${connId}:${sqlId}`);
      return detail();
    },
  };
}

function service(
  statements: StatementReader | undefined,
  opts: {
    provider?: 'offline' | 'openai-compatible';
    baseUrl?: string;
    schemas?: (string | undefined)[];
  } = {},
) {
  const cache = new MemoryReadThroughCache();
  return createLlmService({
    cache,
    settingsStore: memorySettingsStore({
      [SETTINGS_KEY]: {
        provider: opts.provider ?? 'offline',
        baseUrl: opts.baseUrl ?? 'http://127.0.0.1:9/v1',
        model: 'model-a',
        timeoutMs: 5000,
      },
    }),
    apiKeyStore: memoryApiKeyStore(),
    tableInfo: async (_connId, names, schema): Promise<LlmTableInfo[]> => {
      opts.schemas?.push(schema);
      return TABLES.filter((t) => names.some((n) => n.name === t.name));
    },
    ...(statements ? { statements } : {}),
    now: () => NOW,
    chunkFlushMs: 0,
  });
}

let n = 0;
const req = (over: Partial<AnalyzeRequest> = {}): AnalyzeRequest => ({
  requestId: `s${++n}`,
  connId: 'demo',
  sqlId: 'abcd1234efgh5',
  sqlText: TEXT,
  type: 'tuning',
  ...over,
});

describe('an analysis uses the statement’s plan and statistics, or says what it lacked', () => {
  it('Analyse clicked before the plan arrived: main reads plan and statistics, the full scan is found', async () => {
    const r = reader();
    const res = await service(r).analyze(req());
    expect(r.calls.sort()).toEqual(['detail:demo:abcd1234efgh5', 'plan:demo:abcd1234efgh5']);
    const rules = res.findings.map((f) => f.ruleId);
    expect(rules).toEqual(
      expect.arrayContaining(['FULL_SCAN_LARGE_TABLE', 'HIGH_GETS_PER_EXEC', 'IMPLICIT_CONVERSION']),
    );
    expect(res.inputs.plan).toEqual({ status: 'used', source: 'fetched', storedAt: STORED_AT });
    expect(res.inputs.stats).toEqual({ status: 'used', source: 'fetched', storedAt: STORED_AT });
    expect(res.inputs.text).toEqual({ status: 'used', source: 'request' });
    expect(res.inputs.tables).toEqual({ status: 'used', source: 'fetched', count: 1 });
    expect(res.markdown).toContain('buffer gets per exec: 90,000');
  });

  it('the same analysis with everything sent by the screen gives the same findings and reads nothing', async () => {
    const r = reader();
    const fetched = await service(reader()).analyze(req());
    const sent = await service(r).analyze(
      req({
        plan: PLAN_FULL,
        stats: { executions: 10, bufferGets: 900_000, rowsProcessed: 50, elapsedMs: 12_000 },
        schema: 'APP',
      }),
    );
    expect(r.calls).toEqual([]);
    expect(sent.findings).toEqual(fetched.findings);
    expect(sent.inputs.plan).toEqual({ status: 'used', source: 'request' });
    expect(sent.inputs.stats).toEqual({ status: 'used', source: 'request' });
  });

  it('a cursor that aged out: plan and statistics missing with that reason, the analysis still answers', async () => {
    const gone = () =>
      Promise.reject(new TmsError('NOT_FOUND', 'SQL_ID abcd1234efgh5 is no longer in the shared pool'));
    const res = await service(reader(gone, gone)).analyze(req());
    expect(res.inputs.plan).toEqual({ status: 'missing', reason: 'agedOut' });
    expect(res.inputs.stats).toEqual({ status: 'missing', reason: 'agedOut' });
    expect(res.findings.map((f) => f.ruleId)).not.toContain('FULL_SCAN_LARGE_TABLE');
    // an empty plan (V$SQL_PLAN has no rows any more) is the same thing
    const empty = await service(reader(async () => cached({ ...PLAN, lines: [], rows: [] }))).analyze(req());
    expect(empty.inputs.plan).toEqual({ status: 'missing', reason: 'agedOut' });
  });

  it('a read that fails says so with its code; no SQL_ID or no reader says that', async () => {
    const down = () => Promise.reject(new TmsError('ORACLE_UNREACHABLE', 'listener refused'));
    const failed = await service(reader(down)).analyze(req());
    expect(failed.inputs.plan).toEqual({
      status: 'missing',
      reason: 'readFailed',
      errorCode: 'ORACLE_UNREACHABLE',
    });
    expect(failed.inputs.stats.status).toBe('used');

    const noId = await service(reader()).analyze(req({ sqlId: undefined }));
    expect(noId.inputs.plan).toEqual({ status: 'missing', reason: 'noSqlId' });
    expect(noId.inputs.stats).toEqual({ status: 'missing', reason: 'noSqlId' });
    const noReader = await service(undefined).analyze(req());
    expect(noReader.inputs.plan).toEqual({ status: 'missing', reason: 'noSource' });
  });

  it('the offline SQL-text rules need no plan: nothing read but the parsing schema for the table sizes', async () => {
    const r = reader();
    const schemas: (string | undefined)[] = [];
    const res = await service(r, { schemas }).analyze(req({ type: 'sql' }));
    expect(r.calls).toEqual(['detail:demo:abcd1234efgh5']);
    expect(schemas).toEqual(['APP']);
    expect(res.inputs.plan).toEqual({ status: 'notNeeded' });
    expect(res.inputs.stats).toEqual({ status: 'notNeeded' });
    expect(inputsNeeded('sql', false)).toEqual({ plan: 'ifSent', stats: 'need' });
  });

  it('Analyse clicked before the text arrived: main reads it too; a text that aged out is a clear error', async () => {
    const r = reader();
    const res = await service(r).analyze(req({ sqlText: undefined }));
    expect(r.calls).toContain('text:demo:abcd1234efgh5');
    expect(res.inputs.text).toEqual({ status: 'used', source: 'fetched', storedAt: STORED_AT });
    const sent = await service(reader()).analyze(req());
    expect(res.findings).toEqual(sent.findings);

    const gone = () =>
      Promise.reject(new TmsError('NOT_FOUND', 'SQL_ID abcd1234efgh5 is no longer in the shared pool'));
    const err = await service(reader(undefined, undefined, gone))
      .analyze(req({ sqlText: undefined }))
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TmsError);
    expect((err as TmsError).code).toBe('NOT_FOUND');
    const noId = await service(reader())
      .analyze(req({ sqlText: undefined, sqlId: undefined }))
      .catch((e: unknown) => e);
    expect((noId as TmsError).code).toBe('VALIDATION');
    // the contract takes a request with the SQL_ID only, not one with neither
    const analyze = contract['llm:analyze'].request;
    expect(
      analyze.safeParse({ requestId: 'a', connId: 'demo', sqlId: 'abcd1234efgh5', type: 'plan' }).success,
    ).toBe(true);
    expect(analyze.safeParse({ requestId: 'a', connId: 'demo', type: 'plan' }).success).toBe(false);
  });

  it('plan text: DBMS_XPLAN lines, else the V$SQL_PLAN rows, else nothing', () => {
    expect(planText(PLAN)).toContain('TABLE ACCESS FULL');
    const fromRows = planText({
      ...PLAN,
      lines: [],
      rows: [
        {
          id: 0,
          parentId: null,
          depth: 0,
          operation: 'SELECT STATEMENT',
          options: null,
          objectOwner: null,
          objectName: null,
          cost: 3,
          cardinality: null,
          bytes: null,
          timeSec: null,
          accessPredicates: null,
          filterPredicates: null,
        },
      ],
    });
    expect(fromRows).toContain('Plan hash value: 1234567890');
    expect(planText({ ...PLAN, lines: ['  '], rows: [] })).toBeUndefined();
  });
});

describe('a model analysis with a plan read by main', () => {
  let server: FakeOpenAiServer;
  beforeAll(async () => {
    server = await startFakeOpenAiServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('the prompt carries the fetched plan; the screen sending the same plan later is a cache hit', async () => {
    const llm = service(reader(), { provider: 'openai-compatible', baseUrl: server.baseUrl });
    const first = await llm.analyze(req({ type: 'plan' }));
    expect(first.modelCalled).toBe(true);
    expect(first.inputs.plan.source).toBe('fetched');
    const prompt = JSON.stringify(server.chats.at(-1));
    expect(prompt).toContain('TABLE ACCESS FULL');
    expect(prompt).toContain('Plan hash value: 1234567890');
    const again = await llm.analyze(req({ type: 'plan', plan: PLAN_FULL }));
    expect(again.fromCache).toBe(true);
    expect(again.hash).toBe(first.hash);
    expect(again.inputs.plan).toEqual({ status: 'used', source: 'request' });
  });
});
