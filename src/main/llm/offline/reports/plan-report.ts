/** `plan` analysis: a summary of the plan, the plan findings and the per-execution statistics. */
import type { Finding } from '@shared/types/llm';
import type { ParsedPlan } from '../../plan-parser';
import { formatStats } from '../../prompts';
import type { RuleContext } from '../context';
import { countLine, findingsSection } from './common';
import { REPORT_TEXT, type ReportText } from './texts';

function planSummary(m: ReportText, plan: ParsedPlan): string {
  const r = m;
  if (!plan.operations.length) return `### ${r.planSummary}\n\n${r.noPlan}`;
  const ops = plan.operations;
  const lines = [r.planHash(plan.planHashValue), r.operations(ops.length, ops[0]?.cost ?? null)];
  const joins = ops
    .filter((o) => /JOIN|NESTED LOOPS/.test(o.operation))
    .map((o) => `${o.id}: ${o.operation}`);
  if (joins.length) lines.push(r.joins(joins.join('; ')));
  const access = ops.filter((o) => /^(TABLE ACCESS|INDEX)/.test(o.operation));
  if (access.length)
    lines.push(r.access(access.map((o) => `${o.operation} ${o.name ?? ''}`.trim()).join('; ')));
  const costly = ops
    .filter((o) => o.id !== 0 && o.cost !== null)
    .sort((a, b) => (b.cost ?? 0) - (a.cost ?? 0))
    .slice(0, 3);
  if (costly.length) {
    lines.push(
      r.costly(
        costly
          .map((o) => `${o.id} ${o.operation}${o.name ? ` ${o.name}` : ''} (${r.cost(o.cost ?? 0)})`)
          .join('; '),
      ),
    );
  }
  return `### ${r.planSummary}\n\n${lines.join('\n')}`;
}

export function planReport(ctx: RuleContext, findings: Finding[]): string {
  const r = REPORT_TEXT[ctx.language];
  const stats = formatStats(ctx.input.stats, ctx.input.language);
  return [
    `## ${r.planTitle}`,
    `**${r.summary}** ${countLine(r, findings)}`,
    planSummary(r, ctx.plan),
    findingsSection(r, findings),
    `### ${r.stats}\n\n${stats || r.notAvailable}`,
    r.footer,
  ].join('\n\n');
}
