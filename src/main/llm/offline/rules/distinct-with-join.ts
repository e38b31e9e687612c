/** DISTINCT_WITH_JOIN: SELECT DISTINCT over a join (often hides a join that multiplies rows). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { defineRule, type Texts } from '../rule';
import { snippet } from '../sql-tokens';

interface Messages {
  distinctJoin: (tables: number) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    distinctJoin: (tables) => ({
      title: `SELECT DISTINCT over a join of ${tables} tables`,
      explanation:
        'DISTINCT on a join often hides a join that multiplies rows (a missing join column, or a one-to-many join used only for filtering). The duplicates are still produced, then sorted or hashed away.',
      suggestion:
        'Check each join is on the full key; if a joined table is only used to filter, use EXISTS (SELECT 1 ...) instead of joining it, and drop DISTINCT.',
    }),
  },
  ko: {
    distinctJoin: (tables) => ({
      title: `테이블 ${tables}개 조인에 SELECT DISTINCT`,
      explanation:
        '조인에 DISTINCT를 쓰면 행을 불리는 조인(조인 컬럼 누락, 필터 용도로만 쓰는 1:N 조인)을 가리는 경우가 많습니다. 중복 행은 여전히 만들어진 뒤 정렬이나 해시로 제거됩니다.',
      suggestion:
        '각 조인이 전체 키로 연결되는지 확인하세요. 조인한 테이블을 필터로만 쓴다면 조인 대신 EXISTS (SELECT 1 ...) 를 쓰고 DISTINCT를 없애세요.',
    }),
  },
};

export const distinctWithJoin = defineRule({
  id: 'DISTINCT_WITH_JOIN',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const out: Finding[] = [];
    for (const b of ctx.blocks) {
      if (!b.distinct || b.from.length < 2) continue;
      out.push({
        ruleId: 'DISTINCT_WITH_JOIN',
        severity: 'low',
        ...m.distinctJoin(b.from.length),
        evidence: snippet(ctx.tokens, b.start, Math.min(b.end - 1, b.start + 14), ctx.input.sqlText),
      });
    }
    return out;
  },
});
