import { EventEmitter } from 'node:events';
import type { EventName, PayloadOf } from '@shared/contract';

/** Main → renderer events, typed by the contract. Transports (ipc, web socket) subscribe with onAny. */
export class AppEvents {
  readonly #emitter = new EventEmitter();

  constructor() {
    this.#emitter.setMaxListeners(100);
  }

  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    this.#emitter.emit('event', name, payload);
  }

  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
