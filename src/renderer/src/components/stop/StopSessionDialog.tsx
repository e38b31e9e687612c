import { TmsError } from '@shared/errors';
import type { CancelSqlResult, StopPreview } from '@shared/types/interventions';
import type { KillSessionResult } from '@shared/types/oracle';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { useConnection } from '../../state/connection';
import { ErrorMessage } from '../ErrorMessage';
import { formatBytes, formatNumber } from '../format';
import { Modal } from '../Modal';
import { duration } from '../units';
import { fallbackCancelText, fallbackKillText } from './stop-text';
import type { StopMode, StopTarget } from './types';
import './stop.css';

export interface StopSessionDialogProps {
  connId: string;
  mode: StopMode;
  target: StopTarget;
  onClose: () => void;
  onKilled?: (result: KillSessionResult) => void;
  onCancelled?: (result: CancelSqlResult) => void;
}

const ids = (mode: StopMode) =>
  mode === 'kill'
    ? { dialog: 'kill-dialog', confirm: 'kill-confirm', close: 'kill-cancel' }
    : { dialog: 'cancel-sql-dialog', confirm: 'cancel-sql-confirm', close: 'cancel-sql-close' };

/**
 * Kill the session, or cancel its current SQL, behind a confirmation that shows what is about to be
 * stopped, read fresh as the dialog opens (monitor:stopPreview: user, program, machine, SQL_ID and text,
 * how long it has run, its transaction's undo) and the exact statement that will be sent. If the SID
 * now belongs to another session (SERIAL# changed) or is gone, nothing can be sent from here.
 */
