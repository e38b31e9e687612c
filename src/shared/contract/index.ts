/**
 * The IPC contract: every channel (request schema + response type) and every main → renderer event.
 * Nothing crosses IPC or the web transport that this module does not name.
 * Each domain declares its channels in its own file; they are merged here.
 */
import type { z } from 'zod';
import type { Result } from '../errors';
import { activityChannels, activityEvents } from './activity';
import { alertsChannels, alertsEvents } from './alerts';
import { appChannels, appEvents } from './app';
import { cacheChannels, cacheEvents } from './cache';
import { connectionsChannels, connectionsEvents } from './connections';
import type { ChannelDef, EventDef } from './define';
import { diagnosticsChannels } from './diagnostics';
import { llmChannels, llmEvents } from './llm';
import { memoryChannels } from './memory';
import { monitorChannels } from './monitor';
import { sessionChannels } from './session-detail';
import { spaceChannels } from './space';

export const contract = {
  ...appChannels,
  ...llmChannels,
  ...connectionsChannels,
  ...monitorChannels,
  ...cacheChannels,
  ...activityChannels,
  ...spaceChannels,
  ...sessionChannels,
  ...memoryChannels,
  ...diagnosticsChannels,
  ...alertsChannels,
};

export const events = {
  ...appEvents,
  ...llmEvents,
  ...connectionsEvents,
  ...cacheEvents,
  ...activityEvents,
  ...alertsEvents,
};

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type EventName = keyof typeof events;

export type RequestOf<C extends Channel> =
  Contract[C] extends ChannelDef<infer Req, unknown> ? z.input<Req> : never;
/** The request after zod parsing (defaults applied), as handlers receive it. */
export type ParsedRequestOf<C extends Channel> =
  Contract[C] extends ChannelDef<infer Req, unknown> ? z.output<Req> : never;
export type ResponseOf<C extends Channel> =
  Contract[C] extends ChannelDef<z.ZodType, infer Res> ? Res : never;
export type PayloadOf<E extends EventName> = (typeof events)[E] extends EventDef<infer P> ? P : never;

export const CHANNELS = Object.keys(contract) as Channel[];
export { EVENT_NAMES, IPC_EVENT } from './names';

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.hasOwn(contract, name);
}
export { isEventName } from './names';

/** `domain:action` → `api.domain.action(req)` */
type Split<S extends string> = S extends `${infer D}:${infer A}` ? [D, A] : never;
type DomainOf<C extends Channel> = Split<C>[0];
type ChannelsOf<D extends string> = Extract<Channel, `${D}:${string}`>;

/**
 * What `window.tms` exposes (Electron preload) and what the web transport implements:
 * one named method per channel, grouped by domain, each resolving to a Result envelope,
 * plus `on(event, listener)` for main → renderer events (unsubscribe on return).
 */
export type TmsBridge = {
  readonly [D in DomainOf<Channel>]: {
    readonly [C in ChannelsOf<D> as Split<C>[1]]: (request: RequestOf<C>) => Promise<Result<ResponseOf<C>>>;
  };
} & {
  readonly on: <E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void) => () => void;
};
