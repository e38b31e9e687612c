import { cancelSqlAvailable } from '@shared/types/interventions';
import { useResource } from '../../api/useResource';
import { useConnection } from '../../state/connection';

const HEALTH_MS = 60_000;

/**
 * Whether Cancel SQL is offered on this connection: Oracle 18c+ (V$INSTANCE.VERSION from the cached
 * health read other views share) and a kill method with a cancel ('alter-system' or 'rds').
 */
export function useCancelAvailable(connId: string | undefined): boolean {
  const { active } = useConnection();
  const { data } = useResource('monitor:health', connId ? { connId } : null, { refreshMs: HEALTH_MS });
  return cancelSqlAvailable(data?.data.version, active?.killMethod ?? 'alter-system');
}
