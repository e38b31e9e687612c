/**
 * Blocking history from samples: every waiter row names its blocker (BLOCKING_SESSION) and the root of
 * its chain (FINAL_BLOCKING_SESSION). Rows with the same root in consecutive samples form one episode.
 * The root itself is often idle in a transaction (not sampled): then its serial# is unknown (0) and its
 * node shows no state. Episodes are also kept in the per-minute roll-ups (parts merged back here).
 */
import type { ActivityRow, ActivitySample, BlockingEpisode, BlockingTreeNode } from '@shared/types/activity';

/** One episode seen inside one run of samples (or one minute), mergeable with its neighbours. */
export interface EpisodePart {
  /** `${inst}.${sid}` of the root */
  rootKey: string;
  root: BlockingEpisode['root'];
  firstSeen: number;
  lastSeen: number;
  intervalSec: number;
  samples: number;
  maxWaiters: number;
  waitedSec: number;
  events: string[];
  sqlIds: string[];
  objects: number[];
  /** the sample with the most waiters: waiters and (if active) the root and intermediate blockers */
  peak: { t: number; rows: ActivityRow[] };
}

const rootOf = (r: ActivityRow): { inst: number; sid: number } | null => {
  if (r.blockingSession === null) return null;
  if (r.finalBlockingSession !== null) {
    return { inst: r.finalBlockingInstance ?? r.blockingInstance ?? r.instId, sid: r.finalBlockingSession };
  }
  return { inst: r.blockingInstance ?? r.instId, sid: r.blockingSession };
};

/** Samples (oldest first) → episode parts, contiguous runs per root. */
export function episodesIn(samples: readonly ActivitySample[]): EpisodePart[] {
  const open = new Map<string, EpisodePart & { ev: Set<string>; sq: Set<string>; ob: Set<number> }>();
  const done: EpisodePart[] = [];
  const close = (key: string) => {
    const p = open.get(key)!;
    open.delete(key);
    const { ev, sq, ob, ...part } = p;
    done.push({ ...part, events: [...ev], sqlIds: [...sq], objects: [...ob] });
  };
  for (const s of samples) {
    const waitersByRoot = new Map<string, ActivityRow[]>();
    const bySession = new Map<string, ActivityRow>();
    for (const r of s.rows) {
      bySession.set(`${r.instId}.${r.sid}`, r);
      const root = rootOf(r);
      if (!root) continue;
      const key = `${root.inst}.${root.sid}`;
      const list = waitersByRoot.get(key) ?? [];
      list.push(r);
      waitersByRoot.set(key, list);
    }
    // a sample without the chain ends it; so does a gap of more than two intervals without samples
    for (const key of [...open.keys()]) {
      const p = open.get(key)!;
      if (!waitersByRoot.has(key) || s.t - p.lastSeen > 2 * p.intervalSec * 1000 + 500) close(key);
    }
    for (const [key, waiters] of waitersByRoot) {
      const rootRow = bySession.get(key) ?? null;
      let p = open.get(key);
      if (!p) {
        const [inst, sid] = key.split('.').map(Number) as [number, number];
        p = {
          rootKey: key,
          root: {
            instId: inst,
            sid,
            serial: rootRow?.serial ?? 0,
            user: rootRow?.user ?? null,
            program: rootRow?.program ?? null,
            machine: rootRow?.machine ?? null,
          },
          firstSeen: s.t,
          lastSeen: s.t,
          intervalSec: s.intervalSec,
          samples: 0,
          maxWaiters: 0,
          waitedSec: 0,
          events: [],
          sqlIds: [],
          objects: [],
          peak: { t: s.t, rows: [] },
          ev: new Set(),
          sq: new Set(),
          ob: new Set(),
        };
        open.set(key, p);
      }
      if (rootRow && p.root.serial === 0) {
        p.root = {
          ...p.root,
          serial: rootRow.serial,
          user: rootRow.user,
          program: rootRow.program,
          machine: rootRow.machine,
        };
      }
      p.lastSeen = s.t;
      p.samples++;
      p.waitedSec += waiters.length * s.intervalSec;
      for (const w of waiters) {
        if (w.event) p.ev.add(w.event);
        if (w.sqlId) p.sq.add(w.sqlId);
        if (w.currentObj !== null) p.ob.add(w.currentObj);
      }
      if (rootRow?.sqlId) p.sq.add(rootRow.sqlId);
      if (waiters.length > p.maxWaiters) {
        p.maxWaiters = waiters.length;
        // the waiters plus every blocker of theirs that was active in this sample
        const rows = new Map<string, ActivityRow>();
        for (const w of waiters) {
          rows.set(`${w.instId}.${w.sid}`, w);
          const b = bySession.get(`${w.blockingInstance ?? w.instId}.${w.blockingSession}`);
          if (b) rows.set(`${b.instId}.${b.sid}`, b);
        }
        if (rootRow) rows.set(key, rootRow);
        p.peak = { t: s.t, rows: [...rows.values()] };
      }
    }
  }
  for (const key of [...open.keys()]) close(key);
  return done.sort((a, b) => a.firstSeen - b.firstSeen);
}

