// The guidance rule: bad guidance sections in the fixture timeline, each with its one finding
// and line. (test/guidance-forms.test.ts pins the vocabulary of state-changing commands.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edit, lineOf, makeAtlas, onlyFinding, read, TIMELINE } from './helpers.ts';

const SECTION = /## What to check first\n[\s\S]*$/;
const CAUTION = (lines: string[]) => lines.map((l) => `> ${l}`.trimEnd()).join('\n');
const GOOD_BLOCK = CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Safeguard:** `named-checkconf -z` prints no error.', '**Undo:** put the previous zone file back and reload.', '', '`systemctl reload named`']);

interface BadGuidance {
  name: string;
  section: string;
  message: RegExp;
  /** Text on the line the finding must point at. */
  at: string;
}

const bad: BadGuidance[] = [
  {
    name: 'the first step changes state',
    section: `## What to check first\n\n${GOOD_BLOCK}\n\n1. Ask each server for its serial.\n`,
    message: /the first step of "## What to check first" changes state/,
    at: '[!CAUTION]',
  },
  {
    name: 'the first item of the list changes state',
    section: `## What to check first\n\nGuidance for a broken zone.\n\n1. Reload it: \`systemctl reload named\`.\n2. Ask each server for its serial.\n`,
    message: /the first step .* changes state/,
    at: '1. Reload it',
  },
  {
    name: 'an unmarked command in a list',
    section: `## What to check first\n\n1. Ask each server for its serial.\n2. Then reload: \`systemctl reload named\`.\n`,
    message: /"systemctl reload named" changes state \(systemctl\) but is not in a > \[!CAUTION\] block/,
    at: '2. Then reload',
  },
  {
    name: 'an unmarked command in a code block, at its own line',
    section: '## What to check first\n\nLook, then act:\n\n```sh\nsystemctl status named\nkubectl -n dns rollout restart deploy/coredns\n```\n',
    message: /"kubectl -n dns rollout restart deploy\/coredns" changes state \(kubectl\)/,
    at: 'rollout restart',
  },
  {
    name: 'a CAUTION block without Safeguard',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Undo:** reload the old file.', '', '`systemctl reload named`'])}\n`,
    message: /no "Safeguard:"/,
    at: '[!CAUTION]',
  },
  {
    name: 'a CAUTION block whose command comes before its Safeguard',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Run `systemctl reload named` to reload.', '**Safeguard:** check the file.', '**Undo:** reload the old file.'])}\n`,
    message: /"systemctl reload named" comes before the block's "Safeguard:"/,
    at: 'Run `systemctl reload named`',
  },
  {
    name: 'a CAUTION block without Undo',
    section: `## What to check first\n\nLook first.\n\n${CAUTION(['[!CAUTION]', '**Changes state.** Reloads the zone.', '**Safeguard:** check the file.', '', '`systemctl reload named`'])}\n`,
    message: /no "Undo:"/,
    at: '[!CAUTION]',
  },
  {
    name: 'a WARNING alert does not mark a state-changing step',
    section: `## What to check first\n\nLook first.\n\n${GOOD_BLOCK.replace('[!CAUTION]', '[!WARNING]')}\n`,
    message: /"systemctl reload named" changes state/,
    at: '`systemctl reload named`',
  },
  {
    name: 'a "## Checks" section is guidance too',
    section: `## What to check first\n\nLook first.\n\n## Checks\n\nLook at \`etcdctl endpoint status\`.\n\nThen \`etcdctl defrag\`.\n`,
    message: /"etcdctl defrag" changes state \(etcdctl\)/,
    at: 'Then `etcdctl defrag`',
  },
  {
    name: 'an "## Adopting it" section (production practices) is guidance too',
    section: `## What to check first\n\nLook first.\n\n## Adopting it\n\nStart with \`kubectl get pods\`.\n\nThen \`kubectl delete pod web-1\`.\n`,
    message: /"kubectl delete pod web-1" changes state \(kubectl\)/,
    at: 'Then `kubectl delete pod web-1`',
  },
];

for (const c of bad) {
  test(`guidance: ${c.name}`, async () => {
    const dir = makeAtlas();
    edit(dir, TIMELINE, (t) => t.replace(SECTION, c.section));
    const f = await onlyFinding(dir);
    assert.equal(f.rule, 'guidance');
    assert.match(f.message, c.message);
    assert.equal(f.file, TIMELINE);
    assert.equal(f.line, lineOf(read(dir, TIMELINE), c.at), `line of ${c.at}`);
    assert.ok(f.fix, 'says how to fix it');
  });
}
