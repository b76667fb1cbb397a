// What could run script or restyle the page, reported where the author wrote it. The site
// renders diagrams at Mermaid's strict level, sanitises the SVG and shows raw HTML as text,
// so none of this would run there; the rule keeps it out of the source, which GitHub and
// other Markdown renderers show too.
import type { Nodes } from 'mdast';
import { visit } from 'unist-util-visit';
import { diagramClicks, diagramTextLines, type Entry } from '../model/entry.ts';
import { finding, type Finding } from '../model/finding.ts';
import type { Check } from './context.ts';

/** Mermaid settings that loosen its security or inject CSS. */
const UNSAFE_CONFIG_KEY = /["']?\b(securityLevel|htmlLabels|themeCSS|dompurifyConfig|secure)\b["']?\s*:/;
/** A theme value (a colour, a font name) that carries CSS instead. */
const CSS_IN_VALUE = /[;{}<>]|url\s*\(|@import|expression\s*\(/i;
/** A URL scheme other than http(s); scheme-less URLs are site paths. */
export const UNSAFE_SCHEME = /^\s*(?!https?:)([a-z][a-z0-9+.-]*):/i;
/** HTML that would run script or restyle the page. */
const DANGEROUS_HTML = /<\s*(script|iframe|style|object|embed|frame|frameset|form|base|link|meta|svg|math)\b|\son[a-z]+\s*=|\b(?:href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i;
const TAG = /<\/?([a-zA-Z][\w-]*)(?:\s[^<>]*)?\/?>/g;

/** File lines of a diagram that configure it: front matter (`---` ... `---`) and `%%{...}%%` directives. */
function configLines(source: string): { text: string; index: number; yaml: boolean }[] {
  const lines = source.split('\n');
  const out: { text: string; index: number; yaml: boolean }[] = [];
  const start = lines.findIndex((l) => l.trim() !== '');
  if (lines[start]?.trim() === '---') {
    const end = lines.findIndex((l, i) => i > start && l.trim() === '---');
    for (let i = start + 1; i < (end < 0 ? lines.length : end); i++) out.push({ text: lines[i]!, index: i, yaml: true });
  }
  let open = false;
  lines.forEach((text, index) => {
    if (text.includes('%%{')) open = true;
    if (open) out.push({ text, index, yaml: false });
    if (text.includes('}%%')) open = false;
  });
  return out;
}

function diagramFindings(entry: Entry): Finding[] {
  const out: Finding[] = [];
  for (const diagram of entry.diagrams) {
    const at = (index: number, col: number, message: string, fix: string) =>
      out.push(finding(entry.file, diagram.line + index, col + 1, 'security', message, { fix }));

    for (const { text, index, yaml } of configLines(diagram.source)) {
      const key = UNSAFE_CONFIG_KEY.exec(text);
      if (key) {
        at(index, key.index, `diagram configuration sets "${key[1]}": the site renders every diagram with Mermaid's strict settings`, `remove "${key[1]}" from the diagram's init directive or front matter`);
        continue;
      }
      const values = [...text.matchAll(/"([^"]*)"|'([^']*)'/g)].map((m) => ({ value: m[1] ?? m[2]!, index: m.index }));
      const plain = yaml ? /^(\s*[\w-]+\s*:\s*)([^"'\s].*)$/.exec(text) : null;
      if (plain) values.push({ value: plain[2]!, index: plain[1]!.length });
      const css = values.find((v) => CSS_IN_VALUE.test(v.value));
      if (css) at(index, css.index, `CSS in a diagram theme value ("${css.value}")`, 'use plain values: a colour such as #1D4ED8, font names separated by commas');
    }

    for (const click of diagramClicks(diagram)) {
      const at = (message: string, fix: string) => out.push(finding(entry.file, click.line, click.col, 'security', message, { fix }));
      if (click.target === undefined) {
        at(`click runs a callback ("${click.rest.trim()}"): diagrams may only link`, 'link instead: click ID "https://..." or click ID "/site/path/"');
      } else if (UNSAFE_SCHEME.test(click.target)) {
        at(`click target "${click.target}" is not an http(s) or site link`, 'link to https://... or a site path such as /incidents/');
      }
    }

    for (const line of diagramTextLines(diagram)) {
      for (const tag of line.text.matchAll(TAG)) {
        if (tag[1]!.toLowerCase() === 'br') continue;
        out.push(finding(entry.file, line.line, tag.index + 1, 'security', `raw HTML ${tag[0]} in a diagram label: only <br/> is allowed`, { fix: 'write the label as plain text; use <br/> for a line break and #lt; #gt; for literal angle brackets' }));
        break;
      }
    }
  }
  return out;
}

function markdownFindings(entry: Entry): Finding[] {
  const out: Finding[] = [];
  const at = (node: Nodes, message: string, fix: string) =>
    out.push(finding(entry.file, entry.frontmatterEnd + node.position!.start.line, node.position!.start.column, 'security', message, { fix }));
  visit(entry.tree, (node) => {
    if ((node.type === 'link' || node.type === 'image' || node.type === 'definition') && UNSAFE_SCHEME.test(node.url)) {
      at(node, `link to "${node.url}" uses the ${UNSAFE_SCHEME.exec(node.url)![1]}: scheme`, 'link to https://... or to a relative path of another entry');
    } else if (node.type === 'html' && DANGEROUS_HTML.test(node.value)) {
      at(node, `raw HTML in the text (${node.value.trim().slice(0, 40)}): the site shows it as text and other renderers may run it`, 'write it in words, or as `inline code` when it is an example');
    }
  });
  return out;
}

export const securityCheck: Check = {
  id: 'security',
  description: 'no script or CSS injection: Mermaid config that loosens security or carries CSS, click callbacks or non-http(s) targets, links with other schemes, raw HTML in labels (beyond <br/>) or text',
  run(entry) {
    return [...diagramFindings(entry), ...markdownFindings(entry)];
  },
};
