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
import { OFFLINE_TEXT, type OfflineText } from './offline-messages';
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
  readonly m: OfflineText;

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
    this.m = OFFLINE_TEXT[input.language ?? 'en'];
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

function ident(t: AnnotatedToken): string {
  return t.kind === 'qident' ? t.text.slice(1, -1) : (t.up ?? t.text.toUpperCase());
}

/** A column reference at index i: `col`, `alias.col`, `"A"."COL"`; null when the token is not one. */
function colRefAt(
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
        ...ctx.m.selectStar,
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
          ? ctx.m.noWhere.titleUnknown(worst.name)
          : ctx.m.noWhere.titleLarge(worst.name, worst.rows),
      explanation: write
        ? ctx.m.noWhere.explainWrite(b.kind.toUpperCase(), worst.name)
        : ctx.m.noWhere.explainRead(worst.name, worst.rows),
      suggestion: write ? ctx.m.noWhere.suggestWrite : ctx.m.noWhere.suggestRead,
      evidence: snippet(ctx.tokens, b.start, Math.min(b.end - 1, b.start + 12), ctx.input.sqlText),
    });
  }
  return out;
};

const FN_NAMES = new Set(Object.keys(OFFLINE_TEXT.en.fnOnColumn.advice));

const functionOnColumn: Rule = (ctx) => {
  const out: Finding[] = [];
  const seen = new Set<string>();
  const tk = ctx.tokens;
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!;
    if (
      !t.predicate ||
      t.kind !== 'word' ||
      !FN_NAMES.has(t.up ?? t.text.toUpperCase()) ||
      tk[i + 1]?.text !== '('
    )
      continue;
    const ref = colRefAt(tk, i + 2);
    if (!ref) continue;
    const close = matchingParen(tk, i + 1);
    const compared = isComparison(tk[close + 1]) || isComparison(tk[i - 1]);
    if (!compared) continue;
    const fn = t.up ?? t.text.toUpperCase();
    const block = ctx.blockAt(i);
    const col = ctx.column(block, ref.qualifier, ref.col);
    const key = `${fn}:${ref.qualifier ?? ''}.${ref.col}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const colName = `${ref.qualifier ? `${ref.qualifier}.` : ''}${ref.col}`;
    out.push({
      ruleId: 'FUNCTION_ON_COLUMN',
      severity: col?.indexed ? 'high' : 'medium',
      title: ctx.m.fnOnColumn.title(fn, colName),
      explanation: ctx.m.fnOnColumn.explanation(fn, colName, Boolean(col?.indexed)),
      suggestion: ctx.m.fnOnColumn.advice[fn]!,
      evidence: snippet(tk, i, Math.min(tk.length - 1, close + 2), ctx.input.sqlText),
    });
  }
  return out;
};

const CHAR_TYPES = /^(N?VARCHAR2?|N?CHAR|NCLOB|CLOB)/i;

const CONVERSION_FN = '(INTERNAL_FUNCTION|TO_NUMBER|SYS_OP_C2C|TO_BINARY_DOUBLE|TO_BINARY_FLOAT|TO_CHAR)';
const PLAN_COLUMN = '("[^"]+"(?:\\."[^"]+")?)';
const PLAN_CMP = '(?:=|<>|!=|<=|>=|<|>|\\bLIKE\\b|\\bIN\\b|\\bBETWEEN\\b)';
/** FN("COL") = ... */
const PLAN_CONVERSION_LEFT = new RegExp(
  `${CONVERSION_FN}\\s*\\(\\s*${PLAN_COLUMN}\\s*\\)\\s*${PLAN_CMP}`,
  'i',
);
/** ... = FN("COL") */
const PLAN_CONVERSION_RIGHT = new RegExp(
  `${PLAN_CMP}\\s*${CONVERSION_FN}\\s*\\(\\s*${PLAN_COLUMN}\\s*\\)`,
  'i',
);

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
        ...ctx.m.implicitSql(col.info.dataType, colName),
        evidence: snippet(tk, Math.min(refIdx, i - 1), Math.max(ref.end, i + 1), ctx.input.sqlText),
      });
    }
  }
  if (ctx.input.type !== 'sql') {
    for (const op of ctx.plan.operations) {
      for (const pred of [op.access, op.filter]) {
        if (!pred) continue;
        // the converted column must be compared (not e.g. sorted in an analytic ORDER BY)
        const m = PLAN_CONVERSION_LEFT.exec(pred) ?? PLAN_CONVERSION_RIGHT.exec(pred);
        if (!m) continue;
        out.push({
          ruleId: 'IMPLICIT_CONVERSION',
          severity: op.operation.includes('FULL') ? 'high' : 'medium',
          ...ctx.m.implicitPlan(m[2]!, m[1]!.toUpperCase(), op.id),
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
      ...ctx.m.notIn(colName, nullable),
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
        ...ctx.m.cartesianPlan(op.id, op.operation),
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
      ...ctx.m.cartesianSql(groups),
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
      title: ctx.m.fullScan.title(op.name, size, known),
      explanation: ctx.m.fullScan.explanation(op.id, op.name, op.filter),
      suggestion: op.filter ? ctx.m.fullScan.suggestFilter : ctx.m.fullScan.suggestNoFilter,
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
      ...ctx.m.highGets(perExec, rowsPerExec, perRow),
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
      ...ctx.m.leadingWildcard(v.text.slice(0, 40)),
      evidence: snippet(tk, Math.max(0, i - 3), i + 1, ctx.input.sqlText),
    });
  }
  return out;
};

const orAcrossColumns: Rule = (ctx) => {
  const out: Finding[] = [];
  const tk = ctx.tokens;
  const done = new Set<number>();
  const seenOr = new Set<number>(); // OR tokens already covered by an examined group (keeps this linear)
  for (let i = 0; i < tk.length; i++) {
    const t = tk[i]!;
    if (!isWord(t, 'OR') || !t.predicate || seenOr.has(i)) continue;
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
    for (let k = i; k <= to; k++) if (tk[k]!.depth === d && isWord(tk[k], 'OR')) seenOr.add(k);
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
      ...ctx.m.orAcross([...cols].map((c) => c.replace(/^\./, ''))),
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
      ...ctx.m.distinctJoin(b.from.length),
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
      ...ctx.m.largeSort(rows, op.id),
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
      ...ctx.m.stale(t.owner, t.name, days),
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
  return rulesOn(new Ctx(input));
}

function rulesOn(ctx: Ctx): Finding[] {
  const input = ctx.input;
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
  const ctx = new Ctx(input);
  const findings = rulesOn(ctx);
  const md =
    input.type === 'sql'
      ? sqlReport(ctx, findings)
      : input.type === 'plan'
        ? planReport(ctx, findings)
        : tuningReport(ctx, findings);
  return { findings, markdown: md };
}

function countLine(m: OfflineText, findings: Finding[]): string {
  if (!findings.length) return m.report.none;
  const by = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  const parts = (['high', 'medium', 'low', 'info'] as const)
    .filter((s) => by(s))
    .map((s) => m.report.sevCount(m.report.severity[s], by(s)));
  return m.report.count(findings.length, parts);
}

const tick = (text: string) => text.replace(/`/g, "'");

