/**
 * The handler map: every channel of the contract, each a thin adapter over the service that owns it.
 * The composition root (src/main/core.ts) builds the services and passes them here; no service ever
 * imports this layer.
 */
import type { Handlers } from '../types';
import { activityHandlers } from './activity';
import { alertsHandlers } from './alerts';
import { type AppHandlerDeps, appHandlers } from './app';
import { cacheHandlers } from './cache';
import { type ConnectionsHandlerDeps, connectionsHandlers } from './connections';
import { type DiagnosticsHandlerDeps, diagnosticsHandlers } from './diagnostics';
import { llmHandlers } from './llm';
import { memoryHandlers } from './memory';
import { type MonitorHandlerDeps, monitorHandlers } from './monitor';
import { sessionHandlers } from './session';
import { spaceHandlers } from './space';

export interface HandlerServices {
  app: AppHandlerDeps;
  cacheAdmin: Parameters<typeof cacheHandlers>[0];
  connections: ConnectionsHandlerDeps;
  monitor: MonitorHandlerDeps;
  llm: Parameters<typeof llmHandlers>[0]['llm'];
  activity: Parameters<typeof activityHandlers>[0]['activity'];
  space: Parameters<typeof spaceHandlers>[0]['space'];
  sessions: Parameters<typeof sessionHandlers>[0]['sessions'];
  memoryIo: Parameters<typeof memoryHandlers>[0]['memoryIo'];
  diagnostics: DiagnosticsHandlerDeps;
  alerts: Parameters<typeof alertsHandlers>[0]['alerts'];
}

/** Complete by type: a channel added to the contract without a handler fails the typecheck. */
export function createHandlers(services: HandlerServices): Handlers {
  return {
    ...appHandlers(services.app),
    ...cacheHandlers(services.cacheAdmin),
    ...connectionsHandlers(services.connections),
    ...monitorHandlers(services.monitor),
    ...llmHandlers({ llm: services.llm }),
    ...activityHandlers({ activity: services.activity }),
    ...spaceHandlers({ space: services.space }),
    ...sessionHandlers({ sessions: services.sessions }),
    ...memoryHandlers({ memoryIo: services.memoryIo }),
    ...diagnosticsHandlers(services.diagnostics),
    ...alertsHandlers({ alerts: services.alerts }),
  };
}
