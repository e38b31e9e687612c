/** `tuning` analysis: every rule's findings as prioritised actions, notes, and how to verify. */
import type { Finding } from '@shared/types/llm';
import { formatStats } from '../../prompts';
import type { RuleContext } from '../context';
import { countLine, tick } from './common';
import { REPORT_TEXT } from './texts';

export function tuningReport(ctx: RuleContext, findings: Finding[]): string {
  const r = REPORT_TEXT[ctx.language];
  const actions = findings.filter((f) => f.severity !== 'info');
  const actionList = actions.length
    ? actions
        .map(
          (f, i) =>
            `${i + 1}. **${f.suggestion}**  \n   ${r.why(f.title, r.severity[f.severity], tick(f.evidence))}`,
        )
        .join('\n')
    : r.noActions;
  const notes = findings.filter((f) => f.severity === 'info');
  const stats = formatStats(ctx.input.stats, ctx.input.language);
  return [
    `## ${r.tuningTitle}`,
    `**${r.summary}** ${countLine(r, findings)}`,
    `### ${r.actions}\n\n${actionList}`,
    ...(notes.length
      ? [`### ${r.notes}\n\n${notes.map((f) => `- ${f.title}: ${f.suggestion}`).join('\n')}`]
      : []),
    `### ${r.verify}\n\n${r.verifyRerun(Boolean(stats))}${stats ? `\n${stats}` : ''}\n${r.verifyCopy}`,
    r.footer,
  ].join('\n\n');
}
