/** IMPLICIT_CONVERSION: a character column compared with a number in the SQL text; a conversion function (TO_NUMBER, INTERNAL_FUNCTION, ...) around a compared column in the plan's predicates. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { defineRule, type Texts } from '../rule';
import { COMPARISON, colRefAt, snippet } from '../sql-tokens';

interface Messages {
  implicitSql: (dataType: string, col: string) => Texts;
  implicitPlan: (col: string, fn: string, id: number) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    implicitSql: (type, col) => ({
      title: `${type} column ${col} compared with a number`,
      explanation:
        `Oracle converts the character column, not the number: the predicate becomes TO_NUMBER(${col}) = n, so an index on ` +
        `${col} cannot be used, and any non-numeric value in the column raises ORA-01722 at run time.`,
      suggestion: `Compare with a string: ${col} = '...' (or a VARCHAR2 bind variable).`,
    }),
    implicitPlan: (col, fn, id) => ({
      title: `Conversion applied to column ${col} in the plan (operation ${id})`,
      explanation:
        `The plan's predicate wraps ${col} in ${fn}(): the column is being converted (often an implicit ` +
        'conversion from comparing different data types, e.g. a VARCHAR2 column with a number, or NVARCHAR2 with VARCHAR2), ' +
        'so an index on it cannot be used for this predicate.',
      suggestion:
        "Make both sides the same type: fix the bind variable's type in the application, or quote / convert the literal side.",
    }),
  },
  ko: {
    implicitSql: (type, col) => ({
      title: `${type} 컬럼 ${col}을(를) 숫자와 비교`,
      explanation:
        `Oracle은 숫자가 아니라 문자 컬럼을 변환합니다: 조건이 TO_NUMBER(${col}) = n 이 되어 ${col}의 인덱스를 쓸 수 없고, ` +
        '컬럼에 숫자가 아닌 값이 하나라도 있으면 실행 중 ORA-01722가 발생합니다.',
      suggestion: `문자열과 비교하세요: ${col} = '...' (또는 VARCHAR2 바인드 변수).`,
    }),
    implicitPlan: (col, fn, id) => ({
      title: `실행계획에서 컬럼 ${col}에 변환 함수 적용 (오퍼레이션 ${id})`,
      explanation:
        `실행계획의 조건이 ${col}을(를) ${fn}()로 감싸고 있습니다: 컬럼이 변환되고 있으며 (대개 VARCHAR2 컬럼과 숫자, ` +
        'NVARCHAR2와 VARCHAR2처럼 다른 타입을 비교해서 생기는 암시적 변환), 이 조건에는 컬럼의 인덱스를 쓸 수 없습니다.',
      suggestion:
        '양쪽 타입을 맞추세요: 애플리케이션에서 바인드 변수 타입을 고치거나, 리터럴 쪽을 따옴표로 감싸거나 변환하세요.',
    }),
  },
};

const CHAR_TYPES = /^(N?VARCHAR2?|N?CHAR|NCLOB|CLOB)/i;

const CONVERSION_FN = '(INTERNAL_FUNCTION|TO_NUMBER|SYS_OP_C2C|TO_BINARY_DOUBLE|TO_BINARY_FLOAT|TO_CHAR)';
const PLAN_COLUMN = '("[^"]+"(?:\\."[^"]+")?)';
const PLAN_CMP = '(?:=|<>|!=|<=|>=|<|>|\\bLIKE\\b|\\bIN\\b|\\bBETWEEN\\b)';
/** FN("COL") = ... */
const PLAN_CONVERSION_LEFT = new RegExp(
  `${CONVERSION_FN}\\s*\\(\\s*${PLAN_COLUMN}\\s*\\)\\s*${PLAN_CMP}`,
  'i',
);
/** ... = FN("COL") */
const PLAN_CONVERSION_RIGHT = new RegExp(
  `${PLAN_CMP}\\s*${CONVERSION_FN}\\s*\\(\\s*${PLAN_COLUMN}\\s*\\)`,
  'i',
);

export const implicitConversion = defineRule({
  id: 'IMPLICIT_CONVERSION',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const out: Finding[] = [];
    const tk = ctx.tokens;
    if (ctx.input.type !== 'plan') {
      for (let i = 0; i < tk.length; i++) {
        const t = tk[i]!;
        if (!t.predicate || t.kind !== 'op' || !COMPARISON.has(t.text)) continue;
        // col op number  |  number op col
        let refIdx = -1;
        if (tk[i + 1]?.kind === 'number') {
          // walk back to the start of a colref ending at i
          for (const back of [1, 3, 5]) {
            const r = colRefAt(tk, i - back);
            if (r && r.end === i) refIdx = i - back;
          }
        } else if (tk[i - 1]?.kind === 'number') {
          if (colRefAt(tk, i + 1)) refIdx = i + 1;
        }
        if (refIdx === -1) continue;
        const ref = colRefAt(tk, refIdx)!;
        const col = ctx.column(ctx.blockAt(i), ref.qualifier, ref.col);
        if (!col?.info?.dataType || !CHAR_TYPES.test(col.info.dataType)) continue;
        const colName = `${ref.qualifier ? `${ref.qualifier}.` : ''}${ref.col}`;
        out.push({
          ruleId: 'IMPLICIT_CONVERSION',
          severity: col.indexed ? 'high' : 'medium',
          ...m.implicitSql(col.info.dataType, colName),
          evidence: snippet(tk, Math.min(refIdx, i - 1), Math.max(ref.end, i + 1), ctx.input.sqlText),
        });
      }
    }
    if (ctx.input.type !== 'sql') {
      for (const op of ctx.plan.operations) {
        for (const pred of [op.access, op.filter]) {
          if (!pred) continue;
          // the converted column must be compared (not e.g. sorted in an analytic ORDER BY)
          const conv = PLAN_CONVERSION_LEFT.exec(pred) ?? PLAN_CONVERSION_RIGHT.exec(pred);
          if (!conv) continue;
          out.push({
            ruleId: 'IMPLICIT_CONVERSION',
            severity: op.operation.includes('FULL') ? 'high' : 'medium',
            ...m.implicitPlan(conv[2]!, conv[1]!.toUpperCase(), op.id),
            evidence: `${op.id} - ${op.access === pred ? 'access' : 'filter'}(${pred.slice(0, 140)}`,
          });
          break;
        }
      }
    }
    return out;
  },
});
