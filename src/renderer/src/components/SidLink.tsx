import { useTranslation } from 'react-i18next';
import { useConnection } from '../state/connection';
import { openSession } from '../state/session-drilldown';

/**
 * A session's SID (and SERIAL#, and @instance on RAC) as a link that opens the session drill-down
 * drawer. Use it wherever a session is shown; it stops the click so a clickable row does not also act.
 */
export function SidLink({
  instId,
  sid,
  serial,
  showSerial = true,
  showInstance = false,
  connId,
}: {
  instId: number;
  sid: number;
  serial: number;
  showSerial?: boolean;
  /** show "@inst" (RAC); the instance is always part of what opens */
  showInstance?: boolean;
  /** defaults to the active connection */
  connId?: string;
}) {
  const { t } = useTranslation('session');
  const active = useConnection().connId;
  const conn = connId ?? active;
  return (
    <button
      type="button"
      className="link mono sid-link"
      data-testid="sid-link"
      data-sid={sid}
      data-serial={serial}
      data-inst={instId}
      title={t('open', { sid, serial, inst: instId })}
      onClick={(e) => {
        e.stopPropagation();
        if (conn) openSession({ connId: conn, instId, sid, serial });
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {sid}
      {showSerial ? `,${serial}` : ''}
      {showInstance ? <span className="muted"> @{instId}</span> : null}
    </button>
  );
}

/**
 * The same link for big virtualized tables (sessions: 10,000 rows): no hooks per row. The table passes
 * the connection and the title once; the click handler is the same as SidLink's.
 */
export function SidButton({
  connId,
  instId,
  sid,
  serial,
  title,
}: {
  connId: string | null;
  instId: number;
  sid: number;
  serial: number;
  title: string;
}) {
  return (
    <button
      type="button"
      className="link mono sid-link"
      data-testid="sid-link"
      data-sid={sid}
      data-serial={serial}
      data-inst={instId}
      title={title}
      onClick={(e) => {
        e.stopPropagation();
        if (connId) openSession({ connId, instId, sid, serial });
      }}
      onKeyDown={(e) => e.stopPropagation()}
    >
      {sid}
    </button>
  );
}
