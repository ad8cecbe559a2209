/** Jest in native ESM mode (NestJS 12 ships ES modules only); `npm test` sets --experimental-vm-modules. */
export default {
  testEnvironment: 'node',
  rootDir: '.',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/test', '<rootDir>/scripts'],
  // The web app's sources are browser code built by Vite; its behaviour is tested in a real browser (test/web).
  testPathIgnorePatterns: ['/node_modules/', '<rootDir>/apps/web/'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', '**/*.web-spec.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json' }],
  },
  moduleNameMapper: {
    '^#app/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^#migrations$': '<rootDir>/migrations/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  // A guard against hangs, not a speed check (tests never depend on timing): a committee's setup hook takes
  // a few seconds alone and has taken over 30 s on a 2-core machine running other builds.
  testTimeout: 90_000,
  maxWorkers: 2,
};
