// One SVG for both themes. Mermaid's light and dark renders of most diagrams differ only
// in their stylesheet (and in defs the classic look never uses), so the page can carry
// the light drawing once with both stylesheets, the dark one scoped to Starlight's dark
// theme. Where the drawings differ only in colours written on marks (state diagrams), each
// such mark gets a class that the dark stylesheet colours. Where the drawings differ in
// anything else, both are shipped.

import { STYLESHEET } from './compact.ts';

const SVG_ID = /^<svg id="([^"]+)"/;
const GRADIENT = /<linearGradient\b[\s\S]*?<\/linearGradient>/g;
const FLOOD_COLOR = /\sflood-color="[^"]*"/g;
const KEYFRAMES = /@keyframes[^{]*\{(?:[^{}]*\{[^{}]*\})*[^{}]*\}/g;
/** A tag or the text between two tags. */
const TOKEN = /<[^>]*>|[^<]+/g;
const START_TAG = /^<([\w:-]+)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>$/;
const ATTRIBUTE = /\s+([\w:-]+)="([^"]*)"/g;
/** Colour attributes, each also the CSS property that overrides it. */
const COLOUR_ATTRIBUTES = new Set(['fill', 'stroke', 'color', 'stop-color', 'lighting-color']);
/** What a theme's colour looks like (#hex, a name, hsl()/rgb()); nothing that could end a rule. */
const COLOUR_VALUE = /^[#\w(),.%\s-]+$/;

/** The tokens of an SVG, and the indexes of those that are its drawing (see mergeThemes). */
function drawingTokens(svg: string): { tokens: string[]; drawing: number[] } {
  const tokens = svg.match(TOKEN) ?? [];
  const drawing: number[] = [];
  let skipUntil: string | undefined;
  tokens.forEach((token, i) => {
    if (skipUntil) {
      if (token === skipUntil) skipUntil = undefined;
    } else if (token === '<style>') skipUntil = '</style>';
    else if (token.startsWith('<linearGradient')) skipUntil = '</linearGradient>';
    else drawing.push(i);
  });
  return { tokens, drawing };
}

/**
 * The light SVG's tokens with a class on every mark whose colour differs in the dark
 * drawing, and the dark rules those classes need; undefined when the drawings differ in
 * anything but such colours. The rules have the specificity of one class, below every
 * rule of Mermaid's (each starts at the diagram's id): as on a mark of the dark render,
 * a stylesheet rule that matches the mark wins over its colour attribute.
 */
function recolouredMarks(light: string, dark: string, id: string): { svg: string; rules: string } | undefined {
  const mine = drawingTokens(light);
  const theirs = drawingTokens(dark);
  if (mine.drawing.length !== theirs.drawing.length) return undefined;
  const classes = new Map<string, string>();
  const tokens = [...mine.tokens];
  for (const [n, i] of mine.drawing.entries()) {
    // The shadow's colour is left out, as by the classic look.
    const [a, b] = [mine.tokens[i]!.replace(FLOOD_COLOR, ''), theirs.tokens[theirs.drawing[n]!]!.replace(FLOOD_COLOR, '')];
    if (a === b) continue;
    const [tagA, tagB] = [START_TAG.exec(a), START_TAG.exec(b)];
    if (!tagA || !tagB || tagA[1] !== tagB[1] || tagA[3] !== tagB[3]) return undefined;
    const [attrsA, attrsB] = [[...tagA[2]!.matchAll(ATTRIBUTE)], [...tagB[2]!.matchAll(ATTRIBUTE)]];
    if (attrsA.length !== attrsB.length) return undefined;
    const added: string[] = [];
    for (const [k, [, name, value]] of attrsA.entries()) {
      const [, otherName, otherValue] = attrsB[k]!;
      if (name !== otherName) return undefined;
      if (value === otherValue) continue;
      if (!COLOUR_ATTRIBUTES.has(name!) || !COLOUR_VALUE.test(otherValue!)) return undefined;
      const rule = `${name}:${otherValue}`;
      if (!classes.has(rule)) classes.set(rule, `atlas-dark-${classes.size}`);
      added.push(classes.get(rule)!);
    }
    const tag = tokens[i]!;
    const current = /\sclass="([^"]*)"/.exec(tag);
    tokens[i] = current
      ? tag.replace(current[0], ` class="${current[1]} ${added.join(' ')}"`)
      : tag.replace(/\s*(\/?)>$/, ` class="${added.join(' ')}"$1>`);
  }
  const scope = `:where([data-theme='dark'] #${id},#${id}[data-theme='dark'])`;
  const rules = [...classes].map(([declaration, name]) => `${scope} .${name}{${declaration}}`).join('');
  return { svg: tokens.join(''), rules };
}

/** The light SVG carrying the dark stylesheet too, or undefined when the drawings differ. */
export function mergeThemes(light: string, dark: string): string | undefined {
  const lightId = SVG_ID.exec(light)?.[1];
  const darkId = SVG_ID.exec(dark)?.[1];
  const darkCss = STYLESHEET.exec(dark)?.[1];
  if (!lightId || !darkId || darkCss === undefined || !STYLESHEET.test(light)) return undefined;
  const renamed = dark.replaceAll(darkId, lightId);
  const marks = recolouredMarks(light, renamed, lightId);
  if (!marks) return undefined;
  // Every rule Mermaid writes starts at the diagram's id. Nested under one selector with
  // an attribute more, each dark rule wins over its light twin, on the page (<html
  // data-theme="dark">) and in an exported file (<svg data-theme="dark">). Keyframes,
  // the same in both themes and not allowed inside a rule, stay with the light sheet.
  const rules = darkCss
    .replace(KEYFRAMES, '')
    .replace(new RegExp(`#${darkId}(?![\\w-])`, 'g'), '&')
    .replaceAll(darkId, lightId);
  const scoped = `:is([data-theme='dark'] #${lightId},#${lightId}[data-theme='dark']){${rules}}${marks.rules}`;
  const gradients = (renamed.match(GRADIENT) ?? []).filter((g) => !light.includes(g)).join('');
  const end = marks.svg.indexOf('</style>') + '</style>'.length;
  return `${marks.svg.slice(0, end)}<style>${scoped}</style>${marks.svg.slice(end, -'</svg>'.length)}${gradients}</svg>`;
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
