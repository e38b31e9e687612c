/**
 * Who watches a connection's activity. Each open view of this console registers a viewer (renewed by
 * the renderer every ACTIVITY_WATCH_RENEW_MS); at every election tick the console writes its live
 * viewers into the connection's shared sorted set (member `<consoleId>:<viewerId>`, score = expiry),
 * drops expired members and counts the team's. A console that dies stops renewing: its viewers expire.
 */
import { ACTIVITY_WATCH_TTL_MS } from '@shared/types/activity';
import type { ActivityKeys } from './keys';
import type { ScriptClient } from './scripts';

export class LocalViewers {
  private readonly viewers = new Map<string, number>();
  constructor(private readonly now: () => number = Date.now) {}

  set(viewerId: string, watching: boolean): void {
    if (watching) this.viewers.set(viewerId, this.now() + ACTIVITY_WATCH_TTL_MS);
    else this.viewers.delete(viewerId);
  }

  /** live viewer ids with their expiry (expired ones dropped) */
  live(): Map<string, number> {
    const t = this.now();
    for (const [id, exp] of this.viewers) if (exp <= t) this.viewers.delete(id);
    return this.viewers;
  }

  get count(): number {
    return this.live().size;
  }
}

/** Publish this console's viewers and count the team's (one round trip, pipelined). */
export async function heartbeat(
  client: ScriptClient,
  keys: Pick<ActivityKeys, 'watchers'>,
  consoleId: string,
  viewers: Map<string, number>,
  now: number,
): Promise<number> {
  const pipe = client.pipeline();
  pipe.zremrangebyscore(keys.watchers, '-inf', now);
  for (const [id, exp] of viewers) pipe.zadd(keys.watchers, exp, `${consoleId}:${id}`);
  pipe.pexpire(keys.watchers, ACTIVITY_WATCH_TTL_MS * 2);
  pipe.zcard(keys.watchers);
  const replies = (await pipe.exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
  const count = Number(replies[replies.length - 1]?.[1]);
  return Number.isSafeInteger(count) ? count : 0;
}

/** Remove this console's viewers at once (a view closed, or the console quits). */
export async function forgetViewers(
  client: ScriptClient,
  keys: Pick<ActivityKeys, 'watchers'>,
  consoleId: string,
  viewerIds: readonly string[],
): Promise<void> {
  if (viewerIds.length > 0) await client.zrem(keys.watchers, ...viewerIds.map((v) => `${consoleId}:${v}`));
}
