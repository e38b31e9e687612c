/** LARGE_SORT: SORT ORDER BY of at least `largeSortRows` rows in the plan (top-N STOPKEY sorts excluded). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { fmtRows } from '../format';
import { defineRule, type Texts } from '../rule';

interface Messages {
  largeSort: (rows: number, id: number) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    largeSort: (rows, id) => ({
      title: `ORDER BY sorts ${fmtRows(rows)} rows (operation ${id})`,
      explanation:
        'The ORDER BY is satisfied by an explicit sort of many rows: PGA memory, possibly temp-tablespace I/O, and nothing is returned until the sort finishes.',
      suggestion:
        'An index whose columns match the ORDER BY (after the equality-filter columns) returns rows already ordered and lets the sort disappear; if only the first rows are shown, add FETCH FIRST n ROWS ONLY.',
    }),
  },
  ko: {
    largeSort: (rows, id) => ({
      title: `ORDER BY가 ${fmtRows(rows)}행을 정렬 (오퍼레이션 ${id})`,
      explanation:
        'ORDER BY를 많은 행의 명시적 정렬로 처리합니다: PGA 메모리, 경우에 따라 temp 테이블스페이스 I/O가 들고, 정렬이 끝날 때까지 아무 행도 반환되지 않습니다.',
      suggestion:
        '등호 조건 컬럼 다음에 ORDER BY 컬럼이 오는 인덱스가 있으면 이미 정렬된 순서로 행을 반환해 정렬이 사라집니다. 처음 몇 행만 보여 준다면 FETCH FIRST n ROWS ONLY를 추가하세요.',
    }),
  },
};

export const largeSort = defineRule({
  id: 'LARGE_SORT',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const out: Finding[] = [];
    for (const op of ctx.plan.operations) {
      if (op.operation !== 'SORT ORDER BY') continue; // STOPKEY (top-N) sorts keep only n rows
      const rows = op.actualRows ?? op.rows;
      if (rows === null || rows < ctx.th.largeSortRows) continue;
      out.push({
        ruleId: 'LARGE_SORT',
        severity: 'medium',
        ...m.largeSort(rows, op.id),
        evidence: op.line,
      });
    }
    return out;
  },
});
