import type { ConnectNote } from '@shared/connect-notes';
import { TmsError } from '@shared/errors';
import type {
  ConnectInput,
  ConnectionInput,
  ConnectionKind,
  ConnectionProfile,
  ConnectMethod,
} from '@shared/types/connections';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { ErrorMessage } from '../../components/ErrorMessage';
import { useErrorWords } from '../../components/useErrorWords';
import { notesText } from './note-text';
import { packAccessText } from './privilege-words';
import { TestResultLine, type TestState } from './TestResultLine';

export interface ConnectionFormProps {
  /** undefined = add */
  editing?: ConnectionProfile;
  onSaved: (profile: ConnectionProfile, notes: ConnectNote[]) => void;
  onCancel: () => void;
}

interface Draft {
  name: string;
  kind: ConnectionKind;
  method: ConnectMethod;
  connectString: string;
  tnsAlias: string;
  configDir: string;
  descriptor: string;
  walletLocation: string;
  walletPassword: string;
  user: string;
  password: string;
  clearPassword: boolean;
  diagnosticsPackLicensed: boolean;
  killMethod: 'alter-system' | 'procedure' | 'rds';
  killProcedure: string;
}

function draftFrom(p: ConnectionProfile | undefined): Draft {
  const c = p?.connect;
  return {
    name: p?.name ?? '',
    kind: p?.kind ?? 'oracle',
    method: c?.method ?? 'easy',
    connectString: c?.method === 'easy' ? c.connectString : '',
    tnsAlias: c?.method === 'tns' ? c.tnsAlias : '',
    configDir: c?.method === 'tns' ? c.configDir : '',
    descriptor: c?.method === 'descriptor' ? c.descriptor : '',
    walletLocation: c?.method === 'descriptor' ? (c.walletLocation ?? '') : '',
    walletPassword: '',
    user: p?.user ?? '',
    password: '',
    clearPassword: false,
    diagnosticsPackLicensed: p?.diagnosticsPackLicensed ?? false,
    killMethod: p?.killMethod?.startsWith('procedure:')
      ? 'procedure'
      : p?.killMethod === 'rds'
        ? 'rds'
        : 'alter-system',
    killProcedure: p?.killMethod?.startsWith('procedure:') ? p.killMethod.slice('procedure:'.length) : '',
  };
}

/** The stored kill method: 'alter-system' | 'rds' | 'procedure:OWNER.NAME' (main validates the name). */
function killMethodOf(d: Draft): string {
  if (d.killMethod === 'procedure') return `procedure:${d.killProcedure.trim()}`;
  return d.killMethod;
}

function connectOf(d: Draft): ConnectInput {
  switch (d.method) {
    case 'tns':
      return { method: 'tns', tnsAlias: d.tnsAlias.trim(), configDir: d.configDir.trim() };
    case 'descriptor':
      return {
        method: 'descriptor',
        descriptor: d.descriptor.trim(),
        ...(d.walletLocation.trim() ? { walletLocation: d.walletLocation.trim() } : {}),
        ...(d.walletPassword ? { walletPassword: d.walletPassword } : {}),
      };
    default:
      return { method: 'easy', connectString: d.connectString.trim() };
  }
}

