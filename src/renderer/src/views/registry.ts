import { type ComponentType, type LazyExoticComponent, lazy } from 'react';
import { prefetch } from '../api/client';
import { NO_FILTER, sessionsPageRequest } from './sessions/first-page';

export interface ViewDef {
  id: string;
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
    labelKey: 'nav.dashboard',
    component: lazy(() => import('./dashboard/DashboardView')),
    prefetch: (connId) => {
      prefetch('monitor:dashboard', { connId });
      prefetch('monitor:realtime', { connId });
    },
  },
  { id: 'activity', labelKey: 'nav.activity', component: lazy(() => import('./activity/ActivityView')) },
  {
    id: 'sessions',
    labelKey: 'nav.sessions',
    component: lazy(() => import('./sessions/SessionsView')),
    prefetch: (connId) => prefetch('monitor:sessionsWindow', sessionsPageRequest(connId, NO_FILTER, null, 0)),
  },
  { id: 'locks', labelKey: 'nav.locks', component: lazy(() => import('./locks/LocksView')) },
  { id: 'waits', labelKey: 'nav.waits', component: lazy(() => import('./waits/WaitsView')) },
  { id: 'top-sql', labelKey: 'nav.topSql', component: lazy(() => import('./top-sql/TopSqlView')) },
  { id: 'schemas', labelKey: 'nav.schemas', component: lazy(() => import('./schemas/SchemasView')) },
  { id: 'trends', labelKey: 'nav.trends', component: lazy(() => import('./trends/TrendsView')) },
  { id: 'cache', labelKey: 'nav.cache', component: lazy(() => import('./cache/CacheView')) },
  { id: 'alerts', labelKey: 'nav.alerts', component: lazy(() => import('./alerts/AlertsView')) },
];

export const DEFAULT_VIEW = 'dashboard';
