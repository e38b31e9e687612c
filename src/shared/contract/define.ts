import type { z } from 'zod';

/**
 * A channel of the IPC contract: its request schema (validated in main) and its response type
 * (a phantom type: responses come from our own main process, so they are typed, not parsed).
 */
export interface ChannelDef<Req extends z.ZodType = z.ZodType, Res = unknown> {
  readonly request: Req;
  /** never set: carries the response type */
  readonly response?: Res;
}

export function channel<Req extends z.ZodType>(request: Req) {
  return {
    returns: <Res>(): ChannelDef<Req, Res> => ({ request }),
  };
}

/** An event pushed from main to the renderer; the payload type is phantom like a response. */
export interface EventDef<Payload = unknown> {
  readonly payload?: Payload;
}
export const event = <Payload>(): EventDef<Payload> => ({});

export type ChannelMap = Record<`${string}:${string}`, ChannelDef>;
export type EventMap = Record<`${string}:${string}`, EventDef>;
