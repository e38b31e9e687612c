/**
 * Import rules of TMS Console (run by `npm run lint:deps`, part of `npm test`).
 * Dependencies point one way: renderer → shared, main → shared, ipc → services, the composition root
 * (src/main/core.ts) → everything in main. Only the Electron edge imports `electron`.
 */
/** main's edges: they may import the IPC layer (the dispatcher) to hand requests to it */
const MAIN_EDGES =
  '^src/main/(ipc/|electron/|web/|core\\.ts|core\\.test\\.ts|index\\.ts|index\\.test\\.ts|web\\.ts)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'renderer-not-main',
      comment: 'The renderer talks to main only through the typed bridge (window.tms), never by import.',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|preload)/' },
    },
    {
      name: 'shared-imports-neither',
      comment: 'src/shared is the contract both sides build on: it imports neither main nor renderer.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload)/' },
    },
    {
      name: 'cache-knows-no-oracle',
      comment: 'The cache caches whatever a caller fetches: it knows nothing of Oracle or its services.',
      severity: 'error',
      from: { path: '^src/main/cache/' },
      to: { path: '^src/main/(oracle|connections|services|llm|activity)/' },
    },
    {
      name: 'oracle-knows-no-cache',
      comment: 'The Oracle layer reads the database; caching is decided by the services above it.',
      severity: 'error',
      from: { path: '^src/main/oracle/' },
      to: { path: '^src/main/(cache|redis)/' },
    },
    {
      name: 'services-know-no-transport',
      comment: 'Handlers are thin adapters over services in ipc/; services never import the IPC layer.',
      severity: 'error',
      from: { path: '^src/main/', pathNot: MAIN_EDGES },
      to: { path: '^src/main/ipc/' },
    },
    {
      name: 'electron-only-at-the-edge',
      comment: 'Only the Electron edge (src/main/electron, src/main/index.ts, the preload) imports electron.',
      severity: 'error',
      from: { path: '^src/', pathNot: '^src/(main/electron/|main/index(\\.test)?\\.ts$|preload/)' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'no-circular',
      comment: 'A cycle means two modules cannot be understood (or tested) apart.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|dist|bench/node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
