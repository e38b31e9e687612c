/** The offline analysis: the rules of the requested type, then that type's report. */
import { RuleContext } from './context';
import { planReport } from './reports/plan-report';
import { sqlReport } from './reports/sql-report';
import { tuningReport } from './reports/tuning-report';
import { rulesOn } from './run-rules';
import type { OfflineInput, OfflineReport } from './types';

const REPORTS = { sql: sqlReport, plan: planReport, tuning: tuningReport } as const;

export function analyzeOffline(input: OfflineInput): OfflineReport {
  const ctx = new RuleContext(input);
  const findings = rulesOn(ctx);
  return { findings, markdown: REPORTS[input.type](ctx, findings) };
}
