const { join } = require('node:path');
const nxPreset = require('@nx/jest/preset').default;

// Node projects compile with SWC; decorator metadata is needed for NestJS injection.
module.exports = {
  ...nxPreset,
  transform: {
    '^.+\\.[tj]s$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, dynamicImport: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  // Projects whose behaviour is covered elsewhere (contracts: types only; apps: api-e2e).
  passWithNoTests: true,
  reporters: ['default', join(__dirname, 'tools/jest/summary-reporter.js')],
};
