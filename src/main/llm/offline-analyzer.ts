/**
 * The built-in offline analyser: the embedded default provider, no model, nothing leaves the machine.
 * Rule-based findings on the SQL text, the plan (DBMS_XPLAN text), the per-execution statistics and
 * the tables' sizes. Each finding carries an explanation a DBA can act on and a suggested fix.
 *
 * Rule groups by analysis type: `sql` = rules on the statement text; `plan` = rules on the plan and
 * statistics; `tuning` = all rules plus statistics freshness, reported as prioritised actions.
 */
import type {
  AnalysisLanguage,
  AnalysisType,
  Finding,
  FindingSeverity,
  LlmSqlStats,
  LlmTableInfo,
} from '@shared/types/llm';
import { type ParsedPlan, parsePlan } from './plan-parser';
import { formatStats } from './prompts';
import { type AnnotatedToken, annotate, isWord, tokenize } from './sql-lexer';

export const OFFLINE_MODEL = 'rules-v1';

export interface OfflineThresholds {
  /** a table with at least this many rows is "large" */
  largeTableRows: number;
  /** buffer gets per execution: medium at this, high at 10× this */
  highGetsPerExec: number;
  /** a sort of at least this many (estimated) rows is worth avoiding */
  largeSortRows: number;
  /** statistics older than this many days are stale */
  staleStatsDays: number;
}

export const DEFAULT_THRESHOLDS: OfflineThresholds = {
  largeTableRows: 100_000,
  highGetsPerExec: 10_000,
  largeSortRows: 100_000,
  staleStatsDays: 30,
};

export interface OfflineInput {
  type: AnalysisType;
  sqlText: string;
  plan?: string;
  stats?: LlmSqlStats;
  tables?: LlmTableInfo[];
  language?: AnalysisLanguage;
  /** for "statistics are N days old" (tests) */
  now?: number;
  thresholds?: Partial<OfflineThresholds>;
}

export interface OfflineReport {
  findings: Finding[];
  markdown: string;
}

/** The rule ids, for tests and the UI. */
export const RULE_IDS = [
  'SELECT_STAR',
  'NO_WHERE_LARGE_TABLE',
  'FUNCTION_ON_COLUMN',
  'IMPLICIT_CONVERSION',
  'NOT_IN_NULLABLE',
  'CARTESIAN_JOIN',
  'FULL_SCAN_LARGE_TABLE',
  'HIGH_GETS_PER_EXEC',
  'LEADING_WILDCARD',
  'OR_ACROSS_COLUMNS',
  'DISTINCT_WITH_JOIN',
  'LARGE_SORT',
  'STALE_STATISTICS',
] as const;
export type RuleId = (typeof RULE_IDS)[number];

const SEVERITY_ORDER: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };

// ---------------------------------------------------------------------------------------------
// Context shared by the rules

interface FromItem {
  /** upper-case table name (last part of owner.table); null for an inline view */
  table: string | null;
  owner: string | null;
  /** upper-case alias, or the table name */
  alias: string | null;
  join: 'first' | 'comma' | 'join' | 'cross';
}

interface QueryBlock {
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

class Ctx {
  readonly tokens: AnnotatedToken[];
  readonly blocks: QueryBlock[];
  readonly plan: ParsedPlan;
  readonly tables = new Map<string, LlmTableInfo>();
  readonly th: OfflineThresholds;
  readonly now: number;

  constructor(readonly input: OfflineInput) {
    this.tokens = annotate(tokenize(input.sqlText));
    this.blocks = findBlocks(this.tokens);
    this.plan = parsePlan(input.plan);
    for (const t of input.tables ?? []) {
      this.tables.set(t.name.toUpperCase(), t);
      if (t.owner) this.tables.set(`${t.owner.toUpperCase()}.${t.name.toUpperCase()}`, t);
    }
    this.th = { ...DEFAULT_THRESHOLDS, ...input.thresholds };
    this.now = input.now ?? Date.now();
  }

  table(name: string | null, owner?: string | null): LlmTableInfo | undefined {
    if (!name) return undefined;
    return (owner ? this.tables.get(`${owner}.${name}`) : undefined) ?? this.tables.get(name);
  }

  /** alias or table name → table info, within a block */
  resolveAlias(block: QueryBlock | undefined, alias: string): LlmTableInfo | undefined {
    const item = block?.from.find((f) => f.alias === alias || f.table === alias);
    return item ? this.table(item.table, item.owner) : this.table(alias);
  }

  blockAt(index: number): QueryBlock | undefined {
    let best: QueryBlock | undefined;
    for (const b of this.blocks)
      if (index >= b.start && index < b.end && (!best || b.start > best.start)) best = b;
    return best;
  }

