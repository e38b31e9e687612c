/**
 * Where samples live: a Redis Stream shared by the team (store-redis.ts) or this console's bounded
 * memory when Redis is down or switched off (store-memory.ts). Same interface, same codec.
 */
import type { ActivitySample } from '@shared/types/activity';
import type { MinuteRollup } from './rollup';

export type AppendOutcome = 'written' | 'duplicate' | 'fenced';

export interface Retention {
  /** raw samples older than this are trimmed (ms) */
  samplesMs: number;
  /** roll-ups older than this are trimmed (ms) */
  rollupsMs: number;
  /** memory cap of the raw samples (bytes): the oldest go first */
  maxBytes: number;
}

export interface StoreStats {
  samples: number;
  rows: number;
  oldest: number | null;
  newest: number | null;
  /** bytes of the samples (+ dictionary, roll-ups) */
  memoryBytes: number | null;
}

export interface SampleStore {
  readonly kind: 'redis' | 'memory';
  /** fenced append (token ignored by the memory store); an existing second is refused */
  append(sample: ActivitySample, token: number, retention: Retention): Promise<AppendOutcome>;
  /** samples with from <= t < to, oldest first */
  range(from: number, to: number): Promise<ActivitySample[]>;
  /** samples newer than `after` (exclusive), oldest first, at most `max` */
  after(after: number, max: number): Promise<ActivitySample[]>;
  appendRollup(rollup: MinuteRollup, token: number, retention: Retention): Promise<AppendOutcome>;
  rollups(from: number, to: number): Promise<MinuteRollup[]>;
  stats(): Promise<StoreStats>;
}
