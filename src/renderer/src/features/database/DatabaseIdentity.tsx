import type { DatabaseIdentity as Identity } from '@shared/types/oracle';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../../api/useResource';
import { useTimeDisplay } from '../../components/TimeDisplay';
import { utcOffsetLabel } from '../../components/units';
import { useConnection } from '../../state/connection';

const HEALTH_MS = 60_000;

/** The connected database's identity (CDB/PDB/CON_ID, instances), from the cached health read. */
export function useDatabaseIdentity(connId: string): Identity | undefined {
  const { data } = useResource('monitor:health', connId ? { connId } : null, { refreshMs: HEALTH_MS });
  return data?.data.identity;
}

function clockText(at: number, lang: string, timeZone?: string): string {
  return new Date(at).toLocaleTimeString(lang, {
    hour: '2-digit',
    minute: '2-digit',
    hour12: false,
    ...(timeZone ? { timeZone } : {}),
  });
}

/**
 * Header line: which database (CDB, PDB and CON_ID, or non-CDB; the instances), the database's clock and
 * zone next to the console's, and the switch between local and database time for every time on screen.
 */
export function DatabaseIdentityBar() {
  const { t, i18n } = useTranslation('monitor');
  const lang = i18n.language;
  const { connId } = useConnection();
  const { data } = useResource('monitor:health', connId ? { connId } : null, { refreshMs: HEALTH_MS });
  const time = useTimeDisplay();
  const h = data?.data;
  const offset = h?.clock.hostUtcOffsetMin ?? null;
  const { setDbOffset } = time;
  useEffect(() => setDbOffset(offset), [offset, setDbOffset]);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  if (!h) return null;
  const id = h.identity;
  const dbNow = now - h.clock.skewMs;
  const where =
    id.containerKind === 'non-cdb'
      ? t('identity.nonCdb', { db: id.dbName })
      : id.containerKind === 'root'
        ? t('identity.root', { cdb: id.cdbName, conId: id.conId })
        : t('identity.pdb', { cdb: id.cdbName, pdb: id.pdbName, conId: id.conId });
  const instances = id.rac
    ? t('identity.instances', {
        n: id.instances.length,
        names: id.instances.map((i) => i.instanceName).join(', '),
      })
    : h.instanceName;
  return (
    <div className="db-identity" data-testid="db-identity" data-container-kind={id.containerKind}>
      <span data-testid="db-identity-where">{where}</span>
      <span className="muted" data-testid="db-identity-instances">
        {instances}
      </span>
      {id.containerDataLimited && (
        <span className="text-warn" title={id.containerDataGrant ?? ''} data-testid="db-identity-root-only">
          {t('identity.rootOnly')}
        </span>
      )}
      <span className="muted" data-testid="db-clock" title={t('identity.clockHint')}>
        {t('identity.dbClock', {
          time: clockText(dbNow + h.clock.hostUtcOffsetMin * 60_000, lang, 'UTC'),
          zone: utcOffsetLabel(h.clock.hostUtcOffsetMin),
        })}{' '}
        ·{' '}
        {t('identity.localClock', {
          time: clockText(now, lang),
          zone: utcOffsetLabel(-new Date(now).getTimezoneOffset()),
        })}
      </span>
      <button
        type="button"
        className="btn btn-xs"
        data-testid="time-display-toggle"
        data-mode={time.mode}
        onClick={() => time.setMode(time.mode === 'local' ? 'database' : 'local')}
        title={t('identity.toggleHint')}
      >
        {time.mode === 'local' ? t('identity.showingLocal') : t('identity.showingDatabase')}
      </button>
    </div>
  );
}
