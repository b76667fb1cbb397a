// bin/atlas.ts as a process of its own. The other tests run the CLI's main() in the test
// process (test/helpers.ts, for speed); here every command also runs through the binary,
// which must print the same and exit with the same status, and the binary validates the
// repository's own content.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { atlas, atlasProcess, COST, edit, makeAtlas, repoRoot, TIMELINE } from './helpers.ts';

/** The fixture atlas with one finding (a cost entry without its Assumptions section). */
function atlasWithFinding(): string {
  const dir = makeAtlas();
  edit(dir, COST, (t) => t.replace('## Assumptions', '## Notes'));
  return dir;
}

test('every command run through the binary prints and exits as it does in the test process', async () => {
  // Renders what the shared render cache lacks, so both runs below read every diagram from it.
  await atlas(atlasWithFinding(), 'validate');
  const commands = [
    ['validate'],
    ['status'],
    ['status', 'mark-reviewed', TIMELINE],
    ['status', 'set', COST, '--status', 'needs_review'],
    ['review'],
    ['impact', 'content/palette.yaml'],
    ['new', 'incidents', 'acme-2024-05-01', '--kind', 'timeline'],
    ['sources'],
    ['export', '--format', 'csv'],
    ['status', 'set', 'nope.md', '--status', 'draft'],
    ['validate', '--bogus'],
  ];
  const codes = new Set<number>();
  for (const args of commands) {
    const binary = atlasProcess(atlasWithFinding(), {}, ...args);
    assert.deepEqual(binary, await atlas(atlasWithFinding(), ...args), args.join(' '));
    assert.doesNotMatch(binary.stderr, /\n\s+at /, `${args.join(' ')}: no stack trace`);
    codes.add(binary.code);
  }
  assert.deepEqual([...codes].sort(), [0, 1, 2], 'clean, findings and usage errors all reach the exit status');
});

test('the atlas content in this repository validates clean', () => {
  // The build's render cache: diagrams the build (or an earlier run) rendered are not
  // rendered again, so this test does not grow with the atlas.
  const run = atlasProcess(repoRoot, { env: { ATLAS_CACHE_DIR: path.join(repoRoot, '.cache', 'diagrams') } }, 'validate');
  assert.equal(run.code, 0, run.stdout.split('\n').slice(0, 30).join('\n'));
});
