/**
 * The three blocking chains the demo keeps until a kill releases them, built from existing sessions:
 * A: an idle-in-transaction session holds a TX row lock (mode 6) with four waiters, one of which holds
 * its own TX another session waits for; B: a batch job holds a table exclusively (TM mode 6), DML waits
 * for row-X; C: index block split contention (TX mode 4 requested).
 */
import { type DemoLock, type DemoSession, type SqlEntry, sessionKey } from './model';
import type { DemoTopology } from './topology';

/** What the chains read and change of the world (the world builds them: an interface, not an import back). */
export interface ChainsWorld {
  readonly topology: DemoTopology;
  readonly sessions: Map<string, DemoSession>;
  readonly sqls: readonly SqlEntry[];
  readonly locks: DemoLock[];
  session(instId: number, sid: number): DemoSession | undefined;
  addSession(s: DemoSession): void;
  objectId(owner: string, name: string): number | null;
}

/** Three blocking chains, made of existing sessions (needs at least 16 user sessions). */
export function buildBlockingChains(world: ChainsWorld): void {
  const app = [...world.sessions.values()].filter((s) => s.username === 'APP_OWNER');
  const batch = [...world.sessions.values()].find((s) => s.username === 'BATCH_USR');
  const sqlOf = (needle: string) => world.sqls.find((s) => s.def.text.includes(needle))?.sqlId ?? null;
  const accountsSql = sqlOf('app_owner.accounts a WHERE');
  const inventorySql = sqlOf('UPDATE sales.inventory');
  const auditSql = sqlOf('INSERT INTO app_owner.audit_trail');
  const deleteSql = sqlOf('DELETE FROM app_owner.session_log');
  const accountsObj = world.objectId('APP_OWNER', 'ACCOUNTS');
  const logObj = world.objectId('APP_OWNER', 'SESSION_LOG') ?? 0;
  const auditObj = world.objectId('APP_OWNER', 'AUDIT_TRAIL');
  if (app.length < 11) return;
  const [r1, w1, w2, w3, w4, w5, t1, t2, c1, c2, i1] = app as [
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
    DemoSession,
  ];
  if (world.topology.instances === 2) {
    // RAC: chain A's blocker lives on instance 2, its waiters on instance 1, and instance 1 has an
    // unrelated session with the blocker's SID: a tree keyed by SID alone attaches the waiters to it
    moveTo(world, r1, 2);
    for (const w of [w1, w2, w3, w4, w5]) moveTo(world, w, 1);
    const decoy = [...world.sessions.values()].find(
      (s) => s.instId === 2 && s.username !== 'APP_OWNER' && s.pinned === null && s.module !== 'TMS Console',
    );
    if (decoy && !world.session(1, r1.sid)) {
      world.sessions.delete(sessionKey(decoy.instId, decoy.sid));
      world.addSession({ ...decoy, instId: 1, sid: r1.sid });
    }
  }
  // chain members get a coherent client: the payment/order services on the app servers
  let n = 0;
  const appClient = (s: DemoSession, module: string): void => {
    s.username = 'APP_OWNER';
    s.program = 'JDBC Thin Client';
    s.machine = `app0${(n++ % 4) + 1}.corp.local`;
    s.osUser = 'tomcat';
    s.module = module;
    s.service = 'sales_app.corp.local';
    s.clientIdentifier = null;
  };
  const idle = (s: DemoSession, prev: string | null, callBase: number): void => {
    appClient(s, 'PaymentService');
    s.pinned = {
      status: 'INACTIVE',
      event: 'SQL*Net message from client',
      waitClass: 'Idle',
      state: 'WAITING',
      sqlId: null,
      prevSqlId: prev,
      blockingSession: null,
      blockingInstance: null,
      waitBaseSec: callBase,
      callBaseSec: callBase,
      rowWaitObj: null,
    };
  };
  const waiter = (
    s: DemoSession,
    blocker: DemoSession,
    event: string,
    waitClass: string,
    sqlId: string | null,
    waitBase: number,
    obj: number | null,
  ): void => {
    s.pinned = {
      status: 'ACTIVE',
      event,
      waitClass,
      state: 'WAITING',
      sqlId,
      prevSqlId: sqlId,
      blockingSession: blocker.sid,
      blockingInstance: blocker.instId,
      waitBaseSec: waitBase,
      callBaseSec: waitBase,
      rowWaitObj: obj,
    };
  };
  const row = 'enq: TX - row lock contention';
  // Chain A: an idle-in-transaction session holds a row lock (TX mode 6); four waiters, one of
  // which (W2) holds its own TX that W5 waits for.
  idle(r1, accountsSql, 1260);
  const txA = { id1: 655_385, id2: 4711 };
  const txB = { id1: 589_841, id2: 90_112 };
  world.locks.push({
    instId: r1.instId,
    sid: r1.sid,
    type: 'TX',
    ...txA,
    lmode: 6,
    request: 0,
    ctimeBaseSec: 1275,
    block: 1,
  });
  [w1, w2, w3, w4].forEach((w, i) => {
    appClient(w, 'PaymentService');
    waiter(w, r1, row, 'Application', accountsSql, 1190 - i * 310, accountsObj);
    world.locks.push({
      instId: w.instId,
      sid: w.sid,
      type: 'TX',
      ...txA,
      lmode: 0,
      request: 6,
      ctimeBaseSec: 1190 - i * 310,
      block: 0,
    });
  });
  world.locks.push({
    instId: w2.instId,
    sid: w2.sid,
    type: 'TX',
    ...txB,
    lmode: 6,
    request: 0,
    ctimeBaseSec: 900,
    block: 1,
  });
  waiter(w5, w2, row, 'Application', inventorySql, 640, world.objectId('SALES', 'INVENTORY'));
  appClient(w5, 'OrderService');
  world.locks.push({
    instId: w5.instId,
    sid: w5.sid,
    type: 'TX',
    ...txB,
    lmode: 0,
    request: 6,
    ctimeBaseSec: 640,
    block: 0,
  });
  // Chain B: a batch job holds the table exclusively (TM mode 6); DML waits for row-X (3).
  const b = batch ?? t1;
  b.pinned = {
    status: 'ACTIVE',
    event: 'db file scattered read',
    waitClass: 'User I/O',
    state: 'WAITING',
    sqlId: deleteSql,
    prevSqlId: null,
    blockingSession: null,
    blockingInstance: null,
    waitBaseSec: 0,
    callBaseSec: 415,
    rowWaitObj: logObj,
  };
  world.locks.push({
    instId: b.instId,
    sid: b.sid,
    type: 'TM',
    id1: logObj,
    id2: 0,
    lmode: 6,
    request: 0,
    ctimeBaseSec: 430,
    block: 1,
  });
  for (const [i, w] of [t1, t2].entries()) {
    if (w === b) continue;
    appClient(w, 'JDBC Thin Client');
    waiter(w, b, 'enq: TM - contention', 'Application', auditSql, 380 - i * 120, logObj);
    world.locks.push({
      instId: w.instId,
      sid: w.sid,
      type: 'TM',
      id1: logObj,
      id2: 0,
      lmode: 0,
      request: 3,
      ctimeBaseSec: 380 - i * 120,
      block: 0,
    });
  }
  // Chain C: index block split contention (TX mode 4 requested).
  for (const x of [c1, c2, i1]) appClient(x, 'JDBC Thin Client');
  c1.pinned = {
    status: 'ACTIVE',
    event: 'log file sync',
    waitClass: 'Commit',
    state: 'WAITED SHORT TIME',
    sqlId: auditSql,
    prevSqlId: auditSql,
    blockingSession: null,
    blockingInstance: null,
    waitBaseSec: 0,
    callBaseSec: 2,
    rowWaitObj: auditObj,
  };
  const txC = { id1: 720_903, id2: 15_533 };
  world.locks.push({
    instId: c1.instId,
    sid: c1.sid,
    type: 'TX',
    ...txC,
    lmode: 6,
    request: 0,
    ctimeBaseSec: 3,
    block: 1,
  });
  for (const w of [c2, i1]) {
    waiter(w, c1, 'enq: TX - index contention', 'Concurrency', auditSql, 1, auditObj);
    world.locks.push({
      instId: w.instId,
      sid: w.sid,
      type: 'TX',
      ...txC,
      lmode: 0,
      request: 4,
      ctimeBaseSec: 1,
      block: 0,
    });
  }
}

function moveTo(world: ChainsWorld, s: DemoSession, instId: number): void {
  if (s.instId === instId) return;
  world.sessions.delete(sessionKey(s.instId, s.sid));
  s.instId = instId;
  world.addSession(s);
}
