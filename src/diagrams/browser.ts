// Real Mermaid in headless Chromium: the one renderer behind validation and the site.
// Debian's Chromium is driven through playwright-core; no browser is ever downloaded.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';
import { DIAGRAM_FONT_FAMILY, inlineFontFaceCss } from './font.ts';

const require = createRequire(import.meta.url);
const MERMAID_SCRIPT = require.resolve('mermaid/dist/mermaid.min.js');
const PURIFY_SCRIPT = require.resolve('dompurify/dist/purify.min.js');
export const MERMAID_VERSION: string = require('mermaid/package.json').version;

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
} as const;

let fontCss: string | undefined;
const fontFaceCss = () => (fontCss ??= inlineFontFaceCss());

const MERMAID_THEME: Record<Theme, string> = { light: 'default', dark: 'dark' };

export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  const found = candidates.find((p): p is string => !!p && existsSync(p));
  if (!found) {
    throw new Error('Chromium was not found at /usr/bin/chromium: install Debian\'s "chromium" package (apt-get install chromium) or set CHROMIUM_PATH');
  }
  return found;
}

export async function launchChromium(): Promise<Browser> {
  // Loaded here, not at the top: a run that finds every diagram in the cache never
  // pays playwright's start-up time.
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: chromiumPath(),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export type RenderResult = { ok: true; svg: string } | { ok: false; message: string; line?: number };

interface RenderRequest {
  id: string;
  source: string;
  theme: string;
  config: typeof MERMAID_CONFIG;
}

/** Runs inside the page: render with Mermaid, then sanitise the SVG with DOMPurify. */
async function renderInPage({ id, source, theme, config }: RenderRequest) {
  type Purify = {
    sanitize(dirty: string, cfg: object): string;
    addHook(name: string, hook: (node: Element, data: { attrName: string; attrValue: string; keepAttr: boolean }) => void): void;
    removeAllHooks(): void;
  };
  const w = window as unknown as {
    mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<{ svg: string }> };
    DOMPurify: Purify;
  };
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
    return svg.replace(/<style>[\s\S]*?<\/style>/, () => `<style>${css}</style>`);
  };
  try {
    w.mermaid.initialize({ ...config, theme });
    // render() parses first and throws the parser's error, line included.
    const { svg } = await w.mermaid.render(id, source);
    const purify = w.DOMPurify;
    purify.removeAllHooks();
    purify.addHook('uponSanitizeAttribute', (_node, data) => {
      const name = data.attrName.toLowerCase();
      if (name === 'href' || name === 'xlink:href') {
        const value = data.attrValue.trim();
        // Links may go to http(s) pages or within the site; nothing else survives.
        if (!/^(https?:\/\/|\/(?!\/)|\.{1,2}\/|#)/i.test(value)) data.keepAttr = false;
      }
      if (name.startsWith('on')) data.keepAttr = false;
    });
    const clean = purify.sanitize(svg, {
      USE_PROFILES: { svg: true, svgFilters: true },
      ADD_TAGS: ['style'],
      ADD_ATTR: ['target'],
      FORBID_TAGS: ['script', 'foreignObject', 'iframe', 'object', 'embed'],
    });
    return { ok: true as const, svg: withUsedRulesOnly(clean) };
  } catch (error) {
    const err = error as { message?: string; hash?: { loc?: { first_line?: number }; line?: number } };
    const message = String(err.message ?? error);
    const fromHash = err.hash?.loc?.first_line ?? (err.hash?.line !== undefined ? err.hash.line + 1 : undefined);
    const fromText = /line (\d+)/i.exec(message)?.[1];
    document.body.innerHTML = '';
    return { ok: false as const, message, line: fromHash ?? (fromText ? Number(fromText) : undefined) };
  }
}

/**
 * Runs inside the page once: Mermaid cuts a word wider than its wrap width into graphemes
 * with Intl.Segmenter (its only use of it), which broke `pg_basebackup` and hostnames in
 * two. One segment per word keeps every word whole: labels wrap only at spaces and `<br/>`.
 */
function keepWordsWhole() {
  (Intl as { Segmenter: unknown }).Segmenter = class {
    segment(text: string) {
      return [{ segment: text }];
    }
  };
}

/** Runs inside the page once: every face of the diagram font decoded before Mermaid measures text. */
async function loadFonts() {
  await Promise.all([...document.fonts].map((face) => face.load()));
}

/** A pool of pages, each with Mermaid loaded once, rendering one diagram at a time. */
export class MermaidRenderer {
  private readonly browser: Browser;
  private readonly idle: Page[];
  private readonly waiting: ((page: Page) => void)[] = [];

  private constructor(browser: Browser, pages: Page[]) {
    this.browser = browser;
    this.idle = pages;
  }

  static async start(pages = Math.max(1, os.availableParallelism())): Promise<MermaidRenderer> {
    const browser = await launchChromium();
    try {
      const opened = await Promise.all(
        Array.from({ length: pages }, async () => {
          const page = await browser.newPage();
          // Nothing leaves the machine while rendering.
          await page.route('**/*', (route) => (route.request().url().startsWith('data:') ? route.continue() : route.abort()));
          await page.setContent('<!doctype html><html><body></body></html>');
          await page.addStyleTag({ content: fontFaceCss() });
          await page.evaluate(loadFonts);
          await page.evaluate(keepWordsWhole);
          await page.addScriptTag({ path: MERMAID_SCRIPT });
          await page.addScriptTag({ path: PURIFY_SCRIPT });
          return page;
        }),
      );
      return new MermaidRenderer(browser, opened);
    } catch (error) {
      await browser.close();
      throw error;
    }
  }

  async render(id: string, source: string, theme: Theme): Promise<RenderResult> {
    const page = await this.acquire();
    try {
      return await page.evaluate(renderInPage, { id, source, theme: MERMAID_THEME[theme], config: MERMAID_CONFIG });
    } finally {
      this.release(page);
    }
  }

  async close(): Promise<void> {
    await this.browser.close();
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
