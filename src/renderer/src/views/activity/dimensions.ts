/** The dimensions of a sampled row, as main computes them (defined once in src/shared). */
export {
  CPU_KEY,
  classOf as rowClass,
  dimensionKey,
  matches,
  NOT_BLOCKED_KEY,
  NULL_KEY,
  OTHER_KEY,
  type RowFilter,
} from '@shared/activity-dimensions';
