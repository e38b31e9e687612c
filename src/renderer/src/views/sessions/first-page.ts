import type { SessionSortKey, SessionsFilter, SessionsWindowRequest } from '@shared/contract/monitor';

/** Rows per request: a 982 px window shows ~30 rows, so one page covers the first paint. */
export const SESSIONS_PAGE = 50;

export const NO_FILTER: SessionsFilter = {
  text: '',
  status: null,
  waitClass: null,
  blockingOnly: false,
  conId: null,
};

/** The request of one page (also what start-up prefetches for page 0, so both must build it here). */
export function sessionsPageRequest(
  connId: string,
  filter: SessionsFilter,
  sort: SessionsSort | null,
  page: number,
): SessionsWindowRequest {
  return {
    connId,
    filter: {
      text: filter.text,
      status: filter.status,
      waitClass: filter.waitClass,
      blockingOnly: filter.blockingOnly,
      conId: filter.conId,
    },
    sort: sort && { key: sort.key, desc: sort.desc },
    offset: page * SESSIONS_PAGE,
    limit: SESSIONS_PAGE,
  };
}

export interface SessionsSort {
  key: SessionSortKey;
  desc: boolean;
}
