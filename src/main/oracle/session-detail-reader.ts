/**
 * One session's drill-down (issue 17): runs catalog-session.ts's statements for (INST_ID, SID), checks
 * the session is still the one asked for (SERIAL#), and turns V$SESSTAT's cumulative counters into
 * rates against this reader's previous read of the same session (database clock). Only the identity
 * read is fatal; a part the account may not read is reported in `errors` with its GRANT.
 */
import { TmsError } from '@shared/errors';
import type { BlockingObject } from '@shared/types/activity';
import type { MetricScope } from '@shared/types/oracle';
import type {
  SESSION_STAT_KEYS,
  SessionDetail,
  SessionDetailQuery,
  SessionLock,
  SessionPartError,
  SessionStat,
  SessionStatWindow,
} from '@shared/types/session-detail';
import type { CatalogQuery } from './catalog';
import * as S from './catalog-session';
import { mapLock, num, type RawRow, str } from './mappers';

type Run = (q: CatalogQuery, binds: Record<string, string | number>) => Promise<RawRow[]>;

/** How many sessions' previous counters are kept (oldest dropped first). */
const PREVIOUS_MAX = 256;

const STAT_KEY_OF: Record<S.SessionStatName, (typeof SESSION_STAT_KEYS)[number]> = {
  'CPU used by this session': 'cpu',
  'session logical reads': 'logicalReads',
  'physical reads': 'physicalReads',
  'redo size': 'redoBytes',
  'user commits': 'commits',
  'execute count': 'executions',
  'parse count (hard)': 'hardParses',
  'bytes sent via SQL*Net to client': 'bytesSent',
};

interface Previous {
  at: number;
  values: Map<string, number>;
}

export function checkSessionQuery(q: SessionDetailQuery): void {
  const ok = (v: number, min: number) => Number.isSafeInteger(v) && v >= min;
  if (!ok(q.instId, 1) || !ok(q.sid, 1) || !ok(q.serial, 0)) {
    throw new TmsError(
      'VALIDATION',
      'INST_ID and SID must be positive integers, SERIAL# a non-negative one.',
    );
  }
}

const r3 = (v: number): number => Math.round(v * 1000) / 1000;

export class SessionDetailReader {
  readonly #previous = new Map<string, Previous>();

  constructor(
    private readonly run: Run,
    private readonly objectNames: (ids: readonly number[]) => Promise<BlockingObject[]>,
  ) {}

