// Real Mermaid in headless Chromium: the one renderer behind validation and the site.
// Debian's Chromium is driven through playwright-core; no browser is ever downloaded.
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { DIAGRAM_FONT_FAMILY } from './font.ts';
import { patchedMermaid } from './mermaid-script.ts';
import { claimProfile, type ClaimedProfile } from './profile.ts';
import { serveRenderPage, type PageScript, type RenderPageServer } from './render-page.ts';

export { MERMAID_VERSION } from './mermaid-script.ts';

export type Theme = 'light' | 'dark';
export const THEMES: readonly Theme[] = ['light', 'dark'];

/** The Mermaid configuration used everywhere; part of every cache key. */
export const MERMAID_CONFIG = {
  startOnLoad: false,
  securityLevel: 'strict',
  // SVG text rather than HTML in foreignObject: selectable, searchable, and safe to
  // draw on a canvas for PNG download.
  htmlLabels: false,
  flowchart: { htmlLabels: false },
  fontFamily: DIAGRAM_FONT_FAMILY,
  // Shapes are drawn through rough.js, which jitters its path points at random unless
  // seeded: a fixed seed makes a render repeatable, byte for byte.
  handDrawnSeed: 1,
} as const;

const MERMAID_THEME: Record<Theme, string> = { light: 'default', dark: 'dark' };

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error('Chromium was not found at /usr/bin/chromium: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH');
  }
  return found;
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function launchChromium(): Promise<Browser> {
  // Loaded here, not at the top: a run that finds every diagram in the cache never
  // pays playwright's start-up time.
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}

/** Chromium with its profile in `profile` ('' for a temporary one), all traffic sent to `proxy`. */
async function launchRenderContext(profile: string, proxy: string): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath(),
    args: [...CHROMIUM_ARGS, `--proxy-server=${proxy}`, '--proxy-bypass-list=<-loopback>'],
  });
}

/**
 * Colours Mermaid writes on marks as fixed values, the same in every theme, by diagram
 * type (the SVG's aria-roledescription). test/render.test.ts checks them against two full
 * renders of the pinned Mermaid; a colour that is not here (a sequence actor's stroke)
 * still makes the other theme a render of its own.
 */
const FIXED_COLOURS: Record<string, readonly string[]> = {
  sequence: ['#eaeaea', '#666', '#999', '#000000', 'black', '#edf2ae', 'rgb(0,0,0, 0.5)', '#ffffff'],
};

/**
 * Theme variables Mermaid writes on marks, by diagram type: the other theme's drawing is
 * this one with each such colour swapped for the other theme's value of its variable.
 * A colour two of these variables share in one theme but not in the other cannot be
 * swapped, so it makes a render of its own; test/render.test.ts checks the result
 * against upstream renders of each theme.
 */
const THEMED_COLOURS: Record<string, readonly string[]> = {
  stateDiagram: ['lineColor', 'mainBkg', 'nodeBorder', 'noteBkgColor', 'noteBorderColor'],
};

export type RenderResult = { ok: true; svg: string } | { ok: false; message: string; line?: number };

export interface ThemedRender {
  results: Map<Theme, RenderResult>;
  /** How many times Mermaid ran: 1, or 2 when the second theme needed its own drawing. */
  renders: number;
}

/** A diagram in its first theme, and in the second when its stylesheet alone could make it. */
export interface PageRender {
  result: RenderResult;
  /** The second theme's SVG: the same drawing with that theme's stylesheet. */
  derived?: string;
}

interface PageRequest {
  id: string;
  source: string;
  theme: string;
  /** The theme to derive from the same render, if any. */
  derive?: string;
}

