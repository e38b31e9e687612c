/**
 * V$INSTANCE ⨯ V$DATABASE (+ USERENV and the clock: the instance the connection landed on), GV$INSTANCE,
 * V$CONTAINERS (what the session may see), the kill privilege.
 */
import { OWN_USER } from '../world/model';
import { CDB_NAME, connectedContainer, NON_CDB_NAME } from '../world/topology';
import type { ViewHandlers } from './view';

const zone = (min: number) => {
  const sign = min < 0 ? '-' : '+';
  const a = Math.abs(min);
  return `${sign}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
};

export const HEALTH_VIEWS: ViewHandlers = {
  'health.instance': ({ world, t }) => {
    const instId = world.connectedInstance();
    const startup = world.instanceStartup.get(instId) ?? world.startupTime;
    const cdb = world.topology.connectTo !== 'non-cdb';
    const c = connectedContainer(world.topology);
    return [
      {
        INSTANCE_NAME: cdb ? `${CDB_NAME}${instId}` : `${NON_CDB_NAME}${instId}`,
        INSTANCE_NUMBER: instId,
        HOST_NAME: `db0${instId}.corp.local`,
        VERSION: world.topology.version,
        STARTUP_TIME: new Date(startup),
        STATUS: 'OPEN',
        DATABASE_STATUS: 'ACTIVE',
        UPTIME_SEC: Math.round((t - startup) / 1000),
        DB_NAME: cdb ? CDB_NAME : NON_CDB_NAME,
        DB_UNIQUE_NAME: `${cdb ? CDB_NAME : NON_CDB_NAME}_SITE1`,
        OPEN_MODE: 'READ WRITE',
        DATABASE_ROLE: 'PRIMARY',
        LOG_MODE: 'ARCHIVELOG',
        PLATFORM_NAME: 'Linux x86 64-bit',
        CDB: cdb ? 'YES' : 'NO',
        CON_NAME: c.name,
        CON_ID: c.conId,
        SESSION_USER: cdb && world.topology.connectTo === 'root' ? `C##${OWN_USER}` : OWN_USER,
        DB_NOW: new Date(t),
        HOST_OFFSET_MIN: world.topology.hostUtcOffsetMin,
        DB_TIME_ZONE: '+00:00',
        // thin mode's logon ALTER SESSION SET TIME_ZONE: the client's offset
        SESSION_TIME_ZONE: zone(world.topology.clientUtcOffsetMin),
      },
    ];
  },
  'health.instances': ({ world }) =>
    world.instanceIds.map((instId) => ({
      INST_ID: instId,
      INSTANCE_NAME: `${world.topology.connectTo === 'non-cdb' ? NON_CDB_NAME : CDB_NAME}${instId}`,
      HOST_NAME: `db0${instId}.corp.local`,
      STATUS: 'OPEN',
      STARTUP_TIME: new Date(world.instanceStartup.get(instId) ?? world.startupTime),
    })),
  'health.containers': ({ world }) =>
    world.containers
      .filter((c) => world.visibleConIds.has(c.conId))
      .map((c) => ({ CON_ID: c.conId, NAME: c.name, OPEN_MODE: c.openMode })),
  'health.userenv': ({ world, t }) => {
    const instId = world.connectedInstance();
    const cdb = world.topology.connectTo !== 'non-cdb';
    const c = connectedContainer(world.topology);
    const db = cdb ? CDB_NAME : NON_CDB_NAME;
    return [
      {
        DB_NAME: cdb && world.topology.connectTo === 'pdb' ? c.name : db,
        CDB_NAME: cdb ? CDB_NAME : null,
        CON_ID: c.conId,
        CON_NAME: c.name,
        INSTANCE_NUMBER: instId,
        INSTANCE_NAME: `${db}${instId}`,
        SESSION_USER: cdb && world.topology.connectTo === 'root' ? `C##${OWN_USER}` : OWN_USER,
        DB_NOW: new Date(t),
        HOST_OFFSET_MIN: world.topology.hostUtcOffsetMin,
        DB_TIME_ZONE: '+00:00',
        SESSION_TIME_ZONE: zone(world.topology.clientUtcOffsetMin),
      },
    ];
  },
  'health.can-kill': () => [{ N: 1 }],
};
