/** FUNCTION_ON_COLUMN: a function (UPPER, TRUNC, NVL, ...) wrapped around a column in a compared predicate; high when the column is indexed. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { defineRule } from '../rule';
import { colRefAt, isComparison, matchingParen, snippet } from '../sql-tokens';

interface Messages {
  fnOnColumn: {
    title: (fn: string, col: string) => string;
    explanation: (fn: string, col: string, indexed: boolean) => string;
    advice: Record<string, string>;
  };
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    fnOnColumn: {
      title: (fn, col) => `${fn}() applied to column ${col} in a predicate`,
      explanation: (fn, col, indexed) =>
        `Wrapping ${col} in ${fn}() makes the predicate non-sargable: a normal index on the column cannot be used for it ` +
        `(only a function-based index on exactly this expression could), and the optimizer's estimate falls back to a guess.` +
        (indexed ? ` ${col} is indexed, so the index is being bypassed.` : ''),
      advice: {
        UPPER:
          'Store the value in one case, or create a function-based index on UPPER(column); for case-insensitive search with an index, see also linguistic indexes (NLS_SORT/NLS_COMP).',
        LOWER:
          'Create a function-based index on LOWER(column), or compare against a value already in the stored case.',
        TRUNC:
          'Compare the bare column with a range instead: `col >= TRUNC(:d) AND col < TRUNC(:d) + 1` keeps an index on the column usable.',
        NVL: 'Rewrite `NVL(col, :x) = :y` as `(col = :y OR (col IS NULL AND :x = :y))`, or index the expression.',
        NVL2: 'Rewrite with explicit IS NULL / IS NOT NULL branches, or index the expression.',
        COALESCE: 'Rewrite with explicit IS NULL branches, or index the expression.',
        TO_CHAR:
          'Convert the other side instead (e.g. `date_col >= TO_DATE(:s, ...)` rather than `TO_CHAR(date_col, ...) = :s`).',
        TO_NUMBER:
          "Compare with a value of the column's own type (quote the number if the column is a string).",
        TO_DATE: 'Convert the other side instead of the column.',
        SUBSTR:
          "A prefix test `SUBSTR(col, 1, n) = :s` can be written `col LIKE :s || '%'` and use an index.",
        TRIM: 'Store trimmed values (or index TRIM(column)).',
        LTRIM: 'Store trimmed values (or index the expression).',
        RTRIM: 'Store trimmed values (or index the expression).',
        DECODE: 'Rewrite as explicit predicates on the bare column, or index the expression.',
        ABS: 'Rewrite as a range on the bare column, or index the expression.',
        ROUND: 'Rewrite as a range on the bare column, or index the expression.',
      },
    },
  },
  ko: {
    fnOnColumn: {
      title: (fn, col) => `조건절에서 컬럼 ${col}에 ${fn}() 적용`,
      explanation: (fn, col, indexed) =>
        `${col}을(를) ${fn}()로 감싸면 인덱스를 탈 수 없는 조건이 됩니다: 컬럼의 일반 인덱스는 이 조건에 쓰이지 못하고 ` +
        `(정확히 같은 식의 함수 기반 인덱스만 가능), 옵티마이저의 카디널리티 추정도 추측값으로 떨어집니다.` +
        (indexed ? ` ${col}에는 인덱스가 있으므로 그 인덱스를 우회하고 있습니다.` : ''),
      advice: {
        UPPER:
          '값을 한 가지 대소문자로 저장하거나 UPPER(column) 함수 기반 인덱스를 만드세요. 인덱스를 쓰는 대소문자 무시 검색은 linguistic 인덱스(NLS_SORT/NLS_COMP)도 참고하세요.',
        LOWER: 'LOWER(column) 함수 기반 인덱스를 만들거나, 저장된 대소문자 그대로의 값과 비교하세요.',
        TRUNC:
          '컬럼을 그대로 두고 범위로 비교하세요: `col >= TRUNC(:d) AND col < TRUNC(:d) + 1` 이면 컬럼의 인덱스를 쓸 수 있습니다.',
        NVL: '`NVL(col, :x) = :y` 를 `(col = :y OR (col IS NULL AND :x = :y))` 로 바꾸거나, 식에 인덱스를 만드세요.',
        NVL2: 'IS NULL / IS NOT NULL 분기를 명시적으로 쓰거나, 식에 인덱스를 만드세요.',
        COALESCE: 'IS NULL 분기를 명시적으로 쓰거나, 식에 인덱스를 만드세요.',
        TO_CHAR:
          '반대쪽 값을 변환하세요 (예: `TO_CHAR(date_col, ...) = :s` 대신 `date_col >= TO_DATE(:s, ...)`).',
        TO_NUMBER: '컬럼과 같은 타입의 값과 비교하세요 (컬럼이 문자열이면 숫자를 따옴표로 감싸세요).',
        TO_DATE: '컬럼 대신 반대쪽 값을 변환하세요.',
        SUBSTR:
          "접두어 비교 `SUBSTR(col, 1, n) = :s` 는 `col LIKE :s || '%'` 로 바꾸면 인덱스를 쓸 수 있습니다.",
        TRIM: '공백을 제거한 값으로 저장하세요 (또는 TRIM(column)에 인덱스).',
        LTRIM: '공백을 제거한 값으로 저장하세요 (또는 식에 인덱스).',
        RTRIM: '공백을 제거한 값으로 저장하세요 (또는 식에 인덱스).',
        DECODE: '컬럼을 그대로 쓰는 명시적 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
        ABS: '컬럼을 그대로 쓰는 범위 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
        ROUND: '컬럼을 그대로 쓰는 범위 조건으로 바꾸거나, 식에 인덱스를 만드세요.',
      },
    },
  },
};

/** the functions this rule knows advice for */
const FN_NAMES = new Set(Object.keys(TEXT.en.fnOnColumn.advice));

export const functionOnColumn = defineRule({
  id: 'FUNCTION_ON_COLUMN',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
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
        title: m.fnOnColumn.title(fn, colName),
        explanation: m.fnOnColumn.explanation(fn, colName, Boolean(col?.indexed)),
        suggestion: m.fnOnColumn.advice[fn]!,
        evidence: snippet(tk, i, Math.min(tk.length - 1, close + 2), ctx.input.sqlText),
      });
    }
    return out;
  },
});
