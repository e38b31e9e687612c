/** Runs the rules of one analysis type: duplicates (same rule, same evidence) dropped, high severity first. */
import type { Finding, FindingSeverity } from '@shared/types/llm';
import { RuleContext } from './context';
import { RULES_BY_TYPE } from './rules';
import type { OfflineInput } from './types';

const SEVERITY_ORDER: Record<FindingSeverity, number> = { high: 0, medium: 1, low: 2, info: 3 };

export function runRules(input: OfflineInput): Finding[] {
  return rulesOn(new RuleContext(input));
}

export function rulesOn(ctx: RuleContext): Finding[] {
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const rule of RULES_BY_TYPE[ctx.input.type]) {
    for (const f of rule.run(ctx)) {
      const key = `${f.ruleId}|${f.evidence}`;
      if (seen.has(key)) continue;
      seen.add(key);
      findings.push(f);
    }
  }
  return findings.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
}
