// `npm run mutate`: StrykerJS mutation testing over the model and the checks, with the
// fast tests: every test file that runs the model and the checks in the test process
// (the CLI through main(), see test/helpers.ts), all files in one Node process so Node
// starts and imports once per mutant, stopped at the first failure (a killed mutant needs
// no more; test/first-failure.reporter.ts), the unit tests and validate first as they kill
// most. Incremental: only mutants whose code or tests changed are run again. Two test
// processes at a time, one per core.
// Diagrams render once into a shared cache: no mutant here can change a rendering.
// Fixture atlases go to /dev/shm (TMPDIR) when the machine has it: a copy there takes about
// 2 ms, on this machine's disk 60 ms, and a run makes about 190 of them.
import { existsSync } from 'node:fs';
import path from 'node:path';

const renderCache = path.resolve('.cache/mutate-diagrams');
const tmpdir = existsSync('/dev/shm') ? 'TMPDIR=/dev/shm ' : '';
const fastTests = ['figures', 'quote', 'schema', 'entry', 'project', 'pages', 'frontmatter-edit', 'gates', 'taxonomy-glossary', 'palette', 'guidance-forms', 'guidance', 'security', 'validate', 'diagram-links', 'readable', 'shape', 'json-output', 'cli'];
// A run over a few modules can name fewer tests: MUTATE_TESTS="test/a.test.ts test/b.test.ts".
const tests = process.env.MUTATE_TESTS ?? fastTests.map((name) => `test/${name}.test.ts`).join(' ');

export default {
  testRunner: 'command',
  commandRunner: {
    command: `${tmpdir}ATLAS_TEST_CACHE=${renderCache} node --test --test-isolation=none --test-concurrency=1 --test-reporter=./test/first-failure.reporter.ts ${tests}`,
  },
  mutate: ['src/model/**/*.ts', 'src/checks/**/*.ts'],
  concurrency: 2,
  incremental: true,
  incrementalFile: '.cache/stryker-incremental.json',
  tempDirName: '.cache/stryker-tmp',
  ignorePatterns: ['dist', 'dist.*', '.cache', '.astro', 'bench/out', 'reports'],
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // On top of 1.5 times the dry run. A timed-out mutant counts as detected, so this is
  // generous (a loaded machine must not turn survivors into timeouts), yet far below a run.
  timeoutMS: 30000,
};
