/**
 * The built-in offline analyser: the embedded default provider, no model, nothing leaves the machine.
 * Rule-based findings on the SQL text, the plan (DBMS_XPLAN text), the per-execution statistics and
 * the tables' sizes. Each finding carries an explanation a DBA can act on and a suggested fix.
 * One rule per file under `rules/`; see README.md for the layout and how to add a rule.
 */
export { analyzeOffline } from './analyze';
export { tablesReferenced } from './query-blocks';
export { RULE_IDS, type RuleId } from './rules';
export { runRules } from './run-rules';
export {
  DEFAULT_THRESHOLDS,
  OFFLINE_MODEL,
  type OfflineInput,
  type OfflineReport,
  type OfflineThresholds,
} from './types';