function findingsSection(m: OfflineText, findings: Finding[]): string {
  const r = m.report;
  if (!findings.length) return `### ${r.findings}\n\n${r.noFindings}`;
  return `### ${r.findings}\n\n${findings
    .map(
      (f, i) =>
        `${i + 1}. **[${r.severity[f.severity]}] ${f.title}**  \n   ${f.explanation}\n   - ${r.evidence}: \`${tick(f.evidence)}\`\n   - ${r.suggestion}: ${f.suggestion}`,
    )
    .join('\n')}`;
}

function statementOverview(ctx: Ctx): string {
  const r = ctx.m.report;
  const top = ctx.blocks[0];
  const tables = [
    ...new Set(ctx.blocks.flatMap((b) => b.from.map((f) => f.table).filter((t): t is string => Boolean(t)))),
  ];
  const lines = [
    r.statement(top ? top.kind.toUpperCase() : '?', ctx.blocks.length),
    r.tables(
      tables.length
        ? tables
            .map((t) => {
              const rows = ctx.rowsOf(ctx.table(t));
              return rows === null ? t : r.tableRows(t, rows);
            })
            .join(', ')
        : r.noTables,
    ),
  ];
  const binds = ctx.tokens.filter((t) => t.kind === 'bind').length;
  const literals = ctx.tokens.filter(
    (t) => t.predicate && (t.kind === 'string' || t.kind === 'number'),
  ).length;
  lines.push(r.predicates(binds, literals));
  if (literals > 0 && binds === 0) lines.push(r.literalsOnly);
  return `### ${r.overview}\n\n${lines.join('\n')}`;
}

