/**
 * Oracle / node-oracledb errors -> TmsError codes a DBA can act on (oracle.md 3.5).
 * Thin mode reports connect failures as NJS-5xx rather than the classic ORA-125xx, so both are mapped.
 * Messages never contain credentials (node-oracledb's own messages do not either).
 */
import { type AppError, type ErrorCode, TmsError } from '@shared/errors';

export interface OracleErrorContext {
  /** views/packages the failing statement reads: used to name the grant on ORA-00942/ORA-01031 */
  views?: readonly string[];
  /** the connecting user (for GRANT ... TO <user>) */
  user?: string;
  /** what was being done; 'kill' / 'cancel' change the privilege hint to the kill path's own grant */
  operation?: 'connect' | 'query' | 'kill' | 'cancel';
  /** how kill runs (the privilege hint names its grant); default 'alter-system' */
  killMethod?: KillMethod;
}

/**
 * How the console kills a session: `ALTER SYSTEM KILL SESSION` (needs the ALTER SYSTEM privilege), a
 * DBA-owned definer's-rights procedure (`procedure:OWNER.NAME`, needs only EXECUTE on it), or Amazon
 * RDS's `rdsadmin.rdsadmin_util.kill`.
 */
export type KillMethod = 'alter-system' | 'rds' | `procedure:${string}`;

/** The driver's "connection closed or broken" code (errors.js ERR_CONNECTION_CLOSED). */
export const DRIVER_CONNECTION_CLOSED = 'NJS-500';

/**
 * Server codes after which the *session* (not the network) is gone: node-oracledb thin rewrites them to
 * NJS-500 (errors.js adjustErrorXref) and disconnects. Another connection of the pool may work at once.
 */
const SESSION_ENDED = [
  'ORA-00022', // invalid session ID; access denied
  'ORA-00028', // your session has been killed
  'ORA-00603', // server session terminated by fatal error
  'ORA-00600', // internal error (the server process died with it)
  'ORA-01012', // not logged on
  'ORA-02396', // exceeded maximum idle time
];

/** The server's own ORA- code of a driver error: `errorNum` survives the NJS-500 rewrite. */
export function serverCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const e = err as { code?: unknown; errorNum?: unknown };
  if (typeof e.errorNum === 'number' && e.errorNum > 0) return `ORA-${String(e.errorNum).padStart(5, '0')}`;
  if (typeof e.code === 'string' && e.code.startsWith('ORA-')) return e.code;
  return undefined;
}

/** True when the driver closed the connection under this error (NJS-500, or a DPI-1080 / thick equivalent). */
export function driverClosedConnection(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as { code?: unknown; isRecoverable?: unknown };
  return e.code === DRIVER_CONNECTION_CLOSED || e.code === 'DPI-1080';
}

const CODE_RE = /\b(ORA|NJS|DPI|TNS|PLS)-\d{3,5}\b/g;

/** Every ORA-/NJS-/DPI- code in the error (its `code` first), plus Node socket codes. */
export function oracleCodes(err: unknown): string[] {
  const codes: string[] = [];
  if (typeof err === 'object' && err !== null) {
    const e = err as { code?: unknown; message?: unknown; cause?: unknown; errorNum?: unknown };
    if (typeof e.code === 'string') codes.push(e.code);
    if (typeof e.errorNum === 'number' && e.errorNum > 0)
      codes.push(`ORA-${String(e.errorNum).padStart(5, '0')}`);
    if (typeof e.message === 'string') codes.push(...(e.message.match(CODE_RE) ?? []));
    if (typeof e.message === 'string') {
      for (const sys of [
        'ECONNREFUSED',
        'ENOTFOUND',
        'EAI_AGAIN',
        'ETIMEDOUT',
        'ECONNRESET',
        'EHOSTUNREACH',
      ]) {
        if (e.message.includes(sys)) codes.push(sys);
      }
    }
    if (e.cause && e.cause !== err) codes.push(...oracleCodes(e.cause));
  } else if (typeof err === 'string') {
    codes.push(...(err.match(CODE_RE) ?? []));
  }
  return [...new Set(codes)];
}

