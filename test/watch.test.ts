// `atlas validate --watch`: the real CLI, kept running while a fixture entry is saved with a
// broken diagram and then fixed; it prints the new finding, then the same finding as fixed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lineOf, makeAtlas, repoRoot, TIMELINE } from './helpers.ts';

test('--watch reports a diagram broken on save as new, and as fixed once it is saved fixed', async () => {
  const dir = makeAtlas();
  const cache = mkdtempSync(path.join(os.tmpdir(), 'atlas-watch-cache-'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'atlas.ts'), 'validate', '--watch', TIMELINE], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ATLAS_CACHE_DIR: cache },
  });
  let stdout = '';
  let stderr = '';
  const waiters: (() => void)[] = [];
  const seen = () => waiters.splice(0).forEach((wake) => wake());
  child.stdout.on('data', (chunk) => ((stdout += chunk), seen()));
  child.stderr.on('data', (chunk) => ((stderr += chunk), seen()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  /** Waits until `pattern` has matched `count` times in stderr. */
  const until = async (pattern: RegExp, count = 1) => {
    const deadline = Date.now() + 180_000;
    while ((stderr.match(new RegExp(pattern, 'g'))?.length ?? 0) < count) {
      assert.ok(Date.now() < deadline, `timed out waiting for ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`);
      await new Promise<void>((wake) => (waiters.push(wake), setTimeout(wake, 1000)));
    }
  };
  try {
    await until(/watching for changes/);
    assert.equal(stdout, '', 'the fixture entry is clean');

    const file = path.join(dir, TIMELINE);
    const clean = readFileSync(file, 'utf8');
    const broken = clean.replace('    C --> D', '    C -->|unclosed label D');
    writeFileSync(file, broken);
    await until(/\d+ new, \d+ fixed/);
    const line = lineOf(broken, 'unclosed label');
    const added = stdout.trim().split('\n');
    assert.equal(added.length, 1, `one finding printed:\n${stdout}`);
    assert.match(added[0]!, new RegExp(`^new +${TIMELINE}:${line}:\\d+ +mermaid +.*does not render`));
    assert.match(stderr, /1 new, 0 fixed, 1 findings in all/);

    stdout = '';
    writeFileSync(file, clean);
    await until(/\d+ new, \d+ fixed/, 2);
    const fixed = stdout.trim().split('\n');
    assert.equal(fixed.length, 1, `only the fixed finding printed:\n${stdout}`);
    assert.match(fixed[0]!, new RegExp(`^fixed +${TIMELINE}:${line}:\\d+ +mermaid `));
    assert.match(stderr, /0 new, 1 fixed, 0 findings in all/);
  } finally {
    child.kill('SIGTERM');
  }
  assert.equal(await exited, 0, `exits cleanly on SIGTERM:\n${stderr}`);
  // The browser profile is released for the next run.
  const profiles = path.join(cache, 'chromium');
  assert.ok(existsSync(profiles), 'a persistent profile was used');
  assert.deepEqual(readdirSync(profiles).filter((f) => f.endsWith('.lock')), []);
});