  /** the column a `qualifier.col` / `col` reference names, with its table when known */
  column(block: QueryBlock | undefined, qualifier: string | null, col: string) {
    const candidates: LlmTableInfo[] = [];
    if (qualifier) {
      const t = this.resolveAlias(block, qualifier);
      if (t) candidates.push(t);
    } else {
      for (const f of block?.from ?? []) {
        const t = this.table(f.table, f.owner);
        if (t) candidates.push(t);
      }
    }
    for (const t of candidates) {
      const c = t.columns?.find((x) => x.name.toUpperCase() === col);
      const indexed = t.indexes?.some((ix) => ix.columns.some((ic) => ic.toUpperCase() === col)) ?? false;
      const leading = t.indexes?.some((ix) => ix.columns[0]?.toUpperCase() === col) ?? false;
      if (c || indexed) return { table: t, info: c, indexed, leading };
    }
    return undefined;
  }

  rowsOf(t: LlmTableInfo | undefined): number | null {
    return t?.numRows ?? null;
  }
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
const JOIN_WORDS = new Set(['JOIN', 'INNER', 'LEFT', 'RIGHT', 'FULL', 'OUTER', 'CROSS', 'NATURAL', 'APPLY']);

function findBlocks(tokens: AnnotatedToken[]): QueryBlock[] {
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
      const w = x.text.toUpperCase();
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
              (JOIN_WORDS.has(y.text.toUpperCase()) || CLAUSE_END.has(y.text.toUpperCase()))) ||
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

function ident(t: AnnotatedToken): string {
  return t.kind === 'qident' ? t.text.slice(1, -1) : t.text.toUpperCase();
}

/** A column reference at index i: `col`, `alias.col`, `"A"."COL"`; null when the token is not one. */
function colRefAt(
  tokens: AnnotatedToken[],
  i: number,
): { qualifier: string | null; col: string; end: number } | null {
  const t = tokens[i];
  if (!t || (t.kind !== 'word' && t.kind !== 'qident')) return null;
  if (t.kind === 'word' && SQL_KEYWORDS.has(t.text.toUpperCase())) return null;
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

function matchingParen(tokens: AnnotatedToken[], open: number): number {
  const d = tokens[open]!.depth;
  for (let i = open + 1; i < tokens.length; i++)
    if (tokens[i]!.text === ')' && tokens[i]!.depth === d) return i;
  return tokens.length - 1;
}

const COMPARISON = new Set(['=', '<', '>', '<=', '>=', '<>', '!=', '^=', '~=']);
const isComparison = (t: AnnotatedToken | undefined) =>
  t !== undefined &&
  ((t.kind === 'op' && COMPARISON.has(t.text)) || isWord(t, 'LIKE', 'IN', 'BETWEEN', 'NOT'));

function snippet(tokens: AnnotatedToken[], from: number, to: number, sql: string): string {
  const a = tokens[Math.max(0, from)];
  const b = tokens[Math.min(tokens.length - 1, to)];
  if (!a || !b) return '';
  const text = sql.slice(a.start, b.end).replace(/\s+/g, ' ');
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

const fmtRows = (n: number) => n.toLocaleString('en-US');

// ---------------------------------------------------------------------------------------------
// The rules

type Rule = (ctx: Ctx) => Finding[];

const FUNCTION_ADVICE: Record<string, string> = {
  UPPER:
    'Store the value in one case, or create a function-based index on UPPER(column); for case-insensitive search with an index, see also linguistic indexes (NLS_SORT/NLS_COMP).',
  LOWER:
    'Create a function-based index on LOWER(column), or compare against a value already in the stored case.',
  TRUNC:
    'Compare the bare column with a range instead: `col >= TRUNC(:d) AND col < TRUNC(:d) + 1` keeps an index on the column usable.',
  NVL: 'Rewrite `NVL(col, :x) = :y` as `(col = :y OR (col IS NULL AND :x = :y))`, or index the expression.',
  NVL2: 'Rewrite with explicit IS NULL / IS NOT NULL branches, or index the expression.',
  COALESCE: 'Rewrite with explicit IS NULL branches, or index the expression.',
  TO_CHAR:
    'Convert the other side instead (e.g. `date_col >= TO_DATE(:s, ...)` rather than `TO_CHAR(date_col, ...) = :s`).',
  TO_NUMBER: "Compare with a value of the column's own type (quote the number if the column is a string).",
  TO_DATE: 'Convert the other side instead of the column.',
  SUBSTR: "A prefix test `SUBSTR(col, 1, n) = :s` can be written `col LIKE :s || '%'` and use an index.",
  TRIM: 'Store trimmed values (or index TRIM(column)).',
  LTRIM: 'Store trimmed values (or index the expression).',
  RTRIM: 'Store trimmed values (or index the expression).',
  DECODE: 'Rewrite as explicit predicates on the bare column, or index the expression.',
  ABS: 'Rewrite as a range on the bare column, or index the expression.',
  ROUND: 'Rewrite as a range on the bare column, or index the expression.',
};

const selectStar: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const b of ctx.blocks) {
    if (b.kind !== 'select') continue;
    if (isWord(b.before, 'EXISTS')) continue; // EXISTS (SELECT * ...) reads no columns
    for (let i = b.start + 1; i < b.end; i++) {
      const t = ctx.tokens[i]!;
      if (t.depth === b.depth && isWord(t, 'FROM')) break;
      if (t.depth !== b.depth || t.text !== '*') continue;
      const prev = ctx.tokens[i - 1];
      const starSelect =
        isWord(prev, 'SELECT', 'DISTINCT', 'UNIQUE', 'ALL') || prev?.text === ',' || prev?.kind === 'hint';
      const aliasStar = prev?.text === '.';
      if (!starSelect && !aliasStar) continue;
      out.push({
        ruleId: 'SELECT_STAR',
        severity: 'low',
        title: 'SELECT * reads every column',
        explanation:
          'Selecting all columns fetches and transfers data the application may not use, prevents index-only (covering) access, ' +
          'and silently changes the result when columns are added to the table.',
        suggestion: 'List only the columns the application needs.',
        evidence: snippet(ctx.tokens, aliasStar ? i - 2 : i - 1, i, ctx.input.sqlText),
      });
      break;
    }
  }
  return out;
};

const noWhereLargeTable: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const b of ctx.blocks) {
    if (b.where !== -1 || b.hasFetchFirst) continue;
    const tables = b.from.filter((f) => f.table && f.table !== 'DUAL');
    if (!tables.length) continue;
    // inner joins with ON still read whole tables when there is no filter at all: judge the largest one
    let worst: { name: string; rows: number | null } | null = null;
    for (const f of tables) {
      const rows = ctx.rowsOf(ctx.table(f.table, f.owner));
      if (!worst || (rows ?? -1) > (worst.rows ?? -1)) worst = { name: f.table!, rows };
    }
    if (!worst) continue;
    const write = b.kind !== 'select';
    if (worst.rows !== null && worst.rows < ctx.th.largeTableRows) continue;
    if (worst.rows === null && b.depth > 0) continue; // unknown size in a subquery: too noisy
    const severity: FindingSeverity = worst.rows === null ? 'info' : write ? 'high' : 'medium';
    out.push({
      ruleId: 'NO_WHERE_LARGE_TABLE',
      severity,
      title:
        worst.rows === null
          ? `No WHERE clause on ${worst.name} (table size unknown)`
          : `No WHERE clause on large table ${worst.name} (${fmtRows(worst.rows)} rows)`,
      explanation: write
        ? `This ${b.kind.toUpperCase()} touches every row of ${worst.name}: a long transaction, heavy undo/redo and row locks on the whole table.`
        : `Every execution reads all of ${worst.name}${worst.rows !== null ? ` (${fmtRows(worst.rows)} rows)` : ''}; the cost grows with the table.`,
      suggestion: write
        ? 'Add the intended predicate, or batch the change (by key ranges) if it really is table-wide.'
        : 'Add a selective predicate, or limit the rows (FETCH FIRST n ROWS ONLY) if only a page is shown; for reporting, consider a summary table or materialized view.',
      evidence: snippet(ctx.tokens, b.start, Math.min(b.end - 1, b.start + 12), ctx.input.sqlText),
    });
  }
  return out;
};

