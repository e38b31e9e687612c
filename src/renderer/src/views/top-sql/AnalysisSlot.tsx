import type { SqlDetail, SqlPlan } from '@shared/types/oracle';
import { useTranslation } from 'react-i18next';

export interface AnalysisSlotProps {
  connId: string;
  sqlId: string;
  sqlText: string | undefined;
  plan?: SqlPlan;
  stats?: SqlDetail;
}

/**
 * SLOT for the LLM helper's AnalysisPanel (src/renderer/src/features/analysis/AnalysisPanel.tsx,
 * props {connId, sqlId, sqlText, plan?, stats?}). Mounted here once that file exists.
 */
export function AnalysisSlot(props: AnalysisSlotProps) {
  const { t } = useTranslation('topSql');
  return (
    <div className="analysis-slot" data-testid="analysis-slot" data-sql-id={props.sqlId}>
      <h3>{t('detail.analysis')}</h3>
      <p className="muted">{t('detail.analysisPending')}</p>
    </div>
  );
}
