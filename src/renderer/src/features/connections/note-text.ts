import type { ConnectNote } from '@shared/connect-notes';

type T = (key: string, params?: Record<string, unknown>) => string;

/** What main changed in a connect string, in the UI language (connections.json `note.<code>`). */
export function noteText(note: ConnectNote, t: T): string {
  return t(`connections:note.${note.code}`, { ...note.params, interpolation: { escapeValue: false } });
}

/** Several notes as one paragraph. */
export function notesText(notes: readonly ConnectNote[], t: T): string {
  return notes.map((n) => noteText(n, t)).join(' ');
}
