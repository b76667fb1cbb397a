// Diagrams as ways into the atlas, added to the sanitised SVG when the site shows it (the
// render cache and validation keep Mermaid's output as checked):
//   - nodes the author linked with `click` lead to the entry or page they name;
//   - a node whose label names a subject with a hub (a system, an incident, a guarantee,
//     mechanism or pattern) leads to that hub, once per diagram, never to the page itself
//     or its own hub, unless the source says `%% atlas: nolink NODE`;
//   - each declared figure in a label is focusable and carries the index of its fact, so
//     the viewer can show what it measures and where it comes from.
// A linked node keeps its label outside the link, so a figure in it is never a control
// nested inside another.
import path from 'node:path';
import type { Element, ElementContent, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toString } from 'hast-util-to-string';
import type { Fact } from '../../model/schema.ts';
import { entryPath, linkableSubjects, ownHub, type Subject } from '../../model/pages.ts';
import type { Project } from '../../model/project.ts';

export interface DiagramPage {
  /** The entry file whose diagram this is; relative click targets resolve from it. */
  file: string;
  /** Site paths (without the base) a name must never lead to: the page itself, its hub. */
  own: string[];
  facts: Fact[];
  subjects: Subject[];
  /** The site's base path, `/` or `/atlas/`. */
  base: string;
}

export interface DiagramLabel {
  text: string;
  href?: string;
}

/** Node ids the source excludes from automatic links: `%% atlas: nolink A B`. */
export function noLinkNodes(source: string): Set<string> {
  return new Set([...source.matchAll(/^\s*%%\s*atlas:\s*nolink\s+(.+)$/gm)].flatMap((m) => m[1]!.trim().split(/[\s,]+/)));
}

/** A `click` target as a site URL: entries by their page, site paths under the base. */
function siteHref(target: string, page: DiagramPage): string {
  const base = page.base.replace(/\/$/, '');
  if (/^https?:/i.test(target) || target.startsWith('#')) return target;
  if (target.startsWith('/')) return `${base}${target}`;
  const [file, hash] = target.split('#') as [string, string | undefined];
  const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(page.file), decodeURIComponent(file)));
  return `${base}${entryPath(resolved)}${hash ? `#${hash}` : ''}`;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const className = (el: Element) => ([] as unknown[]).concat(el.properties.className ?? []).map(String);
/**
 * The elements below `node` with this tag (and class), in document order. A plain walk:
 * a CSS selector engine (hast-util-select) took about a third of linking's time.
 */
export function elementsIn(node: Root | Element, tagName: string, withClass?: string, found: Element[] = []): Element[] {
  for (const child of node.children) {
    if (child.type !== 'element') continue;
    if (child.tagName === tagName && (!withClass || className(child).includes(withClass))) found.push(child);
    elementsIn(child, tagName, withClass, found);
  }
  return found;
}
/** What a text element reads: its rows (Mermaid's line breaks) joined by spaces. */
function textOf(text: Element): string {
  const rows = elementsIn(text, 'tspan', 'row');
  return (rows.length ? rows.map((r) => toString(r)).join(' ') : toString(text)).replace(/\s+/g, ' ').trim();
}
const labelText = (node: Element) => elementsIn(node, 'text').map(textOf).filter(Boolean).join(' ');

/** The node's shape inside a link named by its label; the label stays outside the link. */
function linkNode(node: Element, href: string): void {
  const label = node.children.filter((c) => c.type === 'element' && className(c).includes('label'));
  const shape = node.children.filter((c) => !label.includes(c));
  const link: Element = {
    type: 'element',
    tagName: 'a',
    properties: { href, className: ['atlas-node-link'], ariaLabel: labelText(node) },
    children: shape,
  };
  node.children = [link, ...label];
  node.properties.dataLinked = 'true';
}

/** Mermaid's `<a><g class="node">` for a `click` line becomes the node with its own link inside. */
function adoptAuthorLinks(tree: Root, page: DiagramPage): void {
  for (const a of elementsIn(tree, 'a')) {
    const node = a.children.find((c): c is Element => c.type === 'element' && className(c).includes('node'));
    const target = a.properties.xLinkHref ?? a.properties.href;
    if (!node || typeof target !== 'string') continue;
    node.properties.transform = a.properties.transform;
    Object.assign(a, node);
    linkNode(a, siteHref(target, page));
  }
}

/** The Mermaid id of a flowchart node: `m1l-flowchart-API-3` -> `API`. */
const nodeId = (node: Element) => /-flowchart-(.+)-\d+$/.exec(String(node.properties.id ?? ''))?.[1];

function linkNamedSubjects(tree: Root, source: string, page: DiagramPage): void {
  const excluded = noLinkNodes(source);
  const used = new Set(page.own);
  const names = page.subjects.map((s) => ({ ...s, pattern: new RegExp(`(?<![\\w-])${escapeRegExp(s.name)}(?![\\w-])`, 'i') }));
  for (const node of elementsIn(tree, 'g', 'node')) {
    const id = nodeId(node);
    if (!id || excluded.has(id) || node.properties.dataLinked) continue;
    const text = labelText(node);
    const subject = names.find((s) => !used.has(s.path) && s.pattern.test(text));
    if (!subject) continue;
    used.add(subject.path);
    linkNode(node, `${page.base.replace(/\/$/, '')}${subject.path}`);
  }
}

