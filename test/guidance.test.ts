// The guidance rule: bad guidance sections in the fixture timeline, each with its one finding
// and line. (test/guidance-forms.test.ts pins the vocabulary of state-changing commands.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { guidanceCheck } from '../src/checks/guidance.ts';
import { loadProject } from '../src/model/project.ts';
import { checkContext, edit, entryFrom, fixtureText, lineOf, makeAtlas, onlyFinding, positionIn, read, TIMELINE } from './helpers.ts';

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

// The rule itself on parsed entries: each finding's exact message, fix, line and column, and
// which parts of a section it reads.
const MARK_FIX =
  'put the step in a "> [!CAUTION]" block: "> **Changes state.** what it does", "> **Safeguard:** what to confirm first (dry run, commit confirmed, canary, backup or snapshot, out-of-band access)", "> **Undo:** how to roll it back", then the command';
const FIRST_FIX = 'start with what to look at (status, logs, metrics, show commands) and move this step after it';
const SAFEGUARD_FIX = 'add "> **Safeguard:** what to confirm first (dry run, commit confirmed, canary, backup or snapshot, out-of-band access)" before the command';
const UNDO_FIX = 'add "> **Undo:** how to roll the change back"';
const ORDER_FIX = 'move the "**Safeguard:**" line above the command, so it is read first';
const firstStep = (title: string) => `the first step of "## ${title}" changes state: read-only checks come first`;
const unmarked = (command: string, tool: string) => `"${command}" changes state (${tool}) but is not in a > [!CAUTION] block`;

const ctx = checkContext(loadProject(makeAtlas()));
const timeline = fixtureText(TIMELINE);

/** The timeline with its guidance section replaced, and the rule's findings on it as [line, col, message, fix]. */
function guidance(section: string) {
  const text = timeline.replace(SECTION, section);
  const findings = guidanceCheck.run(entryFrom(TIMELINE, text), ctx).map((f) => [f.line, f.col, f.message, f.fix]);
  const at = (needle: string, from = needle) => positionIn(text, needle, from);
  return { findings, at };
}

const LOOK = 'Look at the serials first.';
const BLOCK = (lines: string[]) => CAUTION(['[!CAUTION]', ...lines]);

test('guidance rule: an unmarked command, at its code span, with the fix', () => {
  const { findings, at } = guidance(`## What to check first\n\n${LOOK}\n\nThen reload with \`systemctl reload named\`.\n`);
  assert.deepEqual(findings, [[...at('Then reload', '`systemctl'), unmarked('systemctl reload named', 'systemctl'), MARK_FIX]]);
});

test('guidance rule: an unmarked first step gets one finding with both fixes; a marked one the first fix alone', () => {
  const unmarkedFirst = guidance('## What to check first\n\nReload first: `systemctl reload named`.\n\nThen look.\n');
  assert.deepEqual(unmarkedFirst.findings, [[...unmarkedFirst.at('Reload first'), firstStep('What to check first'), `${FIRST_FIX}; then ${MARK_FIX}`]]);
  const markedFirst = guidance(`## What to check first\n\n${GOOD_BLOCK}\n\nThen look.\n`);
  assert.deepEqual(markedFirst.findings, [[...markedFirst.at('> [!CAUTION]'), firstStep('What to check first'), FIRST_FIX]]);
});

test('guidance rule: a section that starts with a list: its first item is the first step, and the other items are still read', () => {
  const { findings, at } = guidance('## What to check first\n\n1. Reload: `systemctl reload named`.\n2. Then drain: `kubectl drain node-1`.\n');
  assert.deepEqual(findings, [
    [...at('1. Reload'), firstStep('What to check first'), `${FIRST_FIX}; then ${MARK_FIX}`],
    [...at('2. Then drain', '`kubectl'), unmarked('kubectl drain node-1', 'kubectl'), MARK_FIX],
  ]);
});

test('guidance rule: a command in a code block is reported at its own line; one continued over lines at the first', () => {
  const own = guidance(`## What to check first\n\n${LOOK}\n\n\`\`\`sh\nsystemctl status named\n  kubectl -n dns rollout restart deploy/coredns\n\`\`\`\n`);
  assert.deepEqual(own.findings, [[own.at('rollout restart')[0], own.at('```sh')[1], unmarked('kubectl -n dns rollout restart deploy/coredns', 'kubectl'), MARK_FIX]]);
  const continued = guidance(`## What to check first\n\n${LOOK}\n\n\`\`\`sh\nkubectl -n prod \\\n  drain node-1\n\`\`\`\n`);
  assert.deepEqual(continued.findings, [[continued.at('kubectl -n prod')[0], continued.at('```sh')[1], unmarked('kubectl -n prod    drain node-1', 'kubectl'), MARK_FIX]]);
});

