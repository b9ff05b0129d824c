// Runs TypeScript entry points directly: SWC compiles on load (decorator metadata on, as Nest
// needs) and tsconfig `paths` resolve the @warden/* libraries.
process.env.SWC_NODE_PROJECT =
  process.env.SWC_NODE_PROJECT || require('node:path').join(__dirname, '..', 'tsconfig.json');
require('@swc-node/register');
