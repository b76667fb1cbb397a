// The render cache key: a change to anything that shapes the SVG must miss the cache.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MERMAID_CONFIG, MERMAID_VERSION } from '../src/diagrams/browser.ts';
import { PIPELINE_VERSION, renderKey, renderKeyOf, type RenderInputs } from '../src/diagrams/cache.ts';

const base: RenderInputs = {
  source: 'flowchart LR\n  A --> B',
  theme: 'light',
  mermaidVersion: MERMAID_VERSION,
  config: MERMAID_CONFIG,
  pipelineVersion: PIPELINE_VERSION,
};

test('the key is the key of the pinned Mermaid, its configuration and this pipeline', () => {
  assert.equal(renderKey(base.source, base.theme), renderKeyOf(base));
  assert.equal(renderKeyOf({ ...base }), renderKeyOf(base), 'stable for equal inputs');
});

const changes: [string, Partial<RenderInputs>][] = [
  ['source', { source: 'flowchart LR\n  A --> C' }],
  ['theme', { theme: 'dark' }],
  ['Mermaid version', { mermaidVersion: `${MERMAID_VERSION}-next` }],
  ['configuration', { config: { ...MERMAID_CONFIG, securityLevel: 'loose' } }],
  ['pipeline version', { pipelineVersion: PIPELINE_VERSION + 1 }],
];

for (const [input, change] of changes) {
  test(`render cache key: a different ${input} is a different key`, () => {
    assert.notEqual(renderKeyOf({ ...base, ...change }), renderKeyOf(base), `the ${input} is missing from the render cache key`);
  });
}
