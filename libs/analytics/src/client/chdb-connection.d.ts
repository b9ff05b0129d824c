// tsconfig uses `moduleResolution: node`, which ignores package.json "exports"; this maps the
// `chdb/connection` subpath (resolved by Node at runtime through "exports") to its declarations.
declare module 'chdb/connection' {
  export * from 'chdb/dist/connection/index';
}
