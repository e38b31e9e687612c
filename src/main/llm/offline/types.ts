/** What the offline analyser takes and returns, and the thresholds its rules use. */
import type { AnalysisLanguage, AnalysisType, Finding, LlmSqlStats, LlmTableInfo } from '@shared/types/llm';

export const OFFLINE_MODEL = 'rules-v1';

export interface OfflineThresholds {
  /** a table with at least this many rows is "large" */
  largeTableRows: number;
  /** buffer gets per execution: medium at this, high at 10× this */
  highGetsPerExec: number;
  /** a sort of at least this many (estimated) rows is worth avoiding */
  largeSortRows: number;
  /** statistics older than this many days are stale */
  staleStatsDays: number;
}

export const DEFAULT_THRESHOLDS: OfflineThresholds = {
  largeTableRows: 100_000,
  highGetsPerExec: 10_000,
  largeSortRows: 100_000,
  staleStatsDays: 30,
};

export interface OfflineInput {
  type: AnalysisType;
  sqlText: string;
  plan?: string;
  stats?: LlmSqlStats;
  tables?: LlmTableInfo[];
  language?: AnalysisLanguage;
  /** for "statistics are N days old" (tests) */
  now?: number;
  thresholds?: Partial<OfflineThresholds>;
}

export interface OfflineReport {
  findings: Finding[];
  markdown: string;
}
