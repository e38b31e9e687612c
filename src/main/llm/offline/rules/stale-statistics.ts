/** STALE_STATISTICS: optimizer statistics missing, or older than `staleStatsDays`, on a table the statement reads. */
import type { AnalysisLanguage, Finding } from '@shared/types/llm';
import { defineRule, type Texts } from '../rule';

interface Messages {
  stale: (owner: string | undefined, table: string, days: number | null) => Texts;
}

const TEXT: Record<AnalysisLanguage, Messages> = {
  en: {
    stale: (owner, t, days) => ({
      title:
        days === null
          ? `No optimizer statistics on ${t}`
          : `Optimizer statistics on ${t} are ${Math.floor(days)} days old`,
      explanation:
        'The optimizer sizes every access path and join from these statistics; missing or old ones are the most common cause of a bad plan.',
      suggestion: `EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => '${owner ?? 'OWNER'}', tabname => '${t}') (or let the automatic statistics job cover the table).`,
    }),
  },
  ko: {
    stale: (owner, t, days) => ({
      title:
        days === null ? `${t}에 옵티마이저 통계 없음` : `${t}의 옵티마이저 통계가 ${Math.floor(days)}일 지남`,
      explanation:
        '옵티마이저는 모든 접근 경로와 조인의 비용을 이 통계로 계산합니다. 통계가 없거나 오래된 것이 나쁜 실행계획의 가장 흔한 원인입니다.',
      suggestion: `EXEC DBMS_STATS.GATHER_TABLE_STATS(ownname => '${owner ?? 'OWNER'}', tabname => '${t}') (또는 자동 통계 수집 작업이 이 테이블을 포함하게 하세요).`,
    }),
  },
};

export const staleStatistics = defineRule({
  id: 'STALE_STATISTICS',
  run: (ctx): Finding[] => {
    const m = TEXT[ctx.language];
    const out: Finding[] = [];
    const used = new Set<string>();
    for (const b of ctx.blocks) for (const f of b.from) if (f.table) used.add(f.table);
    for (const op of ctx.plan.operations) if (op.name) used.add(op.name.toUpperCase());
    for (const name of used) {
      const t = ctx.table(name);
      if (!t || t.lastAnalyzed === undefined) continue;
      const days = t.lastAnalyzed === null ? null : (ctx.now - t.lastAnalyzed) / 86_400_000;
      if (days !== null && days < ctx.th.staleStatsDays) continue;
      out.push({
        ruleId: 'STALE_STATISTICS',
        severity: days === null ? 'medium' : 'low',
        ...m.stale(t.owner, t.name, days),
        evidence: `${t.owner ? `${t.owner}.` : ''}${t.name}: last_analyzed=${t.lastAnalyzed === null ? 'never' : new Date(t.lastAnalyzed).toISOString().slice(0, 10)}`,
      });
    }
    return out;
  },
});