test('guidance rule: an inline code span wrapped over two lines is one command', () => {
  const { findings, at } = guidance(`## What to check first\n\n${LOOK}\n\nThen drain it with \`kubectl\n  drain node-1\`.\n`);
  assert.deepEqual(findings, [[...at('Then drain', '`kubectl'), unmarked('kubectl drain node-1', 'kubectl'), MARK_FIX]]);
});

test('guidance rule: Mermaid blocks are diagrams, not commands', () => {
  const { findings } = guidance(`## What to check first\n\n${LOOK}\n\n\`\`\`mermaid\nflowchart LR\n  rollback --> restore\n\`\`\`\n`);
  assert.deepEqual(findings, []);
});

test('guidance rule: a CAUTION marker with text on its line is no alert', () => {
  const { findings, at } = guidance(`## What to check first\n\n${LOOK}\n\n> [!CAUTION] Reloads the zone. **Safeguard:** check it. **Undo:** reload the old one.\n>\n> \`systemctl reload named\`\n`);
  assert.deepEqual(findings, [[...at('> `systemctl', '`systemctl'), unmarked('systemctl reload named', 'systemctl'), MARK_FIX]]);
});

test('guidance rule: a CAUTION block missing Safeguard, Undo or both, or naming the command before its Safeguard', () => {
  const neither = guidance(`## What to check first\n\n${LOOK}\n\n${BLOCK(['**Changes state.** Reloads the zone.', '', '`systemctl reload named`'])}\n`);
  assert.deepEqual(neither.findings, [
    [...neither.at('> [!CAUTION]'), 'the CAUTION block has no "Safeguard:"', SAFEGUARD_FIX],
    [...neither.at('> [!CAUTION]'), 'the CAUTION block has no "Undo:"', UNDO_FIX],
  ]);
  const late = guidance(`## What to check first\n\n${LOOK}\n\n${BLOCK(['**Changes state.** Reloads the zone:', '', '```sh', 'systemctl status named', 'systemctl reload named', '```', '', '**Safeguard:** check the file.', '**Undo:** reload the old file.'])}\n`);
  assert.deepEqual(late.findings, [[late.at('> systemctl reload')[0], late.at('> ```sh', '```sh')[1], '"systemctl reload named" comes before the block\'s "Safeguard:"', ORDER_FIX]]);
  // The first "Safeguard:" counts: one repeated after the command does not move it.
  const twice = guidance(`## What to check first\n\n${LOOK}\n\n${BLOCK(['**Changes state.** Reloads the zone.', '**Safeguard:** check the file.', '', '`systemctl reload named`', '', '**Undo:** reload the old file, after the same Safeguard: check it.'])}\n`);
  assert.deepEqual(twice.findings, []);
  // "Safeguard:" is looked for in the text, not in code: a command that prints the word does not count.
  const inCode = guidance(`## What to check first\n\n${LOOK}\n\n${BLOCK(['**Changes state.** `echo Safeguard:` then reloads.', '**Undo:** reload the old file.', '', '`systemctl reload named`'])}\n`);
  assert.deepEqual(inCode.findings, [[...inCode.at('> [!CAUTION]'), 'the CAUTION block has no "Safeguard:"', SAFEGUARD_FIX]]);
});

test('guidance rule: which headings open a guidance section, and what ends one', () => {
  // Titles match in any case; the message quotes the title as written.
  const lower = guidance('## what to check first\n\nReload first: `systemctl reload named`.\n');
  assert.deepEqual(lower.findings.map((f) => f[2]), [firstStep('what to check first')]);
  // A level-3 heading stays inside the section; a level-2 or level-1 heading ends it, and a level-3 one opens none.
  const nested = guidance(`## What to check first\n\n${LOOK}\n\n### Checks\n\nReload: \`systemctl reload named\`.\n`);
  assert.deepEqual(nested.findings.map((f) => f[2]), [unmarked('systemctl reload named', 'systemctl')]);
  for (const heading of ['## Notes', '# Appendix', '## Notes\n\n### Checks']) {
    const after = guidance(`## What to check first\n\n${LOOK}\n\n${heading}\n\nReload: \`systemctl reload named\`.\n`);
    assert.deepEqual(after.findings, [], heading);
  }
});
