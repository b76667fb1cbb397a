// The Mermaid script the renderer injects: the pinned mermaid.min.js with two small
// build-time patches that call hooks the renderer installs in its page. Without the hooks
// the patched code does exactly what upstream does. Each patch must match exactly once;
// when a Mermaid upgrade moves the code, loading fails with the patch's name (and
// test/mermaid-script.test.ts fails), never silently renders without it.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { PageScript } from './render-page.ts';

const require = createRequire(import.meta.url);
export const MERMAID_SCRIPT = require.resolve('mermaid/dist/mermaid.min.js');
export const MERMAID_VERSION: string = require('mermaid/package.json').version;

export interface ScriptPatch {
  name: string;
  /** Where the patched code lives upstream, for whoever upgrades Mermaid. */
  upstream: string;
  pattern: RegExp;
  replacement: string;
}

export const PATCHES: readonly ScriptPatch[] = [
  {
    // getConfig() returns a fresh deep copy of the whole configuration on every call, and
    // layout calls it for every node and edge: about a quarter of a render. The hook hands
    // out one copy per configuration state (Mermaid replaces the state object whenever it
    // changes, at least once per render).
    name: 'getConfig copies once per configuration',
    upstream: 'mermaid 12.3.0 packages/mermaid/src/config.ts getConfig(): `return assignWithDepth({}, currentConfig)`',
    pattern: /([\w$]+)=([\w$]+)\(\(\)=>([\w$]+)\(\{\},([\w$]+)\),"getConfig"\)/g,
    replacement: '$1=$2(()=>globalThis.atlasMermaidHooks?globalThis.atlasMermaidHooks.config($4,()=>$3({},$4)):$3({},$4),"getConfig")',
  },
  {
    // The stylesheet is made from the configuration and the diagram's type and classDefs,
    // never from its layout: the hook can make the other theme's stylesheet alongside.
    name: 'render exposes its stylesheet step',
    upstream: 'mermaid 12.3.0 packages/mermaid/src/mermaidAPI.ts render(): `const rules = createUserStyles(config, diagramType, diagramClassDefs, idSelector)`',
    pattern: /(getClasses\?\.\([\w$]+,[\w$]+\),)([\w$]+)=([\w$]+)\(([\w$]+),([\w$]+),([\w$]+),([\w$]+)\)(,[\w$]+=document\.createElement\("style"\))/g,
    replacement: '$1$2=globalThis.atlasMermaidHooks?globalThis.atlasMermaidHooks.styles($3,$4,$5,$6,$7):$3($4,$5,$6,$7)$8',
  },
];

/** Applies every patch, each exactly once, or throws naming the one that did not apply. */
export function patchMermaid(script: string): string {
  return PATCHES.reduce((text, patch) => {
    const matches = text.match(patch.pattern)?.length ?? 0;
    if (matches !== 1) {
      throw new Error(`the Mermaid patch "${patch.name}" matched ${matches} times instead of once: review it against the new Mermaid (${patch.upstream})`);
    }
    return text.replace(patch.pattern, patch.replacement);
  }, script);
}

/**
 * The patched script as the render page loads it: its URL names the Mermaid version and
 * the patches, so it is read and patched only when the browser's cache lacks that URL.
 */
export const patchedMermaid: PageScript = {
  key: createHash('sha256')
    .update(JSON.stringify([MERMAID_VERSION, PATCHES.map((patch) => [patch.pattern.source, patch.replacement])]))
    .digest('hex')
    .slice(0, 16),
  load: () => patchMermaid(readFileSync(MERMAID_SCRIPT, 'utf8')),
};
