/**
 * Extension points of a demo world for what the account may read and how the driver fails (the
 * least-privilege and driver-error worlds fill them). Empty by default: the account sees everything.
 */
import type { CatalogQuery } from '../../catalog';

export interface DemoHooks {
  /**
   * Views the account cannot read. A statement reading one raises ORA-00942 ("table or view does not
   * exist"), as Oracle does for a V$/DBA_ view without the grant (not ORA-01031).
   */
  readonly deniedViews?: ReadonlySet<string>;
  /**
   * An error to throw instead of answering (build it with the driver's own functions where the driver
   * transforms it), or null to answer. `instId` is the instance the call's connection landed on.
   */
  readonly errorFor?: (query: CatalogQuery, instId: number) => unknown;
  /** An error to throw instead of killing (null: kill). */
  readonly killErrorFor?: (sid: number, serial: number, instId: number | undefined) => unknown;
}
