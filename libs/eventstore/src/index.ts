export * from './event-store.port';
export * from './event-store-errors';
export * from './append-decision';
export * from './event-store-migrations';
export * from './sql-event-store';
export * from './create-event-store';
