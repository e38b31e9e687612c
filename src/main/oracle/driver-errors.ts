/**
 * Errors built exactly as node-oracledb 26 thin builds them, with the driver's own functions
 * (lib/errors.js `getErr`, `transformErr`), for the demo database and the test doubles. Hand-made
 * look-alikes would miss what the driver really does: ORA-00031 "session marked for kill" arrives as
 * NJS-500 with `errorNum` 31 (adjustErrorXref), a listener refusal as NJS-511 with "Cause: ORA-12516".
 */
import * as driverErrorsModule from 'oracledb/lib/errors';

type DriverErrors = typeof driverErrorsModule;
/** CommonJS: under vitest's ESM loader the API sits on `default` (same as oracledb-gateway.ts). */
const driverErrors: DriverErrors =
  (driverErrorsModule as unknown as { default?: DriverErrors }).default ?? driverErrorsModule;

export type DriverError = ReturnType<DriverErrors['getErr']>;

/**
 * What thin's `Protocol._raiseException` throws for an error the server sent: `new Error(text)` with
 * errorNum / offset / isRecoverable, then `transformErr` (which may rewrite it to NJS-500).
 */
export function serverError(errorNum: number, text: string, offset = 0): DriverError {
  const err: DriverError = Object.assign(new Error(`ORA-${String(errorNum).padStart(5, '0')}: ${text}`), {
    errorNum,
    offset,
    isRecoverable: false,
  });
  return driverErrors.transformErr(err);
}

/** A driver-side NJS- error (`getErr(number, ...message args)`). */
export function njsError(errorNum: number, ...args: unknown[]): DriverError {
  return driverErrors.getErr(errorNum, ...args);
}

/** NJS-511 as networkSession.js throws it for a listener REFUSE packet carrying ERR=<oraNum>. */
export function listenerRefusal(host: string, port: number, oraNum: number): DriverError {
  return driverErrors.getErr(driverErrors.ERR_CONNECTION_REFUSED, host, port, 'tms-test', `ORA-${oraNum}`);
}

/** A logon warning as `connection.warning` returns it (auth message warning, then transformErr). */
export function logonWarning(errorNum: number, text: string): DriverError {
  return serverError(errorNum, text);
}

export const DRIVER = {
  CONNECTION_CLOSED: driverErrors.ERR_CONNECTION_CLOSED,
  CONNECTION_CLOSED_CODE: driverErrors.ERR_CONNECTION_CLOSED_CODE,
  INVALID_CONNECTION: driverErrors.ERR_INVALID_CONNECTION,
  CONN_REQUEST_TIMEOUT: driverErrors.ERR_CONN_REQUEST_TIMEOUT,
  CALL_TIMEOUT_EXCEEDED: driverErrors.ERR_CALL_TIMEOUT_EXCEEDED,
  CONNECTION_INCOMPLETE: driverErrors.ERR_CONNECTION_INCOMPLETE,
  CONNECTION_EOF: driverErrors.ERR_CONNECTION_EOF,
  ANO_PACKET: driverErrors.ERR_ANO_PACKET,
  ANO_STATUS: driverErrors.ERR_ANO_STATUS,
  ANO_NEGOTIATION: driverErrors.ERR_ANO_NEGOTIATION,
} as const;

/** Whether the driver knows the code 'NJS-nnn' (getErr answers NJS-068 "invalid error number" otherwise). */
export function driverKnows(code: string): boolean {
  const m = /^NJS-(\d{3})$/.exec(code);
  if (!m) return false;
  return driverErrors.getErr(Number(m[1])).code === code;
}
