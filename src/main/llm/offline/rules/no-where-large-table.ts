/** NO_WHERE_LARGE_TABLE: a query block without WHERE (and without FETCH FIRST) over a large table; high for UPDATE/DELETE. */
import type { AnalysisLanguage, Finding, FindingSeverity } from '@shared/types/llm';
import { fmtRows } from '../format';
import { defineRule } from '../rule';
import { snippet } from '../sql-tokens';

interface Messages {
  noWhere: {
    titleUnknown: (table: string) => string;
    titleLarge: (table: string, rows: number) => string;
    explainWrite: (kind: string, table: string) => string;
    explainRead: (table: string, rows: number | null) => string;
    suggestWrite: string;
    suggestRead: string;
  };
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    noWhere: {
      titleUnknown: (t) => `No WHERE clause on ${t} (table size unknown)`,
      titleLarge: (t, rows) => `No WHERE clause on large table ${t} (${fmtRows(rows)} rows)`,
      explainWrite: (kind, t) =>
        `This ${kind} touches every row of ${t}: a long transaction, heavy undo/redo and row locks on the whole table.`,
      explainRead: (t, rows) =>
        `Every execution reads all of ${t}${rows !== null ? ` (${fmtRows(rows)} rows)` : ''}; the cost grows with the table.`,
      suggestWrite:
        'Add the intended predicate, or batch the change (by key ranges) if it really is table-wide.',
      suggestRead:
        'Add a selective predicate, or limit the rows (FETCH FIRST n ROWS ONLY) if only a page is shown; for reporting, consider a summary table or materialized view.',
    },
  },
  ko: {
    noWhere: {
      titleUnknown: (t) => `${t}에 WHERE 절 없음 (테이블 크기 알 수 없음)`,
      titleLarge: (t, rows) => `대용량 테이블 ${t}에 WHERE 절 없음 (${fmtRows(rows)}행)`,
      explainWrite: (kind, t) =>
        `이 ${kind} 문은 ${t}의 모든 행을 변경합니다: 긴 트랜잭션, 많은 undo/redo, 테이블 전체의 행 잠금이 발생합니다.`,
      explainRead: (t, rows) =>
        `실행할 때마다 ${t} 전체${rows !== null ? ` (${fmtRows(rows)}행)` : ''}를 읽으며, 비용은 테이블 크기에 비례해 커집니다.`,
      suggestWrite: '의도한 조건을 추가하거나, 정말 테이블 전체가 대상이라면 키 범위별로 나누어 처리하세요.',
      suggestRead:
        '선택도 높은 조건을 추가하거나, 한 페이지만 보여 준다면 행 수를 제한하세요 (FETCH FIRST n ROWS ONLY). 보고서 용도라면 요약 테이블이나 materialized view를 검토하세요.',
    },
  },
};

export const noWhereLargeTable = defineRule({
  id: 'NO_WHERE_LARGE_TABLE',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
            ? m.noWhere.titleUnknown(worst.name)
            : m.noWhere.titleLarge(worst.name, worst.rows),
        explanation: write
          ? m.noWhere.explainWrite(b.kind.toUpperCase(), worst.name)
          : m.noWhere.explainRead(worst.name, worst.rows),
        suggestion: write ? m.noWhere.suggestWrite : m.noWhere.suggestRead,
        evidence: snippet(ctx.tokens, b.start, Math.min(b.end - 1, b.start + 12), ctx.input.sqlText),
      });
    }
    return out;
  },
});
