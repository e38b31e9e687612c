/** The shape of one offline rule: an id and a function from the context to its findings. */
import type { Finding } from '@shared/types/llm';
import type { RuleContext } from './context';

/** A finding's texts in one language. */
export interface Texts {
  title: string;
  explanation: string;
  suggestion: string;
}

export interface OfflineRule<Id extends string = string> {
  /** the `ruleId` of the findings it reports (upper snake case) */
  readonly id: Id;
  run(ctx: RuleContext): Finding[];
}

/** Keeps the id's literal type, so the registry can list the rule ids as a union. */
export function defineRule<const Id extends string>(rule: OfflineRule<Id>): OfflineRule<Id> {
  return rule;
}
