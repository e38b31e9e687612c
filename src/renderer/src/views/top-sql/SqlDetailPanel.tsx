import type { SqlDetail } from '@shared/types/oracle';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { DataStatus } from '../../components/DataStatus';
import { EmptyState, LoadingState } from '../../components/EmptyState';
import { formatBytes } from '../../components/format';
import { dateTime, ms, num } from '../../components/units';
import { ViewError } from '../../components/ViewError';
import { AnalysisSlot } from './AnalysisSlot';

function CopyButton({ text, testId }: { text: string; testId: string }) {
  const { t } = useTranslation('topSql');
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="btn btn-xs"
      data-testid={testId}
      onClick={() => {
        void navigator.clipboard
          ?.writeText(text)
          .then(() => {
            setCopied(true);
            setTimeout(() => setCopied(false), 1500);
          })
          .catch(() => undefined);
      }}
    >
      {copied ? t('detail.copied') : t('detail.copy')}
    </button>
  );
}

function Stats({ d }: { d: SqlDetail }) {
  const { t, i18n } = useTranslation('topSql');
  const lang = i18n.language;
  const s = d.stats;
  const items: Array<[string, string, string?]> = [
    [t('col.executions'), num(s.executions, lang)],
    [t('col.elapsed'), ms(s.elapsedMs, lang), ms(s.elapsedMsPerExec, lang)],
    [t('col.cpu'), ms(s.cpuMs, lang), ms(s.cpuMsPerExec, lang)],
    [t('col.gets'), num(s.bufferGets, lang), num(s.bufferGetsPerExec, lang)],
    [t('col.diskReads'), num(s.diskReads, lang), num(s.diskReadsPerExec, lang)],
    [t('col.rows'), num(s.rowsProcessed, lang), num(s.rowsPerExec, lang)],
    [t('detail.userIo'), ms(s.userIoWaitMs, lang)],
    [t('detail.application'), ms(s.applicationWaitMs, lang)],
    [t('detail.concurrency'), ms(s.concurrencyWaitMs, lang)],
    [t('detail.cluster'), ms(s.clusterWaitMs, lang)],
    [t('detail.plsql'), ms(s.plsqlExecMs, lang)],
    [t('detail.parseCalls'), num(s.parseCalls, lang)],
    [t('detail.fetches'), num(s.fetches, lang)],
    [t('detail.sorts'), num(s.sorts, lang)],
    [t('detail.loads'), num(s.loads, lang)],
    [t('detail.invalidations'), num(s.invalidations, lang)],
    [t('detail.versionCount'), num(s.versionCount, lang)],
    [t('detail.sharableMem'), formatBytes(s.sharableMemBytes, lang)],
    ['PLAN_HASH_VALUE', String(s.planHashValue)],
    [t('col.schema'), s.parsingSchemaName ?? '—'],
    [t('detail.module'), s.module ?? '—'],
    [t('col.lastActive'), dateTime(s.lastActiveTime, lang)],
  ];
  return (
    <table className="compact-table stats-table" data-testid="sql-stats">
      <thead>
        <tr>
          <th />
          <th className="num">{t('detail.total')}</th>
          <th className="num">{t('detail.perExec')}</th>
        </tr>
      </thead>
      <tbody>
        {items.map(([label, total, perExec]) => (
          <tr key={label}>
            <td className="muted">{label}</td>
            <td className="num">{total}</td>
            <td className="num">{perExec ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** SQL detail: full text (copy), statistics, child cursors, the DBMS_XPLAN plan and the analysis panel. */
export function SqlDetailPanel({
  connId,
  sqlId,
  onClose,
}: {
  connId: string;
  sqlId: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('topSql');
  const { t: tc } = useTranslation();
  const lang = i18n.language;
  const req = { connId, sqlId };
  const detail = useResource('monitor:sqlDetail', req);
  const text = useResource('monitor:sqlText', req);
  const plan = useResource('monitor:sqlPlan', req);
  const d = detail.data?.data ?? null;
  const sqlText = text.data?.data ?? null;
  const p = plan.data?.data ?? null;
  const planText = p?.lines.join('\n') ?? '';

  return (
    <section className="panel sql-detail" data-testid="sql-detail" data-sql-id={sqlId}>
      <div className="panel-head">
        <h2>
          {t('detail.title')} <span className="mono">{sqlId}</span>
        </h2>
        <div className="view-header-controls">
          <DataStatus
            meta={detail.data?.cache}
            refreshing={detail.refreshing || text.refreshing || plan.refreshing}
            onRefresh={() => {
              void detail.refresh();
              void text.refresh();
              void plan.refresh();
            }}
          />
          <button type="button" className="btn" onClick={onClose} data-testid="sql-detail-close">
            {t('detail.close')}
          </button>
        </div>
      </div>
      {detail.error && detail.error.code !== 'NOT_FOUND' && (
        <ViewError error={detail.error} onRetry={() => void detail.reload()} />
      )}
      <div className="sql-detail-grid">
        <div className="sql-detail-main">
          <div className="subhead">
            <h3>{t('detail.text')}</h3>
            {sqlText && <CopyButton text={sqlText.text} testId="copy-sql" />}
          </div>
          {text.error && text.error.code !== 'NOT_FOUND' ? (
            <ViewError error={text.error} />
          ) : text.loading ? (
            <LoadingState label={tc('status.loading')} />
          ) : sqlText ? (
            <pre className="code" data-testid="sql-text">
              {sqlText.text}
            </pre>
          ) : (
            <EmptyState>{t('detail.agedOut')}</EmptyState>
          )}
          <div className="subhead">
            <h3>
              {t('detail.plan')}
              {p?.planHashValue ? <span className="muted small"> · PHV {p.planHashValue}</span> : null}
              {p?.childNumber !== null && p?.childNumber !== undefined ? (
                <span className="muted small"> · {t('detail.child', { child: p.childNumber })}</span>
              ) : null}
            </h3>
            {p && p.lines.length > 0 && <CopyButton text={planText} testId="copy-plan" />}
          </div>
          {plan.error && plan.error.code !== 'NOT_FOUND' ? (
            <ViewError error={plan.error} />
          ) : plan.loading ? (
            <LoadingState label={tc('status.loading')} />
          ) : p && p.lines.length > 0 ? (
            <pre className="code plan" data-testid="sql-plan" data-scroll-x="allowed">
              {planText}
            </pre>
          ) : (
            <EmptyState>{t('detail.noPlan')}</EmptyState>
          )}
        </div>
        <div className="sql-detail-side">
          <h3>{t('detail.stats')}</h3>
          {detail.loading ? (
            <LoadingState label={tc('status.loading')} />
          ) : d ? (
            <>
              <Stats d={d} />
              {d.children.length > 0 && (
                <>
                  <h3>{t('detail.children')}</h3>
                  <table className="compact-table children-table" data-testid="sql-children">
                    <colgroup>
                      <col style={{ width: '2.5em' }} />
                      <col style={{ width: '30%' }} />
                      <col />
                      <col />
                    </colgroup>
                    <thead>
                      <tr>
                        <th>#</th>
                        <th>PHV</th>
                        <th className="num">{t('col.executions')}</th>
                        <th className="num">{t('col.elapsed')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {d.children.map((c) => (
                        <Fragment key={c.childNumber}>
                          <tr className="child-main">
                            <td>{c.childNumber}</td>
                            <td className="mono">{c.planHashValue}</td>
                            <td className="num">{num(c.executions, lang)}</td>
                            <td className="num">{ms(c.elapsedMs, lang)}</td>
                          </tr>
                          <tr className="child-flags" data-testid="sql-child-flags">
                            <td />
                            <td colSpan={3} className="small muted">
                              {[
                                `${t('detail.optimizer')}: ${c.optimizerMode ?? '—'}`,
                                c.optimizerCost !== null
                                  ? t('detail.cost', { cost: num(c.optimizerCost, lang) })
                                  : null,
                                c.isBindSensitive ? t('detail.bindSensitive') : null,
                                c.isBindAware ? t('detail.bindAware') : null,
                                c.sqlProfile ? t('detail.profile', { name: c.sqlProfile }) : null,
                                c.sqlPlanBaseline ? t('detail.baseline', { name: c.sqlPlanBaseline }) : null,
                              ]
                                .filter(Boolean)
                                .join(' · ')}
                            </td>
                          </tr>
                        </Fragment>
                      ))}
                    </tbody>
                  </table>
                </>
              )}
            </>
          ) : !detail.error || detail.error.code === 'NOT_FOUND' ? (
            <EmptyState>{t('detail.agedOut')}</EmptyState>
          ) : null}
        </div>
      </div>
      <AnalysisSlot
        connId={connId}
        sqlId={sqlId}
        sqlText={sqlText?.text}
        plan={p ?? undefined}
        stats={d ?? undefined}
      />
    </section>
  );
}
