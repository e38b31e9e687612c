/** The dimensions of a sampled row: defined once in src/shared (the renderer's live merge uses them too). */
export {
  CPU_KEY,
  classOf,
  dimensionKey,
  matches,
  NOT_BLOCKED_KEY,
  NULL_KEY,
  OTHER_KEY,
  type RowFilter,
  sessionKey,
} from '@shared/activity-dimensions';
