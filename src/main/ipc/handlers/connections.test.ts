/**
 * The connections handlers through the real dispatcher (contract validation included): the Diagnostics
 * Pack opt-in follows the database's CONTROL_MANAGEMENT_PACK_ACCESS, the kill method is validated, and
 * "check privileges" answers for a saved connection.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GatewayRegistry } from '../../connections/registry';
import { memorySecretBox } from '../../connections/secrets';
import { ConnectionStore } from '../../connections/store';
import { FakeFactory } from '../../connections/testing/fakes';
import { createDispatcher } from '../dispatcher';
import { connectionsHandlers } from './connections';

const ctx = { transport: 'web' as const };
let dir: string;
let store: ConnectionStore;
let factory: FakeFactory;
let registry: GatewayRegistry;
let dispatch: ReturnType<typeof createDispatcher>;

const prod = {
  name: 'Prod',
  kind: 'oracle' as const,
  connect: { method: 'easy' as const, connectString: 'db:1521/PROD' },
  user: 'tms_monitor',
  password: 'pw',
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tms-conn-handlers-'));
  store = await ConnectionStore.open({ dataDir: dir, secretBox: memorySecretBox() });
  factory = new FakeFactory();
  registry = new GatewayRegistry({ connections: store, factory });
  dispatch = createDispatcher(connectionsHandlers({ store, registry }));
});
afterEach(async () => {
  await registry.closeAll();
  rmSync(dir, { recursive: true, force: true });
});

describe('connections handlers: Diagnostics Pack opt-in and kill method', () => {
  it('refuses the opt-in with the reason when the database says NONE; nothing is saved', async () => {
    factory.onCreate = (g) => {
      g.packValue = 'NONE';
    };
    const r = await dispatch('connections:add', { ...prod, diagnosticsPackLicensed: true }, ctx);
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED', message: expect.stringContaining('NONE') },
    });
    expect(store.list().map((p) => p.name)).not.toContain('Prod');
  });

  it('accepts it when the database allows the pack; an edit turning it on is checked too', async () => {
    const added = await dispatch(
      'connections:add',
      { ...prod, killMethod: 'procedure:DBA_TOOLS.TMS_KILL' },
      ctx,
    );
    expect(added).toMatchObject({
      ok: true,
      data: { profile: { killMethod: 'procedure:DBA_TOOLS.TMS_KILL' } },
    });
    const id = (added as { data: { profile: { id: string } } }).data.profile.id;
    factory.onCreate = (g) => {
      g.packValue = 'NONE';
    };
    const refused = await dispatch(
      'connections:update',
      { id, patch: { diagnosticsPackLicensed: true } },
      ctx,
    );
    expect(refused).toMatchObject({ ok: false, error: { code: 'UNSUPPORTED' } });
    expect(store.get(id).diagnosticsPackLicensed).toBe(false);
    factory.onCreate = (g) => {
      g.packValue = 'DIAGNOSTIC';
    };
    const ok = await dispatch('connections:update', { id, patch: { diagnosticsPackLicensed: true } }, ctx);
    expect(ok).toMatchObject({ ok: true, data: { profile: { diagnosticsPackLicensed: true } } });
  });

  it('a kill method that could smuggle text into the PL/SQL call is rejected by the contract', async () => {
    for (const killMethod of ['procedure:X.Y; DROP TABLE T', 'procedure:"X"."Y"', 'procedure:XY', 'shell']) {
      const r = await dispatch('connections:add', { ...prod, killMethod }, ctx);
      expect(r, killMethod).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    }
  });

  it('check privileges answers for a saved connection', async () => {
    const added = await dispatch('connections:add', prod, ctx);
    const id = (added as { data: { profile: { id: string } } }).data.profile.id;
    const r = await dispatch('connections:checkPrivileges', { id }, ctx);
    expect(r).toMatchObject({ ok: true, data: { connId: id, dictionary: 'dba' } });
  });
});
