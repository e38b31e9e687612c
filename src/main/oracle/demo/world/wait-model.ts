/**
 * The wait-time model behind V$WAITCLASSMETRIC and V$SYSTEM_EVENT, per instance, minute by minute, so
 * that the views agree the way Oracle's do: for a metric minute, foreground time by class (TIME_WAITED_FG)
 * plus foreground CPU equals Average Active Sessions, and V$SYSTEM_EVENT's foreground counters grow by
 * exactly that time over the same minute. Background processes add their own time apart. The average
 * wait of an event varies from minute to minute, so the interval's average differs from the average
 * since startup.
 */
import { hash01 } from '../prng';
import { CLASS_SHARE, CPU_SHARE, EVENT_FG_SHARE, SYSTEM_EVENTS } from './profiles';
import type { DemoContainer } from './topology';

/** What the wait model reads of the world (the world builds the model: an interface, not an import back). */
export interface WaitWorld {
  readonly seed: number;
  readonly containers: readonly DemoContainer[];
  readonly baseAas: number;
  readonly createdAt: number;
  readonly startupTime: number;
  readonly instanceStartup: ReadonlyMap<number, number>;
  containerLoad(t: number, c: DemoContainer, instId: number, noiseSalt?: number): number;
  lockWaitsByEvent(instId: number, conId?: number): ReadonlyMap<string, number>;
}

const MINUTE = 60_000;

/** Non-Idle events with their index (stable noise salt) and foreground share. */
const EVENTS = SYSTEM_EVENTS.map(([event, cls, rate, avgMs, timeoutShare], i) => ({
  i,
  event,
  cls,
  rate,
  avgMs,
  timeoutShare,
  fg: EVENT_FG_SHARE[event] ?? 1,
})).filter((e) => e.cls !== 'Idle');

/** Each class's foreground weight: how its foreground time splits over its events. */
const FG_WEIGHT = new Map<string, number>();
for (const e of EVENTS) FG_WEIGHT.set(e.cls, (FG_WEIGHT.get(e.cls) ?? 0) + e.rate * e.avgMs * e.fg);
const CLASS_SHARE_TOTAL = Object.entries(CLASS_SHARE)
  .filter(([cls]) => (FG_WEIGHT.get(cls) ?? 0) > 0)
  .reduce((a, [, v]) => a + v, 0);

export interface ClassMinute {
  /** average sessions waiting, foreground / background */
  fg: number;
  bg: number;
  fgWaitsPerSec: number;
  bgWaitsPerSec: number;
}

export interface EventTotals {
  waits: number;
  timeouts: number;
  micro: number;
  waitsFg: number;
  microFg: number;
}

interface EventRates {
  /** seconds waited per second */
  fgSec: number;
  bgSec: number;
  avgMs: number;
}

export class WaitModel {
  /** per instance (and container): totals integrated from the instance's startup up to `upTo` (a minute end) */
  private readonly memo = new Map<string, { upTo: number; totals: EventTotals[] }>();

  constructor(private readonly w: WaitWorld) {}

  /**
   * Per-event rates of the minute ending at `end` on one instance: every container, or one (`conId`,
   * V$CON_SYSTEM_EVENT: its foreground sessions only, background processes belong to the CDB).
   */
  private eventRates(instId: number, end: number, conId?: number): EventRates[] {
    const w = this.w;
    let fgWait = 0;
    let bgScale = 0;
    for (const c of w.containers) {
      if (conId !== undefined && c.conId !== conId) continue;
      // the 60 s group's noise salt (2), so the minute matches V$SYSMETRIC group 2 exactly
      const load = w.containerLoad(end, c, instId, 2);
      fgWait += load * (1 - CPU_SHARE);
      bgScale += load;
    }
    const lockWait = w.lockWaitsByEvent(instId, conId);
    if (conId !== undefined) bgScale = 0;
    const scale = w.baseAas / 10.9;
    return EVENTS.map((e) => {
      const classFg = (fgWait * (CLASS_SHARE[e.cls] ?? 0)) / CLASS_SHARE_TOTAL;
      const weight = FG_WEIGHT.get(e.cls) ?? 0;
      const fgSec =
        (weight > 0 ? (classFg * e.rate * e.avgMs * e.fg) / weight : 0) + (lockWait.get(e.event) ?? 0);
      const bgSec = ((e.rate * scale * e.avgMs) / 1000) * (1 - e.fg) * (bgScale / Math.max(w.baseAas, 1e-9));
      const avgMs = e.avgMs * (0.7 + 0.6 * hash01(w.seed, Math.floor(end / MINUTE), e.i, instId));
      return { fgSec, bgSec, avgMs };
    });
  }

