/**
 * Credentials recognisable by their form, whoever typed them: a password in a URL, a connect string or a
 * JDBC URL, a bearer token. These need no registry: they are hidden even when the value is new to us
 * (a password typed inside a connect string, before anything stored it).
 */
export const REDACTED = '***';

const PATTERNS: readonly [RegExp, string][] = [
  // jdbc:oracle:thin:scott/tiger@... (the user name is kept only by the parser, never in text)
  [/(jdbc:oracle:[a-z0-9]+:)[^@\s]+@/gi, `$1${REDACTED}@`],
  // URL credentials: redis://user:pass@h, rediss://:pass@h, https://u:p@h → the user stays, the password goes
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]+)@/gi, `$1$2:${REDACTED}@`],
  // key=value in descriptors and query strings: (PASSWORD=x), ?wallet_password=x, PWD=x;
  [/(\b(?:wallet_password|password|passwd|pwd)\s*=\s*)(?!\*\*\*)("[^"]*"|[^)&;\s,]+)/gi, `$1${REDACTED}`],
  // SQL*Plus style: scott/tiger@//db:1521/ORCL, scott/tiger@TNSALIAS, "scott"/"p w"@db
  [/(^|[\s"'=(,:])("[^"]+"|[\w$#.]+)\/("[^"]*"|[^\s@/"']+)@/g, `$1$2/${REDACTED}@`],
  // bearer tokens
  [/\b(Bearer\s+)(?!\*\*\*)[\w.~+/=-]+/gi, `$1${REDACTED}`],
];

/** a cheap test first: most texts have no `@`, `=` or "Bearer" and are returned untouched */
const MAY_HOLD = /[@=]|bearer/i;

/** Hide credentials written in URLs, connect strings, JDBC URLs and Authorization values. */
export function redactCredentials(text: string): string {
  if (!MAY_HOLD.test(text)) return text;
  let out = text;
  for (const [pattern, replacement] of PATTERNS) out = out.replace(pattern, replacement);
  return out;
}
