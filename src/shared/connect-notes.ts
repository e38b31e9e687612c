/**
 * What the console changed in a typed or pasted connect string, as a code and its parameters: main
 * decides, the renderer words it in the DBA's language (locales/{en,ko}/connections.json `note.<code>`).
 * Notes are answers only (never stored), so there is no old text form to read back.
 */
export const CONNECT_NOTE_CODES = [
  'tnsEntryNameRemoved', // {name}
  'sidConverted', // {host, port, sid}
  'tnsAdminFromUrl', // {dir}
  'jdbcPasswordRemoved',
  'jdbcUserTaken', // {user}
  'jdbcConverted',
  'passwordRemoved',
  'userTaken', // {user}
  'walletWithoutTcps',
] as const;

export type ConnectNoteCode = (typeof CONNECT_NOTE_CODES)[number];

export interface ConnectNote {
  code: ConnectNoteCode;
  params?: Record<string, string>;
}

export function connectNote(code: ConnectNoteCode, params?: Record<string, string>): ConnectNote {
  return params ? { code, params } : { code };
}
