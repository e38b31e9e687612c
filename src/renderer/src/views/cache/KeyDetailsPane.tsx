import type { KeyValue } from '@shared/contract/cache';
import type { TmsError } from '@shared/errors';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/client';
import { LoadingState } from '../../components/EmptyState';
import { ErrorMessage } from '../../components/ErrorMessage';
import { formatAge, formatBytes, formatNumber } from '../../components/format';
import { Modal } from '../../components/Modal';
import { dateTime } from '../../components/units';
import { formatTtlSeconds } from './cache-model';
import { JsonView } from './JsonView';
import { type DetailEntry, TtlCell } from './TtlCell';
import { asError } from './useCacheData';

const MAX_BYTES = 256 * 1024;

/** One key: its metadata, the value (pretty JSON, capped) and "delete this key" (tms: only). */
export function KeyDetailsPane({
  keyName,
  includeForeign,
  entry,
  now,
  onDeleted,
}: {
  keyName: string;
  /** the DBA asked for keys outside tms: (read-only) */
  includeForeign: boolean;
  entry: DetailEntry | undefined;
  now: number;
  onDeleted: (key: string) => void;
}) {
  const { t, i18n } = useTranslation('cache');
  const lang = i18n.language;
  const [value, setValue] = useState<KeyValue>();
  const [error, setError] = useState<TmsError>();
  const [confirm, setConfirm] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const [raw, setRaw] = useState(false);
  const load = useCallback(async () => {
    setError(undefined);
    try {
      setValue(
        await call('cache:getValue', {
          key: keyName,
          maxBytes: MAX_BYTES,
          ...(includeForeign ? { includeForeign: true } : {}),
        }),
      );
    } catch (e) {
      setError(asError(e));
    }
  }, [keyName, includeForeign]);
  useEffect(() => {
    void load();
  }, [load]);
  const d = entry?.d;
  const deletable = keyName.startsWith('tms:');
  const del = async () => {
    setDeleting(true);
    try {
      await call('cache:deleteKey', { key: keyName });
      setConfirm(false);
      onDeleted(keyName);
    } catch (e) {
      setError(asError(e));
      setConfirm(false);
    } finally {
      setDeleting(false);
    }
  };
  return (
    <div className="key-detail" data-testid="key-detail" data-key={keyName}>
      <div className="pane-head">
        <h3 className="mono key-title" title={keyName}>
          {keyName}
          {!deletable && (
            <span className="badge warn" data-testid="key-detail-foreign" title={t('keys.foreignTitle')}>
              {t('keys.foreignBadge')}
            </span>
          )}
        </h3>
        <div className="toolbar">
          <button type="button" className="btn btn-xs" onClick={() => void load()} data-testid="value-reload">
            {t('value.reload')}
          </button>
          {deletable && (
            <button
              type="button"
              className="btn btn-xs danger"
              data-testid="key-delete"
              onClick={() => setConfirm(true)}
            >
              {t('value.delete')}
            </button>
          )}
        </div>
      </div>
      <dl className="kv compact-kv">
        <dt>{t('keys.type')}</dt>
        <dd>{d?.type ?? value?.type ?? '—'}</dd>
        <dt>{t('keys.ttl')}</dt>
        <dd>
          <TtlCell entry={entry} now={now} />
        </dd>
        <dt>{t('keys.configured')}</dt>
        <dd>
          {d?.configuredTtl
            ? t('value.configured', {
                ttl: formatTtlSeconds(d.configuredTtl.ttl, lang),
                l1: formatTtlSeconds(d.configuredTtl.l1Ttl, lang),
                grace: formatTtlSeconds(d.configuredTtl.grace, lang),
              })
            : '—'}
        </dd>
        {d?.writtenTtl !== null && d?.writtenTtl !== undefined && (
          <>
            <dt>{t('value.written')}</dt>
            <dd>
              {t('value.writtenWith', {
                ttl: formatTtlSeconds(d.writtenTtl, lang),
                grace: formatTtlSeconds(d.writtenGrace, lang),
                by: d.writtenBy || '—',
              })}
            </dd>
          </>
        )}
        <dt>{t('keys.resource')}</dt>
        <dd className="mono">{d?.resource ? `${d.resource}${d.connId ? ` · ${d.connId}` : ''}` : '—'}</dd>
        <dt>{t('keys.size')}</dt>
        <dd>{formatBytes(d?.memoryBytes, lang)}</dd>
        <dt>{t('keys.age')}</dt>
        <dd>{d?.storedAt ? `${formatAge(now - d.storedAt, lang)} · ${dateTime(d.storedAt, lang)}` : '—'}</dd>
      </dl>
      {error && <ErrorMessage error={error} />}
      {!value && !error && <LoadingState label={t('loading')} />}
      {value && (
        <div
          className="value-box"
          data-testid="value"
          data-type={value.type}
          data-truncated={String(value.truncated)}
        >
          <div className="subhead">
            <span className="muted small" data-testid="value-size">
              {value.type === 'string'
                ? t('value.sizeBytes', { size: formatBytes(value.size, lang) })
                : t('value.sizeItems', { n: formatNumber(value.size, lang) })}
            </span>
            {value.json !== undefined && (
              <label className="checkbox small">
                <input type="checkbox" checked={raw} onChange={(e) => setRaw(e.target.checked)} />
                {t('value.raw')}
              </label>
            )}
          </div>
          {value.truncated && (
            <div className="cache-banner warn small" data-testid="value-truncated">
              {value.type === 'string'
                ? t('value.truncatedBytes', {
                    shown: formatBytes(Math.min(MAX_BYTES, value.size), lang),
                    size: formatBytes(value.size, lang),
                  })
                : t('value.truncatedItems', {
                    shown: formatNumber(value.entries?.length ?? 0, lang),
                    size: formatNumber(value.size, lang),
                  })}
            </div>
          )}
          {!value.exists && <div className="muted">{t('value.gone')}</div>}
          {value.json !== undefined && !raw ? (
            <JsonView value={value.json} />
          ) : value.text !== undefined ? (
            <pre className="code" data-testid="value-text">
              {value.text}
            </pre>
          ) : null}
          {value.entries && (
            <div className="table-wrap value-entries">
              <table className="compact-table">
                <tbody>
                  {value.entries.map((e, i) => (
                    // biome-ignore lint/suspicious/noArrayIndexKey: list elements may repeat
                    <tr key={i}>
                      {e.field !== undefined && <td className="mono">{e.field}</td>}
                      {e.score !== undefined && <td className="num">{e.score}</td>}
                      <td className="mono value-cell">{e.value}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}
      {confirm && (
        <Modal
          title={t('value.deleteTitle')}
          onClose={() => setConfirm(false)}
          testId="key-delete-dialog"
          footer={
            <>
              <button type="button" className="btn" onClick={() => setConfirm(false)}>
                {t('cancel')}
              </button>
              <button
                type="button"
                className="btn danger-solid"
                data-testid="key-delete-confirm"
                disabled={deleting}
                onClick={() => void del()}
              >
                {t('value.delete')}
              </button>
            </>
          }
        >
          <p>{t('value.deleteBody')}</p>
          <pre className="code">{keyName}</pre>
        </Modal>
      )}
    </div>
  );
}
