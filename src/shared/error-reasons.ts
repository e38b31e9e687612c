/**
 * Reasons main puts in a VALIDATION (or connect-string ORACLE_CONFIG) error's `details.reason`: each
 * names a sentence in the renderer's errors.json (both languages; a unit test checks every one), the
 * other details fill it. A `field` detail is worded too (`errors:field.<name>`). The English `message`
 * stays for logs and as the folded original.
 */
import { TmsError } from './errors';
import type { PackAccess } from './types/privileges';

export const INPUT_ERROR_REASONS = [
  // any request that does not match its channel's schema (the dispatcher), by zod issue
  'validation.generic', // {field?}
  'validation.tooBig', // {field, max}
  'validation.tooSmall', // {field, min}
  'validation.tooLong', // {field, max}
  'validation.tooShort', // {field, min}
  'validation.format', // {field}
  'validation.choice', // {field}
  'validation.type', // {field}
  'validation.unknownField', // {field}
  // the connect string / TNS alias / descriptor fields
  'connect.notText',
  'connect.tooLong',
  'connect.controlChars',
  'connect.empty',
  'connect.notAbsolute',
  'connect.badPort',
  'connect.badTnsAdminEscape',
  'connect.addressNotDescriptor',
  'connect.descriptorStart',
  'connect.descriptorUnbalanced',
  'connect.descriptorNoConnectData',
  'connect.descriptorNoAddress',
  'connect.ldapUnsupported',
  'connect.aliasNeedsDir',
  'connect.noService',
  'connect.spaces',
  'connect.notUnderstood',
  'connect.ociUnsupported',
  'connect.jdbcNoAt',
  'connect.nothingAfterAt',
  'connect.badAlias',
  'connect.jdbcNotDescriptor',
  'connect.unknownMethod',
  // the rest of the connection form
  'connection.name', // {max}
  'connection.user', // {max}
  'connection.secretTooLong', // {field, max}
  'connection.killMethod',
  'connection.needTarget',
  'connection.badId',
  // the cache view (TTL policy, invalidation, hit-ratio threshold)
  'cache.unknownResource', // {resource}
  'cache.unknownTier', // {tier}
  'cache.chooseResource',
  'cache.chooseConnection',
  'cache.chooseResourceOrTier',
  'cache.invalidateNeeds', // {field}
  'cache.unknownScope',
  'cache.threshold',
  'cache.minSamples',
  'cache.ttl', // {field?}
  // sessions, activity, analysis
  'session.badIds',
  'activity.badRange',
  'llm.badUrl',
  'llm.noSql',
  'llm.sqlTooLong', // {max}
] as const;

export type InputErrorReason = (typeof INPUT_ERROR_REASONS)[number];

/** A VALIDATION error the renderer words from `reason` (+ params); `message` is the English fallback. */
export function invalidInput(
  reason: InputErrorReason,
  message: string,
  params: Record<string, unknown> = {},
): TmsError {
  return new TmsError('VALIDATION', message, { details: { ...params, reason } });
}

/**
 * CONTROL_MANAGEMENT_PACK_ACCESS as an error's reason (errors.json `pack.<code>`) and its parameters.
 * The grant goes in `grant`, which the error box also shows as a statement to copy.
 */
export function packDetails(access: PackAccess): Record<string, unknown> {
  if (!access.code) return {};
  return {
    reason: `pack.${access.code}`,
    value: access.value ?? '',
    ...(access.grant ? { grant: access.grant } : {}),
    ...(access.raw ? { raw: access.raw } : {}),
  };
}