const FN_NAMES = new Set(Object.keys(FUNCTION_ADVICE));

const functionOnColumn: Rule = (ctx) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const tk = ctx.tokens;
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!;
    if (!t.predicate || t.kind !== 'word' || !FN_NAMES.has(t.text.toUpperCase()) || tk[i + 1]?.text !== '(')
      continue;
    const ref = colRefAt(tk, i + 2);
    if (!ref) continue;
    const close = matchingParen(tk, i + 1);
    const compared = isComparison(tk[close + 1]) || isComparison(tk[i - 1]);
    if (!compared) continue;
    const fn = t.text.toUpperCase();
    const block = ctx.blockAt(i);
    const col = ctx.column(block, ref.qualifier, ref.col);
    const key = `${fn}:${ref.qualifier ?? ''}.${ref.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const colName = `${ref.qualifier ? `${ref.qualifier}.` : ''}${ref.col}`;
    out.push({
      ruleId: 'FUNCTION_ON_COLUMN',
      severity: col?.indexed ? 'high' : 'medium',
      title: `${fn}() applied to column ${colName} in a predicate`,
      explanation:
        `Wrapping ${colName} in ${fn}() makes the predicate non-sargable: a normal index on the column cannot be used for it ` +
        `(only a function-based index on exactly this expression could), and the optimizer's estimate falls back to a guess.` +
        (col?.indexed ? ` ${colName} is indexed, so the index is being bypassed.` : ''),
      suggestion: FUNCTION_ADVICE[fn]!,
      evidence: snippet(tk, i, Math.min(tk.length - 1, close + 2), ctx.input.sqlText),
    });
  }
  return out;
};

const CHAR_TYPES = /^(N?VARCHAR2?|N?CHAR|NCLOB|CLOB)/i;

