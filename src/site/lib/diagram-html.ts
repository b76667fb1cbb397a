// One diagram as the site shows it: light and dark SVG from the render cache (rendered
// now if missing), the viewer's controls, the Mermaid source for copying, and the
// diagram's text for search and screen readers.
import { svgLabels } from '../../checks/context.ts';
import { defaultCacheDir, RenderCache, renderKey } from '../../diagrams/cache.ts';
import { renderErrorText } from '../../diagrams/failure.ts';
import { renderAll } from '../../diagrams/render.ts';
import { mergeThemes } from '../../diagrams/themes.ts';
import { escapeHtml } from './html.ts';
import { atlasRoot } from './root.ts';

export class DiagramError extends Error {}

const BUTTONS: [action: string, label: string, text: string][] = [
  ['zoom-in', 'Zoom in (+)', '+'],
  ['zoom-out', 'Zoom out (-)', '−'],
  ['fit', 'Fit to view', 'Fit'],
  ['reset', 'Reset zoom (0)', '1:1'],
  ['fullscreen', 'Fullscreen (F)', 'Full screen'],
  ['copy', 'Copy Mermaid source', 'Copy source'],
  ['svg', 'Download SVG', 'SVG'],
  ['png', 'Download PNG', 'PNG'],
];

export async function diagramHtml(source: string, where: string, label: string): Promise<string> {
  const cache = new RenderCache(defaultCacheDir(atlasRoot()));
  const jobs = (['light', 'dark'] as const).map((theme) => ({ source, theme }));
  const { outcomes } = await renderAll(jobs, cache);
  const svgs = jobs.map((job) => {
    const result = outcomes.get(renderKey(job.source, job.theme))!.result;
    if (!result.ok) throw new DiagramError(`${where}: diagram does not render: ${renderErrorText(result.message)}`);
    return result.svg;
  });
  const [light, dark] = svgs as [string, string];
  const merged = mergeThemes(light, dark);
  const variants = merged
    ? `<div class="atlas-diagram__theme">${merged}</div>`
    : `<div class="atlas-diagram__theme atlas-diagram__theme--light">${light}</div>\n<div class="atlas-diagram__theme atlas-diagram__theme--dark">${dark}</div>`;
  const text = svgLabels(light);
  const name = `diagram-${renderKey(source, 'light').slice(0, 10)}`;
  return `<figure class="atlas-diagram not-content" data-diagram data-name="${name}">
<div class="atlas-diagram__toolbar" role="toolbar" aria-label="${escapeHtml(label)} controls">${BUTTONS.map(
    ([action, title, glyph]) => `<button type="button" data-action="${action}" title="${title}" aria-label="${title}">${glyph}</button>`,
  ).join('')}</div>
<div class="atlas-diagram__viewport" tabindex="0" role="group" aria-label="${escapeHtml(label)}: use + and - to zoom, arrow keys or drag to pan, 0 to reset, F for fullscreen">
<div class="atlas-diagram__canvas" data-pagefind-ignore>
${variants}
</div></div>
<details class="atlas-diagram__text"><summary>Diagram text</summary><p>${text.map(escapeHtml).join(' · ')}</p></details>
<template class="atlas-diagram__source">${escapeHtml(source)}</template>
</figure>`;
}
