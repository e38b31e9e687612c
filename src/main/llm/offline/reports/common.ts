/** Pieces every report shares: the count line and the numbered findings. */
import type { Finding, FindingSeverity } from '@shared/types/llm';
import type { ReportText } from './texts';

export function countLine(m: ReportText, findings: Finding[]): string {
  if (!findings.length) return m.none;
  const by = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  const parts = (['high', 'medium', 'low', 'info'] as const)
    .filter((s) => by(s))
    .map((s) => m.sevCount(m.severity[s], by(s)));
  return m.count(findings.length, parts);
}

export const tick = (text: string) => text.replace(/`/g, "'");

export function findingsSection(m: ReportText, findings: Finding[]): string {
  const r = m;
  if (!findings.length) return `### ${r.findings}\n\n${r.noFindings}`;
  return `### ${r.findings}\n\n${findings
    .map(
      (f, i) =>
        `${i + 1}. **[${r.severity[f.severity]}] ${f.title}**  \n   ${f.explanation}\n   - ${r.evidence}: \`${tick(f.evidence)}\`\n   - ${r.suggestion}: ${f.suggestion}`,
    )
    .join('\n')}`;
}
