// Maps tsconfig `paths` (the @warden/* libraries) to jest's moduleNameMapper.
const path = require('node:path');
const tsconfig = require('../tsconfig.json');

function pathsToModuleNameMapper() {
  const mapper = {};
  for (const [alias, [target]] of Object.entries(tsconfig.compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = path.join('<rootDir>', target);
  }
  return mapper;
}

module.exports = { pathsToModuleNameMapper };
