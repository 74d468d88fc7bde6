// Strict validation of the rendered custom resources (Prometheus Operator's ServiceMonitor
// and PrometheusRule), which kubernetes-validate has no schema for. The schemas come from
// the npm package @kubernetes-models/prometheus-operator (generated from the operator's Go
// API types), in two passes:
//   1. the package's runtime validator (types, enums, patterns, required fields);
//   2. TypeScript's excess-property check against the package's interfaces, which rejects
//      every unknown field (the runtime validator allows them).
// Usage: node validate-crds.mjs OBJECTS.json   (DEPLOY_CHECKS_NODE_DIR: where run.sh
// installed the npm tools; the workspace's own typescript compiles).
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const nodeDir = process.env.DEPLOY_CHECKS_NODE_DIR;
if (!nodeDir) throw new Error('DEPLOY_CHECKS_NODE_DIR is not set (run tools/deploy-checks/run.sh)');
const ts = createRequire(join(root, 'package.json'))('typescript');

const MODULE = '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';
const KINDS = {
  'monitoring.coreos.com/v1/ServiceMonitor': { model: 'ServiceMonitor', type: 'IServiceMonitor' },
  'monitoring.coreos.com/v1/PrometheusRule': { model: 'PrometheusRule', type: 'IPrometheusRule' },
};

const objects = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const failures = [];
const models = await import(pathToFileURL(join(nodeDir, 'node_modules', MODULE, 'index.js')).href);

const lines = [
  `import type { ${Object.values(KINDS)
    .map((k) => k.type)
    .join(', ')} } from '${MODULE}';`,
];
objects.forEach((object, index) => {
  const name = `${object.kind}/${object.metadata?.name}`;
  const kind = KINDS[`${object.apiVersion}/${object.kind}`];
  if (!kind) {
    failures.push(`${name}: no schema for ${object.apiVersion} ${object.kind}`);
    return;
  }
  try {
    new models[kind.model](object).validate();
  } catch (error) {
    failures.push(`${name}: ${error.message}`);
  }
  lines.push(`// ${name}`, `export const object${index}: ${kind.type} = ${JSON.stringify(object, null, 2)};`);
});

const checkDir = join(nodeDir, 'crd-check');
mkdirSync(checkDir, { recursive: true });
const file = join(checkDir, 'objects.ts');
writeFileSync(file, lines.join('\n') + '\n');
const program = ts.createProgram([file], {
  noEmit: true,
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  skipLibCheck: true,
  types: [],
});
for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
  const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
  let where = '';
  if (diagnostic.file && diagnostic.start !== undefined) {
    const { line } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start);
    const source = diagnostic.file.text.split('\n');
    const owner = source
      .slice(0, line + 1)
      .reverse()
      .find((l) => l.startsWith('// '));
    where = `${owner ? owner.slice(3) : ''} (${file}:${line + 1}) `;
  }
  failures.push(`${where}${message}`);
}

if (failures.length) {
  console.error(failures.join('\n'));
  process.exit(1);
}
console.log(`validate-crds: ${objects.length} custom resources valid`);
