// Entry bodies are Markdown, not HTML: raw HTML is shown as text, and links may only use
// http(s), mailto or relative URLs. Runs before the other plugins add their own HTML.
import type { Root } from 'mdast';
import { visit } from 'unist-util-visit';

const SAFE_URL = /^(https?:|mailto:|#|\/|\.{0,2}\/|[^:]*$)/i;

export function remarkSafeMarkdown() {
  return (tree: Root) => {
    visit(tree, (node) => {
      if (node.type === 'html') Object.assign(node, { type: 'text' });
      if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && !SAFE_URL.test(node.url.trim())) {
        node.url = '#';
      }
    });
  };
}