/** Add or edit a connection: Easy Connect (JDBC URLs accepted), TNS alias + config dir, descriptor + wallet. */
export function ConnectionForm({ editing, onSaved, onCancel }: ConnectionFormProps) {
  const { t } = useTranslation('connections');
  const words = useErrorWords();
  const [d, setD] = useState<Draft>(() => draftFrom(editing));
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<TmsError>();
  const [preview, setPreview] = useState<{ notes: ConnectNote[]; error?: TmsError }>();
  const [testState, setTestState] = useState<TestState>();
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => setD((x) => ({ ...x, [key]: value }));
  const oracle = d.kind === 'oracle';
  // the Diagnostics Pack opt-in is offered only when the database allows the pack (main refuses it too)
  const packAccess = testState?.result?.packAccess;
  const packOffered = d.diagnosticsPackLicensed || packAccess?.diagnosticsAllowed === true;

  /** What main would store for the typed/pasted string (JDBC conversion, stripped credentials). */
  const normalise = async () => {
    const connect = connectOf(d);
    if (
      connect.method === 'easy'
        ? !connect.connectString
        : connect.method === 'descriptor'
          ? !connect.descriptor
          : true
    ) {
      return;
    }
    try {
      const p = await call('connections:normalise', { connect });
      setPreview({ notes: p.notes });
      if (p.user && !d.user) set('user', p.user);
    } catch (err) {
      setPreview({ notes: [], error: err instanceof TmsError ? err : new TmsError('INTERNAL', String(err)) });
    }
  };

  const testUnsaved = async () => {
    setTestState({ running: true });
    try {
      const result = await call('connections:test', {
        input: {
          ...(editing ? { id: editing.id } : {}),
          ...(d.name.trim() ? { name: d.name.trim() } : {}),
          kind: d.kind,
          ...(oracle
            ? { connect: connectOf(d), user: d.user.trim(), ...(d.password ? { password: d.password } : {}) }
            : {}),
        },
      });
      setTestState({ running: false, result });
    } catch (err) {
      setTestState({
        running: false,
        error: err instanceof TmsError ? err : new TmsError('INTERNAL', String(err)),
      });
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(undefined);
    try {
      const input: ConnectionInput = {
        name: d.name.trim(),
        kind: d.kind,
        ...(oracle
          ? {
              connect: connectOf(d),
              user: d.user.trim(),
              ...(d.password ? { password: d.password } : {}),
              diagnosticsPackLicensed: d.diagnosticsPackLicensed,
              killMethod: killMethodOf(d),
            }
          : {}),
      };
      const result = editing
        ? await call('connections:update', {
            id: editing.id,
            patch: { ...input, ...(d.clearPassword ? { clearPassword: true } : {}) },
          })
        : await call('connections:add', input);
      onSaved(result.profile, result.notes);
    } catch (err) {
      setError(err instanceof TmsError ? err : new TmsError('INTERNAL', String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="conn-form" onSubmit={(e) => void submit(e)} data-testid="connection-form">
      <label className="field">
        <span>{t('form.name')}</span>
        <input
          required
          maxLength={100}
          value={d.name}
          onChange={(e) => set('name', e.target.value)}
          data-testid="conn-name"
          placeholder={t('form.namePlaceholder')}
        />
      </label>
      {!editing && (
        <label className="field">
          <span>{t('form.kind')}</span>
          <select
            value={d.kind}
            onChange={(e) => set('kind', e.target.value as ConnectionKind)}
            data-testid="conn-kind"
          >
            <option value="oracle">{t('form.kindOracle')}</option>
            <option value="demo">{t('form.kindDemo')}</option>
          </select>
        </label>
      )}
      {oracle && (
        <>
          <div className="field">
            <span>{t('form.method')}</span>
            <div className="segmented">
              {(['easy', 'tns', 'descriptor'] as const).map((m) => (
                <button
                  key={m}
                  type="button"
                  aria-pressed={d.method === m}
                  className={`seg${d.method === m ? ' active' : ''}`}
                  onClick={() => set('method', m)}
                  data-testid={`conn-method-${m}`}
                >
                  {t(`form.methods.${m}`)}
                </button>
              ))}
            </div>
          </div>
          {d.method === 'easy' && (
            <label className="field">
              <span>{t('form.connectString')}</span>
              <input
                required
                maxLength={2000}
                className="mono"
                value={d.connectString}
                onChange={(e) => set('connectString', e.target.value)}
                onBlur={() => void normalise()}
                placeholder="dbhost.example.com:1521/ORCLPDB1"
                data-testid="conn-connect-string"
              />
              <small className="muted">{t('form.connectStringHint')}</small>
            </label>
          )}
          {d.method === 'tns' && (
            <>
              <label className="field">
                <span>{t('form.tnsAlias')}</span>
                <input
                  required
                  maxLength={200}
                  className="mono"
                  value={d.tnsAlias}
                  onChange={(e) => set('tnsAlias', e.target.value)}
                  placeholder="ORCLPDB1"
                  data-testid="conn-tns-alias"
                />
              </label>
              <label className="field">
                <span>{t('form.configDir')}</span>
                <input
                  required
                  maxLength={1000}
                  className="mono"
                  value={d.configDir}
                  onChange={(e) => set('configDir', e.target.value)}
                  placeholder="/opt/oracle/network/admin"
                  data-testid="conn-config-dir"
                />
                <small className="muted">{t('form.configDirHint')}</small>
              </label>
            </>
          )}
          {d.method === 'descriptor' && (
            <>
              <label className="field">
                <span>{t('form.descriptor')}</span>
                <textarea
                  required
                  rows={4}
                  maxLength={4000}
                  className="mono"
                  value={d.descriptor}
                  onChange={(e) => set('descriptor', e.target.value)}
                  onBlur={() => void normalise()}
                  placeholder="(DESCRIPTION=(ADDRESS=(PROTOCOL=TCPS)(HOST=db.example.com)(PORT=2484))(CONNECT_DATA=(SERVICE_NAME=ORCLPDB1)))"
                  data-testid="conn-descriptor"
                />
              </label>
              <label className="field">
                <span>{t('form.walletLocation')}</span>
                <input
                  maxLength={1000}
                  className="mono"
                  value={d.walletLocation}
                  onChange={(e) => set('walletLocation', e.target.value)}
                  placeholder="/Users/dba/wallets/prod"
                />
                <small className="muted">{t('form.walletHint')}</small>
              </label>
              <label className="field">
                <span>{t('form.walletPassword')}</span>
                <input
                  type="password"
                  autoComplete="off"
                  maxLength={1000}
                  value={d.walletPassword}
                  onChange={(e) => set('walletPassword', e.target.value)}
                  placeholder={editing ? t('form.keepSecret') : ''}
                />
              </label>
            </>
          )}
          <div className="field-row">
            <label className="field">
              <span>{t('form.user')}</span>
              <input
                required
                maxLength={128}
                value={d.user}
                onChange={(e) => set('user', e.target.value)}
                autoComplete="off"
                data-testid="conn-user"
              />
            </label>
            <label className="field">
              <span>{t('form.password')}</span>
              <input
                type="password"
                maxLength={1000}
                autoComplete="off"
                value={d.password}
                onChange={(e) => set('password', e.target.value)}
                placeholder={editing?.hasPassword ? t('form.keepSecret') : ''}
                data-testid="conn-password"
              />
            </label>
          </div>
          {editing?.hasPassword && (
            <label className="checkbox">
              <input
                type="checkbox"
                checked={d.clearPassword}
                onChange={(e) => set('clearPassword', e.target.checked)}
              />
              {t('form.clearPassword')}
            </label>
          )}
          <div className="field-row">
            <label className="field">
              <span>{t('form.killMethod')}</span>
              <select
                value={d.killMethod}
                onChange={(e) => set('killMethod', e.target.value as Draft['killMethod'])}
                data-testid="conn-kill-method"
              >
                {(['alter-system', 'procedure', 'rds'] as const).map((m) => (
                  <option key={m} value={m}>
                    {t(`form.killMethods.${m}`)}
                  </option>
                ))}
              </select>
            </label>
            {d.killMethod === 'procedure' && (
              <label className="field">
                <span>{t('form.killProcedure')}</span>
                <input
                  required
                  maxLength={257}
                  pattern="[A-Za-z][A-Za-z0-9_$#]*\.[A-Za-z][A-Za-z0-9_$#]*"
                  className="mono"
                  value={d.killProcedure}
                  onChange={(e) => set('killProcedure', e.target.value)}
                  placeholder="DBA_TOOLS.TMS_KILL_SESSION"
                  data-testid="conn-kill-procedure"
                />
              </label>
            )}
          </div>
          <small className="muted">{t('form.killMethodHint')}</small>
          <label className="checkbox">
            <input
              type="checkbox"
              checked={d.diagnosticsPackLicensed}
              disabled={!packOffered}
              onChange={(e) => set('diagnosticsPackLicensed', e.target.checked)}
              data-testid="conn-diag-pack"
            />
            {t('form.diagnosticsPack')}
          </label>
          <small className="muted" data-testid="conn-diag-pack-reason">
            {packAccess
              ? packAccessText(packAccess, t)
              : packOffered
                ? t('form.diagnosticsPackHint')
                : t('form.diagnosticsPackUntested')}
          </small>
        </>
      )}
      {preview && (preview.notes.length > 0 || preview.error) && (
        <div className="notice" data-testid="connect-preview">
          {preview.error ? words(preview.error) : notesText(preview.notes, t)}
        </div>
      )}
      {testState && <TestResultLine state={testState} />}
      {error && <ErrorMessage error={error} />}
      <div className="modal-footer">
        <button type="button" className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => void testUnsaved()}
          disabled={testState?.running}
          data-testid="conn-form-test"
        >
          {t('test')}
        </button>
        <button type="submit" className="btn primary" disabled={busy} data-testid="conn-save">
          {busy ? t('saving') : t('save')}
        </button>
      </div>
    </form>
  );
}