function messageOf(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') {
    return (err as { message: string }).message;
  }
  return String(err);
}

/** 'V$SESSION' -> 'SYS.V_$SESSION' (grants go on the V_$ views; V$ names are public synonyms). */
export function grantTarget(view: string): string {
  if (view.startsWith('V$')) return `SYS.V_${view.slice(1)}`;
  if (view.startsWith('GV$')) return `SYS.GV_${view.slice(2)}`;
  return view;
}

/** The grant a DBA should run so the console can read `views`. */
export function grantFor(views: readonly string[] | undefined, user = '<user>'): string {
  const fixed = (views ?? []).filter((v) => v.startsWith('V$') || v.startsWith('GV$'));
  const dbms = (views ?? []).some((v) => v.startsWith('DBMS_XPLAN'));
  const lines = fixed.map((v) => `GRANT SELECT ON ${grantTarget(v)} TO ${user};`);
  const role = `GRANT SELECT_CATALOG_ROLE TO ${user};`;
  if (dbms)
    return `${role}  -- DBMS_XPLAN.DISPLAY_CURSOR needs V$SQL_PLAN, V$SESSION, V$SQL_PLAN_STATISTICS_ALL, V$SQL`;
  if (lines.length === 0) return role;
  return `${lines.join(' ')}  -- or: ${role}`;
}

function firstMatch(codes: string[], wanted: readonly string[]): string | undefined {
  return codes.find((c) => wanted.includes(c));
}

function hostPort(message: string): string | undefined {
  const m = /host (\S+) port (\d+)/.exec(message);
  if (m) return `${m[1]}:${m[2]}`;
  const h = /host[: ]+"?([\w.-]+)"?/i.exec(message);
  return h?.[1];
}

function make(
  code: ErrorCode,
  message: string,
  retryable: boolean,
  err: unknown,
  details: Record<string, unknown>,
): TmsError {
  return new TmsError(code, message, { retryable, details, cause: err });
}

/** The grant a kill path needs, and what to call it in a message. */
export function killGrant(method: KillMethod, user: string): { grant: string; what: string } {
  if (method === 'rds') {
    return {
      grant: `GRANT EXECUTE ON rdsadmin.rdsadmin_util TO ${user};  -- run as the RDS master user`,
      what: 'EXECUTE on rdsadmin.rdsadmin_util (Amazon RDS)',
    };
  }
  if (method.startsWith('procedure:')) {
    const proc = method.slice('procedure:'.length);
    return {
      grant: `GRANT EXECUTE ON ${proc} TO ${user};`,
      what: `EXECUTE on the procedure ${proc} (and the procedure must exist)`,
    };
  }
  return { grant: `GRANT ALTER SYSTEM TO ${user};`, what: 'the ALTER SYSTEM privilege' };
}