const implicitConversion: Rule = (ctx) => {
  const out: Finding[] = [];
  const tk = ctx.tokens;
  if (ctx.input.type !== 'plan') {
    for (let i = 0; i < tk.length; i++) {
      const t = tk[i]!;
      if (!t.predicate || t.kind !== 'op' || !COMPARISON.has(t.text)) continue;
      // col op number  |  number op col
      let refIdx = -1;
      if (tk[i + 1]?.kind === 'number') {
        // walk back to the start of a colref ending at i
        for (const back of [1, 3, 5]) {
          const r = colRefAt(tk, i - back);
          if (r && r.end === i) refIdx = i - back;
        }
      } else if (tk[i - 1]?.kind === 'number') {
        if (colRefAt(tk, i + 1)) refIdx = i + 1;
      }
      if (refIdx === -1) continue;
      const ref = colRefAt(tk, refIdx)!;
      const col = ctx.column(ctx.blockAt(i), ref.qualifier, ref.col);
      if (!col?.info?.dataType || !CHAR_TYPES.test(col.info.dataType)) continue;
      const colName = `${ref.qualifier ? `${ref.qualifier}.` : ''}${ref.col}`;
      out.push({
        ruleId: 'IMPLICIT_CONVERSION',
        severity: col.indexed ? 'high' : 'medium',
        title: `${col.info.dataType} column ${colName} compared with a number`,
        explanation:
          `Oracle converts the character column, not the number: the predicate becomes TO_NUMBER(${colName}) = n, so an index on ` +
          `${colName} cannot be used, and any non-numeric value in the column raises ORA-01722 at run time.`,
        suggestion: `Compare with a string: ${colName} = '...' (or a VARCHAR2 bind variable).`,
        evidence: snippet(tk, Math.min(refIdx, i - 1), Math.max(ref.end, i + 1), ctx.input.sqlText),
      });
    }
  }
  if (ctx.input.type !== 'sql') {
    for (const op of ctx.plan.operations) {
      for (const pred of [op.access, op.filter]) {
        if (!pred) continue;
        const m =
          /(INTERNAL_FUNCTION|TO_NUMBER|SYS_OP_C2C|TO_BINARY_DOUBLE|TO_CHAR)\s*\(\s*("[^"]+"(?:\."[^"]+")?)/i.exec(
            pred,
          );
        if (!m) continue;
        out.push({
          ruleId: 'IMPLICIT_CONVERSION',
          severity: op.operation.includes('FULL') ? 'high' : 'medium',
          title: `Conversion applied to column ${m[2]} in the plan (operation ${op.id})`,
          explanation:
            `The plan's predicate wraps ${m[2]} in ${m[1]!.toUpperCase()}(): the column is being converted (often an implicit ` +
            'conversion from comparing different data types, e.g. a VARCHAR2 column with a number, or NVARCHAR2 with VARCHAR2), ' +
            'so an index on it cannot be used for this predicate.',
          suggestion:
            "Make both sides the same type: fix the bind variable's type in the application, or quote / convert the literal side.",
          evidence: `${op.id} - ${op.access === pred ? 'access' : 'filter'}(${pred.slice(0, 140)}`,
        });
        break;
      }
    }
  }
  return out;
};

const notInNullable: Rule = (ctx) => {
  const out: Finding[] = [];
  const tk = ctx.tokens;
  for (let i = 0; i < tk.length; i++) {
    if (
      !isWord(tk[i], 'NOT') ||
      !isWord(tk[i + 1], 'IN') ||
      tk[i + 2]?.text !== '(' ||
      !isWord(tk[i + 3], 'SELECT')
    ) {
      continue;
    }
    const sub = ctx.blocks.find((b) => b.start === i + 3);
    let j = i + 4;
    while (tk[j]?.kind === 'hint' || isWord(tk[j], 'DISTINCT', 'UNIQUE')) j++;
    const ref = colRefAt(tk, j);
    let nullable: boolean | undefined;
    let colName = '';
    if (ref && sub) {
      colName = `${ref.qualifier ? `${ref.qualifier}.` : ''}${ref.col}`;
      const info = ctx.column(sub, ref.qualifier, ref.col)?.info;
      if (info?.nullable !== undefined) nullable = info.nullable;
      // WHERE col IS NOT NULL inside the subquery makes it safe
      for (let k = sub.start; k < sub.end - 2; k++) {
        const r = colRefAt(tk, k);
        if (
          r &&
          r.col === ref.col &&
          isWord(tk[r.end], 'IS') &&
          isWord(tk[r.end + 1], 'NOT') &&
          isWord(tk[r.end + 2], 'NULL')
        ) {
          nullable = false;
        }
      }
    }
    if (nullable === false) continue;
    const close = matchingParen(tk, i + 2);
    out.push({
      ruleId: 'NOT_IN_NULLABLE',
      severity: nullable ? 'high' : 'medium',
      title: `NOT IN with a subquery${colName ? ` on ${nullable ? 'nullable ' : 'possibly nullable '}column ${colName}` : ''}`,
      explanation:
        'If the subquery returns a single NULL, `x NOT IN (...)` is never true and the query silently returns no rows. ' +
        'To honour that rule Oracle may also be unable to use an ordinary anti-join (it needs a null-aware anti-join or a filter per row).',
      suggestion:
        'Use NOT EXISTS (SELECT 1 FROM ... WHERE sub.col = outer.col), or add `WHERE col IS NOT NULL` in the subquery if NULLs must be ignored; declaring the column NOT NULL also fixes it.',
      evidence: snippet(tk, Math.max(0, i - 2), Math.min(close, i + 12), ctx.input.sqlText),
    });
  }
  return out;
};

