/** CARTESIAN_JOIN: a CARTESIAN operation in the plan; comma-joined tables in FROM that no predicate connects. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { defineRule, type Texts } from '../rule';
import { COMPARISON, colRefAt, snippet } from '../sql-tokens';

interface Messages {
  cartesianPlan: (id: number, operation: string) => Texts;
  cartesianSql: (groups: string[]) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    cartesianPlan: (id, op) => ({
      title: `Cartesian join in the plan (operation ${id}: ${op})`,
      explanation:
        'Every row of one input is combined with every row of the other: the row count multiplies. Usually a join predicate is ' +
        'missing, or the optimizer expects one side to return a single row (check that estimate).',
      suggestion:
        'Check that every table in FROM is joined to the others; if the estimate of 1 row on one side is wrong, gather statistics.',
    }),
    cartesianSql: (groups) => ({
      title: 'Tables in FROM without a join predicate (cartesian product)',
      explanation:
        `No predicate links these groups of tables: ${groups.map((g) => `{${g}}`).join(' × ')}. ` +
        'Every row of one group is combined with every row of the other, multiplying the rows read and returned.',
      suggestion:
        'Add the missing join condition (or use explicit JOIN ... ON syntax so a missing condition is a syntax error). If the product is intended, write CROSS JOIN to say so.',
    }),
  },
  ko: {
    cartesianPlan: (id, op) => ({
      title: `실행계획에 카티션 조인 (오퍼레이션 ${id}: ${op})`,
      explanation:
        '한 입력의 모든 행이 다른 입력의 모든 행과 결합되어 행 수가 곱해집니다. 보통 조인 조건이 빠졌거나, ' +
        '옵티마이저가 한쪽이 1행만 반환한다고 추정한 경우입니다 (그 추정을 확인하세요).',
      suggestion:
        'FROM의 모든 테이블이 서로 조인되는지 확인하세요. 한쪽 1행 추정이 틀렸다면 통계를 수집하세요.',
    }),
    cartesianSql: (groups) => ({
      title: 'FROM의 테이블 사이에 조인 조건 없음 (카티션 곱)',
      explanation:
        `다음 테이블 그룹을 연결하는 조건이 없습니다: ${groups.map((g) => `{${g}}`).join(' × ')}. ` +
        '한 그룹의 모든 행이 다른 그룹의 모든 행과 결합되어, 읽고 반환하는 행 수가 곱해집니다.',
      suggestion:
        '빠진 조인 조건을 추가하세요 (명시적 JOIN ... ON 문법을 쓰면 조건 누락이 문법 오류가 됩니다). 곱이 의도된 것이라면 CROSS JOIN으로 명시하세요.',
    }),
  },
};

export const cartesianJoin = defineRule({
  id: 'CARTESIAN_JOIN',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const out: Finding[] = [];
    if (ctx.input.type !== 'sql') {
      for (const op of ctx.plan.operations) {
        if (!op.operation.includes('CARTESIAN')) continue;
        out.push({
          ruleId: 'CARTESIAN_JOIN',
          severity: 'high',
          ...m.cartesianPlan(op.id, op.operation),
          evidence: op.line,
        });
        break;
      }
    }
    if (ctx.input.type === 'plan') return out;
    const tk = ctx.tokens;
    for (const b of ctx.blocks) {
      const items = b.from.filter((f) => f.table !== 'DUAL');
      if (items.length < 2 || !items.some((f) => f.join === 'comma')) continue;
      const names = items.map((f) => f.alias ?? f.table ?? '?');
      const parent = new Map(names.map((n) => [n, n]));
      const find = (x: string): string => {
        let r = x;
        while (parent.get(r) !== r) r = parent.get(r)!;
        return r;
      };
      // explicit JOIN ... ON items are connected to the previous item
      for (let k = 1; k < items.length; k++) {
        if (items[k]!.join === 'join') parent.set(find(names[k]!), find(names[k - 1]!));
      }
      let qualified = 0;
      if (b.where !== -1) {
        for (let i = b.where; i < b.end; i++) {
          const t = tk[i]!;
          if (t.kind !== 'op' || !COMPARISON.has(t.text) || !t.predicate) continue;
          const left = [5, 3, 1].map((back) => colRefAt(tk, i - back)).find((r) => r && r.end === i);
          const right = colRefAt(tk, i + 1); // also a.x = b.y(+) (Oracle outer join syntax)
          if (left?.qualifier) qualified++;
          if (
            left?.qualifier &&
            right?.qualifier &&
            names.includes(left.qualifier) &&
            names.includes(right.qualifier)
          ) {
            parent.set(find(left.qualifier), find(right.qualifier));
          }
        }
      }
      const roots = new Set(names.map(find));
      if (roots.size < 2) continue;
      // with unqualified columns only we cannot tell which table a predicate joins: only flag a missing WHERE
      if (b.where !== -1 && qualified === 0) continue;
      const groups = [...roots].map((r) => names.filter((n) => find(n) === r).join(', '));
      out.push({
        ruleId: 'CARTESIAN_JOIN',
        severity: 'high',
        ...m.cartesianSql(groups),
        evidence: snippet(tk, b.start, Math.min(b.end - 1, b.start + 20), ctx.input.sqlText),
      });
    }
    return out;
  },
});
