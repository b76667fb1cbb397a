// Smaller SVG, same picture. Mermaid writes coordinates with up to 17 digits (two
// decimals are far below a pixel) and a base64 copy of every edge's points for its own
// runtime, which the site does not ship. Only attribute values are touched: label text
// keeps every digit it was written with.
export function compactSvg(svg: string): string {
  return svg
    .replace(/\sdata-points="[^"]*"/g, '')
    .replace(/(\s[\w:-]+=")([^"]*)"/g, (_, name: string, value: string) => `${name}${value.replace(/(\d+\.\d\d)\d+/g, '$1')}"`);
}
