/**
 * What every rule reads: the tokens and query blocks of the SQL text, the parsed plan, the tables'
 * sizes/columns/indexes, the thresholds, "now" and the report language. Built once per analysis.
 */
import type { AnalysisLanguage, LlmTableInfo } from '@shared/types/llm';
import { type ParsedPlan, parsePlan } from '../plan-parser';
import { type AnnotatedToken, annotate, tokenize } from '../sql-lexer';
import { findBlocks, type QueryBlock } from './query-blocks';
import { DEFAULT_THRESHOLDS, type OfflineInput, type OfflineThresholds } from './types';

export class RuleContext {
  readonly tokens: AnnotatedToken[];
  readonly blocks: QueryBlock[];
  readonly plan: ParsedPlan;
  readonly tables = new Map<string, LlmTableInfo>();
  readonly th: OfflineThresholds;
  readonly now: number;
  readonly language: AnalysisLanguage;

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
    this.language = input.language ?? 'en';
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