const cartesianJoin: Rule = (ctx) => {
  const out: Finding[] = [];
  if (ctx.input.type !== 'sql') {
    for (const op of ctx.plan.operations) {
      if (!op.operation.includes('CARTESIAN')) continue;
      out.push({
        ruleId: 'CARTESIAN_JOIN',
        severity: 'high',
        title: `Cartesian join in the plan (operation ${op.id}: ${op.operation})`,
        explanation:
          'Every row of one input is combined with every row of the other: the row count multiplies. Usually a join predicate is ' +
          'missing, or the optimizer expects one side to return a single row (check that estimate).',
        suggestion:
          'Check that every table in FROM is joined to the others; if the estimate of 1 row on one side is wrong, gather statistics.',
        evidence: op.line,
      });
      break;
    }
  }
  if (ctx.input.type === 'plan') return out;
  const tk = ctx.tokens;
  for (const b of ctx.blocks) {
    const items = b.from.filter((f) => f.table !== 'DUAL');
    if (items.length < 2 || !items.some((f) => f.join === 'comma')) continue;
    const names = items.map((f) => f.alias ?? f.table ?? '?');
    const parent = new Map(names.map((n) => [n, n]));
    const find = (x: string): string => {
      let r = x;
      while (parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    // explicit JOIN ... ON items are connected to the previous item
    for (let k = 1; k < items.length; k++) {
      if (items[k]!.join === 'join') parent.set(find(names[k]!), find(names[k - 1]!));
    }
    let qualified = 0;
    if (b.where !== -1) {
      for (let i = b.where; i < b.end; i++) {
        const t = tk[i]!;
        if (t.kind !== 'op' || !COMPARISON.has(t.text) || !t.predicate) continue;
        const left = [5, 3, 1].map((back) => colRefAt(tk, i - back)).find((r) => r && r.end === i);
        const right = colRefAt(tk, i + 1); // also a.x = b.y(+) (Oracle outer join syntax)
        if (left?.qualifier) qualified++;
        if (
          left?.qualifier &&
          right?.qualifier &&
          names.includes(left.qualifier) &&
          names.includes(right.qualifier)
        ) {
          parent.set(find(left.qualifier), find(right.qualifier));
        }
      }
    }
    const roots = new Set(names.map(find));
    if (roots.size < 2) continue;
    // with unqualified columns only we cannot tell which table a predicate joins: only flag a missing WHERE
    if (b.where !== -1 && qualified === 0) continue;
    const groups = [...roots].map((r) => names.filter((n) => find(n) === r).join(', '));
    out.push({
      ruleId: 'CARTESIAN_JOIN',
      severity: 'high',
      title: 'Tables in FROM without a join predicate (cartesian product)',
      explanation:
        `No predicate links these groups of tables: ${groups.map((g) => `{${g}}`).join(' × ')}. ` +
        'Every row of one group is combined with every row of the other, multiplying the rows read and returned.',
      suggestion:
        'Add the missing join condition (or use explicit JOIN ... ON syntax so a missing condition is a syntax error). If the product is intended, write CROSS JOIN to say so.',
      evidence: snippet(tk, b.start, Math.min(b.end - 1, b.start + 20), ctx.input.sqlText),
    });
  }
  return out;
};

const fullScanLarge: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const op of ctx.plan.operations) {
    if (!/^TABLE ACCESS (STORAGE |INMEMORY )?FULL/.test(op.operation) || !op.name) continue;
    const t = ctx.table(op.name.toUpperCase());
    const rows = ctx.rowsOf(t);
    const known = rows !== null;
    const size = rows ?? op.rows;
    if (size === null || size < ctx.th.largeTableRows) continue;
    out.push({
      ruleId: 'FULL_SCAN_LARGE_TABLE',
      severity: known && size >= ctx.th.largeTableRows * 10 ? 'high' : 'medium',
      title: `Full scan of large table ${op.name} (${known ? `${fmtRows(size)} rows` : `~${fmtRows(size)} rows estimated`})`,
      explanation:
        `Operation ${op.id} reads every block of ${op.name}${op.filter ? ` and filters with ${op.filter.slice(0, 120)}` : ''}. ` +
        'A full scan is right when most rows are needed; when the query keeps few of them, an index is usually far cheaper.',
      suggestion: op.filter
        ? 'If the filter is selective, index its columns (leading with the equality columns); check that no function or conversion on the column blocks an existing index.'
        : 'If the query needs only some rows, add a selective predicate; otherwise consider partitioning, a covering index, or a summary table.',
      evidence: op.line,
    });
  }
  return out;
};

