/** Jest runs the TypeScript sources as native ES modules, transformed by SWC. */
export default {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts'],
  extensionsToTreatAsEsm: ['.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript' },
          target: 'es2024',
          experimental: { keepImportAttributes: true },
        },
        module: { type: 'es6' },
      },
    ],
  },
  collectCoverageFrom: ['lib/**/*.ts', 'functions/**/*.ts'],
  coverageProvider: 'v8',
  coverageReporters: ['text-summary'],
  coverageThreshold: { global: { lines: 90 } },
};
