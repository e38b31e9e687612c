/** LEADING_WILDCARD: `LIKE '%...'` or `LIKE '_...'`: no index range scan possible. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { isWord } from '../../sql-lexer';
import { defineRule, type Texts } from '../rule';
import { snippet } from '../sql-tokens';

interface Messages {
  leadingWildcard: (pattern: string) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    leadingWildcard: (pattern) => ({
      title: `LIKE pattern starting with a wildcard (${pattern})`,
      explanation:
        'A pattern that starts with % or _ cannot use a B-tree index range scan on the column: every row (or every index entry) is examined.',
      suggestion:
        "Search by prefix if the application allows it (LIKE 'abc%'); for real substring or word search use Oracle Text (CONTAINS) or a reversed-value function-based index for suffix search.",
    }),
  },
  ko: {
    leadingWildcard: (pattern) => ({
      title: `와일드카드로 시작하는 LIKE 패턴 (${pattern})`,
      explanation:
        '% 또는 _ 로 시작하는 패턴은 컬럼의 B-tree 인덱스 범위 스캔을 쓸 수 없어 모든 행(또는 모든 인덱스 항목)을 검사합니다.',
      suggestion:
        "애플리케이션이 허용하면 접두어로 검색하세요 (LIKE 'abc%'). 부분 문자열·단어 검색에는 Oracle Text(CONTAINS), 접미어 검색에는 값을 뒤집은 함수 기반 인덱스를 쓰세요.",
    }),
  },
};

export const leadingWildcard = defineRule({
  id: 'LEADING_WILDCARD',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
        ...m.leadingWildcard(v.text.slice(0, 40)),
        evidence: snippet(tk, Math.max(0, i - 3), i + 1, ctx.input.sqlText),
      });
    }
    return out;
  },
});