function sqlReport(ctx: Ctx, findings: Finding[]): string {
  const r = ctx.m.report;
  return [
    `## ${r.sqlTitle}`,
    `**${r.summary}** ${countLine(ctx.m, findings)}`,
    findingsSection(ctx.m, findings),
    statementOverview(ctx),
    r.footer,
  ].join('\n\n');
}

function planSummary(m: OfflineText, plan: ParsedPlan): string {
  const r = m.report;
  if (!plan.operations.length) return `### ${r.planSummary}\n\n${r.noPlan}`;
  const ops = plan.operations;
  const lines = [r.planHash(plan.planHashValue), r.operations(ops.length, ops[0]?.cost ?? null)];
  const joins = ops
    .filter((o) => /JOIN|NESTED LOOPS/.test(o.operation))
    .map((o) => `${o.id}: ${o.operation}`);
  if (joins.length) lines.push(r.joins(joins.join('; ')));
  const access = ops.filter((o) => /^(TABLE ACCESS|INDEX)/.test(o.operation));
  if (access.length)
    lines.push(r.access(access.map((o) => `${o.operation} ${o.name ?? ''}`.trim()).join('; ')));
  const costly = ops
    .filter((o) => o.id !== 0 && o.cost !== null)
    .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0))
    .slice(0, 3);
  if (costly.length) {
    lines.push(
      r.costly(
        costly
          .map((o) => `${o.id} ${o.operation}${o.name ? ` ${o.name}` : ''} (${r.cost(o.cost ?? 0)})`)
          .join('; '),
      ),
    );
  }
  return `### ${r.planSummary}\n\n${lines.join('\n')}`;
}

function planReport(ctx: Ctx, findings: Finding[]): string {
  const r = ctx.m.report;
  const stats = formatStats(ctx.input.stats, ctx.input.language);
  return [
    `## ${r.planTitle}`,
    `**${r.summary}** ${countLine(ctx.m, findings)}`,
    planSummary(ctx.m, ctx.plan),
    findingsSection(ctx.m, findings),
    `### ${r.stats}\n\n${stats || r.notAvailable}`,
    r.footer,
  ].join('\n\n');
}

function tuningReport(ctx: Ctx, findings: Finding[]): string {
  const r = ctx.m.report;
  const actions = findings.filter((f) => f.severity !== 'info');
  const actionList = actions.length
    ? actions
        .map(
          (f, i) =>
            `${i + 1}. **${f.suggestion}**  \n   ${r.why(f.title, r.severity[f.severity], tick(f.evidence))}`,
        )
        .join('\n')
    : r.noActions;
  const notes = findings.filter((f) => f.severity === 'info');
  const stats = formatStats(ctx.input.stats, ctx.input.language);
  return [
    `## ${r.tuningTitle}`,
    `**${r.summary}** ${countLine(ctx.m, findings)}`,
    `### ${r.actions}\n\n${actionList}`,
    ...(notes.length
      ? [`### ${r.notes}\n\n${notes.map((f) => `- ${f.title}: ${f.suggestion}`).join('\n')}`]
      : []),
    `### ${r.verify}\n\n${r.verifyRerun(Boolean(stats))}${stats ? `\n${stats}` : ''}\n${r.verifyCopy}`,
    r.footer,
  ].join('\n\n');
}
