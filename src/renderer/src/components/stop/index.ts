/** Kill / cancel SQL for one session (issue 17): the dialog, the two buttons, the availability check. */
export { StopSessionButtons, type StopSessionButtonsProps } from './StopSessionButtons';
export { StopSessionDialog, type StopSessionDialogProps } from './StopSessionDialog';
export type { StopMode, StopTarget } from './types';
export { useCancelAvailable } from './useCancelAvailable';