/** Merge parts (e.g. one per minute) of the same root that touch in time; oldest first. */
export function mergeParts(parts: readonly EpisodePart[]): EpisodePart[] {
  const sorted = [...parts].sort((a, b) => a.firstSeen - b.firstSeen);
  const open = new Map<string, EpisodePart>();
  const out: EpisodePart[] = [];
  for (const p of sorted) {
    const prev = open.get(p.rootKey);
    if (prev && p.firstSeen - prev.lastSeen <= 2 * Math.max(prev.intervalSec, p.intervalSec) * 1000 + 500) {
      const merged: EpisodePart = {
        ...prev,
        root: prev.root.serial === 0 ? p.root : prev.root,
        lastSeen: Math.max(prev.lastSeen, p.lastSeen),
        samples: prev.samples + p.samples,
        maxWaiters: Math.max(prev.maxWaiters, p.maxWaiters),
        waitedSec: prev.waitedSec + p.waitedSec,
        events: [...new Set([...prev.events, ...p.events])],
        sqlIds: [...new Set([...prev.sqlIds, ...p.sqlIds])],
        objects: [...new Set([...prev.objects, ...p.objects])],
        peak: p.maxWaiters > prev.maxWaiters ? p.peak : prev.peak,
      };
      out[out.indexOf(prev)] = merged;
      open.set(p.rootKey, merged);
    } else {
      out.push(p);
      open.set(p.rootKey, p);
    }
  }
  return out;
}

export function episodeId(p: Pick<EpisodePart, 'root' | 'firstSeen'>): string {
  return `${p.root.instId}.${p.root.sid}.${p.root.serial}@${p.firstSeen}`;
}

export function toEpisode(p: EpisodePart, newestSample: number | null): BlockingEpisode {
  return {
    id: episodeId(p),
    root: p.root,
    firstSeen: p.firstSeen,
    lastSeen: p.lastSeen,
    durationSec: Math.round((p.lastSeen - p.firstSeen) / 1000) + p.intervalSec,
    samples: p.samples,
    maxWaiters: p.maxWaiters,
    waitedSec: p.waitedSec,
    events: p.events,
    sqlIds: p.sqlIds,
    objects: p.objects,
    ongoing: newestSample !== null && p.lastSeen >= newestSample,
  };
}

/** The chain's tree at one sample: the root (sampled or not) with its waiters, recursively. */
export function treeAt(root: EpisodePart['root'], rows: readonly ActivityRow[]): BlockingTreeNode[] {
  const node = (r: ActivityRow): BlockingTreeNode => ({
    session: { instId: r.instId, sid: r.sid, serial: r.serial },
    user: r.user,
    program: r.program,
    machine: r.machine,
    module: r.module,
    state: r.state,
    event: r.event,
    waitClass: r.waitClass,
    sqlId: r.sqlId,
    waitSec: r.waitSec,
    currentObj: r.currentObj,
    waiters: [],
  });
  const nodes = new Map<string, BlockingTreeNode>();
  for (const r of rows) nodes.set(`${r.instId}.${r.sid}`, node(r));
  const rootKey = `${root.instId}.${root.sid}`;
  if (!nodes.has(rootKey)) {
    nodes.set(rootKey, {
      session: { instId: root.instId, sid: root.sid, serial: root.serial },
      user: root.user,
      program: root.program,
      machine: root.machine,
      module: null,
      state: null,
      event: null,
      waitClass: null,
      sqlId: null,
      waitSec: 0,
      currentObj: null,
      waiters: [],
    });
  }
  const roots: BlockingTreeNode[] = [];
  for (const r of rows) {
    const me = nodes.get(`${r.instId}.${r.sid}`)!;
    const parentKey =
      r.blockingSession === null ? null : `${r.blockingInstance ?? r.instId}.${r.blockingSession}`;
    const parent = parentKey ? nodes.get(parentKey) : undefined;
    if (parent && parent !== me) parent.waiters.push(me);
  }
  const top = nodes.get(rootKey)!;
  roots.push(top);
  // waiters whose blocker was neither sampled nor the root hang off the root (their chain's final blocker)
  const attached = new Set<BlockingTreeNode>();
  const walk = (n: BlockingTreeNode) => {
    attached.add(n);
    for (const w of n.waiters) if (!attached.has(w)) walk(w);
  };
  walk(top);
  for (const n of nodes.values()) if (!attached.has(n) && n !== top) top.waiters.push(n);
  return roots;
}
