import { CHANNELS, type Channel } from '@shared/contract';
import { TmsError } from '@shared/errors';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from './dispatcher';
import type { Handlers } from './types';

const ctx = { transport: 'web' as const };

/** A handler for every channel of the contract that records whether it was reached. */
function spyHandlers() {
  const spy = vi.fn(async () => 'reached');
  const handlers = Object.fromEntries(CHANNELS.map((c) => [c, spy])) as unknown as Handlers;
  return { spy, handlers };
}

const MALFORMED: { label: string; value: unknown }[] = [
  { label: 'a number', value: 42 },
  { label: 'a string', value: 'DROP TABLE x' },
  { label: 'an array', value: [1, 2] },
  { label: 'true', value: true },
  {
    label: 'an unknown field',
    value: { __proto_pollution__: { admin: true }, connId: 'demo', unexpectedField: 1 },
  },
];

describe('dispatcher', () => {
  it.each(CHANNELS)(
    '%s rejects malformed requests with a typed VALIDATION error',
    async (channel: Channel) => {
      const { spy, handlers } = spyHandlers();
      const dispatch = createDispatcher(handlers);
      for (const { label, value } of MALFORMED) {
        const result = await dispatch(channel, value, ctx);
        expect(result.ok, `${channel} accepted ${label}`).toBe(false);
        if (!result.ok) {
          expect(result.error.code).toBe('VALIDATION');
          expect(result.error.retryable).toBe(false);
          expect(result.error.message).toContain(channel);
        }
      }
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it('rejects unknown channels without calling anything', async () => {
    const { spy, handlers } = spyHandlers();
    const dispatch = createDispatcher(handlers);
    for (const name of ['nope:nothing', '__proto__', 'constructor', 'toString', '', 'app:info\u0000']) {
      const result = await dispatch(name, {}, ctx);
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('passes valid requests to the handler and wraps the answer', async () => {
    const dispatch = createDispatcher({
      'app:info': () => ({ version: '1', runtime: 'web', platform: 'linux', locale: 'ko' }),
    });
    await expect(dispatch('app:info', {}, ctx)).resolves.toEqual({
      ok: true,
      data: { version: '1', runtime: 'web', platform: 'linux', locale: 'ko' },
    });
  });

  it('turns a TmsError into its typed shape and an unexpected error into INTERNAL', async () => {
    const onUnexpectedError = vi.fn();
    const dispatch = createDispatcher(
      {
        'app:info': () => {
          throw new TmsError('ORACLE_AUTH', 'ORA-01017: invalid username/password', { retryable: false });
        },
        'app:redisState': () => {
          throw new RangeError('boom');
        },
      },
      { onUnexpectedError },
    );
    await expect(dispatch('app:info', {}, ctx)).resolves.toEqual({
      ok: false,
      error: { code: 'ORACLE_AUTH', message: 'ORA-01017: invalid username/password', retryable: false },
    });
    const internal = await dispatch('app:redisState', {}, ctx);
    expect(internal).toMatchObject({ ok: false, error: { code: 'INTERNAL', retryable: true } });
    expect(onUnexpectedError).toHaveBeenCalledWith('app:redisState', expect.any(RangeError));
  });

  it('says so when a channel of the contract has no handler', async () => {
    const dispatch = createDispatcher({});
    await expect(dispatch('app:info', {}, ctx)).resolves.toMatchObject({
      ok: false,
      error: { code: 'UNSUPPORTED' },
    });
  });
});

describe('schema failures carry a reason the renderer words (no zod English on screen)', () => {
  const dispatch = createDispatcher(spyHandlers().handlers);
  const details = async (channel: string, request: unknown) => {
    const r = await dispatch(channel, request, ctx);
    if (r.ok) throw new Error('accepted');
    return r.error.details;
  };

  it('a number over its limit: tooBig with the field and the maximum', async () => {
    expect(await details('monitor:topSql', { connId: 'demo', limit: 5000 })).toMatchObject({
      reason: 'validation.tooBig',
      field: 'limit',
      max: 200,
    });
  });

  it('a malformed SQL_ID: format, with the field', async () => {
    expect(await details('monitor:sqlText', { connId: 'demo', sqlId: 'nope' })).toMatchObject({
      reason: 'validation.format',
      field: 'sqlId',
    });
  });

  it('an unknown field is named; a request that is not an object gets the generic sentence', async () => {
    expect(await details('monitor:sqlText', { connId: 'demo', sqlId: 'a'.repeat(13), x: 1 })).toMatchObject({
      reason: 'validation.unknownField',
      field: 'x',
    });
    expect(await details('monitor:topSql', 42)).toMatchObject({ reason: 'validation.generic' });
  });
});