  async read(query: SessionDetailQuery, where: { scope: MetricScope; rac: boolean }): Promise<SessionDetail> {
    checkSessionQuery(query);
    const { instId, sid, serial } = query;
    const binds = { instId, sid };
    const row = (await this.run(S.SESSION_IDENTITY, binds))[0];
    const gone = `Session ${sid},${serial}${where.rac ? ` on instance ${instId}` : ''}`;
    if (!row) throw new TmsError('NOT_FOUND', `${gone} no longer exists.`, { details: { reason: 'gone' } });
    const nowSerial = num(row.SERIAL_NO) ?? -1;
    if (nowSerial !== serial) {
      throw new TmsError(
        'NOT_FOUND',
        `${gone} ended: SID ${sid} is now another session (SERIAL# ${nowSerial}).`,
        {
          details: { reason: 'serial-changed', serial: nowSerial },
        },
      );
    }
    const sampledAt = num(row.DB_NOW) ?? Date.now();
    const errors: SessionPartError[] = [];
    const part = async <T>(name: SessionPartError['part'], fn: () => Promise<T>, fallback: T): Promise<T> => {
      try {
        return await fn();
      } catch (err) {
        if (!(err instanceof TmsError) || !['ORACLE_PRIVILEGE', 'ORACLE_ERROR'].includes(err.code)) throw err;
        const grant = typeof err.details?.grant === 'string' ? err.details.grant : null;
        errors.push({ part: name, code: err.code, grant });
        return fallback;
      }
    };

    const waits = await part(
      'waits',
      async () =>
        (await this.run(S.SESSION_WAIT_HISTORY, binds)).map((r) => ({
          seq: num(r.SEQ_NO) ?? 0,
          event: str(r.EVENT) ?? '?',
          // WAIT_TIME is centiseconds (0 under 10 ms); WAIT_TIME_MICRO is the exact figure
          waitMs: r3((num(r.WAIT_TIME_MICRO) ?? (num(r.WAIT_TIME) ?? 0) * 10_000) / 1000),
          sinceLastWaitMs:
            num(r.TIME_SINCE_LAST_WAIT_MICRO) === null ? null : r3(num(r.TIME_SINCE_LAST_WAIT_MICRO)! / 1000),
          p1Text: str(r.P1TEXT),
          p1: num(r.P1),
          p2Text: str(r.P2TEXT),
          p2: num(r.P2),
          p3Text: str(r.P3TEXT),
          p3: num(r.P3),
        })),
      [],
    );

    const logonTime = num(row.LOGON_TIME);
    const statRows = await part('stats', () => this.run(S.SESSION_STATS, binds), [] as RawRow[]);
    const { stats, statWindow } = this.rates(`${instId}.${sid}.${serial}`, sampledAt, logonTime, statRows);

    const cursorRows = await part('cursors', () => this.run(S.SESSION_OPEN_CURSORS, binds), [] as RawRow[]);
    const openCursors = {
      total: num(cursorRows[0]?.TOTAL) ?? 0,
      top: cursorRows.map((r) => ({
        sqlId: str(r.SQL_ID),
        count: num(r.CURSORS) ?? 0,
        sqlText: str(r.SQL_TEXT),
      })),
    };

    const lockRows = (await part('locks', () => this.run(S.SESSION_LOCKS, binds), [] as RawRow[])).map(
      mapLock,
    );
    const tmIds = lockRows.filter((l) => l.lockType === 'TM' && l.id1 > 0).map((l) => l.id1);
    const names = tmIds.length
      ? await part('objects', () => this.objectNames(tmIds), [] as BlockingObject[])
      : [];
    const locks: SessionLock[] = lockRows.map((l) => {
      const o = l.lockType === 'TM' ? names.find((n) => n.objectId === l.id1) : undefined;
      return { ...l, objectOwner: o?.owner ?? null, objectName: o?.name ?? null };
    });

    const tx = (
      await part(
        'transaction',
        () => this.run(S.SESSION_TRANSACTION, { instId, sid, serial }),
        [] as RawRow[],
      )
    )[0];
    const blockSize = num(tx?.BLOCK_SIZE);
    const ublk = num(tx?.USED_UBLK) ?? 0;
    const transaction = tx
      ? {
          startTime: num(tx.START_TIME),
          status: str(tx.STATUS),
          usedUndoBlocks: ublk,
          usedUndoRecords: num(tx.USED_UREC) ?? 0,
          blockSize,
          usedUndoBytes: blockSize === null ? null : ublk * blockSize,
        }
      : null;

    const sqlId = str(row.SQL_ID);
    return {
      sampledAt,
      scope: where.scope,
      instanceScope: where.rac ? 'cluster' : 'instance',
      identity: {
        instId: num(row.INST_ID) ?? instId,
        conId: num(row.CON_ID) ?? 0,
        sid,
        serial,
        username: str(row.USERNAME),
        status: str(row.STATUS) ?? '?',
        osUser: str(row.OSUSER),
        machine: str(row.MACHINE),
        program: str(row.PROGRAM),
        module: str(row.MODULE),
        action: str(row.ACTION),
        serviceName: str(row.SERVICE_NAME),
        logonTime,
        lastCallEt: num(row.LAST_CALL_ET) ?? 0,
        event: str(row.EVENT),
        waitClass: str(row.WAIT_CLASS),
        state: str(row.STATE),
        secondsInWait: num(row.SECONDS_IN_WAIT),
        blockingInstance: num(row.BLOCKING_INSTANCE),
        blockingSession: num(row.BLOCKING_SESSION),
        prevSqlId: str(row.PREV_SQL_ID),
      },
      currentSql: sqlId
        ? {
            sqlId,
            childNumber: num(row.SQL_CHILD_NUMBER),
            planHashValue: num(row.PLAN_HASH_VALUE),
            textExcerpt: str(row.SQL_TEXT),
            execStart: num(row.SQL_EXEC_START),
          }
        : null,
      waits,
      stats,
      statWindow,
      openCursors,
      locks,
      transaction,
      errors,
    };
  }

  /** Rates against the previous read of the same (inst, sid, serial); the first read is cumulative. */
  private rates(
    key: string,
    at: number,
    logonTime: number | null,
    rows: RawRow[],
  ): { stats: SessionStat[]; statWindow: SessionStatWindow } {
    const values = new Map<string, number>();
    for (const r of rows) {
      const name = str(r.NAME);
      if (name) values.set(name, num(r.VALUE) ?? 0);
    }
    let prev = this.#previous.get(key) ?? null;
    // a counter going down cannot happen for one session: a different session, start again
    if (prev && [...values].some(([n, v]) => v < (prev?.values.get(n) ?? 0))) prev = null;
    const dtSec = prev ? (at - prev.at) / 1000 : 0;
    const rate = prev !== null && dtSec >= 1;
    if (!prev || dtSec >= 1) {
      // polled again within a second: keep the older baseline so the rate stays meaningful
      this.#previous.delete(key);
      this.#previous.set(key, { at, values });
      if (this.#previous.size > PREVIOUS_MAX) this.#previous.delete(this.#previous.keys().next().value!);
    }
    const stats: SessionStat[] = S.SESSION_STAT_NAMES.filter((n) => values.has(n)).map((name) => {
      const value = values.get(name) ?? 0;
      const before = prev?.values.get(name);
      return {
        key: STAT_KEY_OF[name],
        name,
        value,
        perSec: rate && before !== undefined ? r3((value - before) / dtSec) : null,
      };
    });
    const statWindow: SessionStatWindow = rate
      ? { kind: 'rate', seconds: r3(dtSec) }
      : {
          kind: 'cumulative',
          seconds: logonTime === null ? null : Math.max(0, Math.round((at - logonTime) / 1000)),
        };
    return { stats, statWindow };
  }
}
