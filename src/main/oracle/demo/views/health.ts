/** V$INSTANCE ⨯ V$DATABASE (+ USERENV), the kill privilege, and the connection test's view probes. */
import { OWN_USER } from '../world/model';
import type { ViewHandlers } from './view';

export const HEALTH_VIEWS: ViewHandlers = {
  'health.instance': ({ world, t }) => [
    {
      INSTANCE_NAME: 'PRODDB1',
      INSTANCE_NUMBER: 1,
      HOST_NAME: 'db01.corp.local',
      VERSION: '19.0.0.0.0',
      STARTUP_TIME: new Date(world.startupTime),
      STATUS: 'OPEN',
      DATABASE_STATUS: 'ACTIVE',
      UPTIME_SEC: Math.round((t - world.startupTime) / 1000),
      DB_NAME: 'PRODDB',
      DB_UNIQUE_NAME: 'PRODDB_SITE1',
      OPEN_MODE: 'READ WRITE',
      DATABASE_ROLE: 'PRIMARY',
      LOG_MODE: 'ARCHIVELOG',
      PLATFORM_NAME: 'Linux x86 64-bit',
      CDB: 'YES',
      CON_NAME: 'SALESPDB',
      SESSION_USER: OWN_USER,
    },
  ],
  'health.can-kill': () => [{ N: 1 }],
};
