import type { ConnectNote } from '@shared/connect-notes';
import { TmsError } from '@shared/errors';
import { type ConnectionProfile, DEMO_CONNECTION_ID } from '@shared/types/connections';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, subscribe } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatAge } from '../../components/format';
import { Modal } from '../../components/Modal';
import { useErrorBody, useErrorWords } from '../../components/useErrorWords';
import { useConnection } from '../../state/connection';
import { connectionIndicator, useServing } from '../../state/serving';
import { ConnectionForm } from './ConnectionForm';
import { notesText } from './note-text';
import { TestResultLine, type TestState } from './TestResultLine';
import './connections.css';
import { PrivilegeReportPanel, type PrivilegeState } from './PrivilegeReportPanel';

const SHORTCUT = /mac/i.test(navigator.platform || navigator.userAgent) ? '⌘K' : 'Ctrl+K';

/** A profile's name on screen: the built-in demo's in the UI language, the DBA's own as typed. */
export function displayName(
  p: Pick<ConnectionProfile, 'id' | 'name'> | undefined,
  demoName: string,
): string | undefined {
  if (!p) return undefined;
  return p.id === DEMO_CONNECTION_ID ? demoName : p.name;
}

/** One line of what a profile points at, never a secret. */
export function describeTarget(p: ConnectionProfile, demoLabel: string): string {
  const c = p.connect;
  if (p.kind === 'demo' || !c) return demoLabel;
  const where =
    c.method === 'easy'
      ? c.connectString
      : c.method === 'tns'
        ? `${c.tnsAlias} (${c.configDir})`
        : c.descriptor;
  return p.user ? `${p.user}@${where}` : where;
}

type Mode = { kind: 'list' } | { kind: 'add' } | { kind: 'edit'; profile: ConnectionProfile };

/**
 * The header's connection switcher: shows the active connection; opens (click, Cmd/Ctrl+K, app menu)
 * a dialog to switch, add, edit, test and delete connections. Main remembers the active one.
 */
