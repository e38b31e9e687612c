/** Token helpers the rules share: column references, parentheses, comparisons, evidence snippets. */
import { type AnnotatedToken, isWord } from '../sql-lexer';
import { ident } from './query-blocks';

const SQL_KEYWORDS = new Set([
  'SELECT',
  'FROM',
  'WHERE',
  'AND',
  'OR',
  'NOT',
  'NULL',
  'IS',
  'IN',
  'EXISTS',
  'LIKE',
  'BETWEEN',
  'CASE',
  'WHEN',
  'THEN',
  'ELSE',
  'END',
  'AS',
  'ON',
  'JOIN',
  'DISTINCT',
  'SYSDATE',
  'SYSTIMESTAMP',
  'ROWNUM',
  'LEVEL',
  'PRIOR',
  'ANY',
  'ALL',
  'SOME',
  'TRUE',
  'FALSE',
  'DATE',
  'TIMESTAMP',
  'INTERVAL',
]);

/** A column reference at index i: `col`, `alias.col`, `"A"."COL"`; null when the token is not one. */
export function colRefAt(
  tokens: AnnotatedToken[],
  i: number,
): { qualifier: string | null; col: string; end: number } | null {
  const t = tokens[i];
  if (!t || (t.kind !== 'word' && t.kind !== 'qident')) return null;
  if (t.kind === 'word' && SQL_KEYWORDS.has(t.up ?? t.text.toUpperCase())) return null;
  if (tokens[i + 1]?.text === '(') return null; // a function call
  if (
    tokens[i + 1]?.text === '.' &&
    tokens[i + 2] &&
    (tokens[i + 2]!.kind === 'word' || tokens[i + 2]!.kind === 'qident')
  ) {
    if (tokens[i + 3]?.text === '(') return null; // pkg.func(
    if (tokens[i + 3]?.text === '.' && tokens[i + 4]) {
      return { qualifier: ident(tokens[i + 2]!), col: ident(tokens[i + 4]!), end: i + 5 };
    }
    return { qualifier: ident(t), col: ident(tokens[i + 2]!), end: i + 3 };
  }
  return { qualifier: null, col: ident(t), end: i + 1 };
}

export function matchingParen(tokens: AnnotatedToken[], open: number): number {
  const d = tokens[open]!.depth;
  for (let i = open + 1; i < tokens.length; i++)
    if (tokens[i]!.text === ')' && tokens[i]!.depth === d) return i;
  return tokens.length - 1;
}

export const COMPARISON = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '^=', '~=']);
export const isComparison = (t: AnnotatedToken | undefined) =>
  t !== undefined &&
  ((t.kind === 'op' && COMPARISON.has(t.text)) || isWord(t, 'LIKE', 'IN', 'BETWEEN', 'NOT'));

/** The SQL text between two tokens, whitespace folded, at most 160 characters. */
export function snippet(tokens: AnnotatedToken[], from: number, to: number, sql: string): string {
  const a = tokens[Math.max(0, from)];
  const b = tokens[Math.min(tokens.length - 1, to)];
  if (!a || !b) return '';
  const text = sql.slice(a.start, b.end).replace(/\s+/g, ' ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}
