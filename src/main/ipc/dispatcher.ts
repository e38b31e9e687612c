import { type Channel, contract, isChannel } from '@shared/contract';
import type { InputErrorReason } from '@shared/error-reasons';
import { type AppError, isAppError, type Result, TmsError } from '@shared/errors';
import type { z } from 'zod';
import { secretFieldValues } from '../secrets-redactor/secret-registry';
import type { CallContext, HandlerFor, Handlers } from './types';

export type Dispatch = (channel: string, request: unknown, context: CallContext) => Promise<Result<unknown>>;

export interface DispatcherOptions {
  /** where unexpected errors go (never the request: it may carry a password) */
  onUnexpectedError?: (channel: string, error: unknown) => void;
  /**
   * Applied to every answer before it leaves: removes known secrets, and `requestSecrets` (the values of
   * the request's secret-named fields), from messages and data.
   */
  redact?: (result: Result<unknown>, requestSecrets: readonly string[]) => Result<unknown>;
  /** told the request's secret-field values before the handler runs (so its logs and events hide them) */
  onRequestSecrets?: (values: readonly string[]) => void;
}

/**
 * The one place every request from the renderer goes through, whatever the transport:
 * the channel must be in the contract, the request must match its schema, and whatever
 * happens the caller gets a Result envelope, never an exception.
 */
export function createDispatcher(handlers: Partial<Handlers>, options: DispatcherOptions = {}): Dispatch {
  const answer = route(handlers, options);
  const { redact, onRequestSecrets } = options;
  if (!redact && !onRequestSecrets) return answer;
  return async (channel, request, context) => {
    const typed = secretFieldValues(request);
    if (typed.length > 0) onRequestSecrets?.(typed);
    const result = await answer(channel, request, context);
    return redact ? redact(result, typed) : result;
  };
}

function route(handlers: Partial<Handlers>, options: DispatcherOptions): Dispatch {
  return async (channel, request, context) => {
    if (!isChannel(channel)) {
      return failure({
        code: 'UNKNOWN_CHANNEL',
        message: `Unknown request "${String(channel).slice(0, 80)}": this console does not offer it.`,
        retryable: false,
      });
    }
    const handler = handlers[channel] as HandlerFor<Channel> | undefined;
    if (!handler) {
      return failure({
        code: 'UNSUPPORTED',
        message: `"${channel}" is not available in this build.`,
        retryable: false,
      });
    }
    const schema = contract[channel].request as z.ZodType;
    const parsed = schema.safeParse(request ?? {});
    if (!parsed.success) {
      return failure({
        code: 'VALIDATION',
        message: `Invalid request for ${channel}: ${describeIssues(parsed.error.issues)}`,
        retryable: false,
        details: {
          ...issueReason(parsed.error.issues[0]),
          issues: parsed.error.issues.map((i) => ({
            path: i.path.map(String).join('.'),
            message: i.message,
          })),
        },
      });
    }
    try {
      const data = await handler(parsed.data as never, context);
      return { ok: true, data };
    } catch (error) {
      if (error instanceof TmsError) return failure(error.toJSON());
      if (isAppError(error)) return failure(error);
      options.onUnexpectedError?.(channel, error);
      return failure({
        code: 'INTERNAL',
        message: `Unexpected error in ${channel}: ${error instanceof Error ? error.message : String(error)}`,
        retryable: true,
      });
    }
  };
}

function failure(error: AppError): Result<never> {
  return { ok: false, error };
}

function describeIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 5)
    .map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message))
    .join('; ');
}

/**
 * The first issue as a reason the renderer words (errors.json `validation.*`): zod's own text is English
 * and never shown. `field` is the path's last name (`errors:field.<name>` when the renderer knows it).
 */
export function issueReason(issue: z.core.$ZodIssue | undefined): {
  reason: InputErrorReason;
  field?: string;
  min?: number;
  max?: number;
} {
  if (!issue) return { reason: 'validation.generic' };
  const named = [...issue.path].reverse().find((p) => typeof p === 'string');
  const field = named === undefined ? undefined : String(named);
  if (issue.code === 'unrecognized_keys' && issue.keys[0]) {
    return { reason: 'validation.unknownField', field: issue.keys[0] };
  }
  // no field to name (the request as a whole): the generic sentence
  if (field === undefined) return { reason: 'validation.generic' };
  const at = { field };
  const limit = (v: unknown): number | undefined =>
    typeof v === 'number' ? v : typeof v === 'bigint' ? Number(v) : undefined;
  switch (issue.code) {
    case 'too_big': {
      const max = limit(issue.maximum);
      const long = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      return {
        reason: long ? 'validation.tooLong' : 'validation.tooBig',
        ...at,
        ...(max === undefined ? {} : { max }),
      };
    }
    case 'too_small': {
      const min = limit(issue.minimum);
      const short = issue.origin === 'string' || issue.origin === 'array' || issue.origin === 'set';
      return {
        reason: short ? 'validation.tooShort' : 'validation.tooSmall',
        ...at,
        ...(min === undefined ? {} : { min }),
      };
    }
    case 'invalid_format':
      return { reason: 'validation.format', ...at };
    case 'invalid_value':
    case 'invalid_union':
      return { reason: 'validation.choice', ...at };
    case 'invalid_type':
      return { reason: 'validation.type', ...at };
    default:
      return { reason: 'validation.generic', ...at };
  }
}
