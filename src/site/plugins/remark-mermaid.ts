// Replaces each ```mermaid fence with the pre-rendered diagram. A diagram that does not
// render fails the build with the file and line; a blank box never ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, Code } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { frontmatterEndLine } from '../../model/entry.ts';
import { diagramHtml } from '../lib/diagram-html.ts';
import { atlasRoot } from '../lib/root.ts';

export function remarkMermaid() {
  return async (tree: Root, file: VFile) => {
    const blocks: Code[] = [];
    visit(tree, 'code', (node) => {
      if (node.lang === 'mermaid') blocks.push(node);
    });
    if (blocks.length === 0) return;
    const where = file.path ? path.relative(atlasRoot(), file.path) : 'unknown file';
    // Lines of the file, not of the body Astro hands over without its frontmatter.
    const offset = file.path ? frontmatterEndLine(readFileSync(file.path, 'utf8')) : 0;
    await Promise.all(
      blocks.map(async (node, i) => {
        const line = offset + (node.position?.start.line ?? 0) + 1;
        const html = await diagramHtml(node.value, `${where}:${line}`, `Diagram ${i + 1}`);
        Object.assign(node, { type: 'html', value: html, lang: undefined, meta: undefined });
      }),
    );
  };
}
