import type { ConnectionInput, ConnectionList, ConnectPreview } from '@shared/types/connections';
import { normaliseConnectInput } from '../../connections/connect-string';
import type { GatewayRegistry } from '../../connections/registry';
import type { ConnectionStore } from '../../connections/store';
import type { ChannelsOfDomain, Handlers } from '../types';

export interface ConnectionsHandlerDeps {
  store: Pick<
    ConnectionStore,
    | 'list'
    | 'get'
    | 'add'
    | 'update'
    | 'delete'
    | 'setActive'
    | 'active'
    | 'activeId'
    | 'draft'
    | 'problems'
    | 'secretBox'
  >;
  registry: Pick<GatewayRegistry, 'test' | 'checkPrivileges' | 'assertDiagnosticsAllowed'>;
}

/** Thin adapters: validation happened in the dispatcher (contract schemas), the store re-checks meaning. */
export function connectionsHandlers(deps: ConnectionsHandlerDeps): Handlers<ChannelsOfDomain<'connections'>> {
  const { store, registry } = deps;
  return {
    'connections:list': (): ConnectionList => {
      const box = store.secretBox;
      const reason = box.unavailableReason();
      return {
        connections: store.list(),
        activeId: store.activeId(),
        secretStore: {
          kind: box.kind,
          persistent: box.persistent,
          available: box.isAvailable(),
          ...(reason ? { reason } : {}),
        },
        problems: [...store.problems],
      };
    },
    'connections:get': ({ id }) => store.get(id),
    'connections:add': async (input) => {
      // the Diagnostics Pack opt-in is refused unless the database allows the pack (issue 13 point 7)
      if (input.diagnosticsPackLicensed && (input.kind ?? 'oracle') === 'oracle') {
        await registry.assertDiagnosticsAllowed(store.draft(input as ConnectionInput));
      }
      return store.add(input);
    },
    'connections:update': async ({ id, patch }) => {
      const current = store.get(id);
      if (patch.diagnosticsPackLicensed && !current.diagnosticsPackLicensed && current.kind === 'oracle') {
        await registry.assertDiagnosticsAllowed(
          store.draft({ ...(patch as ConnectionInput), id, name: patch.name ?? current.name }),
        );
      }
      return store.update(id, patch);
    },
    'connections:checkPrivileges': ({ id }) => registry.checkPrivileges(id),
    'connections:delete': async ({ id }) => {
      await store.delete(id);
      return { id, activeId: store.activeId() };
    },
    'connections:test': async ({ id, input }) => {
      if (id !== undefined) return registry.test({ connId: id });
      const draft = store.draft({ ...(input as ConnectionInput), name: input?.name ?? '' });
      return registry.test({ draft }, draft.notes);
    },
    'connections:setActive': ({ id }) => store.setActive(id),
    'connections:active': () => store.active(),
    'connections:normalise': ({ connect }): ConnectPreview => {
      const n = normaliseConnectInput(connect);
      return {
        method: n.method,
        spec: n.spec,
        notes: n.notes,
        ...(n.user ? { user: n.user } : {}),
        credentialsStripped: n.credentialsStripped,
      };
    },
  };
}
