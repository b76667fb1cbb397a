// Guidance sections are what a reader acts on at 3 AM: read-only checks come first, and
// every step that changes state is a GitHub CAUTION alert that says what to confirm
// before running it ("Safeguard:") and how to roll it back ("Undo:").
import type { Blockquote, Nodes, Root, RootContent } from 'mdast';
import { SKIP, visit } from 'unist-util-visit';
import type { Entry } from '../model/entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { Check } from './context.ts';
import { stateChanging } from './guidance-vocabulary.ts';

/** Level-2 headings whose sections are guidance a reader acts on. */
export const GUIDANCE_HEADINGS = ['What to check first', 'Checks', 'Adopting it'];

const ALERT = /^\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\][ \t]*(?:\n|$)/;

const MARK_FIX =
  'put the step in a "> [!CAUTION]" block: "> **Changes state.** what it does", "> **Safeguard:** what to confirm first (dry run, commit confirmed, canary, backup or snapshot, out-of-band access)", "> **Undo:** how to roll it back", then the command';

/** The GitHub alert type of a blockquote (`> [!CAUTION]`), if it is one. */
function alertType(node: Blockquote): string | undefined {
  const first = node.children[0];
  const text = first?.type === 'paragraph' && first.children[0]?.type === 'text' ? first.children[0].value : '';
  return ALERT.exec(text)?.[1];
}

const isCaution = (node: Nodes): node is Blockquote => node.type === 'blockquote' && alertType(node) === 'CAUTION';

function textOf(node: Nodes): string {
  if (node.type === 'text' || node.type === 'inlineCode' || node.type === 'code') return node.value;
  return 'children' in node ? node.children.map((c) => textOf(c)).join(node.type === 'paragraph' ? '' : '\n') : '';
}

/** The code spans and blocks under a node, with the state-changing command each holds. */
function commands(node: Nodes, skipCaution: boolean) {
  const found: { node: Nodes; command: string; tool: string; lineInCode: number }[] = [];
  visit(node, (n) => {
    if (skipCaution && n !== node && isCaution(n)) return SKIP;
    if (n.type !== 'inlineCode' && !(n.type === 'code' && n.lang !== 'mermaid')) return undefined;
    // An inline code span that wraps across lines is still one command.
    const code = n.type === 'inlineCode' ? n.value.replace(/\s*\n\s*/g, ' ') : n.value;
    const lineInCode = code.split('\n').findIndex((l) => stateChanging(l));
    const hit = stateChanging(code);
    // A block's line is the line of its command (after the opening fence).
    if (hit) found.push({ node: n, ...hit, lineInCode: n.type === 'code' ? Math.max(0, lineInCode) + 1 : 0 });
    return undefined;
  });
  return found;
}

function sections(tree: Root): { title: string; nodes: RootContent[] }[] {
  const wanted = new Set(GUIDANCE_HEADINGS.map((h) => h.toLowerCase()));
  const out: { title: string; nodes: RootContent[] }[] = [];
  let current: { title: string; nodes: RootContent[] } | undefined;
  for (const node of tree.children) {
    if (node.type === 'heading' && node.depth <= 2) {
      const title = textOf(node).trim();
      current = node.depth === 2 && wanted.has(title.toLowerCase()) ? { title, nodes: [] } : undefined;
      if (current) out.push(current);
    } else current?.nodes.push(node);
  }
  return out;
}

export const guidanceCheck: Check = {
  id: 'guidance',
  description: `guidance sections (${GUIDANCE_HEADINGS.map((h) => `"${h}"`).join(', ')}) start read-only; every state-changing command sits in a > [!CAUTION] block with "Safeguard:" before it and "Undo:"`,
  run(entry) {
    const at = (node: Nodes, message: string, fix: string, lineInCode = 0): Finding =>
      finding(entry.file, entry.frontmatterEnd + node.position!.start.line + lineInCode, node.position!.start.column, 'guidance', message, { fix });
    const out: Finding[] = [];
    for (const section of sections(entry.tree)) {
      const root: Root = { type: 'root', children: section.nodes };

      const unmarked = commands(root, true);
      const within = (node: Nodes, outer: Nodes) =>
        node.position!.start.offset! >= outer.position!.start.offset! && node.position!.end.offset! <= outer.position!.end.offset!;

      // The section's first block, and the first item of its first list, are read-only.
      // A first step that is also unmarked gets this one finding, with both fixes.
      const list = section.nodes.find((n) => n.type === 'list');
      const first = section.nodes[0]?.type === 'list' ? section.nodes[0].children[0] : section.nodes[0];
      const steps: Nodes[] = [first, list?.children[0]].filter((step) => step !== undefined);
      const changing = steps.find((step) => {
        let caution = false;
        visit(step, (n) => void (caution ||= isCaution(n)));
        return caution || unmarked.some((hit) => within(hit.node, step));
      });
      if (changing) {
        const mark = unmarked.some((hit) => within(hit.node, changing)) ? `; then ${MARK_FIX}` : '';
        out.push(at(changing, `the first step of "## ${section.title}" changes state: read-only checks come first`, `start with what to look at (status, logs, metrics, show commands) and move this step after it${mark}`));
      }

      for (const hit of unmarked) {
        if (changing && within(hit.node, changing)) continue;
        out.push(at(hit.node, `"${hit.command}" changes state (${hit.tool}) but is not in a > [!CAUTION] block`, MARK_FIX, hit.lineInCode));
      }

      visit(root, (node) => {
        if (node === root || !isCaution(node)) return undefined;
        const text = textOf(node);
        const command = commands(node, false)[0];
        let safeguard: number | undefined;
        visit(node, 'text', (t) => {
          const i = t.value.indexOf('Safeguard:');
          if (safeguard === undefined && i >= 0) safeguard = t.position!.start.offset! + i;
        });
        if (safeguard === undefined) {
          out.push(at(node, 'the CAUTION block has no "Safeguard:"', 'add "> **Safeguard:** what to confirm first (dry run, commit confirmed, canary, backup or snapshot, out-of-band access)" before the command'));
        } else if (command && command.node.position!.start.offset! < safeguard) {
          out.push(at(command.node, `"${command.command}" comes before the block's "Safeguard:"`, 'move the "**Safeguard:**" line above the command, so it is read first', command.lineInCode));
        }
        if (!text.includes('Undo:')) out.push(at(node, 'the CAUTION block has no "Undo:"', 'add "> **Undo:** how to roll the change back"'));
        return SKIP;
      });
    }
    return out;
  },
};
