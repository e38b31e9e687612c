/**
 * The one error shape that crosses IPC (and the web transport): a stable code the UI can switch on,
 * a message a DBA can act on, and whether trying again may help.
 */
export const ERROR_CODES = [
  'VALIDATION', // the request did not match the channel's schema
  'UNKNOWN_CHANNEL',
  'FORBIDDEN', // untrusted IPC sender, bad web token
  'NOT_FOUND',
  'CONFLICT',
  'UNSUPPORTED',
  'ORACLE_AUTH', // ORA-01017, ORA-28000: never retried (account lock-out)
  'ORACLE_UNREACHABLE', // listener down, host unknown, connection refused
  'ORACLE_TIMEOUT', // connect or call timeout
  'ORACLE_PRIVILEGE', // ORA-00942, ORA-01031: a grant is missing
  'ORACLE_POOL_TIMEOUT', // NJS-040: all pooled connections busy
  'ORACLE_THIN_UNSUPPORTED', // a feature that needs Thick mode
  'ORACLE_CONFIG', // bad connect string, unknown TNS alias, wallet problems
  'ORACLE_ERROR', // any other ORA-/NJS- error
  'REDIS_UNAVAILABLE',
  'LLM_ERROR',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppError {
  code: ErrorCode;
  message: string;
  retryable: boolean;
  details?: Record<string, unknown>;
}

/** Thrown anywhere in main; turned into an AppError at the IPC edge, rebuilt in the renderer. */
export class TmsError extends Error implements AppError {
  readonly code: ErrorCode;
  readonly retryable: boolean;
  readonly details?: Record<string, unknown>;

  constructor(
    code: ErrorCode,
    message: string,
    opts: { retryable?: boolean; details?: Record<string, unknown>; cause?: unknown } = {},
  ) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'TmsError';
    this.code = code;
    this.retryable = opts.retryable ?? false;
    if (opts.details) this.details = opts.details;
  }

  toJSON(): AppError {
    return {
      code: this.code,
      message: this.message,
      retryable: this.retryable,
      ...(this.details ? { details: this.details } : {}),
    };
  }

  static from(error: AppError): TmsError {
    return new TmsError(error.code, error.message, { retryable: error.retryable, details: error.details });
  }
}

export function isAppError(value: unknown): value is AppError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.code === 'string' &&
    (ERROR_CODES as readonly string[]).includes(v.code) &&
    typeof v.message === 'string' &&
    typeof v.retryable === 'boolean'
  );
}

/** The envelope every call returns: Electron's invoke only keeps an Error's message, so we never throw across. */
export type Result<T> = { ok: true; data: T } | { ok: false; error: AppError };
