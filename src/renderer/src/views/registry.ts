import type { ComponentType } from 'react';
import { prefetch } from '../api/client';
import { NO_FILTER, sessionsPageRequest } from './sessions/first-page';
import { loadableView } from './view-loader';

/** Sidebar sections, in order: what the database is doing, what it is made of and running out of, the console itself. */
export const VIEW_GROUPS = ['performance', 'database', 'console'] as const;
export type ViewGroup = (typeof VIEW_GROUPS)[number];

export interface ViewDef {
  id: string;
  /** the sidebar section (VIEWS is kept in section order: Alt+1..9 count down the sidebar) */
  group: ViewGroup;
  /** key in the common namespace, under nav. */
  labelKey: string;
  /** renders the view (its code is loaded on demand) */
  component: ComponentType;
  /** loads the view's code; start-up calls it for the first view */
  preload: () => Promise<void>;
  /** the reads the view starts with, sent at start-up while its code loads (same requests as the view's) */
  prefetch?: (connId: string) => void;
}

/** The sidebar, in order. Alt+1..9 jumps to the n-th view. */
export const VIEWS: ViewDef[] = [
  {
    id: 'dashboard',
    group: 'performance',
    labelKey: 'nav.dashboard',
    ...loadableView(() => import('./dashboard/DashboardView')),
    prefetch: (connId) => {
      prefetch('monitor:dashboard', { connId });
      prefetch('monitor:realtime', { connId });
    },
  },
  {
    id: 'activity',
    group: 'performance',
    labelKey: 'nav.activity',
    ...loadableView(() => import('./activity/ActivityView')),
  },
  {
    id: 'sessions',
    group: 'performance',
    labelKey: 'nav.sessions',
    ...loadableView(() => import('./sessions/SessionsView')),
    prefetch: (connId) => prefetch('monitor:sessionsWindow', sessionsPageRequest(connId, NO_FILTER, null, 0)),
  },
  {
    id: 'locks',
    group: 'performance',
    labelKey: 'nav.locks',
    ...loadableView(() => import('./locks/LocksView')),
  },
  {
    id: 'waits',
    group: 'performance',
    labelKey: 'nav.waits',
    ...loadableView(() => import('./waits/WaitsView')),
  },
  {
    id: 'top-sql',
    group: 'performance',
    labelKey: 'nav.topSql',
    ...loadableView(() => import('./top-sql/TopSqlView')),
  },
  {
    id: 'long-ops',
    group: 'performance',
    labelKey: 'nav.longOps',
    ...loadableView(() => import('./long-ops/LongOpsView')),
  },
  {
    id: 'trends',
    group: 'performance',
    labelKey: 'nav.trends',
    ...loadableView(() => import('./trends/TrendsView')),
  },
  {
    id: 'schemas',
    group: 'database',
    labelKey: 'nav.schemas',
    ...loadableView(() => import('./schemas/SchemasView')),
  },
  {
    id: 'space',
    group: 'database',
    labelKey: 'nav.space',
    ...loadableView(() => import('./space/SpaceView')),
    prefetch: (connId) => prefetch('space:space', { connId }),
  },
  {
    id: 'limits',
    group: 'database',
    labelKey: 'nav.limits',
    ...loadableView(() => import('./limits/LimitsView')),
  },
  {
    id: 'alert-log',
    group: 'database',
    labelKey: 'nav.alertLog',
    ...loadableView(() => import('./alert-log/AlertLogView')),
  },
  {
    id: 'memory-io',
    group: 'database',
    labelKey: 'nav.memoryIo',
    ...loadableView(() => import('./memory-io/MemoryIoView')),
    prefetch: (connId) => prefetch('memory:snapshot', { connId }),
  },
  {
    id: 'alerts',
    group: 'console',
    labelKey: 'nav.alerts',
    ...loadableView(() => import('./alerts/AlertsView')),
  },
  {
    id: 'cache',
    group: 'console',
    labelKey: 'nav.cache',
    ...loadableView(() => import('./cache/CacheView')),
  },
];

export const DEFAULT_VIEW = 'dashboard';
