import { describe, expect, it } from 'vitest';
import { NO_FILTER, SESSIONS_PAGE, sessionsPageRequest } from './first-page';

describe('sessions page request', () => {
  it('carries every filter to main, the container (CON_ID) included', () => {
    const filter = { text: 'scott', status: 'ACTIVE', waitClass: 'User I/O', blockingOnly: true, conId: 4 };
    const req = sessionsPageRequest('c1', filter, { key: 'sid', desc: true }, 2);
    expect(req.filter).toEqual(filter);
    expect(req).toMatchObject({ connId: 'c1', sort: { key: 'sid', desc: true } });
    expect(req.offset).toBe(2 * SESSIONS_PAGE);
    expect(req.limit).toBe(SESSIONS_PAGE);
  });

  it('no filter: the container is null (all containers)', () => {
    expect(sessionsPageRequest('c1', NO_FILTER, null, 0).filter?.conId).toBeNull();
  });
});