export function classifyOracleError(err: unknown, ctx: OracleErrorContext = {}): TmsError {
  if (err instanceof TmsError) return err;
  const codes = oracleCodes(err);
  const raw = messageOf(err);
  const first = raw.split('\n')[0]?.slice(0, 300) ?? '';
  // the server's code first: the driver may have rewritten it (ORA-00031 arrives as NJS-500)
  const oracleCode = serverCode(err) ?? codes.find((c) => /^(ORA|NJS|DPI)-/.test(c));
  const driverCode = codes[0] && /^(NJS|DPI)-/.test(codes[0]) ? codes[0] : undefined;
  const connectionDropped = driverClosedConnection(err);
  const ref = oracleCode ?? codes[0] ?? '';
  // `reason` + these parameters let the renderer word the message in the DBA's language
  const d = (reason?: string, extra: Record<string, unknown> = {}) => ({
    oracleCode,
    ...(driverCode && driverCode !== oracleCode ? { driverCode } : {}),
    ...(connectionDropped ? { connectionDropped: true } : {}),
    codes,
    driverMessage: first,
    ...(reason ? { reason: `oracle.${reason}` } : {}),
    ref,
    user,
    ...extra,
  });
  const user = ctx.user ?? '<user>';
  const has = (...wanted: string[]) => firstMatch(codes, wanted);

  // --- credentials: never retried (repeated failures lock the account) -------------------------
  if (has('ORA-01017')) {
    return make(
      'ORACLE_AUTH',
      'Oracle rejected the user name or password (ORA-01017). Check the credentials before trying again: ' +
        'the console does not retry, because repeated failed logins can lock the account (profile limit FAILED_LOGIN_ATTEMPTS).',
      false,
      err,
      d('authRejected'),
    );
  }
  if (has('ORA-28000')) {
    return make(
      'ORACLE_AUTH',
      `The account is locked (ORA-28000). A DBA can unlock it: ALTER USER ${user} ACCOUNT UNLOCK;`,
      false,
      err,
      d('accountLocked'),
    );
  }
  if (has('ORA-28001')) {
    return make(
      'ORACLE_AUTH',
      `The password has expired (ORA-28001). Change it (e.g. in SQL*Plus) or ask a DBA: ALTER USER ${user} IDENTIFIED BY <new password>;`,
      false,
      err,
      d('passwordExpired'),
    );
  }
  if (has('ORA-01045')) {
    return make(
      'ORACLE_PRIVILEGE',
      `The user may not log on (ORA-01045: lacks CREATE SESSION). Ask a DBA: GRANT CREATE SESSION TO ${user};`,
      false,
      err,
      d('noCreateSession', { grant: `GRANT CREATE SESSION TO ${user};` }),
    );
  }

  // --- kill session outcomes --------------------------------------------------------------------
  // `sessionListStale`: the lists the DBA looked at are wrong, so the caller drops them from the cache
  if (has('ORA-00030')) {
    return make(
      'NOT_FOUND',
      'That session no longer exists (ORA-00030: user session ID does not exist). It may have ended, or it ' +
        'runs on another instance than the one named; the session list is refreshed.',
      false,
      err,
      d('sessionGone', { sessionListStale: true }),
    );
  }
  if (has('ORA-00031')) {
    return make(
      'CONFLICT',
      'The session is marked for kill (ORA-00031): Oracle ends it when its current call returns.',
      false,
      err,
      d('markedForKill', { sessionListStale: true }),
    );
  }
  if (has('ORA-00026')) {
    return make(
      'NOT_FOUND',
      'Oracle did not accept the session ID (ORA-00026: missing or invalid session ID): the instance named ' +
        '(@inst_id) may be down or not exist. The session list is refreshed.',
      false,
      err,
      d('invalidSessionId', { sessionListStale: true }),
    );
  }
  if (has('ORA-00027')) {
    return make('CONFLICT', 'A session cannot kill itself (ORA-00027).', false, err, d('killSelf'));
  }
  if (has('ORA-00029')) {
    return make(
      'CONFLICT',
      'That is not a user session (ORA-00029): background processes cannot be killed with KILL SESSION.',
      false,
      err,
      d('notUserSession'),
    );
  }

  // --- cancel SQL (issue 17) ----------------------------------------------------------------------
  // before 18c CANCEL is not an ALTER SYSTEM option (ORA-02065); RDS before 19c has no cancel procedure
  if (ctx.operation === 'cancel' && has('ORA-02065')) {
    return make(
      'UNSUPPORTED',
      'This database does not know ALTER SYSTEM CANCEL SQL (ORA-02065: illegal option for ALTER SYSTEM); it needs Oracle 18c or later.',
      false,
      err,
      d('cancelUnsupported'),
    );
  }

  // --- privileges -------------------------------------------------------------------------------
  const stopping = ctx.operation === 'kill' || ctx.operation === 'cancel';
  const killPathMissing = stopping && has('ORA-06550', 'PLS-00201', 'ORA-06576');
  if (has('ORA-00942', 'ORA-01031', 'ORA-04043') || killPathMissing) {
    if (stopping) {
      const { grant, what } = killGrant(ctx.killMethod ?? 'alter-system', user);
      const doing = ctx.operation === 'cancel' ? 'Cancelling SQL' : 'Killing sessions';
      return make(
        'ORACLE_PRIVILEGE',
        `${doing} this way needs ${what} (${oracleCode ?? 'ORA-01031'}). Ask a DBA: ${grant}`,
        false,
        err,
        d(ctx.operation === 'cancel' ? 'cancelPrivilege' : 'killPrivilege', { grant }),
      );
    }
    const grant = grantFor(ctx.views, user);
    const what = ctx.views?.length ? ctx.views.join(', ') : 'a dictionary view';
    return make(
      'ORACLE_PRIVILEGE',
      `The user cannot read ${what} (${oracleCode}). Ask a DBA: ${grant}`,
      false,
      err,
      d('readPrivilege', { grant, views: ctx.views ?? [] }),
    );
  }
  if (has('ORA-13716')) {
    return make(
      'UNSUPPORTED',
      'This feature needs the Diagnostics Pack, which CONTROL_MANAGEMENT_PACK_ACCESS disables on this database (ORA-13716).',
      false,
      err,
      d('packDisabled'),
    );
  }

  // --- pool -------------------------------------------------------------------------------------
  if (has('NJS-040', 'NJS-076')) {
    return make(
      'ORACLE_POOL_TIMEOUT',
      `All pooled connections stayed busy (${oracleCode}): the database answers slowly or too many panels poll at once. Lower the refresh rate or retry.`,
      true,
      err,
      d('poolBusy'),
    );
  }
  if (has('NJS-065')) {
    return make(
      'ORACLE_ERROR',
      'The connection pool was closed (NJS-065); retry to reopen it.',
      true,
      err,
      d('poolClosed'),
    );
  }

  // --- thin mode limits -------------------------------------------------------------------------
  if (
    has('NJS-116', 'NJS-138', 'NJS-531', 'NJS-532', 'NJS-533', 'NJS-089') ||
    /not supported .*thin mode/i.test(raw)
  ) {
    let why = 'This is not supported by node-oracledb thin mode';
    const thin = has('NJS-138')
      ? 'thinOldServer'
      : has('NJS-116')
        ? 'thin10gVerifier'
        : has('NJS-533')
          ? 'thinNne'
          : 'thinUnsupported';
    if (has('NJS-138'))
      why = 'Thin mode connects to Oracle Database 12.1 or later only; this server is older';
    else if (has('NJS-116'))
      why =
        'The account only has a 10G password verifier, which thin mode does not support; reset the password on an 11G+ verifier server';
    else if (has('NJS-531', 'NJS-532', 'NJS-533'))
      why =
        'The server requires Native Network Encryption, which thin mode does not support; use TLS (TCPS) instead';
    return make('ORACLE_THIN_UNSUPPORTED', `${why} (${oracleCode ?? 'thin mode'}).`, false, err, d(thin));
  }

  // --- the database, not the network: not open, or out of sessions / processes ----------------------
  if (has('ORA-01033', 'ORA-01034', 'ORA-01089', 'ORA-01092')) {
    const why = has('ORA-01033')
      ? 'The database is starting up or shutting down (ORA-01033)'
      : has('ORA-01034')
        ? 'The Oracle instance is not running (ORA-01034: ORACLE not available)'
        : has('ORA-01089')
          ? 'The database is shutting down (ORA-01089: immediate shutdown in progress)'
          : 'The instance was shut down and the session was disconnected (ORA-01092)';
    return make('ORACLE_UNREACHABLE', `${why}. Retrying with backoff.`, true, err, d('notOpen'));
  }
  if (has('ORA-01109')) {
    return make(
      'ORACLE_UNREACHABLE',
      'The database or pluggable database is not open (ORA-01109). A DBA can open it: ALTER PLUGGABLE DATABASE <name> OPEN; ' +
        '(or ALTER DATABASE OPEN). Retrying with backoff.',
      true,
      err,
      d('notOpen'),
    );
  }
  if (has('ORA-00018', 'ORA-00020')) {
    const limit = has('ORA-00018') ? 'SESSIONS' : 'PROCESSES';
    return make(
      'ORACLE_UNREACHABLE',
      `The database refused a new session: it has reached its ${limit} limit (${oracleCode}). ` +
        `Other programs hold the sessions; the console retries with backoff. A DBA can check V$RESOURCE_LIMIT.`,
      true,
      err,
      d('sessionLimit', { limit }),
    );
  }
  if (has('ORA-02391')) {
    return make(
      'ORACLE_POOL_TIMEOUT',
      `The account's profile limits its simultaneous sessions (ORA-02391: SESSIONS_PER_USER) and other programs ` +
        `of ${user} hold them all. The console shrinks its pool to what the profile leaves it; ask a DBA to raise ` +
        'SESSIONS_PER_USER in the profile if this persists.',
      true,
      err,
      d('sessionsPerUser'),
    );
  }
  if (has('ORA-12516', 'ORA-12519', 'ORA-12520')) {
    const hp = hostPort(raw);
    return make(
      'ORACLE_UNREACHABLE',
      `The listener${hp ? ` at ${hp}` : ''} has no free handler for a new session (${has('ORA-12516', 'ORA-12519', 'ORA-12520')}` +
        `${driverCode === 'NJS-511' ? ', refused as NJS-511' : ''}): the database is usually at its PROCESSES limit or ` +
        'its dispatchers are full. Retrying with backoff.',
      true,
      err,
      d('listenerFull', { host: hp }),
    );
  }
  // the session ended under the driver (killed, idle limit, fatal server error): the driver dropped
  // that one connection; the next one from the pool works, so this is not a network failure
  if (connectionDropped && has(...SESSION_ENDED)) {
    const why = has('ORA-00028')
      ? "The console's database session was killed (ORA-00028)"
      : has('ORA-02396')
        ? "The console's database session exceeded the profile's IDLE_TIME (ORA-02396)"
        : `The console's database session ended (${oracleCode})`;
    return make(
      'ORACLE_ERROR',
      `${why}; the driver dropped that connection. Retry: the next call uses a new session.`,
      true,
      err,
      d('sessionEnded'),
    );
  }

  // --- call / connect timeouts ------------------------------------------------------------------
  // DPI-1080 (thick: call timeout, connection unusable) arrives rewritten to NJS-500: still a timeout
  if (has('NJS-123', 'DPI-1067', 'DPI-1080', 'ORA-01013')) {
    return make(
      'ORACLE_TIMEOUT',
      `The query took longer than the per-call timeout and was cancelled (${oracleCode}). The database may be busy; retry later.`,
      true,
      err,
      d('callTimeout'),
    );
  }
  if (has('NJS-510', 'ORA-12170', 'ETIMEDOUT')) {
    const hp = hostPort(raw);
    return make(
      'ORACLE_TIMEOUT',
      `Connecting${hp ? ` to ${hp}` : ''} timed out (${oracleCode ?? 'ETIMEDOUT'}): check the host, port, firewall or VPN.`,
      true,
      err,
      d('connectTimeout', { host: hp }),
    );
  }

  // --- configuration: service / SID / TNS / TLS ---------------------------------------------------
  if (has('ORA-12514', 'NJS-518')) {
    return make(
      'ORACLE_CONFIG',
      `The listener does not know that service name (${oracleCode}). Check the service in the connect string (lsnrctl services lists them).`,
      false,
      err,
      d('unknownService'),
    );
  }
  if (has('ORA-12505', 'NJS-519')) {
    return make(
      'ORACLE_CONFIG',
      `The listener does not know that SID (${oracleCode}). Check the SID, or use the service name instead.`,
      false,
      err,
      d('unknownSid'),
    );
  }
  if (has('NJS-516', 'NJS-517', 'NJS-520', 'ORA-12154', 'NJS-514', 'NJS-515')) {
    const tns = has('NJS-517', 'ORA-12154')
      ? 'tnsAliasNotFound'
      : has('NJS-520')
        ? 'tnsnamesMissing'
        : has('NJS-516')
          ? 'notEasyConnect'
          : 'connectStringMalformed';
    const why = has('NJS-517', 'ORA-12154')
      ? 'The TNS alias was not found in tnsnames.ora'
      : has('NJS-520')
        ? 'tnsnames.ora was not found in the configuration directory'
        : has('NJS-516')
          ? 'The connect string is not valid Easy Connect and no configuration directory (tnsnames.ora) is set'
          : 'The connect string is malformed';
    return make(
      'ORACLE_CONFIG',
      `${why} (${oracleCode}). Use host:port/service, a (DESCRIPTION=...) descriptor, or a TNS alias with its configuration directory (thin mode reads tnsnames.ora only from there).`,
      false,
      err,
      d(tns),
    );
  }
  if (has('NJS-505', 'NJS-506', 'NJS-507', 'NJS-508', 'NJS-529')) {
    const tls = has('NJS-529')
      ? 'pemWalletNeeded'
      : has('NJS-507', 'NJS-508')
        ? 'certificateMismatch'
        : 'tlsFailed';
    const why = has('NJS-529')
      ? 'Thin mode needs a PEM wallet (ewallet.pem), not cwallet.sso/ewallet.p12'
      : has('NJS-507', 'NJS-508')
        ? 'The server certificate does not match the host/DN the connection expects'
        : 'The TLS handshake or wallet failed';
    return make('ORACLE_CONFIG', `${why} (${oracleCode}).`, false, err, d(tls));
  }

  // --- unreachable: listener down, host unknown, connection lost -----------------------------------
  if (has('NJS-530', 'ENOTFOUND', 'EAI_AGAIN')) {
    const hp = hostPort(raw);
    return make(
      'ORACLE_UNREACHABLE',
      `The host name${hp ? ` ${hp}` : ''} cannot be resolved (${oracleCode ?? 'ENOTFOUND'}): check its spelling, DNS or VPN.`,
      true,
      err,
      d('hostUnresolved', { host: hp }),
    );
  }
  if (has('NJS-511')) {
    const hp = hostPort(raw);
    const cause = codes.find((c) => c.startsWith('ORA-'));
    return make(
      'ORACLE_UNREACHABLE',
      `The listener${hp ? ` at ${hp}` : ''} refused the connection (NJS-511${cause ? `, cause ${cause}` : ''}). Check the ` +
        'listener (lsnrctl status) and the service; retrying with backoff.',
      true,
      err,
      d('listenerRefused', { host: hp, cause: cause ?? '' }),
    );
  }
  if (has('NJS-503', 'ORA-12541', 'ECONNREFUSED', 'EHOSTUNREACH')) {
    const hp = hostPort(raw);
    return make(
      'ORACLE_UNREACHABLE',
      `No Oracle listener answered${hp ? ` at ${hp}` : ''} (${oracleCode ?? 'ECONNREFUSED'}): the listener or database may be down, or the port is wrong. Retrying with backoff.`,
      true,
      err,
      d('listenerDown', { host: hp }),
    );
  }
  if (has('NJS-500', 'NJS-501', 'NJS-521', 'ORA-03113', 'ORA-03114', 'ORA-03135', 'ECONNRESET')) {
    const eof = has('NJS-521');
    return make(
      'ORACLE_UNREACHABLE',
      `The connection to the database was lost (${oracleCode ?? 'ECONNRESET'}).${
        eof
          ? ' If this happens on every connect, the server may require Native Network Encryption, which thin mode does not support: use TLS (TCPS).'
          : ''
      }`,
      true,
      err,
      d(eof ? 'connectionLostNne' : 'connectionLost'),
    );
  }
  if (has('NJS-003')) {
    return make(
      'ORACLE_ERROR',
      'The connection was closed (NJS-003); retry to get a new one.',
      true,
      err,
      d('connectionClosed'),
    );
  }

  // an ORA- error keeps Oracle's own words (a DBA looks them up); any other library text stays in
  // details for the log, never in the message
  const oracleText = oracleCode?.startsWith('ORA-') ? first : undefined;
  return make(
    'ORACLE_ERROR',
    oracleText
      ? `Oracle error: ${oracleText}`
      : `Unexpected error talking to Oracle${oracleCode ? ` (${oracleCode})` : ''}.`,
    false,
    err,
    d(oracleText ? 'oracleError' : 'unexpected', oracleText ? { oracleText } : {}),
  );
}

