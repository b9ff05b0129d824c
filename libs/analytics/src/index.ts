export * from './client/create-analytics-client';
export * from './migrations/migration-file';
export * from './migrations/clickhouse-schemas-dir';
export * from './migrations/run-migrations';
export * from './events/event-row';
export * from './client/insert-json-each-row';
