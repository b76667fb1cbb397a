// Replaces each ```mermaid fence with the pre-rendered diagram. A diagram that does not
// render fails the build with the file and line; a blank box never ships.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Root, Code } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { frontmatterEndLine } from '../../model/entry.ts';
import { diagramFigure } from '../lib/diagram-html.ts';
import { diagramPage } from '../lib/diagram-links.ts';
import { loadProject, type Project } from '../../model/project.ts';
import { atlasRoot } from '../lib/root.ts';

export function remarkMermaid({ base = '/' }: { base?: string } = {}) {
  // The whole atlas, for what a diagram may link to: loaded once per build.
  let project: Project | undefined;
  return async (tree: Root, file: VFile) => {
    const blocks: Code[] = [];
    visit(tree, 'code', (node) => {
      if (node.lang === 'mermaid') blocks.push(node);
    });
    if (blocks.length === 0) return;
    const where = file.path ? path.relative(atlasRoot(), file.path) : 'unknown file';
    // Lines of the file, not of the body Astro hands over without its frontmatter.
    const offset = file.path ? frontmatterEndLine(readFileSync(file.path, 'utf8')) : 0;
    const page = file.path ? diagramPage((project ??= loadProject(atlasRoot())), path.relative(atlasRoot(), file.path).split(path.sep).join('/'), base) : undefined;
    await Promise.all(
      blocks.map(async (node, i) => {
        const line = offset + (node.position?.start.line ?? 0) + 1;
        const figure = await diagramFigure(node.value, `${where}:${line}`, `Diagram ${i + 1}`, page);
        // Turned into HTML as this very tree (mdast-util-to-hast's hName and hChildren).
        Object.assign(node, { type: 'atlasDiagram', value: undefined, lang: undefined, meta: undefined, data: { hName: figure.tagName, hProperties: figure.properties, hChildren: figure.children } });
      }),
    );
  };
}
