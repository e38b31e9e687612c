import type { KillSessionResult } from '@shared/types/oracle';
import { StopSessionDialog, type StopTarget } from './stop';

/** Kept for callers of the pre-issue-17 name: the kill dialog is StopSessionDialog in 'kill' mode. */
export type KillTarget = StopTarget;

/** The kill confirmation (StopSessionDialog, mode 'kill'): fresh session details, undo, exact statement. */
export function KillSessionDialog({
  connId,
  target,
  onClose,
  onKilled,
}: {
  connId: string;
  target: KillTarget;
  onClose: () => void;
  onKilled: (result: KillSessionResult) => void;
}) {
  return (
    <StopSessionDialog connId={connId} mode="kill" target={target} onClose={onClose} onKilled={onKilled} />
  );
}
