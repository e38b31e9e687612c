/**
 * The statement's query blocks (SELECT / UPDATE / DELETE) with their FROM items, WHERE position and
 * FETCH FIRST, found from the annotated tokens. Rules read them through the RuleContext.
 */
import { type AnnotatedToken, annotate, isWord, tokenize } from '../sql-lexer';

export interface FromItem {
  /** upper-case table name (last part of owner.table); null for an inline view */
  table: string | null;
  owner: string | null;
  /** upper-case alias, or the table name */
  alias: string | null;
  join: 'first' | 'comma' | 'join' | 'cross';
}

export interface QueryBlock {
  /** index of SELECT (or UPDATE/DELETE) in the token list */
  start: number;
  /** exclusive */
  end: number;
  depth: number;
  kind: 'select' | 'update' | 'delete';
  distinct: boolean;
  from: FromItem[];
  /** index of WHERE at the block's depth, -1 when none */
  where: number;
  hasFetchFirst: boolean;
  /** the token before the block's opening parenthesis (e.g. EXISTS, IN) */
  before: AnnotatedToken | undefined;
}

const CLAUSE_END = new Set([
  'WHERE',
  'GROUP',
  'ORDER',
  'HAVING',
  'CONNECT',
  'START',
  'UNION',
  'INTERSECT',
  'MINUS',
]);
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'APPLY']);

export function findBlocks(tokens: AnnotatedToken[]): QueryBlock[] {
  const blocks: QueryBlock[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    const kind = isWord(t, 'SELECT')
      ? 'select'
      : isWord(t, 'UPDATE')
        ? 'update'
        : isWord(t, 'DELETE')
          ? 'delete'
          : null;
    if (!kind) continue;
    if (kind !== 'select' && t.depth !== 0) continue;
    const d = t.depth;
    let end = i + 1;
    while (end < tokens.length) {
      const x = tokens[end]!;
      if (x.depth < d) break;
      if (x.depth === d && isWord(x, 'UNION', 'INTERSECT', 'MINUS', 'EXCEPT')) break;
      end++;
    }
    let j = i + 1;
    while (tokens[j]?.kind === 'hint') j++;
    const block: QueryBlock = {
      start: i,
      end,
      depth: d,
      kind,
      distinct: kind === 'select' && isWord(tokens[j], 'DISTINCT', 'UNIQUE'),
      from: [],
      where: -1,
      hasFetchFirst: false,
      before: tokens[i - 2],
    };
    // from items
    let inFrom = kind !== 'select';
    let item: AnnotatedToken[] = [];
    let join: FromItem['join'] = 'first';
    const flush = () => {
      if (item.length) block.from.push(fromItem(item, join));
      item = [];
    };
    for (let k = kind === 'select' ? i + 1 : j; k < end; k++) {
      const x = tokens[k]!;
      if (x.depth !== d) {
        if (inFrom && x.depth === d + 1 && item.length === 0) item.push(x); // inline view starts
        continue;
      }
      if (x.kind !== 'word') {
        if (inFrom && x.kind === 'op' && x.text === ',') {
          flush();
          join = 'comma';
        } else if (inFrom && !(x.kind === 'op' && (x.text === ')' || x.text === '('))) item.push(x);
        else if (inFrom && x.text === ')' && item.length === 0) item.push(x);
        continue;
      }
      const w = x.up ?? x.text.toUpperCase();
      if (kind === 'select' && w === 'FROM' && !inFrom && block.from.length === 0) {
        inFrom = true;
        continue;
      }
      if (kind === 'delete' && w === 'FROM') continue;
      if (kind === 'update' && w === 'SET') {
        flush();
        inFrom = false;
        continue;
      }
      if (w === 'WHERE' && block.where === -1) block.where = k;
      if (w === 'FETCH' && (isWord(tokens[k + 1], 'FIRST', 'NEXT') || isWord(tokens[k + 1], 'FIRST'))) {
        block.hasFetchFirst = true;
      }
      if (!inFrom) continue;
      if (CLAUSE_END.has(w)) {
        flush();
        inFrom = false;
        continue;
      }
      if (JOIN_WORDS.has(w)) {
        flush();
        if (w === 'CROSS') join = 'cross';
        else if (join !== 'cross') join = 'join';
        continue;
      }
      if (w === 'ON' || w === 'USING') {
        flush();
        // skip the join condition: tokens until the next JOIN word / comma at depth d
        let m = k + 1;
        while (m < end) {
          const y = tokens[m]!;
          if (
            y.depth === d &&
            ((y.kind === 'word' &&
              (JOIN_WORDS.has(y.up ?? y.text.toUpperCase()) ||
                CLAUSE_END.has(y.up ?? y.text.toUpperCase()))) ||
              y.text === ',')
          )
            break;
          m++;
        }
        k = m - 1;
        continue;
      }
      item.push(x);
    }
    flush();
    blocks.push(block);
  }
  return blocks;
}

function fromItem(tokens: AnnotatedToken[], join: FromItem['join']): FromItem {
  const first = tokens[0]!;
  const inline = first.depth > tokens[tokens.length - 1]!.depth || first.text === ')' || first.text === '(';
  const words = tokens.filter((t) => t.depth === tokens[tokens.length - 1]!.depth);
  if (inline) {
    const last = words[words.length - 1];
    return { table: null, owner: null, alias: last && last.kind !== 'op' ? ident(last) : null, join };
  }
  // owner . table [AS] alias | table alias | table
  let owner: string | null = null;
  let table: string | null = null;
  let idx = 0;
  if (words[1]?.text === '.' && words[2]) {
    owner = ident(words[0]!);
    table = ident(words[2]);
    idx = 3;
  } else if (words[0]) {
    table = ident(words[0]);
    idx = 1;
  }
  if (words[idx]?.text === '@') idx += 2; // db link
  if (isWord(words[idx], 'AS')) idx++;
  const aliasTok = words[idx];
  const alias =
    aliasTok &&
    (aliasTok.kind === 'word' || aliasTok.kind === 'qident') &&
    !isWord(aliasTok, 'PARTITION', 'SAMPLE')
      ? ident(aliasTok)
      : table;
  return { table, owner, alias, join };
}

export function ident(t: AnnotatedToken): string {
  return t.kind === 'qident' ? t.text.slice(1, -1) : (t.up ?? t.text.toUpperCase());
}

/** The tables a statement names (for looking up their sizes); inline views and DUAL left out. */
export function tablesReferenced(sqlText: string): { owner?: string; name: string }[] {
  const seen = new Map<string, { owner?: string; name: string }>();
  for (const b of findBlocks(annotate(tokenize(sqlText)))) {
    for (const f of b.from) {
      if (!f.table || f.table === 'DUAL') continue;
      const key = `${f.owner ?? ''}.${f.table}`;
      if (!seen.has(key)) seen.set(key, f.owner ? { owner: f.owner, name: f.table } : { name: f.table });
    }
  }
  return [...seen.values()].slice(0, 50);
}