  /** V$WAITCLASSMETRIC of the minute ending at `end` on one instance. */
  classMinute(instId: number, end: number): Map<string, ClassMinute> {
    const out = new Map<string, ClassMinute>();
    for (const cls of Object.keys(CLASS_SHARE))
      out.set(cls, { fg: 0, bg: 0, fgWaitsPerSec: 0, bgWaitsPerSec: 0 });
    this.eventRates(instId, end).forEach((r, i) => {
      const e = EVENTS[i];
      if (!e) return;
      const c = out.get(e.cls) ?? { fg: 0, bg: 0, fgWaitsPerSec: 0, bgWaitsPerSec: 0 };
      c.fg += r.fgSec;
      c.bg += r.bgSec;
      c.fgWaitsPerSec += (r.fgSec * 1000) / r.avgMs;
      c.bgWaitsPerSec += (r.bgSec * 1000) / r.avgMs;
      out.set(e.cls, c);
    });
    return out;
  }

  /** The events V$SYSTEM_EVENT lists (non-Idle) with their class. */
  get events(): readonly { event: string; cls: string; i: number }[] {
    return EVENTS;
  }

  /** Cumulative V$SYSTEM_EVENT counters of one instance at t (since its startup). */
  totalsAt(instId: number, t: number, conId?: number): EventTotals[] {
    const key = `${instId}:${conId ?? 'all'}`;
    const startup = this.w.instanceStartup.get(instId) ?? this.w.startupTime;
    const created = this.w.createdAt;
    let m = this.memo.get(key);
    if (!m || m.upTo > t) {
      // before the world was created: the nominal rates over the uptime so far (a smooth past)
      const upSec = Math.max(1, (created - startup) / 1000);
      const totals = this.eventRates(instId, created, conId).map((r, i) => {
        const e = EVENTS[i]!;
        const nominalFg = r.fgSec * upSec * 1e6;
        const nominalBg = r.bgSec * upSec * 1e6;
        const waitsFg = Math.floor(nominalFg / 1000 / e.avgMs);
        const waits = waitsFg + Math.floor(nominalBg / 1000 / e.avgMs);
        return {
          waits,
          timeouts: Math.floor(waits * e.timeoutShare),
          micro: nominalFg + nominalBg,
          waitsFg,
          microFg: nominalFg,
        };
      });
      m = { upTo: created, totals };
      this.memo.set(key, m);
    }
    const lastEnd = Math.floor(t / MINUTE) * MINUTE;
    while (m.upTo < lastEnd) {
      const end = Math.floor(m.upTo / MINUTE) * MINUTE + MINUTE;
      this.add(m.totals, instId, end, (end - m.upTo) / 1000, conId);
      m.upTo = end;
    }
    const out = m.totals.map((x) => ({ ...x }));
    if (t > m.upTo)
      this.add(out, instId, Math.floor(t / MINUTE) * MINUTE + MINUTE, (t - m.upTo) / 1000, conId);
    return out.map((x) => ({
      waits: Math.floor(x.waits),
      timeouts: Math.floor(x.timeouts),
      micro: Math.floor(x.micro),
      waitsFg: Math.floor(x.waitsFg),
      microFg: Math.floor(x.microFg),
    }));
  }

  private add(totals: EventTotals[], instId: number, end: number, seconds: number, conId?: number): void {
    this.eventRates(instId, end, conId).forEach((r, i) => {
      const e = EVENTS[i];
      const x = totals[i];
      if (!e || !x) return;
      const fgMicro = r.fgSec * seconds * 1e6;
      const bgMicro = r.bgSec * seconds * 1e6;
      const fgWaits = fgMicro / 1000 / r.avgMs;
      const bgWaits = bgMicro / 1000 / r.avgMs;
      x.microFg += fgMicro;
      x.micro += fgMicro + bgMicro;
      x.waitsFg += fgWaits;
      x.waits += fgWaits + bgWaits;
      x.timeouts += (fgWaits + bgWaits) * e.timeoutShare;
    });
  }
}
