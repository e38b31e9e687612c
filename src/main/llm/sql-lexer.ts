/**
 * A small Oracle SQL lexer: enough to normalise text for the cache hash, mask literals for prompts,
 * and let the offline analyser find clauses. It never fails: unknown characters become `op` tokens.
 */

export type TokenKind =
  | 'ws'
  | 'comment' // -- ... or /* ... */
  | 'hint' // /*+ ... */ or --+ ...
  | 'string' // '...', N'...', q'[...]'
  | 'qident' // "Quoted Identifier"
  | 'number'
  | 'word' // unquoted identifier or keyword
  | 'bind' // :name, :1
  | 'op'; // operators and punctuation

export interface Token {
  kind: TokenKind;
  text: string;
  start: number;
  end: number;
  /** upper-cased text (words only), computed once */
  up?: string;
}

// char-code tests: the lexer runs over statements of up to 100k characters
const isDigitCode = (c: number) => c >= 48 && c <= 57;
const isWordStartCode = (c: number) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 0x80;
const isWordCode = (c: number) => isWordStartCode(c) || isDigitCode(c) || c === 36 || c === 35;
const isSpaceCode = (c: number) =>
  c === 32 || (c >= 9 && c <= 13) || c === 0xa0 || c === 0x3000 || c === 0xfeff;
const WORD_CHAR = { test: (ch: string) => ch.length > 0 && isWordCode(ch.charCodeAt(0)) };
const DIGIT = { test: (ch: string) => ch.length > 0 && isDigitCode(ch.charCodeAt(0)) };
const MULTI_OPS = ['<=', '>=', '<>', '!=', '^=', '~=', '||', ':=', '=>', '**', '..'];
const Q_CLOSE: Record<string, string> = { '[': ']', '{': '}', '(': ')', '<': '>' };

