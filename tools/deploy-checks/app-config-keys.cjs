// Prints, as JSON, the variable names the api and the worker read: APP_CONFIG_KEYS of
// libs/platform/src/config/app-config.schema.ts, taken from the code itself (transpiled
// with the workspace's TypeScript and evaluated with its zod), so a variable added there
// is checked by the deployment tests without anyone listing it again.
'use strict';
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '../..');
const file = path.join(root, 'libs/platform/src/config/app-config.schema.ts');
const ts = Module.createRequire(path.join(root, 'package.json'))('typescript');

// Relative .ts imports of the schema (if it grows some) load the same way.
Module._extensions['.ts'] = (module, filename) => {
  const { outputText } = ts.transpileModule(readFileSync(filename, 'utf8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: filename,
  });
  module._compile(outputText, filename);
};
const schemaModule = require(file);

const keys = schemaModule.APP_CONFIG_KEYS;
if (!Array.isArray(keys) || keys.length === 0 || !keys.every((key) => /^[A-Z][A-Z0-9_]*$/.test(key))) {
  console.error(`app-config-keys: APP_CONFIG_KEYS of ${file} is not a list of variable names`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(keys));
