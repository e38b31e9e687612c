/**
 * The Lua scripts of the election and the fenced writes. Each touches only keys of one connection
 * (one hash tag, keys.ts), so they run on one Cluster slot. Run through EVALSHA with an EVAL fallback.
 *
 * Fencing: `fence` holds the highest token ever issued (INCR at each acquisition). A write carries the
 * writer's token and is refused when a higher one exists: a sampler that stalled (GC pause, SIGSTOP,
 * laptop lid) and lost its lease can never write after its successor acquired.
 */
import { createHash } from 'node:crypto';
import type { Cluster, Redis } from 'ioredis';

export type ScriptClient = Redis | Cluster;

export interface LuaScript {
  readonly name: string;
  readonly source: string;
  readonly sha: string;
}

function lua(name: string, source: string): LuaScript {
  return { name, source, sha: createHash('sha1').update(source).digest('hex') };
}

/** KEYS: lease, fence · ARGV: consoleId, leaseMs → {token, holder} (token 0 = someone else holds it) */
export const ACQUIRE = lua(
  'acquire',
  `local holder = redis.call('GET', KEYS[1])
if holder then return {0, holder} end
local token = redis.call('INCR', KEYS[2])
local value = ARGV[1] .. ':' .. token
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return {token, value}`,
);

/** KEYS: lease · ARGV: expected value, leaseMs → 1 renewed, 0 lost */
export const RENEW = lua(
  'renew',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0`,
);

/** KEYS: lease · ARGV: expected value → 1 released, 0 not ours */
export const RELEASE = lua(
  'release',
  `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`,
);

/**
 * KEYS: stream, fence, meta (hash), dictRev · ARGV: token, entryId, payload, rows, minId, trimBatch,
 * counterField, dictEpoch ('' = no dictionary) → 'OK' | 'FENCED' | 'DUPLICATE' | 'DICT_RESET' (the
 * dictionary was recreated since the writer learnt its ids: it must re-learn them). Trims entries older than minId (up to trimBatch per call, keeping
 * the `rows` counter of the meta hash exact), then appends with the explicit id: Redis refuses an id
 * not greater than the last one, so the same second can never be written twice.
 */
export const FENCED_APPEND = lua(
  'fenced-append',
  `local fence = tonumber(redis.call('GET', KEYS[2]) or '0')
if tonumber(ARGV[1]) < fence then return 'FENCED' end
if ARGV[8] ~= '' and redis.call('HGET', KEYS[4], '#epoch') ~= ARGV[8] then return 'DICT_RESET' end
local counter = ARGV[7]
local old = redis.call('XRANGE', KEYS[1], '-', '(' .. ARGV[5], 'COUNT', tonumber(ARGV[6]))
if #old > 0 then
  local removed = 0
  for i = 1, #old do
    local f = old[i][2]
    for j = 1, #f, 2 do if f[j] == 'n' then removed = removed + tonumber(f[j + 1]) end end
  end
  redis.call('XTRIM', KEYS[1], 'MINID', '=', old[#old][1] .. '')
  redis.call('XDEL', KEYS[1], old[#old][1])
  redis.call('HINCRBY', KEYS[3], counter, -removed)
end
local ok = redis.pcall('XADD', KEYS[1], ARGV[2], 'd', ARGV[3], 'n', ARGV[4])
if type(ok) == 'table' and ok.err then return 'DUPLICATE' end
redis.call('HINCRBY', KEYS[3], counter, tonumber(ARGV[4]))
return 'OK'`,
);

/**
 * KEYS: dict, dictRev · ARGV: newEpoch, strings… → {epoch, ids…} (new strings get the next id; the
 * epoch is set when the dictionary is created). Not fenced: assigning an id is idempotent and ids
 * never change within an epoch, so a stale sampler doing it harms nothing.
 */
export const DICT_ASSIGN = lua(
  'dict-assign',
  `local epoch = redis.call('HGET', KEYS[2], '#epoch')
if not epoch then
  epoch = ARGV[1]
  redis.call('HSET', KEYS[2], '#epoch', epoch)
end
local out = {epoch}
for i = 2, #ARGV do
  local id = redis.call('HGET', KEYS[1], ARGV[i])
  if not id then
    id = redis.call('HINCRBY', KEYS[2], '#next', 1)
    redis.call('HSET', KEYS[1], ARGV[i], id)
    redis.call('HSET', KEYS[2], id, ARGV[i])
  end
  out[i] = tonumber(id)
end
return out`,
);

export async function runScript(
  client: ScriptClient,
  script: LuaScript,
  keys: readonly string[],
  args: readonly (string | number | Buffer)[],
): Promise<unknown> {
  try {
    return await client.evalsha(script.sha, keys.length, ...keys, ...args);
  } catch (error) {
    if (!(error instanceof Error) || !error.message.includes('NOSCRIPT')) throw error;
    return client.eval(script.source, keys.length, ...keys, ...args);
  }
}
