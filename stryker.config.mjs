// `npm run mutate`: StrykerJS mutation testing over the model and the checks, with the
// fast tests only. Bounded for a shared 2-core machine: one test process at a time, and
// incremental (only mutants whose code or tests changed are run again).
// Diagrams render once into a shared cache: no mutant here can change a rendering.
import path from 'node:path';

const renderCache = path.resolve('.cache/mutate-diagrams');
// A run over a few modules can name fewer tests: MUTATE_TESTS="test/a.test.ts test/b.test.ts".
const tests = process.env.MUTATE_TESTS ?? 'test/frontmatter-edit.test.ts test/palette.test.ts test/validate.test.ts';

export default {
  testRunner: 'command',
  commandRunner: {
    command: `ATLAS_TEST_CACHE=${renderCache} node --test --test-concurrency=1 ${tests}`,
  },
  mutate: ['src/model/**/*.ts', 'src/checks/**/*.ts'],
  concurrency: 1,
  incremental: true,
  incrementalFile: '.cache/stryker-incremental.json',
  tempDirName: '.cache/stryker-tmp',
  ignorePatterns: ['dist', 'dist.*', '.cache', '.astro', 'bench/out', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  timeoutMS: 120000,
};
