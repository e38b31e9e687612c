/** The cache engine (read path of the two-level cache). See engine.ts for the behaviour. */
export {
  CacheEngine,
  type CacheEngineOptions,
  type EngineRedis,
  type EngineState,
  type InvalidationNotice,
  type L2State,
  type NamespaceInvalidatorLike,
} from './engine';
export { decodeEnvelope, deepFreeze, ENVELOPE_VERSION, type Envelope, encodeEnvelope } from './envelope';
