// The one typeface of every diagram: Inter, shipped with the site (@fontsource-variable),
// loaded by the render page before Mermaid measures a label and by every page of the
// site, so the text measured at build time is the text the reader sees.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** The stylesheet Starlight bundles (customCss); Astro self-hosts its font files. */
export const FONT_PACKAGE = '@fontsource-variable/inter';
const FONT_CSS = require.resolve(`${FONT_PACKAGE}/index.css`);

/** The family that package defines, then what stands in for glyphs it lacks. */
export const DIAGRAM_FONT_FAMILY = '"Inter Variable", ui-sans-serif, system-ui, "DejaVu Sans", Arial, sans-serif';

/** The package's @font-face rules with each font file inlined: the render page fetches nothing. */
export function inlineFontFaceCss(): string {
  const dir = path.dirname(FONT_CSS);
  return readFileSync(FONT_CSS, 'utf8').replace(/url\(\.\/([^)]+\.woff2)\)/g, (_, file: string) =>
    `url(data:font/woff2;base64,${readFileSync(path.join(dir, file)).toString('base64')})`,
  );
}