export function ConnectionSwitcher() {
  const { t, i18n } = useTranslation('connections');
  const { t: tc } = useTranslation();
  const words = useErrorWords();
  const body = useErrorBody();
  const { connId, active, connections, states, setActive, error: listError } = useConnection();
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<Mode>({ kind: 'list' });
  const [tests, setTests] = useState<Record<string, TestState>>({});
  const [privileges, setPrivileges] = useState<Record<string, PrivilegeState>>({});
  const [confirmDelete, setConfirmDelete] = useState<ConnectionProfile>();
  const [error, setError] = useState<TmsError>();
  const [notes, setNotes] = useState<ConnectNote[]>([]);

  const show = useCallback(() => {
    setOpen(true);
    setMode({ kind: 'list' });
    setError(undefined);
  }, []);
  useEffect(() => {
    window.addEventListener('tms:open-connection-switcher', show);
    let off: (() => void) | undefined;
    try {
      off = subscribe('app:menuCommand', ({ command }) => {
        if (command === 'connectionSwitcher') show();
      });
    } catch {
      off = undefined;
    }
    return () => {
      window.removeEventListener('tms:open-connection-switcher', show);
      off?.();
    };
  }, [show]);

  const wrap = async (fn: () => Promise<void>) => {
    setError(undefined);
    try {
      await fn();
    } catch (e) {
      setError(e instanceof TmsError ? e : new TmsError('INTERNAL', String(e)));
    }
  };

  const checkPrivileges = async (id: string) => {
    setPrivileges((x) => ({ ...x, [id]: { running: true } }));
    try {
      const report = await call('connections:checkPrivileges', { id });
      setPrivileges((x) => ({ ...x, [id]: { running: false, report } }));
    } catch (err) {
      const error = err instanceof TmsError ? err : new TmsError('INTERNAL', String(err));
      setPrivileges((x) => ({ ...x, [id]: { running: false, error } }));
    }
  };

  const test = async (id: string) => {
    setTests((s) => ({ ...s, [id]: { running: true } }));
    try {
      const result = await call('connections:test', { id });
      setTests((s) => ({ ...s, [id]: { running: false, result } }));
    } catch (e) {
      const err = e instanceof TmsError ? e : new TmsError('INTERNAL', String(e));
      setTests((s) => ({ ...s, [id]: { running: false, error: err } }));
    }
  };

  const switchTo = (id: string) =>
    wrap(async () => {
      await setActive(id);
      setOpen(false);
    });

  const state = states[connId]?.status;
  const serving = useServing(connId);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 15_000);
    return () => clearInterval(timer);
  }, []);
  const indicator = connectionIndicator(state, serving, now);
  const indicatorText =
    indicator === 'serving' && serving?.servedAt !== undefined
      ? t('dot.servingSince', {
          age: formatAge(Math.max(now, serving.servedAt) - serving.servedAt, i18n.language),
          origin: serving.origin ? tc(`status.origin.${serving.origin}`) : '—',
        })
      : indicator === 'failed' && serving?.failureCode
        ? t('dot.failedWith', { reason: tc(`error.codes.${serving.failureCode}`) })
        : t(`dot.${indicator}`);
  const demoLabel = t('demoTarget');

  return (
    <>
      <button
        type="button"
        className="conn-button"
        data-testid="connection-switcher"
        data-conn-id={connId}
        onClick={show}
        title={t('openHint')}
      >
        <span
          className={`conn-dot conn-${indicator}`}
          data-testid="connection-dot"
          data-state={indicator}
          role="img"
          aria-label={indicatorText}
          title={indicatorText}
        />
        <span className="conn-name" data-testid="active-connection">
          {displayName(active, t('demoName')) ?? (connId || t('loading'))}
        </span>
        {active?.kind === 'demo' && <span className="badge">{t('demoBadge')}</span>}
        <span className="muted small kbd">{SHORTCUT}</span>
      </button>
      {open && (
        <Modal
          title={mode.kind === 'add' ? t('addTitle') : mode.kind === 'edit' ? t('editTitle') : t('title')}
          onClose={() => setOpen(false)}
          testId="connection-dialog"
          wide
        >
          {mode.kind === 'list' ? (
            <>
              {listError && <ErrorMessage error={listError} />}
              {notes.length > 0 && (
                <div className="notice" data-testid="connection-notes">
                  {notesText(notes, t)}
                </div>
              )}
              <ul className="conn-list" data-testid="connection-list">
                {connections.map((p) => {
                  const isActive = p.id === connId;
                  const st = states[p.id];
                  return (
                    <li
                      key={p.id}
                      className={`conn-item${isActive ? ' active' : ''}`}
                      data-testid="connection-item"
                      data-conn-id={p.id}
                      data-active={isActive ? 'true' : 'false'}
                    >
                      <div className="conn-item-main">
                        <div>
                          <span className={`conn-dot conn-${st?.status ?? 'idle'}`} aria-hidden="true" />
                          <strong>{displayName(p, t('demoName'))}</strong>{' '}
                          {p.kind === 'demo' && <span className="badge">{t('demoBadge')}</span>}{' '}
                          {isActive && <span className="badge ok">{t('active')}</span>}{' '}
                          {p.diagnosticsPackLicensed && <span className="badge">{t('diagPack')}</span>}
                        </div>
                        <div className="muted small mono ellipsis">{describeTarget(p, demoLabel)}</div>
                        {st?.status === 'failed' && st.error && (
                          <div className="small text-bad">{words(st.error)}</div>
                        )}
                        {st?.warning && (
                          <div className="small text-warn" data-testid="conn-warning">
                            {t('passwordWarning')}: {body(st.warning)}
                          </div>
                        )}
                        {tests[p.id] && <TestResultLine state={tests[p.id]!} />}
                        {privileges[p.id] && <PrivilegeReportPanel state={privileges[p.id]!} />}
                      </div>
                      <div className="conn-item-actions">
                        {!isActive && (
                          <button
                            type="button"
                            className="btn primary"
                            data-testid="conn-use"
                            onClick={() => void switchTo(p.id)}
                          >
                            {t('use')}
                          </button>
                        )}
                        <button
                          type="button"
                          className="btn"
                          data-testid="conn-test"
                          disabled={tests[p.id]?.running}
                          onClick={() => void test(p.id)}
                        >
                          {t('test')}
                        </button>
                        <button
                          type="button"
                          className="btn"
                          data-testid="conn-check-privileges"
                          disabled={privileges[p.id]?.running}
                          onClick={() => void checkPrivileges(p.id)}
                        >
                          {t('checkPrivileges')}
                        </button>
                        {!p.builtIn && (
                          <>
                            <button
                              type="button"
                              className="btn"
                              data-testid="conn-edit"
                              onClick={() => setMode({ kind: 'edit', profile: p })}
                            >
                              {t('edit')}
                            </button>
                            <button
                              type="button"
                              className="btn danger"
                              data-testid="conn-delete"
                              onClick={() => setConfirmDelete(p)}
                            >
                              {t('delete')}
                            </button>
                          </>
                        )}
                      </div>
                    </li>
                  );
                })}
              </ul>
              {error && <ErrorMessage error={error} />}
              <div className="modal-footer">
                <span className="muted small">{t('remembered')}</span>
                <button
                  type="button"
                  className="btn primary"
                  data-testid="conn-add"
                  onClick={() => {
                    setNotes([]);
                    setMode({ kind: 'add' });
                  }}
                >
                  {t('add')}
                </button>
              </div>
            </>
          ) : (
            <ConnectionForm
              editing={mode.kind === 'edit' ? mode.profile : undefined}
              onCancel={() => setMode({ kind: 'list' })}
              onSaved={(profile, saveNotes) => {
                setNotes(saveNotes);
                setMode({ kind: 'list' });
                void test(profile.id);
              }}
            />
          )}
        </Modal>
      )}
      {confirmDelete && (
        <Modal
          title={t('deleteTitle')}
          onClose={() => setConfirmDelete(undefined)}
          testId="delete-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirmDelete(undefined)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                className="btn danger-solid"
                data-testid="conn-delete-confirm"
                onClick={() =>
                  void wrap(async () => {
                    await call('connections:delete', { id: confirmDelete.id });
                    setConfirmDelete(undefined);
                  })
                }
              >
                {t('delete')}
              </button>
            </>
          }
        >
          <p>{t('deleteQuestion', { name: confirmDelete.name })}</p>
          <p className="muted small">{t('deleteHint')}</p>
          {error && <ErrorMessage error={error} />}
        </Modal>
      )}
    </>
  );
}
