/**
 * The main process log: a size-rotated file in <userData>/logs (main.log, main.log.1, …),
 * every line passed through `redact` so no password, token or URL credential reaches disk.
 */
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export type LogLevel = 'error' | 'warn' | 'info';

export interface RotatingLogOptions {
  dir: string;
  /** default main.log */
  fileName?: string;
  /** rotate when the current file would exceed this (default 1 MB) */
  maxBytes?: number;
  /** files kept in total, the current one included (default 5) */
  maxFiles?: number;
  /** also echo to stderr (dev) */
  echo?: boolean;
  now?: () => Date;
}

const SECRET_KEYS = '(?:password|passwd|pwd|pass|secret|token|api[_-]?key|apikey|authorization)';
const REDACTIONS: [RegExp, string][] = [
  // URL credentials: redis://user:pass@h, rediss://:pass@h, https://u:p@h → keep the user, hide the password
  [/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:@/]*):([^\s@/]*)@/gi, '$1$2:***@'],
  // JSON / object dumps: "password": "x y", 'token':'…'
  [
    new RegExp(String.raw`(["']${SECRET_KEYS}["']\s*:\s*)("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')`, 'gi'),
    '$1"***"',
  ],
  // key=value / key: value (connect strings, query strings, env dumps): password=x, PWD=x;
  [
    new RegExp(
      String.raw`(\b[\w.-]*${SECRET_KEYS}\b\s*[=:]\s*)(?!\*\*\*)((?:Bearer|Basic)\s+[^\s,;]+|"[^"]*"|'[^']*'|[^\s,;&)}\]]+)`,
      'gi',
    ),
    '$1***',
  ],
  // Oracle easy-connect / sqlplus style: scott/tiger@//db:1521/ORCL, scott/tiger@TNSALIAS
  [/(^|[\s"'=(,])([\w$#.]+)\/([^\s@/"']+)@/g, '$1$2/***@'],
  // bearer tokens
  [/\b(Bearer\s+)[\w.~+/=-]+/gi, '$1***'],
];

/** Hide credentials in free text (messages, stacks, serialized objects). */
export function redact(text: string): string {
  let out = text;
  for (const [pattern, replacement] of REDACTIONS) out = out.replace(pattern, replacement);
  return out;
}

export function formatError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const head = `${error.name}${code !== undefined ? ` [${String(code)}]` : ''}: ${error.message}`;
    const stack = error.stack?.split('\n').slice(1).join('\n');
    const cause = error.cause !== undefined ? `\ncaused by: ${formatError(error.cause)}` : '';
    return `${head}${stack ? `\n${stack}` : ''}${cause}`;
  }
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}

export class RotatingLog {
  readonly dir: string;
  readonly file: string;
  readonly #maxBytes: number;
  readonly #maxFiles: number;
  readonly #echo: boolean;
  readonly #now: () => Date;
  #size: number | undefined;

  constructor(options: RotatingLogOptions) {
    this.dir = options.dir;
    this.file = join(options.dir, options.fileName ?? 'main.log');
    this.#maxBytes = options.maxBytes ?? 1_000_000;
    this.#maxFiles = Math.max(1, options.maxFiles ?? 5);
    this.#echo = options.echo ?? false;
    this.#now = options.now ?? (() => new Date());
  }

  error(message: string, error?: unknown): void {
    this.write('error', message, error);
  }
  warn(message: string, error?: unknown): void {
    this.write('warn', message, error);
  }
  info(message: string): void {
    this.write('info', message);
  }

  /** Never throws: a logging failure must not take the app down. */
  write(level: LogLevel, message: string, error?: unknown): void {
    const body = error === undefined ? message : `${message}: ${formatError(error)}`;
    const line = `${this.#now().toISOString()} ${level.toUpperCase()} ${redact(body)}\n`;
    if (this.#echo) process.stderr.write(line);
    try {
      const bytes = Buffer.byteLength(line);
      if (this.#size === undefined) {
        mkdirSync(this.dir, { recursive: true });
        this.#size = Math.max(0, fileSize(this.file));
      }
      if (this.#size > 0 && this.#size + bytes > this.#maxBytes) this.#rotate();
      appendFileSync(this.file, line, { mode: 0o600 });
      this.#size += bytes;
    } catch {
      this.#size = undefined;
    }
  }

  #rotate(): void {
    // main.log.(max-1) is dropped; main.log.n → n+1; main.log → main.log.1
    rmSync(`${this.file}.${this.#maxFiles - 1}`, { force: true });
    for (let n = this.#maxFiles - 2; n >= 1; n--) {
      if (fileSize(`${this.file}.${n}`) >= 0) tryRename(`${this.file}.${n}`, `${this.file}.${n + 1}`);
    }
    if (this.#maxFiles > 1) tryRename(this.file, `${this.file}.1`);
    else rmSync(this.file, { force: true });
    this.#size = 0;
  }
}

/** bytes, or -1 when the file does not exist */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return -1;
  }
}

function tryRename(from: string, to: string): void {
  try {
    renameSync(from, to);
  } catch {
    // already gone
  }
}
