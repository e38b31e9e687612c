import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { prefetch } from '../api/client';
import { NO_FILTER, sessionsPageRequest } from './sessions/first-page';

/** Sidebar sections, in order: what the database is doing, what it is made of and running out of, the console itself. */
export const VIEW_GROUPS = ['performance', 'database', 'console'] as const;
export type ViewGroup = (typeof VIEW_GROUPS)[number];

export interface ViewDef {
  id: string;
  /** the sidebar section (VIEWS is kept in section order: Alt+1..9 count down the sidebar) */
  group: ViewGroup;
  /** key in the common namespace, under nav. */
  labelKey: string;
  component: LazyExoticComponent<ComponentType>;
  /** the reads the view starts with, sent at start-up while its code loads (same requests as the view's) */
  prefetch?: (connId: string) => void;
}

/** The sidebar, in order. Alt+1..9 jumps to the n-th view. */
export const VIEWS: ViewDef[] = [
  {
    id: 'dashboard',
    group: 'performance',
    labelKey: 'nav.dashboard',
    component: lazy(() => import('./dashboard/DashboardView')),
    prefetch: (connId) => {
      prefetch('monitor:dashboard', { connId });
      prefetch('monitor:realtime', { connId });
    },
  },
  {
    id: 'activity',
    group: 'performance',
    labelKey: 'nav.activity',
    component: lazy(() => import('./activity/ActivityView')),
  },
  {
    id: 'sessions',
    group: 'performance',
    labelKey: 'nav.sessions',
    component: lazy(() => import('./sessions/SessionsView')),
    prefetch: (connId) => prefetch('monitor:sessionsWindow', sessionsPageRequest(connId, NO_FILTER, null, 0)),
  },
  {
    id: 'locks',
    group: 'performance',
    labelKey: 'nav.locks',
    component: lazy(() => import('./locks/LocksView')),
  },
  {
    id: 'waits',
    group: 'performance',
    labelKey: 'nav.waits',
    component: lazy(() => import('./waits/WaitsView')),
  },
  {
    id: 'top-sql',
    group: 'performance',
    labelKey: 'nav.topSql',
    component: lazy(() => import('./top-sql/TopSqlView')),
  },
  {
    id: 'long-ops',
    group: 'performance',
    labelKey: 'nav.longOps',
    component: lazy(() => import('./long-ops/LongOpsView')),
  },
  {
    id: 'trends',
    group: 'performance',
    labelKey: 'nav.trends',
    component: lazy(() => import('./trends/TrendsView')),
  },
  {
    id: 'schemas',
    group: 'database',
    labelKey: 'nav.schemas',
    component: lazy(() => import('./schemas/SchemasView')),
  },
  {
    id: 'space',
    group: 'database',
    labelKey: 'nav.space',
    component: lazy(() => import('./space/SpaceView')),
    prefetch: (connId) => prefetch('space:space', { connId }),
  },
  {
    id: 'limits',
    group: 'database',
    labelKey: 'nav.limits',
    component: lazy(() => import('./limits/LimitsView')),
  },
  {
    id: 'alert-log',
    group: 'database',
    labelKey: 'nav.alertLog',
    component: lazy(() => import('./alert-log/AlertLogView')),
  },
  {
    id: 'memory-io',
    group: 'database',
    labelKey: 'nav.memoryIo',
    component: lazy(() => import('./memory-io/MemoryIoView')),
    prefetch: (connId) => prefetch('memory:snapshot', { connId }),
  },
  {
    id: 'alerts',
    group: 'console',
    labelKey: 'nav.alerts',
    component: lazy(() => import('./alerts/AlertsView')),
  },
  {
    id: 'cache',
    group: 'console',
    labelKey: 'nav.cache',
    component: lazy(() => import('./cache/CacheView')),
  },
];

export const DEFAULT_VIEW = 'dashboard';