const highGets: Rule = (ctx) => {
  const s = ctx.input.stats;
  if (!s?.bufferGets || !s.executions) return [];
  const perExec = s.bufferGets / s.executions;
  if (perExec < ctx.th.highGetsPerExec) return [];
  const rowsPerExec = s.rowsProcessed !== undefined ? s.rowsProcessed / s.executions : undefined;
  const perRow = rowsPerExec && rowsPerExec > 0 ? perExec / rowsPerExec : undefined;
  return [
    {
      ruleId: 'HIGH_GETS_PER_EXEC',
      severity: perExec >= ctx.th.highGetsPerExec * 10 ? 'high' : 'medium',
      title: `High logical reads: ${fmtRows(Math.round(perExec))} buffer gets per execution`,
      explanation:
        `Each execution visits ${fmtRows(Math.round(perExec))} blocks in the buffer cache` +
        (rowsPerExec !== undefined ? ` to return ${rowsPerExec.toFixed(1)} rows` : '') +
        (perRow !== undefined ? ` (${fmtRows(Math.round(perRow))} gets per row)` : '') +
        '. Logical reads burn CPU and cache latches; over many executions this is usually the top cost of the statement.',
      suggestion:
        'Find the plan lines that read the most blocks (DBMS_XPLAN with ALLSTATS LAST, Buffers column) and make that access more selective: a better index, a join order that filters early, or fewer rows fetched.',
      evidence: `buffer_gets=${fmtRows(s.bufferGets)} executions=${fmtRows(s.executions)}`,
    },
  ];
};

const leadingWildcard: Rule = (ctx) => {
  const out: Finding[] = [];
  const tk = ctx.tokens;
  for (let i = 0; i < tk.length; i++) {
    if (!isWord(tk[i], 'LIKE')) continue;
    const v = tk[i + 1];
    if (v?.kind !== 'string') continue;
    const body = v.text.slice(v.text.indexOf("'") + 1);
    if (!body.startsWith('%') && !body.startsWith('_')) continue;
    out.push({
      ruleId: 'LEADING_WILDCARD',
      severity: 'medium',
      title: `LIKE pattern starting with a wildcard (${v.text.slice(0, 40)})`,
      explanation:
        'A pattern that starts with % or _ cannot use a B-tree index range scan on the column: every row (or every index entry) is examined.',
      suggestion:
        "Search by prefix if the application allows it (LIKE 'abc%'); for real substring or word search use Oracle Text (CONTAINS) or a reversed-value function-based index for suffix search.",
      evidence: snippet(tk, Math.max(0, i - 3), i + 1, ctx.input.sqlText),
    });
  }
  return out;
};

const orAcrossColumns: Rule = (ctx) => {
  const out: Finding[] = [];
  const tk = ctx.tokens;
  const done = new Set<number>();
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!;
    if (!isWord(t, 'OR') || !t.predicate) continue;
    const d = t.depth;
    let from = i;
    while (from > 0) {
      const p = tk[from - 1]!;
      if (p.depth < d || !p.predicate || (p.depth === d && isWord(p, 'WHERE', 'ON', 'HAVING', 'WITH', 'BY')))
        break;
      from--;
    }
    if (done.has(from)) continue;
    done.add(from);
    let to = i;
    while (to + 1 < tk.length) {
      const n = tk[to + 1]!;
      if (n.depth < d || !n.predicate) break;
      to++;
    }
    // split on OR at depth d; the first column reference of each term
    const cols = new Set<string>();
    let termStart = from;
    for (let k = from; k <= to + 1; k++) {
      if (k === to + 1 || (tk[k]!.depth === d && isWord(tk[k], 'OR'))) {
        for (let m = termStart; m < k; m++) {
          const r = colRefAt(tk, m);
          if (r) {
            cols.add(`${r.qualifier ?? ''}.${r.col}`);
            break;
          }
        }
        termStart = k + 1;
      }
    }
    if (cols.size < 2) continue;
    out.push({
      ruleId: 'OR_ACROSS_COLUMNS',
      severity: 'medium',
      title: `OR across different columns (${[...cols].map((c) => c.replace(/^\./, '')).join(', ')})`,
      explanation:
        'An OR between predicates on different columns cannot be answered by one index range scan: the optimizer either scans the table or needs OR-expansion / bitmap conversion, which it does not always choose.',
      suggestion:
        'Rewrite as UNION ALL of one branch per column (add LNNVL() to avoid duplicates), or make sure each column has its own index so OR-expansion is possible; an OR on one column is better written as IN (...).',
      evidence: snippet(tk, from, to, ctx.input.sqlText),
    });
  }
  return out;
};

const distinctWithJoin: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const b of ctx.blocks) {
    if (!b.distinct || b.from.length < 2) continue;
    out.push({
      ruleId: 'DISTINCT_WITH_JOIN',
      severity: 'low',
      title: `SELECT DISTINCT over a join of ${b.from.length} tables`,
      explanation:
        'DISTINCT on a join often hides a join that multiplies rows (a missing join column, or a one-to-many join used only for filtering). The duplicates are still produced, then sorted or hashed away.',
      suggestion:
        'Check each join is on the full key; if a joined table is only used to filter, use EXISTS (SELECT 1 ...) instead of joining it, and drop DISTINCT.',
      evidence: snippet(ctx.tokens, b.start, Math.min(b.end - 1, b.start + 14), ctx.input.sqlText),
    });
  }
  return out;
};

