/** SELECT_STAR: `SELECT *` (or `alias.*`) in a select list; not inside EXISTS (which reads no columns). */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { isWord } from '../../sql-lexer';
import { defineRule, type Texts } from '../rule';
import { snippet } from '../sql-tokens';

interface Messages {
  selectStar: Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    selectStar: {
      title: 'SELECT * reads every column',
      explanation:
        'Selecting all columns fetches and transfers data the application may not use, prevents index-only (covering) access, ' +
        'and silently changes the result when columns are added to the table.',
      suggestion: 'List only the columns the application needs.',
    },
  },
  ko: {
    selectStar: {
      title: 'SELECT * 로 모든 컬럼을 읽음',
      explanation:
        '모든 컬럼을 조회하면 애플리케이션이 쓰지 않을 수도 있는 데이터까지 읽고 전송하며, 인덱스만으로 처리하는(커버링) 접근을 막고, ' +
        '테이블에 컬럼이 추가되면 결과가 조용히 바뀝니다.',
      suggestion: '애플리케이션에 필요한 컬럼만 나열하세요.',
    },
  },
};

export const selectStar = defineRule({
  id: 'SELECT_STAR',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
          ...m.selectStar,
          evidence: snippet(ctx.tokens, aliasStar ? i - 2 : i - 1, i, ctx.input.sqlText),
        });
        break;
      }
    }
    return out;
  },
});
