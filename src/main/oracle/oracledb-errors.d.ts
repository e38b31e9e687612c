/**
 * node-oracledb 26's own error module (lib/errors.js), which ships no types. The console uses it to
 * build errors exactly as the driver does (driver-errors.ts) — never to parse or rewrite real ones.
 */
declare module 'oracledb/lib/errors' {
  interface DriverError extends Error {
    code?: string;
    errorNum?: number;
    offset?: number;
    isRecoverable?: boolean;
  }
  export function getErr(errorNum: number, ...args: unknown[]): DriverError;
  export function transformErr(err: DriverError): DriverError;
  export const ERR_CONNECTION_CLOSED_CODE: string;
  export const ERR_INVALID_CONNECTION: number;
  export const ERR_CONN_REQUEST_TIMEOUT: number;
  export const ERR_CALL_TIMEOUT_EXCEEDED: number;
  export const ERR_CONNECTION_CLOSED: number;
  export const ERR_CONNECTION_INCOMPLETE: number;
  export const ERR_CONNECTION_REFUSED: number;
  export const ERR_CONNECTION_EOF: number;
  export const ERR_ANO_PACKET: number;
  export const ERR_ANO_STATUS: number;
  export const ERR_ANO_NEGOTIATION: number;
}
