/**
 * The shape of one simulated view: a handler per catalog query id that turns the world (at the
 * query's clock time, with its binds) into rows of exactly the statement's columns.
 */
import type { RawRow } from '../../mappers';
import type { DemoWorld } from '../world/world';

export interface ViewContext {
  readonly world: DemoWorld;
  /** the database clock at the call (epoch ms) */
  readonly t: number;
  /** a bind value; raises ORA-01008 when the statement was not given it */
  bind(name: string): string | number;
}

export type ViewHandler = (ctx: ViewContext) => RawRow[];
export type ViewHandlers = Readonly<Record<string, ViewHandler>>;
