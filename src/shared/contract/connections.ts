/**
 * Connections (issue 3): list, add, edit, delete, test, switch. Passwords are write-only: they go in
 * through add/update/test and never come back (profiles only say `hasPassword`).
 */
import { z } from 'zod';
import {
  CONNECTION_ID_PATTERN,
  type ConnectionList,
  type ConnectionProfile,
  type ConnectionSaveResult,
  type ConnectionState,
  type ConnectionsChanged,
  type ConnectionTestResult,
  type ConnectPreview,
} from '../types/connections';
import { KILL_METHOD_PATTERN, type PrivilegeReport } from '../types/privileges';
import { channel, event } from './define';

// biome-ignore lint/suspicious/noControlCharactersInRegex: rejecting control characters is the point
const NO_CONTROL = /^[^\u0000-\u001f\u007f]*$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: descriptors may be pasted over several lines
const NO_CONTROL_BUT_LINES = /^[^\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]*$/;

export const connIdSchema = z
  .string()
  .min(1)
  .max(63)
  .regex(CONNECTION_ID_PATTERN, 'lowercase letters, digits, "-" and "_"');
const printable = (max: number) =>
  z.string().max(max).regex(NO_CONTROL, 'must not contain control characters');
const path = z.string().min(1).max(1024).regex(NO_CONTROL, 'must not contain control characters');
const secret = z.string().max(1024);

export const connectInputSchema = z.discriminatedUnion('method', [
  z
    .object({
      method: z.literal('easy'),
      connectString: z.string().min(1).max(4096).regex(NO_CONTROL_BUT_LINES),
    })
    .strict(),
  z.object({ method: z.literal('tns'), tnsAlias: printable(255).min(1), configDir: path }).strict(),
  z
    .object({
      method: z.literal('descriptor'),
      descriptor: z.string().min(1).max(4096).regex(NO_CONTROL_BUT_LINES),
      walletLocation: z.string().max(1024).regex(NO_CONTROL).optional(),
      walletPassword: secret.optional(),
    })
    .strict(),
]);

const inputFields = {
  name: printable(100).min(1),
  kind: z.enum(['demo', 'oracle']).optional(),
  connect: connectInputSchema.optional(),
  user: printable(128).optional(),
  /** omitted or '' on edit: keep the stored password */
  password: secret.optional(),
  diagnosticsPackLicensed: z.boolean().optional(),
  killMethod: z
    .string()
    .max(300)
    .regex(KILL_METHOD_PATTERN, "'alter-system', 'rds' or 'procedure:OWNER.NAME'")
    .optional(),
};

export const connectionInputSchema = z.object({ id: connIdSchema.optional(), ...inputFields }).strict();
export const connectionPatchSchema = z
  .object({
    ...inputFields,
    name: inputFields.name.optional(),
    clearPassword: z.boolean().optional(),
  })
  .strict();
/** an unsaved input for a test: the name is optional; `id` = a saved connection being edited */
const testInputSchema = z
  .object({
    id: connIdSchema.optional(),
    ...inputFields,
    name: inputFields.name.optional(),
    clearPassword: z.boolean().optional(),
  })
  .strict();

const byId = z.object({ id: connIdSchema }).strict();
const none = z.object({}).strict();

export const connectionsChannels = {
  /** every profile (Demo first), the active id, where passwords are kept, load problems */
  'connections:list': channel(none).returns<ConnectionList>(),
  'connections:get': channel(byId).returns<ConnectionProfile>(),
  'connections:add': channel(connectionInputSchema).returns<ConnectionSaveResult>(),
  /** edit; omitted fields are kept (password too); clears the connection's cache and closes its pool */
  'connections:update': channel(
    z.object({ id: connIdSchema, patch: connectionPatchSchema }).strict(),
  ).returns<ConnectionSaveResult>(),
  'connections:delete': channel(byId).returns<{ id: string; activeId: string }>(),
  /** test a saved connection (`id`) or an unsaved form (`input`); never fails for an Oracle error */
  'connections:test': channel(
    z
      .object({ id: connIdSchema.optional(), input: testInputSchema.optional() })
      .strict()
      .refine((r) => (r.id === undefined) !== (r.input === undefined), 'give either id or input'),
  ).returns<ConnectionTestResult>(),
  'connections:setActive': channel(byId).returns<ConnectionProfile>(),
  'connections:active': channel(none).returns<ConnectionProfile>(),
  /** preview what a typed or pasted connect string becomes (JDBC conversion, stripped credentials) */
  /** what the account can read and do, and which features that leaves off (one probe per view) */
  'connections:checkPrivileges': channel(byId).returns<PrivilegeReport>(),
  'connections:normalise': channel(
    z.object({ connect: connectInputSchema }).strict(),
  ).returns<ConnectPreview>(),
};

export const connectionsEvents = {
  'connections:changed': event<ConnectionsChanged>(),
  'connections:state': event<ConnectionState>(),
};
