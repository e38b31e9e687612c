/** HIGH_GETS_PER_EXEC: buffer gets per execution at or above `highGetsPerExec` (high at 10×), from the statement's statistics. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { fmtRows } from '../format';
import { defineRule, type Texts } from '../rule';

interface Messages {
  highGets: (perExec: number, rowsPerExec: number | undefined, perRow: number | undefined) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    highGets: (perExec, rowsPerExec, perRow) => ({
      title: `High logical reads: ${fmtRows(Math.round(perExec))} buffer gets per execution`,
      explanation:
        `Each execution visits ${fmtRows(Math.round(perExec))} blocks in the buffer cache` +
        (rowsPerExec !== undefined ? ` to return ${rowsPerExec.toFixed(1)} rows` : '') +
        (perRow !== undefined ? ` (${fmtRows(Math.round(perRow))} gets per row)` : '') +
        '. Logical reads burn CPU and cache latches; over many executions this is usually the top cost of the statement.',
      suggestion:
        'Find the plan lines that read the most blocks (DBMS_XPLAN with ALLSTATS LAST, Buffers column) and make that access more selective: a better index, a join order that filters early, or fewer rows fetched.',
    }),
  },
  ko: {
    highGets: (perExec, rowsPerExec, perRow) => ({
      title: `논리적 읽기 과다: 실행당 buffer gets ${fmtRows(Math.round(perExec))}`,
      explanation:
        `실행할 때마다 버퍼 캐시의 블록 ${fmtRows(Math.round(perExec))}개를 방문합니다` +
        (rowsPerExec !== undefined ? ` (반환 행 ${rowsPerExec.toFixed(1)}개` : '') +
        (rowsPerExec !== undefined
          ? perRow !== undefined
            ? `, 행당 ${fmtRows(Math.round(perRow))} gets)`
            : ')'
          : '') +
        '. 논리적 읽기는 CPU와 캐시 래치를 소모하며, 실행 횟수가 많으면 보통 이 문장의 가장 큰 비용입니다.',
      suggestion:
        '가장 많은 블록을 읽는 실행계획 라인을 찾아 (DBMS_XPLAN ALLSTATS LAST의 Buffers 컬럼) 그 접근을 더 선택적으로 만드세요: 더 나은 인덱스, 먼저 걸러내는 조인 순서, 더 적은 행 조회.',
    }),
  },
};

export const highGetsPerExec = defineRule({
  id: 'HIGH_GETS_PER_EXEC',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const s = ctx.input.stats;
    if (!s?.bufferGets || !s.executions) return [];
    const perExec = s.bufferGets / s.executions;
    if (perExec < ctx.th.highGetsPerExec) return [];
    const rowsPerExec = s.rowsProcessed !== undefined ? s.rowsProcessed / s.executions : undefined;
    const perRow = rowsPerExec && rowsPerExec > 0 ? perExec / rowsPerExec : undefined;
    return [
      {
        ruleId: 'HIGH_GETS_PER_EXEC',
        severity: perExec >= ctx.th.highGetsPerExec * 10 ? 'high' : 'medium',
        ...m.highGets(perExec, rowsPerExec, perRow),
        evidence: `buffer_gets=${fmtRows(s.bufferGets)} executions=${fmtRows(s.executions)}`,
      },
    ];
  },
});
