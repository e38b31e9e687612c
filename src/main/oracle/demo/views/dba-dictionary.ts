/**
 * DBA_USERS / DBA_TABLES / DBA_TAB_COLUMNS / DBA_OBJECTS (catalog-privileges.ts): the same rows as the
 * ALL_* forms for an account that can see every schema. Whether the account may read DBA_* at all is
 * decided by demo/privileges.ts before the statement gets here.
 */
import { DICTIONARY_VIEWS } from './dictionary';
import type { ViewHandler, ViewHandlers } from './view';

const same = (id: string): ViewHandler => {
  const handler = DICTIONARY_VIEWS[id];
  if (!handler) throw new Error(`demo dictionary has no ${id}`);
  return handler;
};

export const DBA_DICTIONARY_VIEWS: ViewHandlers = {
  'schemas.dba-users': same('schemas.all-users'),
  'tables.dba-tables': same('tables.all-tables'),
  'columns.dba-tab-columns': same('columns.all-tab-columns'),
  'ddl-watermark.dba-objects': same('ddl-watermark.all-objects'),
};