/**
 * Each figure of a fact, where a label shows it, wrapped in a focusable tspan. Mermaid
 * writes a label as rows of words (`<tspan class="row"><tspan>45</tspan><tspan> minutes</tspan>`);
 * a figure that wraps onto the next row is wrapped in each row, focusable once.
 */
function markFigures(tree: Root, facts: Fact[]): void {
  const figures = facts.map((f, index) => ({ index, figure: f.figure.toLowerCase() })).sort((a, b) => b.figure.length - a.figure.length);
  for (const text of elementsIn(tree, 'text')) {
    const rows = elementsIn(text, 'tspan', 'row');
    if (rows.some((row) => row.children.some((c) => c.type === 'element' && c.tagName !== 'tspan'))) continue;
    const words: { el: Element; row: Element; start: number; end: number }[] = [];
    let joined = '';
    rows.forEach((row, r) => {
      if (r > 0) joined += ' ';
      for (const el of row.children.filter((c): c is Element => c.type === 'element')) {
        const start = joined.length;
        joined += toString(el);
        words.push({ el, row, start: start + (/^\s*/.exec(toString(el))![0].length), end: joined.length });
      }
    });
    const lower = joined.toLowerCase();
    /** Occurrence of each word that belongs to a figure: its fact, and an id per occurrence. */
    const marked = new Map<Element, { fact: number; occurrence: number }>();
    for (let from = 0, occurrence = 0; from < words.length; from++) {
      const match = figures
        .filter(({ figure }) => lower.startsWith(figure, words[from]!.start))
        .map(({ index, figure }) => ({ index, last: words.findIndex((w, k) => k >= from && w.end === words[from]!.start + figure.length) }))
        .find((m) => m.last >= 0);
      if (!match) continue;
      for (let k = from; k <= match.last; k++) marked.set(words[k]!.el, { fact: match.index, occurrence });
      occurrence += 1;
      from = match.last;
    }
    if (marked.size === 0) continue;
    const focusable = new Set<number>();
    for (const row of rows) {
      const out: ElementContent[] = [];
      for (const child of row.children) {
        const mark = child.type === 'element' ? marked.get(child) : undefined;
        const previous = out.at(-1);
        if (!mark) out.push(child);
        else if (previous?.type === 'element' && previous.properties.dataOccurrence === mark.occurrence) previous.children.push(child);
        else {
          const fact = facts[mark.fact]!;
          const first = !focusable.has(mark.occurrence);
          focusable.add(mark.occurrence);
          out.push({
            type: 'element',
            tagName: 'tspan',
            properties: first
              ? { className: ['atlas-figure'], dataFact: String(mark.fact), dataOccurrence: mark.occurrence, tabIndex: 0, role: 'button', ariaLabel: `${fact.figure}: where it comes from` }
              : { className: ['atlas-figure'], dataFact: String(mark.fact), dataOccurrence: mark.occurrence },
            children: [child],
          });
        }
      }
      row.children = out;
    }
  }
}

/**
 * The SVG as a tree with its links and figures, and its labels in order, each with the
 * link of its node. A tree, not HTML: the page takes it as it is, unparsed again.
 */
export function linkDiagram(svg: string, source: string, page?: DiagramPage): { tree: Root; labels: DiagramLabel[] } {
  const tree = fromHtml(svg, { fragment: true });
  if (page) {
    adoptAuthorLinks(tree, page);
    linkNamedSubjects(tree, source, page);
    markFigures(tree, page.facts);
  }
  const hrefs = new Map<Element, string>();
  for (const node of elementsIn(tree, 'g').filter((g) => g.properties.dataLinked)) {
    const link = node.children.find((c): c is Element => c.type === 'element' && c.tagName === 'a');
    for (const text of elementsIn(node, 'text')) hrefs.set(text, String(link!.properties.href));
  }
  const labels = elementsIn(tree, 'text')
    .map((t) => ({ text: textOf(t), href: hrefs.get(t) }))
    .filter((l) => l.text);
  return { tree, labels };
}

/** What the site needs to link the diagrams of the entry in `file` (undefined for a file that is not an entry). */
export function diagramPage(project: Project, file: string, base: string): DiagramPage | undefined {
  const entry = project.entries.find((e) => e.file === file);
  if (!entry) return undefined;
  subjectsOf.set(project, subjectsOf.get(project) ?? linkableSubjects(project));
  return { file, own: [entryPath(file), ownHub(entry) ?? []].flat(), facts: entry.data.facts, subjects: subjectsOf.get(project)!, base };
}

const subjectsOf = new WeakMap<Project, Subject[]>();
