/** NOT_IN_NULLABLE: `NOT IN (SELECT col ...)` where col may be NULL (unless the subquery filters `col IS NOT NULL`). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { isWord } from '../../sql-lexer';
import { defineRule, type Texts } from '../rule';
import { colRefAt, matchingParen, snippet } from '../sql-tokens';

interface Messages {
  notIn: (col: string, nullable: boolean | undefined) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    notIn: (col, nullable) => ({
      title: `NOT IN with a subquery${col ? ` on ${nullable ? 'nullable ' : 'possibly nullable '}column ${col}` : ''}`,
      explanation:
        'If the subquery returns a single NULL, `x NOT IN (...)` is never true and the query silently returns no rows. ' +
        'To honour that rule Oracle may also be unable to use an ordinary anti-join (it needs a null-aware anti-join or a filter per row).',
      suggestion:
        'Use NOT EXISTS (SELECT 1 FROM ... WHERE sub.col = outer.col), or add `WHERE col IS NOT NULL` in the subquery if NULLs must be ignored; declaring the column NOT NULL also fixes it.',
    }),
  },
  ko: {
    notIn: (col, nullable) => ({
      title: `서브쿼리를 쓰는 NOT IN${col ? ` (${nullable ? 'NULL 허용' : 'NULL일 수 있는'} 컬럼 ${col})` : ''}`,
      explanation:
        '서브쿼리가 NULL을 하나라도 반환하면 `x NOT IN (...)` 은 결코 참이 되지 않아 쿼리가 조용히 0건을 반환합니다. ' +
        '이 규칙 때문에 Oracle이 일반 안티 조인을 쓰지 못할 수도 있습니다 (null-aware 안티 조인이나 행마다 필터가 필요).',
      suggestion:
        'NOT EXISTS (SELECT 1 FROM ... WHERE sub.col = outer.col) 를 쓰거나, NULL을 무시해야 한다면 서브쿼리에 `WHERE col IS NOT NULL` 을 추가하세요. 컬럼을 NOT NULL로 선언해도 해결됩니다.',
    }),
  },
};

export const notInNullable = defineRule({
  id: 'NOT_IN_NULLABLE',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
        ...m.notIn(colName, nullable),
        evidence: snippet(tk, Math.max(0, i - 2), Math.min(close, i + 12), ctx.input.sqlText),
      });
    }
    return out;
  },
});
