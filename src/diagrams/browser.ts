// Real Mermaid in headless Chromium: the one renderer behind validation and the site.
// Debian's Chromium is driven through playwright-core; no browser is ever downloaded.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import os from 'node:os';
import type { Browser, Page } from 'playwright-core';

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
  fontFamily: 'ui-sans-serif, system-ui, "DejaVu Sans", Arial, sans-serif',
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

interface RenderRequest {
  id: string;
  source: string;
  theme: string;
  config: typeof MERMAID_CONFIG;
}

/** Runs inside the page: render with Mermaid, then sanitise the SVG (sanitizeInPage). */
async function renderInPage({ id, source, theme, config }: RenderRequest) {
  const w = window as unknown as {
    mermaid: { initialize(c: object): void; render(id: string, t: string): Promise<{ svg: string }> };
    atlasSanitize(svg: string): string;
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
    return { ok: true as const, svg: withUsedRulesOnly(w.atlasSanitize(svg)) };
  } catch (error) {
    const err = error as { message?: string; hash?: { loc?: { first_line?: number }; line?: number } };
    const message = String(err.message ?? error);
    const fromHash = err.hash?.loc?.first_line ?? (err.hash?.line !== undefined ? err.hash.line + 1 : undefined);
    const fromText = /line (\d+)/i.exec(message)?.[1];
    document.body.innerHTML = '';
    return { ok: false as const, message, line: fromHash ?? (fromText ? Number(fromText) : undefined) };
  }
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
          await page.addScriptTag({ path: MERMAID_SCRIPT });
          await page.addScriptTag({ path: PURIFY_SCRIPT });
          await page.evaluate(`window.atlasSanitize = (svg) => (${sanitizeInPage})(svg, ${JSON.stringify(SAFE_LINK.source)})`);
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
