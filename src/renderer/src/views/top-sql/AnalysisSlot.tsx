import type { SqlDetail, SqlPlan } from '@shared/types/oracle';
import { AnalysisPanel } from '../../features/analysis/AnalysisPanel';

export interface AnalysisSlotProps {
  connId: string;
  sqlId: string;
  sqlText: string | undefined;
  plan?: SqlPlan;
  stats?: SqlDetail;
}

/** SQL detail's analysis section: the SQL analysis panel (issue 7) of the selected statement. */
export function AnalysisSlot(props: AnalysisSlotProps) {
  return (
    <div className="analysis-slot" data-testid="analysis-slot" data-sql-id={props.sqlId}>
      <AnalysisPanel
        key={`${props.connId}:${props.sqlId}`}
        connId={props.connId}
        sqlId={props.sqlId}
        sqlText={props.sqlText}
        {...(props.plan ? { plan: props.plan } : {})}
        {...(props.stats ? { stats: props.stats } : {})}
      />
    </div>
  );
}
