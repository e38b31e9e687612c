/** A typical sampled row for tests, with overrides. */
import type { ActivityRow } from '@shared/types/activity';

export function row(over: Partial<ActivityRow> = {}): ActivityRow {
  return {
    instId: 1,
    conId: 3,
    sid: 412,
    serial: 33_017,
    user: 'APP_OWNER',
    background: false,
    state: 'WAITING',
    waitClass: 'User I/O',
    event: 'db file sequential read',
    sqlId: 'a1b2c3d4e5f6g',
    sqlChildNumber: 0,
    planHashValue: 3_456_789_012,
    sqlExecId: 16_777_321,
    sqlExecStart: 1_764_000_000_000 - 12_000,
    module: 'OrderService',
    action: 'CONFIRM',
    program: 'JDBC Thin Client',
    machine: 'app01.corp',
    service: 'PRODDB',
    blockingInstance: null,
    blockingSession: null,
    finalBlockingInstance: null,
    finalBlockingSession: null,
    currentObj: 73_001,
    waitSec: 0.3,
    ...over,
  };
}
