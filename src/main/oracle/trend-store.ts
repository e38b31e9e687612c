import type { TrendPoint } from '@shared/types/oracle';
import type { TrendSampleStore } from './gateway';

/**
 * In-memory ring of the console's own samples (per gateway). Points closer than `minStepMs` to the
 * previous one replace nothing and are dropped, so a fast poller does not flood it; 7 days at one point
 * a minute is 10 080 points (the default capacity).
 */
export class InMemoryTrendSampleStore implements TrendSampleStore {
  private readonly points: TrendPoint[] = [];

  constructor(
    private readonly capacity = 10_080,
    private readonly minStepMs = 55_000,
  ) {}

  add(point: TrendPoint): void {
    const last = this.points[this.points.length - 1];
    if (last && point.t - last.t < this.minStepMs) return;
    if (last && point.t < last.t) return;
    this.points.push(point);
    if (this.points.length > this.capacity) this.points.splice(0, this.points.length - this.capacity);
  }

  since(since: number): TrendPoint[] {
    return this.points.filter((p) => p.t >= since);
  }

  get size(): number {
    return this.points.length;
  }
}
