export * from './command-context';
export * from './command-envelope';
export * from './domain-rejection';
export * from './event-sourced-runner';
export * from './event-sourced-runner.provider';
export * from './ids';
export * from './rejection-to-http';
