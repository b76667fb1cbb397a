// One SVG for both themes. Mermaid's light and dark renders of most diagrams differ only
// in their stylesheet (and in defs the classic look never uses), so the page can carry
// the light drawing once with both stylesheets, the dark one scoped to Starlight's dark
// theme. Where the drawings differ (charts colour their marks inline) both are shipped.

const SVG_ID = /^<svg id="([^"]+)"/;
const STYLE = /<style>([\s\S]*?)<\/style>/;
const GRADIENT = /<linearGradient\b[\s\S]*?<\/linearGradient>/g;
const FLOOD_COLOR = /\sflood-color="[^"]*"/g;
const KEYFRAMES = /@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g;

const drawing = (svg: string) => svg.replace(STYLE, '').replace(GRADIENT, '').replace(FLOOD_COLOR, '');

/** The light SVG carrying the dark stylesheet too, or undefined when the drawings differ. */
export function mergeThemes(light: string, dark: string): string | undefined {
  const lightId = SVG_ID.exec(light)?.[1];
  const darkId = SVG_ID.exec(dark)?.[1];
  const darkCss = STYLE.exec(dark)?.[1];
  if (!lightId || !darkId || darkCss === undefined || !STYLE.test(light)) return undefined;
  const renamed = dark.replaceAll(darkId, lightId);
  if (drawing(light) !== drawing(renamed)) return undefined;
  // Every rule Mermaid writes starts at the diagram's id. Nested under one selector with
  // an attribute more, each dark rule wins over its light twin, on the page (<html
  // data-theme="dark">) and in an exported file (<svg data-theme="dark">). Keyframes,
  // the same in both themes and not allowed inside a rule, stay with the light sheet.
  const rules = darkCss
    .replace(KEYFRAMES, '')
    .replace(new RegExp(`#${darkId}(?![\\w-])`, 'g'), '&')
    .replaceAll(darkId, lightId);
  const scoped = `:is([data-theme='dark'] #${lightId},#${lightId}[data-theme='dark']){${rules}}`;
  const gradients = (renamed.match(GRADIENT) ?? []).filter((g) => !light.includes(g)).join('');
  const end = light.indexOf('</style>') + '</style>'.length;
  return `${light.slice(0, end)}<style>${scoped}</style>${light.slice(end, -'</svg>'.length)}${gradients}</svg>`;
}

/**
 * Mermaid draws edge-label backgrounds at half opacity, so the edge shows through the
 * text; the dark theme's grey (#585858) is too light for its #ccc text even when opaque
 * (4.4:1). This rule, after Mermaid's own, makes them opaque and, in the dark theme,
 * dark enough for 4.5:1. Inside the SVG, so downloads keep it.
 */
export function legibleEdgeLabels(svg: string, theme: 'light' | 'dark'): string {
  const id = SVG_ID.exec(svg)?.[1];
  const end = svg.indexOf('</style>');
  if (!id || end < 0) return svg;
  const rule = `#${id} .edgeLabel rect{opacity:1;${theme === 'dark' ? 'fill:#3a3a3a;' : ''}}`;
  return `${svg.slice(0, end)}${rule}${svg.slice(end)}`;
}