const largeSort: Rule = (ctx) => {
  const out: Finding[] = [];
  for (const op of ctx.plan.operations) {
    if (op.operation !== 'SORT ORDER BY') continue; // STOPKEY (top-N) sorts keep only n rows
    const rows = op.actualRows ?? op.rows;
    if (rows === null || rows < ctx.th.largeSortRows) continue;
    out.push({
      ruleId: 'LARGE_SORT',
      severity: 'medium',
      title: `ORDER BY sorts ${fmtRows(rows)} rows (operation ${op.id})`,
      explanation:
        'The ORDER BY is satisfied by an explicit sort of many rows: PGA memory, possibly temp-tablespace I/O, and nothing is returned until the sort finishes.',
      suggestion:
        'An index whose columns match the ORDER BY (after the equality-filter columns) returns rows already ordered and lets the sort disappear; if only the first rows are shown, add FETCH FIRST n ROWS ONLY.',
      evidence: op.line,
    });
  }
  return out;
};

const staleStatistics: Rule = (ctx) => {
  const out: Finding[] = [];
  const used = new Set<string>();
  for (const b of ctx.blocks) for (const f of b.from) if (f.table) used.add(f.table);
  for (const op of ctx.plan.operations) if (op.name) used.add(op.name.toUpperCase());
  for (const name of used) {
    const t = ctx.table(name);
    if (!t || t.lastAnalyzed === undefined) continue;
    const days = t.lastAnalyzed === null ? null : (ctx.now - t.lastAnalyzed) / 86_400_000;
    if (days !== null && days < ctx.th.staleStatsDays) continue;
    out.push({
      ruleId: 'STALE_STATISTICS',
      severity: days === null ? 'medium' : 'low',
      title:
        days === null
          ? `No optimizer statistics on ${t.name}`
          : `Optimizer statistics on ${t.name} are ${Math.floor(days)} days old`,
      explanation:
        'The optimizer sizes every access path and join from these statistics; missing or old ones are the most common cause of a bad plan.',
      suggestion: `EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => '${t.owner ?? 'OWNER'}', tabname => '${t.name}') (or let the automatic statistics job cover the table).`,
      evidence: `${t.owner ? `${t.owner}.` : ''}${t.name}: last_analyzed=${t.lastAnalyzed === null ? 'never' : new Date(t.lastAnalyzed).toISOString().slice(0, 10)}`,
    });
  }
  return out;
};

const SQL_RULES: Rule[] = [
  selectStar,
  noWhereLargeTable,
  functionOnColumn,
  implicitConversion,
  notInNullable,
  cartesianJoin,
  leadingWildcard,
  orAcrossColumns,
  distinctWithJoin,
];
const PLAN_RULES: Rule[] = [cartesianJoin, fullScanLarge, implicitConversion, largeSort, highGets];
const TUNING_RULES: Rule[] = [
  selectStar,
  noWhereLargeTable,
  functionOnColumn,
  implicitConversion,
  notInNullable,
  cartesianJoin,
  fullScanLarge,
  highGets,
  leadingWildcard,
  orAcrossColumns,
  distinctWithJoin,
  largeSort,
  staleStatistics,
];

