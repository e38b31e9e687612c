import type { Channel, ParsedRequestOf, ResponseOf } from '@shared/contract';

export interface CallContext {
  transport: 'electron' | 'web';
}

export type HandlerFor<C extends Channel> = (
  request: ParsedRequestOf<C>,
  context: CallContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** A domain's handlers: thin adapters over services, one per channel of that domain. */
export type Handlers<Cs extends Channel = Channel> = { [C in Cs]: HandlerFor<C> };

export type ChannelsOfDomain<D extends string> = Extract<Channel, `${D}:${string}`>;
