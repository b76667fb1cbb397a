// Persistent browser profiles: one Chromium per profile, so concurrent runs take
// different slots, and a slot left locked by a process that is gone is taken over.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { claimProfile } from '../src/diagrams/profile.ts';

test('concurrent claims get different profiles, then a temporary one; a released slot is free again', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'atlas-profiles-'));
  const claims = Array.from({ length: 5 }, () => claimProfile(base));
  assert.deepEqual(claims.map((c) => c.dir), [0, 1, 2, 3].map((n) => path.join(base, String(n))).concat(''));
  claims[1]!.release();
  assert.equal(claimProfile(base).dir, path.join(base, '1'));
});

test('a slot locked by a process that has exited is taken over', () => {
  const base = mkdtempSync(path.join(os.tmpdir(), 'atlas-profiles-'));
  const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(path.join(base, '0.lock'), gone);
  writeFileSync(path.join(base, '1.lock'), String(process.pid));
  assert.equal(claimProfile(base).dir, path.join(base, '0'));
  assert.equal(claimProfile(base).dir, path.join(base, '2'), 'a live owner keeps its slot');
});
