#!/usr/bin/env node
/**
 * The API's module map as it is (issue 13): import edges between modules, modules that import each
 * other, the strongly connected tangles, engine → module imports, file-level cycles, and the largest
 * source files of the repository. Read with dependency-cruiser (the tool the boundary check uses);
 * test files are left out. `npm run module-map -w @nastavnik/api` (add `--json` for a machine copy).
 *
 * `--check` (part of `npm run lint:deps`): fails when modules import each other round a loop, even
 * within one layer (the layer rules only forbid imports upward), or when engine/ imports a module.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { cruise } from 'dependency-cruiser';

const apiDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoDir = path.resolve(apiDir, '../..');
process.chdir(apiDir);

const result = await cruise(['src'], {
  exclude: { path: ['\\.test\\.ts$', '^src/test/', '^src/isolation/'] },
  doNotFollow: { path: 'node_modules' },
  tsPreCompilationDeps: true,
  tsConfig: { fileName: 'tsconfig.build.json' },
  validate: false,
});

/** `src/modules/pairs/x.ts` → `pairs`; `src/engine/…` → `engine`; `src/seed/…` → `seed`; else the file. */
function moduleOf(file) {
  const m = /^src\/modules\/([^/]+)\//.exec(file);
  if (m) return m[1];
  if (file.startsWith('src/engine/')) return 'engine';
  if (file.startsWith('src/seed/')) return 'seed';
  if (file.startsWith('src/migrations/')) return 'migrations';
  return file.replace(/^src\//, '');
}

const modules = result.output.modules.filter((m) => m.source.startsWith('src/'));
const edges = new Map(); // "a→b" → number of imports
const fileCycles = new Set();
for (const mod of modules) {
  for (const dep of mod.dependencies) {
    if (!dep.resolved.startsWith('src/')) continue;
    if (dep.circular) fileCycles.add([mod.source, dep.resolved].sort().join(' ↔ '));
    const from = moduleOf(mod.source);
    const to = moduleOf(dep.resolved);
    if (from === to) continue;
    edges.set(`${from}→${to}`, (edges.get(`${from}→${to}`) ?? 0) + 1);
  }
}

const productModules = new Set(modules.map((m) => moduleOf(m.source)).filter((m) => !m.includes('.') && !['engine', 'seed', 'migrations'].includes(m)));
const moduleEdges = [...edges.keys()].map((e) => e.split('→')).filter(([a, b]) => productModules.has(a) && productModules.has(b));
const mutual = moduleEdges.filter(([a, b]) => a < b && edges.has(`${b}→${a}`)).map(([a, b]) => `${a} ↔ ${b}`);
const engineUp = [...edges.keys()].filter((e) => e.startsWith('engine→') && productModules.has(e.split('→')[1]));

// Tarjan's strongly connected components over the product modules.
const graph = new Map([...productModules].map((m) => [m, moduleEdges.filter(([a]) => a === m).map(([, b]) => b)]));
let index = 0;
const stack = [];
const meta = new Map();
const tangles = [];
function connect(v) {
  meta.set(v, { index, low: index, onStack: true });
  index += 1;
  stack.push(v);
  for (const w of graph.get(v) ?? []) {
    if (!meta.has(w)) {
      connect(w);
      meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).low);
    } else if (meta.get(w).onStack) meta.get(v).low = Math.min(meta.get(v).low, meta.get(w).index);
  }
  if (meta.get(v).low === meta.get(v).index) {
    const component = [];
    let w;
    do {
      w = stack.pop();
      meta.get(w).onStack = false;
      component.push(w);
    } while (w !== v);
    if (component.length > 1) tangles.push(component.sort());
  }
}
for (const v of productModules) if (!meta.has(v)) connect(v);

/** Non-test source files of the repository by line count. */
function sourceFiles(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (['node_modules', 'dist', '.turbo', '.data', '.cache', 'gql', 'coverage'].includes(name) || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) sourceFiles(full, out);
    else if (/\.(ts|tsx|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts')) {
      out.push({ file: path.relative(repoDir, full), lines: readFileSync(full, 'utf8').split('\n').length });
    }
  }
  return out;
}
const largest = ['apps', 'packages', 'tools']
  .flatMap((d) => sourceFiles(path.join(repoDir, d)))
  .sort((a, b) => b.lines - a.lines)
  .slice(0, 15);

const report = {
  productModules: productModules.size,
  moduleImportEdges: moduleEdges.length,
  mutualPairs: mutual,
  tangles,
  engineImportsModules: engineUp,
  fileCycles: [...fileCycles].sort(),
  largestFiles: largest,
};
if (process.argv.includes('--check')) {
  const problems = [...tangles.map((t) => `modules import each other round a loop: ${t.join(', ')}`), ...engineUp.map((e) => `engine imports a module: ${e}`)];
  for (const problem of problems) console.error(problem);
  if (problems.length) process.exit(1);
  console.log(`module map: ${report.moduleImportEdges} module import edges, no module cycle, engine imports no module`);
} else if (process.argv.includes('--json')) {
  console.log(JSON.stringify(report, null, 2));
} else {
  console.log(`product modules: ${report.productModules}`);
  console.log(`module → module import edges: ${report.moduleImportEdges}`);
  console.log(`pairs importing each other: ${mutual.length}${mutual.length ? `\n  ${mutual.join('\n  ')}` : ''}`);
  console.log(`tangles (strongly connected, > 1 module): ${tangles.length}${tangles.map((t) => `\n  ${t.length}: ${t.join(', ')}`).join('')}`);
  console.log(`engine → module imports: ${engineUp.length}${engineUp.length ? `\n  ${engineUp.join('\n  ')}` : ''}`);
  console.log(`file-level cycles (import pairs on a cycle): ${fileCycles.size}`);
  console.log(`largest source files:\n${largest.map((f) => `  ${String(f.lines).padStart(5)}  ${f.file}`).join('\n')}`);
}
