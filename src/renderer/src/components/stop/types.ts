/** The session a kill / cancel dialog is about, as the list row showed it (the dialog re-reads it fresh). */
export interface StopTarget {
  /** RAC: the session's instance; sent as 'sid,serial#,@inst_id' */
  instId?: number;
  sid: number;
  serial: number;
  username: string | null;
  program: string | null;
  machine?: string | null;
  osUser?: string | null;
  sqlId?: string | null;
  /** sessions it blocks (locks view) */
  waiters?: number;
}

export type StopMode = 'kill' | 'cancel';
