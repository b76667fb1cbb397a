// Smaller SVG, same picture. Mermaid writes coordinates with up to 17 digits (two
// decimals are far below a pixel), data attributes for its own runtime (a base64 copy
// of every edge's points, each mark's kind and id), which the site does not ship, and
// some class names twice. Only tags are touched: label text and the stylesheet keep
// every character they were written with.
/** An SVG's stylesheet, its CSS in group 1. */
export const STYLESHEET = /<style>([\s\S]*?)<\/style>/;

export function compactSvg(svg: string): string {
  // A data attribute the stylesheet selects by (`[data-look="neo"]`) draws, so it stays.
  const css = STYLESHEET.exec(svg)?.[1] ?? '';
  return svg.replace(/<[^>]+>/g, (tag) =>
    tag
      .replace(/\sdata-([\w-]+)="[^"]*"/g, (attribute, name: string) => (css.includes(`data-${name}`) ? attribute : ''))
      .replace(/(\sclass=")([^"]*)"/g, (_, start: string, value: string) => `${start}${[...new Set(value.split(/\s+/).filter(Boolean))].join(' ')}"`)
      .replace(/(\s[\w:-]+=")([^"]*)"/g, (_, start: string, value: string) => `${start}${value.replace(/(\d+\.\d\d)\d+/g, '$1')}"`),
  );
}
