import { TmsError } from '@shared/errors';
import type { KillSessionResult } from '@shared/types/oracle';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { useConnection } from '../state/connection';
import { ErrorMessage } from './ErrorMessage';
import { Modal } from './Modal';

export interface KillTarget {
  /** RAC: the session's instance; the kill is sent as 'sid,serial#,@inst_id' */
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

/** What the connection's kill method will run (main builds and validates the real statement). */
function killStatementText(method: string, target: KillTarget): string {
  const inst = target.instId !== undefined ? `,@${target.instId}` : '';
  if (method === 'rds') {
    return `rdsadmin.rdsadmin_util.kill(sid => ${target.sid}, serial => ${target.serial}, method => 'IMMEDIATE')`;
  }
  if (method.startsWith('procedure:')) {
    return `${method.slice('procedure:'.length).toUpperCase()}(p_sid => ${target.sid}, p_serial => ${target.serial}, p_inst_id => ${target.instId ?? 'NULL'})`;
  }
  return `ALTER SYSTEM KILL SESSION '${target.sid},${target.serial}${inst}' IMMEDIATE`;
}

/**
 * The connection's kill (ALTER SYSTEM KILL SESSION 'sid,serial#[,@inst_id]' IMMEDIATE, a DBA's
 * procedure or RDS's rdsadmin_util.kill) behind a confirmation that names the session
 * (sid, serial#, user, program), as Toad's Session Browser and Spotlight do.
 */
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
  const { t } = useTranslation('monitor');
  const { active } = useConnection();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TmsError>();
  const kill = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const result = await call('monitor:killSession', {
        connId,
        sid: target.sid,
        serial: target.serial,
        ...(target.instId !== undefined ? { instId: target.instId } : {}),
      });
      onKilled(result);
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      title={t('kill.title')}
      onClose={onClose}
      testId="kill-dialog"
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-testid="kill-cancel">
            {t('kill.cancel')}
          </button>
          <button
            type="button"
            className="btn danger-solid"
            onClick={() => void kill()}
            disabled={busy}
            data-testid="kill-confirm"
          >
            {busy ? t('kill.killing') : t('kill.confirm')}
          </button>
        </>
      }
    >
      <p>{t('kill.question')}</p>
      <dl className="kv">
        <dt>SID, SERIAL#</dt>
        <dd className="mono" data-testid="kill-sid-serial">
          {target.sid},{target.serial}
          {target.instId !== undefined ? `,@${target.instId}` : ''}
        </dd>
        <dt>{t('kill.user')}</dt>
        <dd>{target.username ?? '—'}</dd>
        <dt>{t('kill.program')}</dt>
        <dd>{target.program ?? '—'}</dd>
        {target.machine !== undefined && (
          <>
            <dt>{t('kill.machine')}</dt>
            <dd>{target.machine ?? '—'}</dd>
          </>
        )}
        {target.sqlId && (
          <>
            <dt>SQL ID</dt>
            <dd className="mono">{target.sqlId}</dd>
          </>
        )}
        {target.waiters ? (
          <>
            <dt>{t('kill.waiters')}</dt>
            <dd>{target.waiters}</dd>
          </>
        ) : null}
      </dl>
      <p className="mono muted small" data-testid="kill-statement">
        {killStatementText(active?.killMethod ?? 'alter-system', target)}
      </p>
      <p className="muted small">{t('kill.warning')}</p>
      {error && <ErrorMessage error={error} />}
    </Modal>
  );
}