export function StopSessionDialog({
  connId,
  mode,
  target,
  onClose,
  onKilled,
  onCancelled,
}: StopSessionDialogProps) {
  const { t, i18n } = useTranslation('monitor');
  const lang = i18n.language;
  const { active } = useConnection();
  const method = active?.killMethod ?? 'alter-system';
  const [preview, setPreview] = useState<StopPreview>();
  const [previewError, setPreviewError] = useState<TmsError>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TmsError>();
  const testIds = ids(mode);

  useEffect(() => {
    let live = true;
    call('monitor:stopPreview', {
      connId,
      sid: target.sid,
      serial: target.serial,
      ...(target.instId !== undefined ? { instId: target.instId } : {}),
    }).then(
      (p) => {
        if (live) setPreview(p);
      },
      (e: unknown) => {
        if (live) setPreviewError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
      },
    );
    return () => {
      live = false;
    };
  }, [connId, target.sid, target.serial, target.instId]);

  const s = preview?.session ?? null;
  const txn = preview?.transaction ?? null;
  const mismatch = preview !== undefined && preview.state !== 'same';
  const statement = preview
    ? mode === 'kill'
      ? preview.killStatement
      : preview.cancelStatement
    : previewError
      ? mode === 'kill'
        ? fallbackKillText(method, target)
        : fallbackCancelText(method, target)
      : null;
  const canSend =
    !busy && statement !== null && !mismatch && (preview !== undefined || previewError !== undefined);

  const send = async () => {
    setBusy(true);
    setError(undefined);
    const base = {
      connId,
      sid: target.sid,
      serial: target.serial,
      ...(target.instId !== undefined ? { instId: target.instId } : {}),
    };
    try {
      if (mode === 'kill') {
        onKilled?.(await call('monitor:killSession', base));
      } else {
        // name the statement the DBA saw: if the session has moved on, Oracle cancels nothing
        const sqlId = preview?.session?.sqlId;
        onCancelled?.(await call('monitor:cancelSql', { ...base, ...(sqlId ? { sqlId } : {}) }));
      }
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    } finally {
      setBusy(false);
    }
  };

  const who = `${target.sid},${target.serial}${target.instId !== undefined ? `,@${target.instId}` : ''}`;
  const user = s ? s.username : target.username;
  const program = s ? s.program : target.program;
  const machine = s ? s.machine : (target.machine ?? null);
  const osUser = s ? s.osUser : (target.osUser ?? null);
  const sqlId = s ? s.sqlId : (target.sqlId ?? null);

  return (
    <Modal
      title={t(mode === 'kill' ? 'kill.title' : 'stop.cancelTitle')}
      onClose={onClose}
      testId={testIds.dialog}
      wide
      footer={
        <>
          <button type="button" className="btn" onClick={onClose} data-testid={testIds.close}>
            {t('kill.cancel')}
          </button>
          <button
            type="button"
            className={mode === 'kill' ? 'btn danger-solid' : 'btn primary'}
            onClick={() => void send()}
            disabled={!canSend}
            data-testid={testIds.confirm}
          >
            {mode === 'kill'
              ? busy
                ? t('kill.killing')
                : t('kill.confirm')
              : busy
                ? t('stop.cancelling')
                : t('stop.cancelConfirm')}
          </button>
        </>
      }
    >
      <p>{t(mode === 'kill' ? 'kill.question' : 'stop.cancelQuestion')}</p>
      {mismatch && (
        <p className="stop-warning" role="alert" data-testid="stop-changed">
          {preview?.state === 'gone'
            ? t('stop.gone', { who })
            : t('stop.changed', { who, serial: preview?.session?.serial })}
        </p>
      )}
      <dl className="kv stop-kv">
        <dt>SID, SERIAL#</dt>
        <dd className="mono" data-testid="kill-sid-serial">
          {who}
        </dd>
        <dt>{t('kill.user')}</dt>
        <dd data-testid="stop-user">
          {user ?? '—'}
          {osUser ? (
            <span className="muted">
              {' '}
              ({t('stop.osUser')}: {osUser})
            </span>
          ) : null}
        </dd>
        <dt>{t('kill.program')}</dt>
        <dd data-testid="stop-program">{program ?? '—'}</dd>
        <dt>{t('kill.machine')}</dt>
        <dd data-testid="stop-machine">{machine ?? '—'}</dd>
        {s && (
          <>
            <dt>{t('stop.status')}</dt>
            <dd data-testid="stop-status">
              {s.status}
              {s.event ? <span className="muted"> · {s.event}</span> : null}
            </dd>
          </>
        )}
        <dt>SQL ID</dt>
        <dd data-testid="stop-sql">
          <span className="mono">{sqlId ?? t('stop.noSql')}</span>
          {s?.sqlTextExcerpt ? (
            <span className="mono stop-sql-text" data-testid="stop-sql-text" title={s.sqlTextExcerpt}>
              {s.sqlTextExcerpt}
            </span>
          ) : null}
        </dd>
        {s && (
          <>
            <dt>{t(s.status === 'ACTIVE' ? 'stop.inCall' : 'stop.idleFor')}</dt>
            <dd data-testid="stop-duration">
              {duration(s.lastCallEtSec, lang)}
              <span className="muted small"> (LAST_CALL_ET)</span>
              {s.execAgeSec !== null ? (
                <span className="muted">
                  {' '}
                  · {t('stop.sqlRunning', { age: duration(s.execAgeSec, lang) })}
                </span>
              ) : null}
            </dd>
            <dt>{t('stop.undo')}</dt>
            <dd data-testid="stop-undo">
              {txn
                ? t('stop.undoValue', {
                    bytes: formatBytes(txn.undoBytes, lang),
                    blocks: formatNumber(txn.usedUblk, lang),
                    blockSize: formatBytes(txn.blockSize, lang),
                    records: formatNumber(txn.usedUrec, lang),
                    age: duration(txn.ageSec, lang),
                  })
                : t('stop.noTransaction')}
            </dd>
          </>
        )}
        {target.waiters ? (
          <>
            <dt>{t('kill.waiters')}</dt>
            <dd>{target.waiters}</dd>
          </>
        ) : null}
      </dl>
      {txn?.largeRollback && (
        <p className="stop-warning" role="alert" data-testid="stop-large-rollback">
          {t(mode === 'kill' ? 'stop.largeRollback' : 'stop.largeRollbackCancel', {
            bytes: formatBytes(txn.undoBytes, lang),
          })}
        </p>
      )}
      <p className="small">{t('stop.statement')}</p>
      <p className="mono small stop-statement" data-testid="stop-statement">
        {statement ?? (preview || previewError ? '—' : t('stop.reading'))}
      </p>
      {previewError && (
        <div data-testid="stop-preview-error">
          <p className="muted small">{t('stop.previewFailed')}</p>
          <ErrorMessage error={previewError} />
        </div>
      )}
      <p className="muted small">{t(mode === 'kill' ? 'kill.warning' : 'stop.cancelWarning')}</p>
      {error && <ErrorMessage error={error} />}
    </Modal>
  );
}
