import './components.css';
import type { CacheMeta } from '@shared/cache';
import { memo, type ReactNode } from 'react';
import { DataStatus } from './DataStatus';

export interface ViewHeaderProps {
  title: string;
  /** view id, for `data-testid="view-title"` lookups */
  meta: CacheMeta | undefined;
  refreshing: boolean;
  onRefresh: () => void;
  refreshMs?: number;
  /** selectors and actions shown between the title and the status strip */
  children?: ReactNode;
}

/**
 * Title, the view's own controls, then the age/origin strip with the cache-bypassing refresh. Memoized:
 * a view re-rendering for something else (a page of rows scrolled in) leaves it alone when its props
 * are the same (the strip keeps its own clock for the age).
 */
export const ViewHeader = memo(function ViewHeader({
  title,
  meta,
  refreshing,
  onRefresh,
  refreshMs,
  children,
}: ViewHeaderProps) {
  return (
    <div className="view-header">
      <h1 data-testid="view-title">{title}</h1>
      <div className="view-header-controls">{children}</div>
      <DataStatus meta={meta} refreshing={refreshing} onRefresh={onRefresh} refreshMs={refreshMs} />
    </div>
  );
});
