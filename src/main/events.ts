import { EventEmitter } from 'node:events';
import type { EventName, PayloadOf } from '@shared/contract';

/** Main → renderer events, typed by the contract. Transports (ipc, web socket) subscribe with onAny. */
export class AppEvents {
  readonly #emitter = new EventEmitter();
  readonly #redact: <T>(payload: T) => T;

  /** `redact` runs on every payload before any transport sees it (secrets never reach a client) */
  constructor(options: { redact?: <T>(payload: T) => T } = {}) {
    this.#emitter.setMaxListeners(100);
    this.#redact = options.redact ?? ((payload) => payload);
  }

  emit<E extends EventName>(name: E, payload: PayloadOf<E>): void {
    this.#emitter.emit('event', name, this.#redact(payload));
  }

  onAny(listener: (name: EventName, payload: unknown) => void): () => void {
    this.#emitter.on('event', listener);
    return () => this.#emitter.off('event', listener);
  }
}
