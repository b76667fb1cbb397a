// The build-time patches of the injected Mermaid: they apply to the pinned version, and an
// upgrade that moves the patched code fails here instead of rendering without them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MERMAID_SCRIPT, PATCHES, patchMermaid } from '../src/diagrams/mermaid-script.ts';

const upstream = readFileSync(MERMAID_SCRIPT, 'utf8');

test('every patch applies exactly once to the pinned Mermaid and installs its hook', () => {
  const patched = patchMermaid(upstream);
  assert.equal(patched.match(/globalThis\.atlasMermaidHooks\?globalThis\.atlasMermaidHooks\.config\(/g)?.length, 1);
  assert.equal(patched.match(/globalThis\.atlasMermaidHooks\?globalThis\.atlasMermaidHooks\.styles\(/g)?.length, 1);
});

test('a Mermaid whose code moved fails loudly, naming the patch', () => {
  for (const patch of PATCHES) {
    const moved = upstream.replace(patch.pattern, 'moved');
    assert.throws(() => patchMermaid(moved), new RegExp(`"${patch.name.replace(/[()?]/g, '\\$&')}" matched 0 times`));
  }
});
