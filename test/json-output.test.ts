// The JSON each command prints matches its published schema (src/cli/json-output.ts,
// schemas/*-output.schema.json), on clean content and on content with findings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { z } from 'zod';
import { exportOutput, impactOutput, reviewOutput, sourcesOutput, validateOutput } from '../src/cli/json-output.ts';
import { atlas, COST, edit, makeAtlas, TIMELINE } from './helpers.ts';

function assertShape(schema: z.ZodType, stdout: string, command: string): void {
  const result = schema.safeParse(JSON.parse(stdout));
  assert.ok(result.success, `atlas ${command}: its JSON does not match its output schema (src/cli/json-output.ts): ${result.error?.message}`);
}

/** Content with a finding in an entry (with a fix) and one in the source registry. */
function atlasWithFindings(): string {
  const dir = makeAtlas();
  edit(dir, COST, (t) => t.replace('## Assumptions', '## Notes'));
  edit(dir, 'content/sources.yaml', (t) => t.replace('  kind: docs\n', '  kind: rumour\n'));
  return dir;
}

for (const [name, content] of [['clean content', makeAtlas], ['content with findings', atlasWithFindings]] as const) {
  test(`JSON output schemas: every --json command on ${name}`, async () => {
    const dir = content();
    const cases: [z.ZodType, string[]][] = [
      [validateOutput, ['validate', '--json']],
      [reviewOutput, ['review', '--json']],
      [impactOutput, ['impact', TIMELINE, '--json']],
      [sourcesOutput, ['sources', '--json']],
      [exportOutput, ['export']],
      [exportOutput, ['export', '--format', 'json']],
    ];
    for (const [schema, args] of cases) {
      const run = await atlas(dir, ...args);
      assert.ok(run.code === 0 || run.code === 1, `${args.join(' ')}: ${run.stderr}`);
      assertShape(schema, run.stdout, args.join(' '));
    }
  });
}

test('JSON output schemas: the findings case really has findings, fixes and registry findings', async () => {
  const report = reviewOutput.parse(JSON.parse((await atlas(atlasWithFindings(), 'review', '--json')).stdout));
  assert.ok(report.entries.some((e) => e.findings.some((f) => f.fix)), 'an entry finding with a fix');
  assert.ok(report.other.some((f) => f.rule === 'registry'), 'a registry finding');
  assert.ok(report.entries.some((e) => Object.values(e.gates).includes(false)), 'a failed gate');
});
