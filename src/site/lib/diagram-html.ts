// One diagram as the site shows it: light and dark SVG from the render cache (rendered
// now if missing), the viewer's controls, the Mermaid source for copying, and the
// diagram's text for search and screen readers.
import type { Element, ElementContent } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { defaultCacheDir, RenderCache, renderKey } from '../../diagrams/cache.ts';
import { renderErrorText } from '../../diagrams/failure.ts';
import { renderAll } from '../../diagrams/render.ts';
import { legibleEdgeLabels, mergeThemes } from '../../diagrams/themes.ts';
import { elementsIn, linkDiagram, type DiagramPage } from './diagram-links.ts';
import { escapeHtml } from './html.ts';
import { atlasRoot } from './root.ts';

export class DiagramError extends Error {}

/** Action, visible text, accessible name (it contains the visible text), tooltip. */
const BUTTONS: [action: string, text: string, name: string, title: string][] = [
  ['zoom-in', '+', 'Zoom in', 'Zoom in (+)'],
  ['zoom-out', '−', 'Zoom out', 'Zoom out (-)'],
  ['fit', 'Fit', 'Fit to frame', 'Fit the whole diagram in view'],
  ['reset', 'Reset', 'Reset zoom', 'Back to the opening size (0)'],
  ['fullscreen', 'Full screen', 'Full screen', 'Full screen (F; Esc leaves)'],
  ['copy', 'Copy source', 'Copy source', 'Copy the Mermaid source'],
  ['svg', 'SVG', 'Download SVG', 'Download as SVG'],
  ['png', 'PNG', 'Download PNG', 'Download as PNG'],
];

const HELP =
  'Drag on empty space or scroll sideways to pan; drag across label text, or double-click a word, to select and copy it. ' +
  'Ctrl or Cmd + wheel (or a trackpad pinch) zooms at the pointer; on a phone, swipe to pan and pinch to zoom the page. ' +
  'Once the pointer is over a diagram, or you clicked or tabbed to it: + and - zoom, 0 resets, F toggles full screen, Esc leaves it, arrow keys scroll.';

/**
 * The diagram's figure as a tree, ready for a page's tree: Astro would parse HTML again.
 * `page` is the entry showing the diagram: its links and figures are added (see diagram-links.ts).
 */
export async function diagramFigure(source: string, where: string, label: string, page?: DiagramPage): Promise<Element> {
  const cache = new RenderCache(defaultCacheDir(atlasRoot()));
  const jobs = (['light', 'dark'] as const).map((theme) => ({ source, theme }));
  const { outcomes } = await renderAll(jobs, cache);
  const svgs = jobs.map((job) => {
    const result = outcomes.get(renderKey(job.source, job.theme))!.result;
    if (!result.ok) throw new DiagramError(`${where}: diagram does not render: ${renderErrorText(result.message)}`);
    return legibleEdgeLabels(result.svg, job.theme);
  });
  const [light, dark] = svgs as [string, string];
  const merged = mergeThemes(light, dark);
  const shown = (merged ? [merged] : [light, dark]).map((svg) => linkDiagram(svg, source, page));
  const variants = merged
    ? '<div class="atlas-diagram__theme"></div>'
    : '<div class="atlas-diagram__theme atlas-diagram__theme--light"></div>\n<div class="atlas-diagram__theme atlas-diagram__theme--dark"></div>';
  const text = shown[0]!.labels.map((l) => (l.href ? `<a href="${escapeHtml(l.href)}">${escapeHtml(l.text)}</a>` : escapeHtml(l.text)));
  const name = `diagram-${renderKey(source, 'light').slice(0, 10)}`;
  const figure = fromHtml(
    `<figure class="atlas-diagram not-content" data-diagram data-name="${name}">
<div class="atlas-diagram__toolbar" role="toolbar" aria-label="${escapeHtml(label)} controls">${BUTTONS.map(
      ([action, text, name, title]) => `<button type="button" data-action="${action}" title="${title}"${name === text ? '' : ` aria-label="${name}"`}>${text}</button>`,
    ).join('')}<output class="atlas-diagram__zoom" aria-label="Zoom level"></output></div>
<div class="atlas-diagram__viewport" tabindex="0" role="group" aria-label="${escapeHtml(label)}: + and - zoom, arrow keys or drag to pan, 0 resets, F for full screen">
<div class="atlas-diagram__canvas" data-pagefind-ignore>
${variants}
</div></div>
<div class="atlas-diagram__footer"><details class="atlas-diagram__text"><summary>Diagram text</summary><p>${text.join(' · ')}</p></details>
<details class="atlas-diagram__text"><summary>Viewer help</summary><p>${HELP}</p></details></div>
</figure>`,
    { fragment: true },
  ).children.find((node): node is Element => node.type === 'element')!;
  // Each SVG goes into its theme's holder as the tree linkDiagram made.
  elementsIn(figure, 'div', 'atlas-diagram__theme').forEach((holder, i) => {
    holder.children = shown[i]!.tree.children as ElementContent[];
  });
  // The source stays HTML: a parsed template keeps its text apart from its children, and
  // Astro's HTML pass (rehype-raw) drops it there; it parses this small piece itself.
  figure.children.push({ type: 'raw', value: `<template class="atlas-diagram__source">${escapeHtml(source)}</template>` }, { type: 'text', value: '\n' });
  return figure;
}

/** The same figure as HTML, for a component that is not Markdown. */
export async function diagramHtml(source: string, where: string, label: string): Promise<string> {
  return toHtml(await diagramFigure(source, where, label), { allowDangerousHtml: true, collapseEmptyAttributes: true });
}
