/**
 * Module boundaries (`npm run lint:deps`):
 * - libraries never depend on applications;
 * - an application never depends on another application, except apps/standalone, the composition
 *   root that mounts every service in one process: it may import each app's root module
 *   (apps/<x>/src/<x>.module.ts) and nothing else of theirs;
 * - no circular dependencies.
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Circular dependencies make load order fragile and boundaries meaningless.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'lib-not-to-app',
      severity: 'error',
      comment: 'Libraries are shared by every app and must not know any of them.',
      from: { path: '^libs/' },
      to: { path: '^apps/' },
    },
    {
      name: 'app-not-to-other-app',
      severity: 'error',
      comment: 'Services talk through events and HTTP, never through each other’s code.',
      from: { path: '^apps/([^/]+)/', pathNot: '^apps/standalone/' },
      to: { path: '^apps/', pathNot: '^apps/$1/' },
    },
    {
      name: 'standalone-only-to-app-root-modules',
      severity: 'error',
      comment:
        'apps/standalone mounts other apps through their root module (apps/<x>/src/<x>.module.ts) only.',
      from: { path: '^apps/standalone/' },
      to: {
        path: '^apps/(?!standalone/)',
        pathNot: '^apps/([^/]+)/src/\\1\\.module\\.ts$',
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|coverage)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