// --- warnings --------------------------------------------------------------------------------------

/**
 * A logon warning (node-oracledb `connection.warning`, set by the thin auth message): the connection
 * works, but the DBA must hear about it. ORA-28002 "the password will expire within N days" is the
 * usual one (profile PASSWORD_LIFE_TIME / PASSWORD_GRACE_TIME). Null for no or an unknown warning.
 */
export function classifyOracleWarning(warning: unknown, user = '<user>'): AppError | null {
  if (!warning) return null;
  const codes = oracleCodes(warning);
  const first = messageOf(warning).split('\n')[0]?.slice(0, 300) ?? '';
  if (codes.includes('ORA-28002') || codes.includes('ORA-28011')) {
    const days = /within (\d+) days?/i.exec(first)?.[1];
    const code = codes.includes('ORA-28002') ? 'ORA-28002' : 'ORA-28011';
    return {
      code: 'ORACLE_AUTH',
      message:
        `The password of ${user} expires ${days ? `within ${days} day(s)` : 'soon'} (${code}). Change it before it ` +
        `expires, or the console (and every program using this account) stops connecting: ALTER USER ${user} IDENTIFIED BY <new password>;`,
      retryable: false,
      details: {
        oracleCode: code,
        warning: true,
        // worded by the renderer (errors.json oracle.passwordExpiring / passwordExpiringSoon)
        reason: days ? 'oracle.passwordExpiring' : 'oracle.passwordExpiringSoon',
        ref: code,
        user,
        ...(days ? { days: Number(days) } : {}),
      },
    };
  }
  return null;
}