/** Allowed link targets: http(s) pages or places within the site; nothing else survives. */
const SAFE_LINK = /^(https?:\/\/|\/(?!\/)|\.{1,2}\/|#)/i;

/**
 * Runs inside the page (installed as `window.atlasSanitize`): the DOMPurify pass every
 * SVG goes through after Mermaid. No scripts, event handlers, foreignObject or frames;
 * links only to SAFE_LINK targets; CSS (stylesheets and style attributes) loses imports,
 * expressions, script URLs and every url() that does not point inside the SVG.
 */
function sanitizeInPage(svg: string, safeLink: string): string {
  type Purify = {
    sanitize(dirty: string, cfg: object): string;
    addHook(name: string, hook: (node: Element, data: { attrName: string; attrValue: string; keepAttr: boolean }) => void): void;
    removeAllHooks(): void;
  };
  const purify = (window as unknown as { DOMPurify: Purify }).DOMPurify;
  const link = new RegExp(safeLink, 'i');
  const cleanCss = (css: string): string =>
    css
      .replace(/@import[^;]*;?/gi, '')
      .replace(/(-moz-binding|behavior)\s*:[^;}]*/gi, '')
      // The rest of the declaration goes with it: nested parentheses cannot hide a call.
      .replace(/(expression\s*\(|url\s*\(\s*(?!['"]?#))[^;}]*/gi, 'none')
      .replace(/javascript\s*:/gi, '')
      .replace(/<\/?\s*(style|script)/gi, '');
  purify.removeAllHooks();
  purify.addHook('uponSanitizeElement', (node) => {
    if (node.nodeName.toLowerCase() === 'style' && node.textContent) node.textContent = cleanCss(node.textContent);
  });
  purify.addHook('uponSanitizeAttribute', (_node, data) => {
    const name = data.attrName.toLowerCase();
    if ((name === 'href' || name === 'xlink:href') && !link.test(data.attrValue.trim())) data.keepAttr = false;
    if (name.startsWith('on')) data.keepAttr = false;
    if (name === 'style') data.attrValue = cleanCss(data.attrValue);
  });
  return purify.sanitize(svg, {
    USE_PROFILES: { svg: true, svgFilters: true },
    ADD_TAGS: ['style'],
    ADD_ATTR: ['target'],
    FORBID_TAGS: ['script', 'foreignObject', 'iframe', 'object', 'embed'],
  });
}

/**
 * Runs once in each page, after Mermaid and the sanitiser: installs the hooks the patched
 * Mermaid calls (src/diagrams/mermaid-script.ts) and `atlasRender`, which renders with
 * Mermaid, sanitises the SVG (sanitizeInPage) and keeps only the CSS rules it uses.
 */
function installRenderer({
  config,
  themes,
  fixedColours,
  themedColours,
}: {
  config: typeof MERMAID_CONFIG & { layout?: string };
  themes: string[];
  fixedColours: Record<string, readonly string[]>;
  themedColours: Record<string, readonly string[]>;
}) {
  type Config = { theme?: string; themeVariables?: Record<string, unknown> };
  type CreateStyles = (config: Config, type: string, classDefs: unknown, id: string) => string;
  const w = window as unknown as {
    mermaid: {
      initialize(c: object): void;
      render(id: string, t: string): Promise<{ svg: string }>;
      mermaidAPI: { getSiteConfig(): Config };
    };
    atlasSanitize(svg: string): string;
    atlasMermaidHooks: object;
    atlasRender(request: PageRequest): Promise<PageRender>;
  };
  const sanitize = (svg: string) => w.atlasSanitize(svg);

  // Runs in the page, so it cannot share src/diagrams/compact.ts's pattern.
  const STYLESHEET = /<style>[\s\S]*?<\/style>/;

  // Mermaid's stylesheet covers everything its diagram type can draw; most of it selects
  // nothing in a given diagram. Rules for states a static SVG never enters (hover, focus)
  // are judged by the element they style. The SVG is already sanitised when shown here.
  const withUsedRulesOnly = (svg: string): string => {
    document.body.innerHTML = svg;
    const root = document.body.querySelector('svg');
    const sheet = root?.querySelector('style')?.sheet;
    const used = Array.from(sheet?.cssRules ?? []).filter((rule) => {
      if (!(rule instanceof CSSStyleRule) || rule.selectorText.includes(':root')) return true;
      const selector = rule.selectorText.replace(/::?(?:hover|focus(?:-visible|-within)?|active|visited|link|target|before|after)\b/g, '');
      try {
        return root!.matches(selector) || root!.querySelector(selector) !== null;
      } catch {
        return true;
      }
    });
    const css = used.map((rule) => rule.cssText).join('');
    document.body.innerHTML = '';
    if (!sheet) return svg;
    return svg.replace(STYLESHEET, () => `<style>${css}</style>`);
  };

  // Mermaid defines every arrowhead its diagram type can draw (and a sequence diagram the
  // icons an actor may take); a diagram uses one or two. A marker or symbol nothing points
  // at (url(#id) in a marker attribute or a stylesheet, href="#id" in a <use>) draws nothing.
  const withUsedDefinitionsOnly = (svg: string): string =>
    svg.replace(/<(marker|symbol) id="([^"]+)"[\s\S]*?<\/\1>/g, (definition, _tag: string, id: string) =>
      [`#${id})`, `#${id}"`, `#${id}&quot;`].some((reference) => svg.includes(reference)) ? definition : '',
    );
  const prune = (svg: string) => withUsedDefinitionsOnly(withUsedRulesOnly(svg));

  // The drawing (everything but its stylesheet, gradients and shadow colour) in the other
  // theme: every colour written on a mark is one the diagram's source names (classDef,
  // style), one Mermaid writes the same in every theme (fixedColours), or a theme
  // variable's (themedColours), swapped for the other theme's value. Undefined when a
  // colour is none of these: the other theme needs its own render.
  const COLOUR_ATTRIBUTES = ['fill', 'stroke', 'color', 'stop-color', 'lighting-color', 'flood-color'];
  const COLOUR_PROPERTY = /^(fill|stroke|color|stop-color|lighting-color|background(-color)?|border(-\w+)?-color|outline-color)$/;
  const NEUTRAL = /^(none|transparent|currentcolor|inherit|initial|unset|url\(.*\))$/i;
  const inOtherTheme = (svg: string, source: string, from: Config, to: Config): string | undefined => {
    const template = document.createElement('template');
    template.innerHTML = svg;
    const root = template.content.querySelector('svg');
    if (!root) return undefined;
    const type = root.getAttribute('aria-roledescription') ?? '';
    const fixed = new Set(fixedColours[type] ?? []);
    const swaps = new Map<string, string | undefined>();
    for (const variable of themedColours[type] ?? []) {
      const [mine, theirs] = [from.themeVariables?.[variable], to.themeVariables?.[variable]];
      if (typeof mine !== 'string' || typeof theirs !== 'string') continue;
      const key = mine.toLowerCase();
      // Two variables with one value here and two there: which one was written is unknown.
      swaps.set(key, swaps.has(key) && swaps.get(key) !== theirs ? undefined : theirs);
    }
    let changed = false;
    // The look's definitions (insertLookDefs in Mermaid), where the diagram type draws them:
    // the shadows' colour follows the theme's name, and a theme with useGradient draws
    // node borders with a gradient.
    const id = root.getAttribute('id');
    // insertLookDefs draws both shadows; a sequence diagram draws a "-drop-shadow" of its own.
    const drawsLook = root.querySelector(`:scope > defs > filter[id="${id}-drop-shadow-small"]`) !== null;
    const lookShadows = drawsLook ? [...root.querySelectorAll(`:scope > defs > filter:is([id="${id}-drop-shadow"], [id="${id}-drop-shadow-small"]) > feDropShadow`)] : [];
    const shadow = (theme?: string) => (theme?.includes('dark') ? '#FFFFFF' : '#000000');
    for (const drop of lookShadows) {
      if (drop.getAttribute('flood-color') !== shadow(from.theme)) return undefined;
      if (shadow(to.theme) === shadow(from.theme)) continue;
      drop.setAttribute('flood-color', shadow(to.theme));
      changed = true;
    }
    const gradient = root.querySelector(`:scope > linearGradient[id="${id}-gradient"]`);
    if (gradient) {
      gradient.remove();
      changed = true;
    }
    const variables = to.themeVariables ?? {};
    if (lookShadows.length > 0 && variables.useGradient) {
      const drawn = document.createElementNS('http://www.w3.org/2000/svg', 'linearGradient');
      for (const [name, value] of [['id', `${id}-gradient`], ['gradientUnits', 'objectBoundingBox'], ['x1', '0%'], ['y1', '0%'], ['x2', '100%'], ['y2', '0%']]) {
        drawn.setAttribute(name!, value!);
      }
      for (const [offset, colour] of [['0%', variables.gradientStart], ['100%', variables.gradientStop]]) {
        const stop = drawn.appendChild(document.createElementNS('http://www.w3.org/2000/svg', 'stop'));
        stop.setAttribute('offset', String(offset));
        stop.setAttribute('stop-color', String(colour));
        stop.setAttribute('stop-opacity', '1');
      }
      // Mermaid appends it right after the second shadow.
      lookShadows.at(-1)!.parentElement!.parentElement!.after(drawn);
      changed = true;
    }
    const other = (value: string): string | undefined => {
      if (!value || NEUTRAL.test(value) || fixed.has(value.toLowerCase()) || source.toLowerCase().includes(value.toLowerCase())) return value;
      const swapped = swaps.get(value.toLowerCase());
      if (swapped !== undefined) changed = true;
      return swapped;
    };
    for (const element of [root, ...root.querySelectorAll('*')]) {
      if (element.closest('style, linearGradient, radialGradient') || lookShadows.includes(element)) continue;
      for (const attribute of COLOUR_ATTRIBUTES) {
        const value = element.getAttribute(attribute);
        if (value === null) continue;
        const swapped = other(value.trim());
        if (swapped === undefined) return undefined;
        if (swapped !== value.trim()) element.setAttribute(attribute, swapped);
      }
      const style = element.getAttribute('style');
      if (!style) continue;
      const declarations: string[] = [];
      let swappedHere = false;
      for (const declaration of style.split(';')) {
        const colon = declaration.indexOf(':');
        const property = declaration.slice(0, colon).trim().toLowerCase();
        if (colon <= 0 || !COLOUR_PROPERTY.test(property)) {
          declarations.push(declaration);
          continue;
        }
        const value = declaration.slice(colon + 1).replace(/!important/i, '').trim();
        const swapped = other(value);
        if (swapped === undefined) return undefined;
        swappedHere ||= swapped !== value;
        declarations.push(swapped === value ? declaration : declaration.replace(value, swapped));
      }
      if (swappedHere) element.setAttribute('style', declarations.join(';'));
    }
    // Unchanged, the drawing keeps Mermaid's own serialisation.
    return changed ? root.outerHTML : svg;
  };

  // The site configuration of each theme, to tell a diagram that sets its own theme.
  const site = new Map<string, { config: Config; variables: string }>();
  for (const theme of themes) {
    w.mermaid.initialize({ ...config, theme });
    const siteConfig = w.mermaid.mermaidAPI.getSiteConfig();
    site.set(theme, { config: { theme: siteConfig.theme, themeVariables: siteConfig.themeVariables }, variables: JSON.stringify(siteConfig.themeVariables) });
  }
  let initialized: string | undefined;

  let configState: unknown;
  let configCopy: unknown;
  let styleRequest: { from: string; to: string; css?: string } | undefined;
  w.atlasMermaidHooks = {
    config(state: unknown, copy: () => unknown) {
      if (state !== configState) {
        configState = state;
        configCopy = copy();
      }
      return configCopy;
    },
    styles(create: CreateStyles, cfg: Config, type: string, classDefs: unknown, id: string) {
      const css = create(cfg, type, classDefs, id);
      const from = styleRequest && site.get(styleRequest.from);
      const to = styleRequest && site.get(styleRequest.to);
      // A diagram that sets its own theme or theme variables is rendered in each theme.
      if (styleRequest && from && to && cfg.theme === from.config.theme && JSON.stringify(cfg.themeVariables) === from.variables) {
        styleRequest.css = create({ ...cfg, ...to.config }, type, classDefs, id);
      }
      return css;
    },
  };

  const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  // The other theme's stylesheet through the sanitiser on its own: the drawing it joins
  // was sanitised with the first theme, so the derived SVG costs no second full pass.
  const sanitizedStylesheet = (css: string): string =>
    STYLESHEET.exec(sanitize(`<svg xmlns="http://www.w3.org/2000/svg"><style>${escapeText(css)}</style></svg>`))?.[0] ?? '';

  w.atlasRender = async ({ id, source, theme, derive }: PageRequest): Promise<PageRender> => {
    try {
      if (initialized !== theme) {
        w.mermaid.initialize({ ...config, theme });
        initialized = theme;
      }
      styleRequest = derive ? { from: theme, to: derive } : undefined;
      // render() parses first and throws the parser's error, line included.
      const { svg } = await w.mermaid.render(id, source);
      const clean = sanitize(svg);
      const result = { ok: true as const, svg: prune(clean) };
      const otherCss = styleRequest?.css;
      const drawing = otherCss === undefined ? undefined : inOtherTheme(clean, source, site.get(theme)!.config, site.get(derive!)!.config);
      if (otherCss === undefined || drawing === undefined) return { result };
      return { result, derived: prune(drawing.replace(STYLESHEET, () => sanitizedStylesheet(otherCss))) };
    } catch (error) {
      const err = error as { message?: string; hash?: { loc?: { first_line?: number }; line?: number } };
      const message = String(err.message ?? error);
      const fromHash = err.hash?.loc?.first_line ?? (err.hash?.line !== undefined ? err.hash.line + 1 : undefined);
      const fromText = /line (\d+)/i.exec(message)?.[1];
      document.body.innerHTML = '';
      return { result: { ok: false as const, message, line: fromHash ?? (fromText ? Number(fromText) : undefined) } };
    } finally {
      styleRequest = undefined;
    }
  };
}

/** Runs inside the page once: every face of the diagram font decoded before Mermaid measures text. */
async function loadFonts() {
  await Promise.all([...document.fonts].map((face) => face.load()));
}

export interface RendererOptions {
  /** Pages rendering in parallel: each costs a Mermaid load. */
  pages?: number;
  /** The Mermaid to load: the patched one, or upstream's to compare with. */
  script?: PageScript;
  /** Where persistent profiles live (see profile.ts); none: a temporary profile. */
  profiles?: string;
  /**
   * Mermaid's layout engine, for comparisons only (`npm run bench`): the atlas uses Mermaid
   * 12's default, ELK, under which its diagrams fit the page (see README, Benchmark).
   */
  layout?: 'dagre';
}

/** A pool of pages, each with Mermaid loaded once, rendering one diagram at a time. */
export class MermaidRenderer {
  private readonly context: BrowserContext;
  private readonly server: RenderPageServer;
  private readonly profile: ClaimedProfile;
  private readonly idle: Page[];
  private readonly waiting: ((page: Page) => void)[] = [];

  private constructor(context: BrowserContext, server: RenderPageServer, profile: ClaimedProfile, pages: Page[]) {
    this.context = context;
    this.server = server;
    this.profile = profile;
    this.idle = pages;
  }

  static async start({ pages = os.availableParallelism(), script = patchedMermaid, profiles, layout }: RendererOptions = {}): Promise<MermaidRenderer> {
    const server = await serveRenderPage(script);
    const profile = profiles ? claimProfile(profiles) : { dir: '', release: () => {} };
    let context: BrowserContext | undefined;
    try {
      context = await launchRenderContext(profile.dir, server.proxy).catch(async (error: unknown) => {
        // A profile another Chromium holds after all: render with a temporary one.
        if (!profile.dir) throw error;
        return launchRenderContext('', server.proxy);
      });
      const launched = context;
      const opened = await Promise.all(
        Array.from({ length: pages }, async (_, i) => {
          const page = (i === 0 && launched.pages()[0]) || (await launched.newPage());
          await page.goto(server.url);
          await page.evaluate(loadFonts);
          await page.evaluate(`window.atlasSanitize = (svg) => (${sanitizeInPage})(svg, ${JSON.stringify(SAFE_LINK.source)})`);
          await page.evaluate(installRenderer, { config: layout ? { ...MERMAID_CONFIG, layout } : MERMAID_CONFIG, themes: THEMES.map((t) => MERMAID_THEME[t]), fixedColours: FIXED_COLOURS, themedColours: THEMED_COLOURS });
          return page;
        }),
      );
      return new MermaidRenderer(launched, server, profile, opened);
    } catch (error) {
      await context?.close();
      await server.close();
      profile.release();
      throw error;
    }
  }

  /**
   * The diagram in each of `themes`: one render for the first, and for the second theme
   * a second render only when its drawing would differ (see `installRenderer`). The SVG
   * id is `id` followed by the rendered theme's initial.
   */
  async render(id: string, source: string, themes: readonly Theme[]): Promise<ThemedRender> {
    const page = await this.acquire();
    try {
      const [first, second] = themes as [Theme, Theme?];
      const one = (theme: Theme, derive?: Theme): Promise<PageRender> =>
        page.evaluate((request) => (window as unknown as { atlasRender(r: PageRequest): Promise<PageRender> }).atlasRender(request), {
          id: `${id}${theme[0]}`,
          source,
          theme: MERMAID_THEME[theme],
          derive: derive && MERMAID_THEME[derive],
        });
      const { result, derived } = await one(first, second);
      const rendered: ThemedRender = { results: new Map([[first, result]]), renders: 1 };
      if (!second) return rendered;
      // A diagram that does not render fails the same way in every theme.
      if (!result.ok) rendered.results.set(second, result);
      // The derived SVG takes the id its own render would have: a page that shows both SVGs
      // must not have their stylesheets, each scoped by the id, style each other.
      else if (derived !== undefined) rendered.results.set(second, { ok: true, svg: derived.replaceAll(`${id}${first[0]}`, `${id}${second[0]}`) });
      else {
        rendered.results.set(second, (await one(second)).result);
        rendered.renders++;
      }
      return rendered;
    } finally {
      this.release(page);
    }
  }

  /** The sanitiser alone, on any SVG: what it keeps of hostile input, without Mermaid. */
  async sanitize(svg: string): Promise<string> {
    const page = await this.acquire();
    try {
      return await page.evaluate((dirty) => (window as unknown as { atlasSanitize(s: string): string }).atlasSanitize(dirty), svg);
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    try {
      await this.context.close();
    } finally {
      await this.server.close();
      this.profile.release();
    }
  }

  private acquire(): Promise<Page> {
    const page = this.idle.pop();
    if (page) return Promise.resolve(page);
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private release(page: Page): void {
    const next = this.waiting.shift();
    if (next) next(page);
    else this.idle.push(page);
  }
}
