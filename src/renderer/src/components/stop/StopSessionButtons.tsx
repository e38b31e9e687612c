import type { CancelSqlResult } from '@shared/types/interventions';
import type { KillSessionResult } from '@shared/types/oracle';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { StopSessionDialog } from './StopSessionDialog';
import type { StopMode, StopTarget } from './types';
import { useCancelAvailable } from './useCancelAvailable';

export interface StopSessionButtonsProps {
  connId: string;
  target: StopTarget;
  /** a sentence for the host's notice line once Oracle answered (worded in the UI language) */
  onDone?: (message: string, outcome: KillSessionResult | CancelSqlResult) => void;
  /** smaller buttons (table rows) */
  compact?: boolean;
}

/**
 * Kill and Cancel SQL for one session, each behind StopSessionDialog. Cancel is hidden where the database
 * lacks ALTER SYSTEM CANCEL SQL (before 18c) or the kill method has no cancel (a DBA's procedure).
 * Self-contained, for panels that show one session (e.g. a session drill-down).
 */
export function StopSessionButtons({ connId, target, onDone, compact }: StopSessionButtonsProps) {
  const { t } = useTranslation('monitor');
  const cancelAvailable = useCancelAvailable(connId);
  const [mode, setMode] = useState<StopMode>();
  const size = compact ? ' btn-xs' : '';
  return (
    <span className="stop-buttons">
      <button
        type="button"
        className={`btn${size} danger`}
        data-testid="stop-kill"
        onClick={() => setMode('kill')}
      >
        {t('stop.kill')}
      </button>
      {cancelAvailable && (
        <button
          type="button"
          className={`btn${size}`}
          data-testid="stop-cancel-sql"
          onClick={() => setMode('cancel')}
        >
          {t('stop.cancelSql')}
        </button>
      )}
      {mode && (
        <StopSessionDialog
          connId={connId}
          mode={mode}
          target={target}
          onClose={() => setMode(undefined)}
          onKilled={(r) => {
            setMode(undefined);
            onDone?.(
              t(r.outcome === 'killed' ? 'stop.killed' : 'stop.marked', { sid: r.sid, serial: r.serial }),
              r,
            );
          }}
          onCancelled={(r) => {
            setMode(undefined);
            onDone?.(t('stop.cancelled', { sid: r.sid, serial: r.serial }), r);
          }}
        />
      )}
    </span>
  );
}