export function runRules(input: OfflineInput): Finding[] {
  const ctx = new Ctx(input);
  const rules = input.type === 'sql' ? SQL_RULES : input.type === 'plan' ? PLAN_RULES : TUNING_RULES;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of rules) {
    for (const f of rule(ctx)) {
      const key = `${f.ruleId}|${f.evidence}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
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

// ---------------------------------------------------------------------------------------------
// Reports

export function analyzeOffline(input: OfflineInput): OfflineReport {
  const findings = runRules(input);
  const ctx = new Ctx(input);
  const md =
    input.type === 'sql'
      ? sqlReport(ctx, findings)
      : input.type === 'plan'
        ? planReport(ctx, findings)
        : tuningReport(ctx, findings);
  return { findings, markdown: md };
}

function countLine(findings: Finding[]): string {
  if (!findings.length) return 'No rule found a problem.';
  const by = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  const parts = (['high', 'medium', 'low', 'info'] as const).filter((s) => by(s)).map((s) => `${by(s)} ${s}`);
  return `${findings.length} finding${findings.length === 1 ? '' : 's'} (${parts.join(', ')}).`;
}

function findingsSection(findings: Finding[]): string {
  if (!findings.length) return '### Findings\n\nNone.';
  return `### Findings\n\n${findings
    .map(
      (f, i) =>
        `${i + 1}. **[${f.severity.toUpperCase()}] ${f.title}**  \n   ${f.explanation}\n   - Evidence: \`${f.evidence.replace(/`/g, "'")}\`\n   - Suggestion: ${f.suggestion}`,
    )
    .join('\n')}`;
}

const FOOTER =
  '_Offline analyser: rule-based checks on the SQL text, plan and statistics; no model was used and nothing left this machine. Configure a model in LLM settings for a deeper review._';

function statementOverview(ctx: Ctx): string {
  const top = ctx.blocks[0];
  const tables = [
    ...new Set(ctx.blocks.flatMap((b) => b.from.map((f) => f.table).filter((t): t is string => Boolean(t)))),
  ];
  const lines = [
    `- Statement: ${top ? top.kind.toUpperCase() : 'unknown'}${ctx.blocks.length > 1 ? `, ${ctx.blocks.length} query blocks (subqueries / set operations)` : ''}`,
    `- Tables: ${
      tables.length
        ? tables
            .map((t) => {
              const rows = ctx.rowsOf(ctx.table(t));
              return rows === null ? t : `${t} (${fmtRows(rows)} rows)`;
            })
            .join(', ')
        : 'none found'
    }`,
  ];
  const binds = ctx.tokens.filter((t) => t.kind === 'bind').length;
  const literals = ctx.tokens.filter(
    (t) => t.predicate && (t.kind === 'string' || t.kind === 'number'),
  ).length;
  lines.push(
    `- Predicates use ${binds} bind variable${binds === 1 ? '' : 's'} and ${literals} literal${literals === 1 ? '' : 's'}`,
  );
  if (literals > 0 && binds === 0) {
    lines.push(
      '  (literals only: each distinct value is a new hard parse unless CURSOR_SHARING rewrites it)',
    );
  }
  return `### Statement overview\n\n${lines.join('\n')}`;
}

function sqlReport(ctx: Ctx, findings: Finding[]): string {
  return [
    `## SQL analysis (offline)`,
    `**Summary:** ${countLine(findings)}`,
    findingsSection(findings),
    statementOverview(ctx),
    FOOTER,
  ].join('\n\n');
}

function planSummary(plan: ParsedPlan): string {
  if (!plan.operations.length)
    return '### Plan summary\n\nNo execution plan was provided (or it could not be read), so only the statistics were checked.';
  const ops = plan.operations;
  const lines = [
    `- Plan hash value: ${plan.planHashValue ?? 'unknown'}`,
    `- ${ops.length} operations; total estimated cost ${ops[0]?.cost ?? 'unknown'}`,
  ];
  const joins = ops
    .filter((o) => /JOIN|NESTED LOOPS/.test(o.operation))
    .map((o) => `${o.id}: ${o.operation}`);
  if (joins.length) lines.push(`- Joins: ${joins.join('; ')}`);
  const access = ops.filter((o) => /^(TABLE ACCESS|INDEX)/.test(o.operation));
  if (access.length)
    lines.push(`- Access paths: ${access.map((o) => `${o.operation} ${o.name ?? ''}`.trim()).join('; ')}`);
  const costly = ops
    .filter((o) => o.id !== 0 && o.cost !== null)
    .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0))
    .slice(0, 3);
  if (costly.length) {
    lines.push(
      `- Most expensive: ${costly.map((o) => `${o.id} ${o.operation}${o.name ? ` ${o.name}` : ''} (cost ${o.cost})`).join('; ')}`,
    );
  }
  return `### Plan summary\n\n${lines.join('\n')}`;
}

function planReport(ctx: Ctx, findings: Finding[]): string {
  const stats = formatStats(ctx.input.stats);
  return [
    `## Execution plan analysis (offline)`,
    `**Summary:** ${countLine(findings)}`,
    planSummary(ctx.plan),
    findingsSection(findings),
    `### Per-execution statistics\n\n${stats || 'Not available.'}`,
    FOOTER,
  ].join('\n\n');
}

function tuningReport(ctx: Ctx, findings: Finding[]): string {
  const actions = findings.filter((f) => f.severity !== 'info');
  const actionList = actions.length
    ? actions
        .map(
          (f, i) =>
            `${i + 1}. **${f.suggestion}**  \n   Why: ${f.title} (${f.severity}). Evidence: \`${f.evidence.replace(/`/g, "'")}\``,
        )
        .join('\n')
    : 'No rule suggests a change. If the statement is still slow, compare its plan with actual row counts (DBMS_XPLAN ALLSTATS LAST) and check its waits.';
  const notes = findings.filter((f) => f.severity === 'info');
  const stats = formatStats(ctx.input.stats);
  return [
    `## Tuning recommendations (offline)`,
    `**Summary:** ${countLine(findings)}`,
    `### Prioritized actions\n\n${actionList}`,
    ...(notes.length ? [`### Notes\n\n${notes.map((f) => `- ${f.title}: ${f.suggestion}`).join('\n')}`] : []),
    `### Verify\n\n- Re-run the statement and compare buffer gets and elapsed time per execution with the current figures${stats ? `:\n${stats}` : '.'}\n- Test index changes on a copy first; a new index also changes other statements' plans.`,
    FOOTER,
  ].join('\n\n');
}
