export { createTestDatabase, DEFAULT_TEST_DATABASE_URL, type TestDatabase } from './test-database';
export { testKafkaBrokers, uniqueTestPrefix } from './test-kafka';
export { waitFor, type WaitForOptions } from './wait-for';
export {
  spawnTsProcess,
  type ProcessExit,
  type SpawnTsProcessOptions,
  type TsProcess,
} from './spawn-ts-process';
export { freePort } from './free-port';
export { startOwnKafkaBroker, type OwnKafkaBroker } from './own-kafka-broker';
export { decider } from './decider';