export function tokenize(sql: string): Token[] {
  const tokens: Token[] = [];
  const n = sql.length;
  let i = 0;
  const push = (kind: TokenKind, start: number, end: number) => {
    const text = sql.slice(start, end);
    tokens.push(
      kind === 'word' ? { kind, text, start, end, up: text.toUpperCase() } : { kind, text, start, end },
    );
  };
  while (i < n) {
    const c = sql[i]!;
    const start = i;
    if (isSpaceCode(sql.charCodeAt(i))) {
      while (i < n && isSpaceCode(sql.charCodeAt(i))) i++;
      push('ws', start, i);
    } else if (c === '-' && sql[i + 1] === '-') {
      const nl = sql.indexOf('\n', i);
      i = nl === -1 ? n : nl;
      push(sql[start + 2] === '+' ? 'hint' : 'comment', start, i);
    } else if (c === '/' && sql[i + 1] === '*') {
      const close = sql.indexOf('*/', i + 2);
      i = close === -1 ? n : close + 2;
      push(sql[start + 2] === '+' ? 'hint' : 'comment', start, i);
    } else if (c === "'") {
      i = scanString(sql, i + 1);
      push('string', start, i);
    } else if (/[nNqQ]/.test(c) && isStringPrefix(sql, i)) {
      // N'...', q'[...]', Nq'{...}'
      let j = i;
      while (/[nN]/.test(sql[j]!) && sql[j + 1] !== "'" && /[qQ]/.test(sql[j + 1] ?? '')) j++;
      if (/[qQ]/.test(sql[j]!)) {
        const open = sql[j + 2] ?? '';
        const close = Q_CLOSE[open] ?? open;
        const end = open ? sql.indexOf(`${close}'`, j + 3) : -1;
        i = end === -1 ? n : end + 2;
      } else {
        i = scanString(sql, j + 2);
      }
      push('string', start, i);
    } else if (c === '"') {
      const close = sql.indexOf('"', i + 1);
      i = close === -1 ? n : close + 1;
      push('qident', start, i);
    } else if (DIGIT.test(c) || (c === '.' && DIGIT.test(sql[i + 1] ?? ''))) {
      while (i < n && DIGIT.test(sql[i]!)) i++;
      if (sql[i] === '.' && sql[i + 1] !== '.') {
        i++;
        while (i < n && DIGIT.test(sql[i]!)) i++;
      }
      if (/[eE]/.test(sql[i] ?? '') && /[0-9+-]/.test(sql[i + 1] ?? '')) {
        i += 2;
        while (i < n && DIGIT.test(sql[i]!)) i++;
      }
      if (/[fFdD]/.test(sql[i] ?? '') && !WORD_CHAR.test(sql[i + 1] ?? '')) i++;
      push('number', start, i);
    } else if (isWordStartCode(sql.charCodeAt(i))) {
      while (i < n && isWordCode(sql.charCodeAt(i))) i++;
      push('word', start, i);
    } else if (c === ':' && sql[i + 1] !== '=' && /[A-Za-z0-9_"]/.test(sql[i + 1] ?? '')) {
      i++;
      if (sql[i] === '"') {
        const close = sql.indexOf('"', i + 1);
        i = close === -1 ? n : close + 1;
      } else {
        while (i < n && WORD_CHAR.test(sql[i]!)) i++;
      }
      push('bind', start, i);
    } else {
      const two = sql.slice(i, i + 2);
      i += MULTI_OPS.includes(two) ? 2 : 1;
      push('op', start, i);
    }
  }
  return tokens;
}

function scanString(sql: string, from: number): number {
  let i = from;
  while (i < sql.length) {
    if (sql[i] === "'") {
      if (sql[i + 1] === "'") {
        i += 2;
        continue;
      }
      return i + 1;
    }
    i++;
  }
  return sql.length;
}

function isStringPrefix(sql: string, i: number): boolean {
  if (i > 0 && WORD_CHAR.test(sql[i - 1]!)) return false;
  const rest = sql.slice(i, i + 3);
  return /^([nN]'|[qQ]'|[nN][qQ]')/.test(rest);
}

/** Tokens that carry meaning (no whitespace, no plain comments; hints kept). */
export function significant(tokens: readonly Token[]): Token[] {
  return tokens.filter((t) => t.kind !== 'ws' && t.kind !== 'comment');
}

export const isWord = (t: Token | undefined, ...words: string[]): boolean =>
  t !== undefined && t.kind === 'word' && words.includes(t.up ?? t.text.toUpperCase());

export type Clause = 'none' | 'select' | 'from' | 'where' | 'group' | 'having' | 'order' | 'set' | 'other';

export interface AnnotatedToken extends Token {
  /** parenthesis depth (0 = top level) */
  depth: number;
  /** the clause of the innermost query block the token belongs to */
  clause: Clause;
  /** inside WHERE / HAVING / a join's ON / START WITH / CONNECT BY */
  predicate: boolean;
}

const CLAUSE_WORDS: Record<string, Clause> = {
  SELECT: 'select',
  FROM: 'from',
  WHERE: 'where',
  HAVING: 'having',
  SET: 'set',
  INTO: 'other',
  VALUES: 'other',
  RETURNING: 'other',
  FETCH: 'other',
  OFFSET: 'other',
  UNION: 'none',
  INTERSECT: 'none',
  MINUS: 'none',
  EXCEPT: 'none',
};

/** Annotate significant tokens with depth, clause and whether they sit in a predicate. */
export function annotate(tokens: readonly Token[]): AnnotatedToken[] {
  const sig = significant(tokens);
  const out: AnnotatedToken[] = [];
  // per depth: current clause and "in ON predicate"
  const stack: { clause: Clause; on: boolean }[] = [{ clause: 'none', on: false }];
  for (let i = 0; i < sig.length; i++) {
    const t = sig[i]!;
    const frame = stack[stack.length - 1]!;
    if (t.kind === 'op' && t.text === ')') {
      if (stack.length > 1) stack.pop();
      const f = stack[stack.length - 1]!;
      out.push({ ...t, depth: stack.length - 1, clause: f.clause, predicate: isPred(f) });
      continue;
    }
    if (t.kind === 'word') {
      const w = t.up ?? t.text.toUpperCase();
      const next = sig[i + 1];
      if (w === 'GROUP' && isWord(next, 'BY')) frame.clause = 'group';
      else if (w === 'ORDER' && isWord(next, 'BY')) frame.clause = 'order';
      else if ((w === 'START' && isWord(next, 'WITH')) || (w === 'CONNECT' && isWord(next, 'BY'))) {
        frame.clause = 'where';
      } else if (w === 'ON' && frame.clause === 'from') frame.on = true;
      else if (w === 'JOIN' && frame.clause === 'from') frame.on = false;
      else if (w in CLAUSE_WORDS && !(w === 'SET' && frame.clause !== 'none' && frame.clause !== 'other')) {
        frame.clause = CLAUSE_WORDS[w]!;
        frame.on = false;
      }
    }
    out.push({ ...t, depth: stack.length - 1, clause: frame.clause, predicate: isPred(frame) });
    if (t.kind === 'op' && t.text === '(') stack.push({ clause: frame.clause, on: frame.on });
  }
  return out;
}

function isPred(f: { clause: Clause; on: boolean }): boolean {
  return f.clause === 'where' || f.clause === 'having' || (f.clause === 'from' && f.on);
}
