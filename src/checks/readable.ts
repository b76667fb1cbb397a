// Labels a reader can read at the size the page shows them. Mermaid's SVG is fluid
// (width 100%, max-width its own width): on a page narrower than the drawing, every
// label shrinks with it. The effective size of a label is its font size times
// min(1, diagram width on the page / the SVG's width).
import { finding, type Finding } from '../model/finding.ts';
import type { Check } from './context.ts';

export const READABLE = {
  /**
   * CSS px a diagram gets on a 1280 x 900 desktop page: Starlight's content column beside
   * the sidebar and the table of contents (632 px; its --sl-content-width of 45rem is
   * reached only from about 1,450 px) less the figure's border and the canvas padding
   * (2 x 1 px + 2 x 16 px). Measured in Chromium on a built page.
   */
  contentWidth: 598,
  /** The smallest label, in CSS px, that stays readable on a desktop screen. */
  minFontSize: 11,
  /**
   * CSS px a diagram gets on a 390 x 844 phone (a 358 px column less the same 34 px). The
   * phone page never shrinks labels below minFontSize: it shows a diagram at
   * max(fit to this width, minFontSize / font size) in a horizontal scroll area. A diagram
   * that passes on the desktop is then at most contentWidth wide on the phone, under two
   * screens of panning, so the phone needs no rule of its own; findings say how far a
   * failing diagram would pan.
   */
  phoneWidth: 324,
} as const;

const STYLE = /<style>([\s\S]*?)<\/style>/g;
const px = (value: string, base: number): number | undefined => {
  const m = /^\s*([\d.]+)(px|pt|em|rem|%)?\s*(?:!important)?\s*$/.exec(value);
  if (!m) return undefined;
  const n = Number(m[1]);
  switch (m[2]) {
    case 'pt':
      return (n * 4) / 3;
    case 'em':
    case 'rem':
      return n * base;
    case '%':
      return (n * base) / 100;
    default:
      return n;
  }
};

/** The SVG's own width (its max-width, else its viewBox) and the viewBox width it scales. */
export function svgWidth(svg: string): { intrinsic: number; viewBox: number } | undefined {
  const root = /^<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  const viewBox = Number(/\bviewBox="[-\d.]+[ ,]+[-\d.]+[ ,]+([\d.]+)/.exec(root)?.[1]);
  const maxWidth = Number(/max-width:\s*([\d.]+)px/.exec(root)?.[1]);
  const width = Number(/\bwidth="([\d.]+)(?:px)?"/.exec(root)?.[1]);
  const intrinsic = maxWidth || width || viewBox;
  if (!intrinsic) return undefined;
  return { intrinsic, viewBox: viewBox || intrinsic };
}

/**
 * The smallest font size any label is drawn at, in the SVG's own px: the diagram's size
 * (its root rule, Mermaid's `fontSize`), every inline size, and every stylesheet rule
 * that sets a size and names only classes this SVG uses (per-type classes such as
 * `.messageText`, classDefs).
 */
export function smallestFontSize(svg: string): number {
  const id = /^<svg id="([^"]+)"/.exec(svg)?.[1];
  const css = [...svg.matchAll(STYLE)].map((m) => m[1]!).join('');
  const rules = [...css.matchAll(/([^{}]+)\{([^{}]*)\}/g)].map((m) => ({ selector: m[1]!.trim(), body: m[2]! }));
  const sizeIn = (body: string) => /(?:^|;)\s*font-size:\s*([^;]+)/.exec(body)?.[1];
  const rootRule = rules.find((r) => r.selector === `#${id}` && sizeIn(r.body));
  const base = (rootRule && px(sizeIn(rootRule.body)!, 16)) || 16;
  const used = new Set([...svg.matchAll(/\bclass="([^"]*)"/g)].flatMap((m) => m[1]!.split(/\s+/)));
  const sizes = [base];
  for (const rule of rules) {
    const size = sizeIn(rule.body);
    const classes = [...rule.selector.matchAll(/\.([\w-]+)/g)].map((m) => m[1]!);
    if (size && classes.length > 0 && classes.every((c) => used.has(c))) sizes.push(px(size, base) ?? base);
  }
  const body = svg.replace(STYLE, '');
  for (const m of body.matchAll(/\sstyle="[^"]*?font-size:\s*([^;"]+)|\sfont-size="([^"]+)"/g)) sizes.push(px((m[1] ?? m[2])!.replace(/&quot;/g, ''), base) ?? base);
  return Math.min(...sizes);
}

const round = (n: number) => Math.round(n * 10) / 10;
const whole = (n: number) => Math.ceil(n).toLocaleString('en-US');

export const readableCheck: Check = {
  id: 'readable',
  description: `every diagram's labels are at least ${READABLE.minFontSize} px at the width the site shows it (${READABLE.contentWidth} px on a 1280 px desktop page)`,
  run(entry, ctx) {
    const out: Finding[] = [];
    for (const diagram of entry.diagrams) {
      const rendered = ctx.rendered(entry, diagram.index);
      if (!rendered?.ok) continue;
      const width = svgWidth(rendered.svg);
      if (!width) continue;
      const fontSize = smallestFontSize(rendered.svg);
      const shown = Math.min(READABLE.contentWidth, width.intrinsic);
      const effective = (fontSize * shown) / width.viewBox;
      if (effective >= READABLE.minFontSize) continue;
      const fix = 'split it into smaller diagrams, turn a wide flowchart LR into TB, shorten labels (break them with <br/>), or move detail into a table';
      if (fontSize < READABLE.minFontSize) {
        const message = `labels are drawn at ${round(fontSize)} px, below the ${READABLE.minFontSize} px minimum: remove the font-size setting that makes them smaller`;
        out.push(finding(entry.file, diagram.line, 1, 'readable', message, { fix: 'remove the font-size setting' }));
        continue;
      }
      // Mermaid's SVG is as wide as its viewBox; the ratio keeps this exact if they differ.
      const needed = ((READABLE.contentWidth * fontSize) / READABLE.minFontSize) * (width.intrinsic / width.viewBox);
      const phoneScreens = (width.intrinsic * READABLE.minFontSize) / fontSize / READABLE.phoneWidth;
      const message =
        `labels shrink to ${round(effective)} px on a 1280 px page (minimum ${READABLE.minFontSize} px): the diagram is ${whole(width.intrinsic)} px wide, ` +
        `at most ${whole(needed)} px keeps its ${round(fontSize)} px labels readable (a phone would pan across ${round(phoneScreens)} screens); ${fix}`;
      out.push(finding(entry.file, diagram.line, 1, 'readable', message, { fix }));
    }
    return out;
  },
};
