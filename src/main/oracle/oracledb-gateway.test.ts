import { describe, it } from 'vitest';
import { registerGatewayContract } from './gateway.contract';
import { OracledbGateway } from './oracledb-gateway';

const connectString = process.env.ORACLE_TEST_CONNECT_STRING;
const user = process.env.ORACLE_TEST_USER;
const password = process.env.ORACLE_TEST_PASSWORD;

if (connectString && user && password) {
  registerGatewayContract(
    `real Oracle (${connectString})`,
    () =>
      new OracledbGateway({
        connectString,
        user,
        password: () => password,
        ...(process.env.ORACLE_TEST_CONFIG_DIR ? { configDir: process.env.ORACLE_TEST_CONFIG_DIR } : {}),
        connectTimeoutSec: 10,
      }),
    { expectData: false },
  );
} else {
  const reason =
    'real-Oracle contract suite skipped: set ORACLE_TEST_CONNECT_STRING, ORACLE_TEST_USER and ORACLE_TEST_PASSWORD ' +
    '(a user with SELECT_CATALOG_ROLE) to run it against a database';
  console.log(reason);
  describe.skip('OracleGateway contract: real Oracle', () => {
    it(reason, () => {});
  });
}
