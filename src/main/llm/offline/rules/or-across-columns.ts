/** OR_ACROSS_COLUMNS: OR between predicates on different columns (one index range scan cannot answer it). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { isWord } from '../../sql-lexer';
import { defineRule, type Texts } from '../rule';
import { colRefAt, snippet } from '../sql-tokens';

interface Messages {
  orAcross: (cols: string[]) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    orAcross: (cols) => ({
      title: `OR across different columns (${cols.join(', ')})`,
      explanation:
        'An OR between predicates on different columns cannot be answered by one index range scan: the optimizer either scans the table or needs OR-expansion / bitmap conversion, which it does not always choose.',
      suggestion:
        'Rewrite as UNION ALL of one branch per column (add LNNVL() to avoid duplicates), or make sure each column has its own index so OR-expansion is possible; an OR on one column is better written as IN (...).',
    }),
  },
  ko: {
    orAcross: (cols) => ({
      title: `서로 다른 컬럼에 걸친 OR (${cols.join(', ')})`,
      explanation:
        '다른 컬럼에 대한 조건을 OR로 묶으면 인덱스 범위 스캔 하나로 처리할 수 없습니다: 옵티마이저는 테이블을 스캔하거나 OR-expansion / 비트맵 변환이 필요한데, 이를 항상 선택하지는 않습니다.',
      suggestion:
        '컬럼별 분기를 UNION ALL로 다시 쓰거나 (중복 방지에 LNNVL() 사용), 각 컬럼에 인덱스가 있어 OR-expansion이 가능하게 하세요. 한 컬럼에 대한 OR은 IN (...) 으로 쓰는 편이 낫습니다.',
    }),
  },
};

export const orAcrossColumns = defineRule({
  id: 'OR_ACROSS_COLUMNS',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
        if (
          p.depth < d ||
          !p.predicate ||
          (p.depth === d && isWord(p, 'WHERE', 'ON', 'HAVING', 'WITH', 'BY'))
        )
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
          for (let p = termStart; p < k; p++) {
            const r = colRefAt(tk, p);
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
        ...m.orAcross([...cols].map((c) => c.replace(/^\./, ''))),
        evidence: snippet(tk, from, to, ctx.input.sqlText),
      });
    }
    return out;
  },
});
