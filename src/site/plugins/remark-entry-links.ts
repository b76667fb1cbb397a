// Relative links between entry files (./cascade.md) work on GitHub; on the site they
// become links to the entry's page.
import path from 'node:path';
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';
import type { VFile } from 'vfile';
import { atlasRoot } from '../lib/root.ts';

export function remarkEntryLinks({ base = '/' }: { base?: string } = {}) {
  const entriesDir = path.join(atlasRoot(), 'content', 'entries');
  return (tree: Root, file: VFile) => {
    if (!file.path) return;
    visit(tree, 'link', (node) => {
      const match = /^([^:#?]+\.md)(#.*)?$/.exec(node.url);
      if (!match || /^[a-z]+:/i.test(node.url)) return;
      const target = path.resolve(path.dirname(file.path!), match[1]!);
      if (!target.startsWith(entriesDir + path.sep)) return;
      const id = path.relative(entriesDir, target).split(path.sep).join('/').replace(/\.md$/, '').toLowerCase();
      node.url = `${base.replace(/\/$/, '')}/${id}/${match[2] ?? ''}`;
    });
  };
}
