/** FULL_SCAN_LARGE_TABLE: TABLE ACCESS FULL of a table with at least `largeTableRows` rows (dictionary size, else the plan estimate). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { fmtRows } from '../format';
import { defineRule } from '../rule';

interface Messages {
  fullScan: {
    title: (table: string, rows: number, known: boolean) => string;
    explanation: (id: number, table: string, filter: string | null) => string;
    suggestFilter: string;
    suggestNoFilter: string;
  };
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    fullScan: {
      title: (t, rows, known) =>
        `Full scan of large table ${t} (${known ? `${fmtRows(rows)} rows` : `~${fmtRows(rows)} rows estimated`})`,
      explanation: (id, t, filter) =>
        `Operation ${id} reads every block of ${t}${filter ? ` and filters with ${filter.slice(0, 120)}` : ''}. ` +
        'A full scan is right when most rows are needed; when the query keeps few of them, an index is usually far cheaper.',
      suggestFilter:
        'If the filter is selective, index its columns (leading with the equality columns); check that no function or conversion on the column blocks an existing index.',
      suggestNoFilter:
        'If the query needs only some rows, add a selective predicate; otherwise consider partitioning, a covering index, or a summary table.',
    },
  },
  ko: {
    fullScan: {
      title: (t, rows, known) =>
        `대용량 테이블 ${t} 전체 스캔 (${known ? `${fmtRows(rows)}행` : `약 ${fmtRows(rows)}행 추정`})`,
      explanation: (id, t, filter) =>
        `오퍼레이션 ${id}이(가) ${t}의 모든 블록을 읽습니다${filter ? ` (필터: ${filter.slice(0, 120)})` : ''}. ` +
        '대부분의 행이 필요할 때는 전체 스캔이 맞지만, 일부 행만 남긴다면 보통 인덱스가 훨씬 저렴합니다.',
      suggestFilter:
        '필터의 선택도가 높다면 해당 컬럼에 인덱스를 만드세요 (등호 조건 컬럼을 앞에). 컬럼에 적용된 함수나 변환이 기존 인덱스를 막고 있지 않은지도 확인하세요.',
      suggestNoFilter:
        '일부 행만 필요하다면 선택도 높은 조건을 추가하고, 그렇지 않다면 파티셔닝, 커버링 인덱스, 요약 테이블을 검토하세요.',
    },
  },
};

export const fullScanLargeTable = defineRule({
  id: 'FULL_SCAN_LARGE_TABLE',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
        title: m.fullScan.title(op.name, size, known),
        explanation: m.fullScan.explanation(op.id, op.name, op.filter),
        suggestion: op.filter ? m.fullScan.suggestFilter : m.fullScan.suggestNoFilter,
        evidence: op.line,
      });
    }
    return out;
  },
});
