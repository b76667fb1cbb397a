// Commands that write, write atomically: when a write is interrupted (the temporary file
// is cut short, or the rename fails), the old file is intact and no temporary is left.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { atlasProcess, COST, makeAtlas, repoRoot, TIMELINE, treeDigest } from './helpers.ts';

const FAULTS = path.join(repoRoot, 'test/fixtures/faults/fail-fs.mjs');

const commands: { name: string; args: string[]; faults: string[]; setup?: (dir: string) => void }[] = [
  { name: 'status mark-reviewed', args: ['status', 'mark-reviewed', TIMELINE], faults: ['writeFileSync', 'renameSync'] },
  { name: 'status set', args: ['status', 'set', COST, '--status', 'needs_review'], faults: ['writeFileSync', 'renameSync'] },
  {
    name: 'export --out',
    args: ['export', '--out', 'ledger.json'],
    faults: ['writeFileSync', 'renameSync'],
    setup: (dir) => writeFileSync(path.join(dir, 'ledger.json'), '[]\n'),
  },
  // `new` links its temporary into place, so it never replaces a file that appeared meanwhile.
  { name: 'new', args: ['new', 'incidents', 'acme-2024-05-01', '--kind', 'timeline'], faults: ['writeFileSync', 'linkSync'] },
];

for (const c of commands) {
  for (const fault of c.faults) {
    test(`atomic write: ${c.name} interrupted at ${fault} leaves every file as it was and no temporary`, () => {
      const dir = makeAtlas();
      c.setup?.(dir);
      const before = treeDigest(dir);
      const run = atlasProcess(dir, { nodeArgs: ['--import', FAULTS], env: { ATLAS_FAIL_FS: fault } }, ...c.args);
      assert.equal(run.code, 2, `${c.name} must fail when ${fault} fails: ${run.stdout}${run.stderr}`);
      assert.match(run.stderr, /^atlas: .*cannot write .*simulated I\/O error\n$/, 'one line naming the file');
      const after = treeDigest(dir);
      assert.deepEqual(Object.keys(after).filter((f) => !(f in before)), [], 'no temporary or partial file is left');
      assert.deepEqual(after, before, 'every file keeps its bytes');
    });
  }
}