// --- backoff ----------------------------------------------------------------------------------

export interface BackoffOptions {
  /** first delay, ms (default 1 000) */
  baseMs?: number;
  /** cap, ms (default 60 000) */
  maxMs?: number;
  /** attempts after the first (default 5) */
  retries?: number;
  /** 0..1 random spread (default 0.2) */
  jitter?: number;
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  onRetry?: (error: TmsError, attempt: number, delayMs: number) => void;
}

/** Exponential delay for retry `attempt` (1-based): base * 2^(attempt-1), capped, with jitter. */
export function backoffDelay(attempt: number, opts: BackoffOptions = {}): number {
  const base = opts.baseMs ?? 1000;
  const max = opts.maxMs ?? 60_000;
  const jitter = opts.jitter ?? 0.2;
  const rnd = opts.random ?? Math.random;
  const exp = Math.min(max, base * 2 ** Math.max(0, attempt - 1));
  return Math.round(exp * (1 - jitter + 2 * jitter * rnd()));
}

/** Whether an error may be retried automatically. ORACLE_AUTH never is (account lock-out). */
export function isRetryable(error: TmsError): boolean {
  return error.retryable && error.code !== 'ORACLE_AUTH';
}

/**
 * Runs `fn`, retrying classified-retryable failures (listener down, host unknown, timeouts, pool busy)
 * with exponential backoff. Credentials, grants, configuration and thin-mode errors are thrown at once.
 */
export async function withBackoff<T>(fn: () => Promise<T>, opts: BackoffOptions = {}): Promise<T> {
  const retries = opts.retries ?? 5;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  for (let attempt = 0; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      const e = classifyOracleError(err);
      if (!isRetryable(e) || attempt >= retries) throw e;
      const delay = backoffDelay(attempt + 1, opts);
      opts.onRetry?.(e, attempt + 1, delay);
      await sleep(delay);
    }
  }
}
