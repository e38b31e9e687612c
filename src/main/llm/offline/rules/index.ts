/**
 * The registry: every offline rule, and which ones each analysis type runs, in the order their
 * findings are listed (a stable sort by severity follows). To add a rule: write `rules/<name>.ts`
 * with `defineRule` (detection + en/ko texts), add it to ALL_RULES and to the types it applies to.
 */
import type { AnalysisType } from '@shared/types/llm';
import type { OfflineRule } from '../rule';
import { cartesianJoin } from './cartesian-join';
import { distinctWithJoin } from './distinct-with-join';
import { fullScanLargeTable } from './full-scan-large-table';
import { functionOnColumn } from './function-on-column';
import { highGetsPerExec } from './high-gets-per-exec';
import { implicitConversion } from './implicit-conversion';
import { largeSort } from './large-sort';
import { leadingWildcard } from './leading-wildcard';
import { noWhereLargeTable } from './no-where-large-table';
import { notInNullable } from './not-in-nullable';
import { orAcrossColumns } from './or-across-columns';
import { selectStar } from './select-star';
import { staleStatistics } from './stale-statistics';

export const ALL_RULES = [
  selectStar,
  noWhereLargeTable,
  functionOnColumn,
  implicitConversion,
  notInNullable,
  cartesianJoin,
  fullScanLargeTable,
  highGetsPerExec,
  leadingWildcard,
  orAcrossColumns,
  distinctWithJoin,
  largeSort,
  staleStatistics,
] as const;

/** The rule ids, for tests and the UI. */
export type RuleId = (typeof ALL_RULES)[number]['id'];
export const RULE_IDS: readonly RuleId[] = ALL_RULES.map((r) => r.id);

/** `sql` = rules on the statement text; `plan` = rules on the plan and statistics; `tuning` = all. */
export const RULES_BY_TYPE: Record<AnalysisType, readonly OfflineRule[]> = {
  sql: [
    selectStar,
    noWhereLargeTable,
    functionOnColumn,
    implicitConversion,
    notInNullable,
    cartesianJoin,
    leadingWildcard,
    orAcrossColumns,
    distinctWithJoin,
  ],
  plan: [cartesianJoin, fullScanLargeTable, implicitConversion, largeSort, highGetsPerExec],
  tuning: ALL_RULES,
};
