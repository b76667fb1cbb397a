// The built site, driven in real headless Chromium: diagrams, the viewer, themes,
// search, offline behaviour, the hostile set, and an axe-core audit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { SpawnSyncReturns } from 'node:child_process';
import { cpSync, existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../src/diagrams/browser.ts';
import { PNG } from 'pngjs';
import { buildSite, edit, makeAtlas, repoRoot, serveSite, treeDigest } from './helpers.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ENTRY = '/incidents/example-2020-01-01/timeline/';
const HOSTILE = ['/debugging/hostile-diagram/', '/debugging/hostile-sequence/'];
/** A reviewed entry whose first diagram is wider than a phone and whose second is taller than a screen. */
const VIEWER = '/debugging/reviewed-wide/';
const HOSTILE_TITLE = "Hostile diagram &lt;/title&gt;&lt;script&gt;window.__pwned = 'title'&lt;/script&gt; &amp; more";
/** Markup that must stay text wherever the site shows a category title. */
// Titles are plain text by schema ("<" and ">" are refused), so the markup is written as
// entities: shown escaped, they stay literal; written raw into the page, they would decode.
const HOSTILE_CATEGORY = "Debugging guides &lt;img src=x onerror=window.__pwned='category'&gt; & more";

let site: string;
let server: Server;
let origin: string;
let browser: Browser;
let buildOutput: string;

/** A site folder: the fixture atlas plus the hostile and viewer entries, built with the real code. */
function buildFixtureSite(): string {
  const dir = makeAtlas();
  // rejected/ holds entries the schema refuses; they would fail the build (tested below).
  cpSync(path.join(repoRoot, 'test/fixtures/hostile'), path.join(dir, 'content/entries/debugging'), { recursive: true, filter: (src) => !src.includes(`${path.sep}rejected`) });
  cpSync(path.join(repoRoot, 'test/fixtures/site'), path.join(dir, 'content/entries/debugging'), { recursive: true });
  // Taxonomy text reaches the sidebar, the category listing and the dashboard's chart.
  edit(dir, 'content/taxonomy.yaml', (t) => t.replace('title: Debugging guides', `title: "${HOSTILE_CATEGORY}"`));
  const run = buildSite(dir);
  buildOutput = run.stdout + run.stderr;
  assert.equal(run.status, 0, buildOutput);
  return dir;
}

interface Visit {
  page: Page;
  errors: string[];
  outside: string[];
}

interface OpenOptions {
  colorScheme?: 'light' | 'dark';
  /** A 390 x 844 touch phone instead of a 1280 x 900 desktop. */
  phone?: boolean;
  javaScriptEnabled?: boolean;
}

async function open(url: string, options: OpenOptions = {}): Promise<Visit> {
  const context = await browser.newContext({
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.phone ? { width: 390, height: 844 } : { width: 1280, height: 900 },
    hasTouch: options.phone,
    isMobile: options.phone,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
  });
  const page = await context.newPage();
  const errors: string[] = [];
  const outside: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('dialog', (d) => {
    errors.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  await context.route('**/*', (route) => {
    const u = route.request().url();
    if (u.startsWith(origin) || u.startsWith('data:') || u.startsWith('blob:')) return route.continue();
    outside.push(u);
    return route.abort();
  });
  await page.goto(origin + url);
  return { page, errors, outside };
}

before(async () => {
  site = buildFixtureSite();
  ({ server, origin } = await serveSite(path.join(site, 'dist')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

test('the build renders every diagram into the page as SVG, with no Mermaid runtime', () => {
  assert.match(buildOutput, /render stage: \d+ diagrams x 2 themes/);
  const html = readFileSync(path.join(site, 'dist', ENTRY, 'index.html'), 'utf8');
  assert.match(html, /<figure class="atlas-diagram[^"]*"[^>]*data-diagram/);
  // A flowchart's light and dark renders differ only in colours: one SVG, both stylesheets.
  assert.equal((html.match(/<svg[^>]+aria-roledescription="flowchart/g) ?? []).length, 1, 'one SVG for both themes');
  assert.match(html, /<style>:is\(\[data-theme='dark'\] #m\w+,#m\w+\[data-theme='dark'\]\)\{/);
  // A chart colours its marks inline, so its renders differ beyond the stylesheet: both ship.
  const dashboard = readFileSync(path.join(site, 'dist/dashboard/index.html'), 'utf8');
  assert.match(dashboard, /atlas-diagram__theme--light"><svg[^>]+aria-roledescription="pie"[\s\S]*atlas-diagram__theme--dark"><svg[^>]+aria-roledescription="pie"/);
  assert.doesNotMatch(html, /mermaid\.(min\.)?js|cdn\.jsdelivr/);
  assert.match(dashboard, /<h3 id="reviewed">[\s\S]*<td>Incident anatomies<\/td><td>0 of 1 \(0%\)<\/td><td>0 of 3 \(0%\)<\/td>/);
});

test('an entry page shows its diagram and its figures panel, with no console error or outside request', async () => {
  const { page, errors, outside } = await open(ENTRY);
  const svg = page.locator('.atlas-diagram svg');
  assert.equal(await svg.count(), 1);
  await svg.waitFor({ state: 'visible' });
  assert.ok((await svg.boundingBox())!.height > 50);
  assert.match(await page.locator('.atlas-figures').innerText(), /45 minutes[\s\S]*Derived from 10:00 UTC, 10:45 UTC/);
  // A sourced figure shows the source's words as a quotation beside the source link.
  const quote = page.locator('.atlas-figures tr', { hasText: '10:00 UTC' }).first().locator('blockquote');
  assert.equal(await quote.innerText(), 'At 10:00 UTC a DNS change was deployed.');
  assert.equal(await quote.getAttribute('cite'), 'https://example.com/postmortem');
  assert.match(await page.locator('.atlas-gates').innerText(), /3 AM test/);
  assert.deepEqual(errors, []);
  assert.deepEqual(outside, []);
});

test('the incident response index leads from a symptom to the entries that list it', async () => {
  const { page } = await open('/respond/');
  const row = page.locator('#symptoms-error + table tr', { hasText: 'SERVFAIL from resolvers' });
  assert.equal(await row.count(), 1);
  await row.locator('a').first().click();
  await page.waitForURL(/\/incidents\/example-2020-01-01\/timeline\/$/);
  const back = await open('/respond/');
  assert.match(await back.page.locator('starlight-toc').first().innerText(), /Error messages[\s\S]*Incident anatomies/);
});

test('the incident response index filters as you type, by symptom family, and works without JavaScript', async () => {
  const { page } = await open('/respond/');
  const families = page.locator('[data-symptom-family]');
  assert.ok((await families.count()) >= 2, 'grouped in more than one family');
  assert.match(await page.locator('main').innerText(), /Ctrl K/, 'the hint names the shortcut that opens search');
  assert.equal(await page.locator('main kbd', { hasText: /^\/$/ }).count(), 0, 'no "/" shortcut is promised');
  await page.getByLabel('Filter symptoms').fill('servfail');
  const visible = page.locator('[data-symptom]:visible');
  assert.equal(await visible.count(), 1);
  assert.match(await visible.innerText(), /SERVFAIL from resolvers/);
  assert.equal(await page.locator('[data-symptom-family]:visible').count(), 1, 'families with no match hide');
  assert.match(await page.locator('[data-symptom-filter] output').innerText(), /^1 of \d+ symptoms match$/);
  await page.getByLabel('Filter symptoms').fill('');
  assert.equal(await page.locator('[data-symptom]:visible').count(), await page.locator('[data-symptom]').count());

  const plain = await open('/respond/', { javaScriptEnabled: false });
  assert.equal(await plain.page.locator('[data-symptom-filter]').isVisible(), false, 'no dead filter without JavaScript');
  assert.equal(await plain.page.locator('[data-symptom]:visible').count(), await plain.page.locator('[data-symptom]').count());
});

test('listing pages group entries as the taxonomy says; a category without entries is named, not linked', async () => {
  const { page } = await open('/debugging/');
  const text = await page.locator('main').innerText();
  assert.match(text, /By symptom family[\s\S]*Network, DNS and TLS\s+Fixture: lookups time out[\s\S]*Not yet classified[\s\S]*By technology[\s\S]*coredns\s+Fixture: lookups time out/);
  assert.match(await (await open('/capacity/')).page.locator('main').innerText(), /By resource\s+Memory and cache\s+Fixture: memory for a cache tier/);
  assert.equal(existsSync(path.join(site, 'dist/scaling/index.html')), false, 'no page for a category without entries');
  const home = (await open('/')).page;
  assert.match(await home.locator('main').innerText(), /Scale journeys \(not started: 0 of 80\)/);
  assert.equal(await home.locator('main a', { hasText: 'Scale journeys' }).count(), 0);
  assert.equal(await home.locator('nav a', { hasText: 'Not started yet' }).count(), 1);
});

test('illustrative figures are visibly marked', async () => {
  const { page } = await open('/costs/example-storage/');
  const row = page.locator('.atlas-fact--illustrative');
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /100 GB\s*Illustrative/i);
});

test('the viewer zooms by keyboard, buttons and Ctrl + wheel, shows its zoom level, and resets', async () => {
  const { page, errors } = await open(ENTRY);
  const figure = page.locator('[data-diagram]').first();
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const viewport = figure.locator('.atlas-diagram__viewport');
  const scale = async () => Number(await figure.getAttribute('data-scale'));
  const opening = await scale();
  await viewport.focus();
  await page.keyboard.press('+');
  assert.ok((await scale()) > opening, 'plus zooms in');
  assert.equal(await figure.locator('.atlas-diagram__zoom').innerText(), `${Math.round((await scale()) * 100)}%`, 'the zoom level is shown');
  await page.keyboard.press('0');
  assert.equal(await scale(), opening, 'zero resets');
  await page.keyboard.press('-');
  assert.ok((await scale()) < opening, 'minus zooms out');
  for (let i = 0; i < 10; i++) await page.keyboard.press('-');
  assert.equal(await scale(), 0.5, 'never below 50% (this diagram fits at more)');
  await figure.locator('button[data-action="reset"]').click();
  for (let i = 0; i < 20; i++) await figure.locator('button[data-action="zoom-in"]').click();
  assert.equal(await scale(), 4, 'never above 400%');
  assert.equal(await figure.locator('.atlas-diagram__zoom').innerText(), '400%');
  await figure.locator('button[data-action="reset"]').click();

  let box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  assert.equal(await scale(), opening, 'plain wheel scrolls, does not zoom');
  await viewport.scrollIntoViewIfNeeded();
  box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  assert.ok((await scale()) > opening, 'Ctrl + wheel zooms');
  assert.deepEqual(errors, []);
});

/** Where the drawing's point under (x, y) is, in the drawing's own units. */
async function drawingPointAt(page: Page, index: number, x: number, y: number): Promise<{ x: number; y: number }> {
  return page.evaluate(([i, px, py]) => {
    const svg = document.querySelectorAll<SVGSVGElement>('[data-diagram] svg')[i]!;
    const p = new DOMPoint(px, py).matrixTransform(svg.getScreenCTM()!.inverse());
    return { x: p.x, y: p.y };
  }, [index, x, y] as const);
}

test('every entry page leads with its diagram, under one line that says whether it was reviewed', async () => {
  const pages = readdirSync(path.join(site, 'content/entries'), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.md'))
    .map((f) => `/${f.replace(/\.md$/, '')}/`);
  assert.ok(pages.length >= 7);
  for (const url of pages) {
    const { page } = await open(url);
    const top = await page.locator('.atlas-diagram__viewport').first().evaluate((el) => el.getBoundingClientRect().top);
    // Starts on the first screen at 1280 x 900, with a good part of the drawing showing.
    assert.ok(top <= 900 - 200, `${url}: first diagram starts at ${top}px`);
    const before = await page.locator('.sl-markdown-content > :not(.atlas-meta)').first().evaluate((el) => el.tagName);
    assert.notEqual(before, 'ASIDE', `${url}: no box before the diagram`);
  }
  const review = async (url: string) => (await open(url)).page.locator('.atlas-meta').innerText();
  assert.match(await review(VIEWER), /Reviewed 2026-11-23/);
  assert.match(await review(ENTRY), /Draft: figures not yet second-read/);
  assert.doesNotMatch(await review(ENTRY), /Reviewed/);
  assert.match(await review('/debugging/changed-since-review/'), /Changed since its review on 2026-10-02/);

  const { page } = await open(VIEWER);
  const meta = page.locator('.atlas-meta');
  assert.match(await meta.innerText(), /Symptoms seen \(2\)[\s\S]*v1\.2/);
  await meta.getByRole('link', { name: 'Jump to: What to check first' }).click();
  await page.waitForURL(/#what-to-check-first$/);
  const heading = await page.locator('#what-to-check-first').evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(heading >= 0 && heading < 900, `the section is on screen (${heading}px)`);
});

test('on a phone a wide diagram opens readable in its own sideways scroll area, and a vertical swipe on it scrolls the page', async () => {
  const { page, errors } = await open(VIEWER, { phone: true });
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const frame = page.locator('.atlas-diagram__viewport').first();
  await frame.scrollIntoViewIfNeeded();
  const smallestLabel = await page.evaluate(() => {
    const svg = document.querySelector<SVGSVGElement>('[data-diagram] svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return Math.min(...[...svg.querySelectorAll('text')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale));
  });
  assert.ok(smallestLabel >= 10.9, `labels open at ${smallestLabel}px`);
  const widths = await frame.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
  assert.ok(widths.scroll > widths.client * 2, 'wider than the phone: it scrolls sideways');

  const box = (await frame.boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  const swipe = async (from: { x: number; y: number }, to: { x: number; y: number }) => {
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [from] });
    for (let i = 1; i <= 10; i++) {
      const p = { x: from.x + ((to.x - from.x) * i) / 10, y: from.y + ((to.y - from.y) * i) / 10 };
      await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [p] });
    }
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
    await page.waitForTimeout(300);
  };
  const centre = { x: box.x + box.width / 2, y: box.y + Math.min(box.height, 200) / 2 };
  const pageTop = await page.evaluate(() => window.scrollY);
  await swipe(centre, { x: centre.x, y: centre.y - 150 });
  assert.ok((await page.evaluate(() => window.scrollY)) > pageTop + 50, 'a vertical swipe on the diagram scrolls the page');
  // A swipe can end in a fling: the next one starts once the page stands still, or the
  // fling still in progress takes it.
  await page.waitForFunction(() => new Promise((resolve) => { const y = window.scrollY; setTimeout(() => resolve(window.scrollY === y), 150); }));
  const after = (await frame.boundingBox())!;
  const middle = { x: after.x + after.width / 2, y: after.y + Math.min(after.height, 200) / 2 };
  await swipe(middle, { x: middle.x - 200, y: middle.y });
  assert.ok((await frame.evaluate((el) => el.scrollLeft)) > 50, 'a sideways swipe pans the diagram');
  // Chromium computes pan-x pan-y pinch-zoom as its shorthand.
  assert.equal(await frame.evaluate((el) => getComputedStyle(el).touchAction), 'manipulation', 'pinch stays the browser\'s');
  assert.deepEqual(errors, []);
});

test('label text can be selected; a drag that starts off the text pans', async () => {
  const { page } = await open(VIEWER);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const frame = page.locator('.atlas-diagram__viewport').first();
  // Mermaid wraps this label's host name: its first row reads "service-2.inter".
  const label = page.locator('[data-diagram] svg tspan.row', { hasText: 'service-2.inter' }).first();
  const text = (await label.boundingBox())!;
  await page.mouse.move(text.x + 1, text.y + text.height * 0.75);
  await page.mouse.down();
  await page.mouse.move(text.x + text.width - 1, text.y + text.height * 0.75, { steps: 8 });
  await page.mouse.up();
  assert.match(await page.evaluate(() => String(window.getSelection())), /service-2\.inter/);
  assert.equal(await frame.evaluate((el) => el.scrollLeft), 0, 'selecting did not pan');

  await label.dblclick();
  const word = await page.evaluate(() => String(window.getSelection()));
  assert.ok(word.length > 0 && 'service-2.inter'.includes(word), `double click selects a word of the label (${word})`);

  const box = (await frame.boundingBox())!;
  const empty = { x: box.x + 4, y: box.y + box.height - 4 };
  await page.mouse.move(empty.x + 200, empty.y);
  await page.mouse.down();
  await page.mouse.move(empty.x + 20, empty.y, { steps: 6 });
  await page.mouse.up();
  assert.ok((await frame.evaluate((el) => el.scrollLeft)) > 100, 'a drag on empty space pans');
});

test('keys work once the pointer is over the diagram or it was clicked, not only after tabbing to it', async () => {
  const { page } = await open(ENTRY);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const figure = page.locator('[data-diagram]').first();
  const scale = async () => Number(await figure.getAttribute('data-scale'));
  const opening = await scale();
  await page.keyboard.press('+');
  assert.equal(await scale(), opening, 'a key pressed elsewhere does nothing');
  const box = (await figure.locator('.atlas-diagram__viewport').boundingBox())!;
  await page.mouse.move(box.x + 10, box.y + 10);
  await page.keyboard.press('+');
  assert.ok((await scale()) > opening, 'the pointer over the diagram is enough');
  await page.mouse.click(box.x + 10, box.y + 10);
  await page.mouse.move(5, 5);
  await page.keyboard.press('0');
  assert.equal(await scale(), opening, 'a clicked diagram keeps the keys when the pointer leaves');
  await page.mouse.click(5, 5);
  await page.keyboard.press('+');
  assert.equal(await scale(), opening, 'a click elsewhere hands the keys back to the page');
});

test('Fit shows the whole diagram in its frame and on one screen; zooming keeps the point under the pointer', async () => {
  const { page } = await open(VIEWER);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  for (const index of [0, 1]) {
    const figure = page.locator('[data-diagram]').nth(index);
    await figure.locator('button[data-action="fit"]').click();
    const geometry = await figure.evaluate((el) => {
      const frame = el.querySelector('.atlas-diagram__viewport')!.getBoundingClientRect();
      const svg = el.querySelector('svg')!.getBoundingClientRect();
      return { frame: { left: frame.left, right: frame.right, top: frame.top, bottom: frame.bottom }, svg: { left: svg.left, right: svg.right, top: svg.top, bottom: svg.bottom }, screen: window.innerHeight };
    });
    const { frame, svg } = geometry;
    assert.ok(svg.left >= frame.left - 0.5 && svg.right <= frame.right + 0.5, `diagram ${index}: fits the frame's width`);
    assert.ok(svg.top >= frame.top - 0.5 && svg.bottom <= frame.bottom + 0.5, `diagram ${index}: fits the frame's height`);
    assert.ok(svg.top >= 0 && svg.bottom <= geometry.screen, `diagram ${index}: fits one screen`);
  }
  const tall = page.locator('[data-diagram]').nth(1);
  assert.ok(Number(await tall.getAttribute('data-scale')) < 0.5, 'the tall diagram fits below 50%');

  const frame = page.locator('.atlas-diagram__viewport').first();
  await page.locator('[data-diagram]').first().locator('button[data-action="reset"]').click();
  await frame.scrollIntoViewIfNeeded();
  const box = (await frame.boundingBox())!;
  const pointer = { x: box.x + box.width * 0.7, y: box.y + box.height * 0.6 };
  const before = await drawingPointAt(page, 0, pointer.x, pointer.y);
  await page.mouse.move(pointer.x, pointer.y);
  await page.keyboard.down('Control');
  for (let i = 0; i < 3; i++) await page.mouse.wheel(0, -200);
  await page.keyboard.up('Control');
  assert.ok(Number(await page.locator('[data-diagram]').first().getAttribute('data-scale')) > 1, 'zoomed in');
  const after = await drawingPointAt(page, 0, pointer.x, pointer.y);
  assert.ok(Math.hypot(after.x - before.x, after.y - before.y) < 1, `the point under the pointer stays put (${JSON.stringify({ before, after })})`);
});

test('the toolbar names its buttons by their visible text', async () => {
  const { page } = await open(ENTRY);
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: string, opts: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[]; passes: { id: string; nodes: unknown[] }[] }> } }).axe;
    const result = await axe.run('.atlas-diagram__toolbar', { runOnly: { type: 'rule', values: ['label-content-name-mismatch'] } });
    return { failed: result.violations.flatMap((v) => v.nodes.map((n) => n.target.join(' '))), checked: result.passes.flatMap((p) => p.nodes).length };
  });
  assert.deepEqual(violations.failed, []);
  assert.ok(violations.checked >= 4, `the rule ran on the buttons named apart from their text (${violations.checked})`);
});

test('dark edge labels reach 4.5:1 on an opaque background', async () => {
  const { page } = await open(VIEWER, { colorScheme: 'dark' });
  const label = await page.locator('[data-diagram] svg .edgeLabel', { hasText: 'retry with backoff' }).first().evaluate((el) => {
    const rgb = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const rect = getComputedStyle(el.querySelector('rect')!);
    const text = lum(rgb(getComputedStyle(el.querySelector('text')!).fill));
    const back = lum(rgb(rect.fill));
    return { opacity: Number(rect.opacity), alpha: rgb(rect.fill)[3] ?? 1, ratio: (Math.max(text, back) + 0.05) / (Math.min(text, back) + 0.05) };
  });
  assert.equal(label.opacity * label.alpha, 1, 'the edge does not show through the label');
  assert.ok(label.ratio >= 4.5, `contrast ${label.ratio.toFixed(2)}:1`);
});

test('entry-page JavaScript stays under 60 KB', () => {
  // What the page loads up front: its inline scripts and module scripts with their static
  // imports (Starlight's search UI is fetched on demand, as in the benchmark).
  const dist = path.join(site, 'dist');
  const html = readFileSync(path.join(dist, VIEWER, 'index.html'), 'utf8');
  const files = new Set<string>();
  const collect = (src: string) => {
    const file = path.join(dist, src);
    if (files.has(file)) return;
    files.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(/from\s*"\.\/([^"]+\.js)"|import\s*"\.\/([^"]+\.js)"/g)) collect(path.join(path.dirname(src), m[1] ?? m[2]!));
  };
  for (const m of html.matchAll(/<script[^>]*src="([^"]+)"/g)) collect(m[1]!);
  const inline = [...html.matchAll(/<script(?![^>]*src=)[^>]*>([\s\S]*?)<\/script>/g)].reduce((n, m) => n + Buffer.byteLength(m[1]!), 0);
  const bytes = [...files].reduce((n, f) => n + statSync(f).size, inline);
  assert.ok([...files].some((f) => readFileSync(f, 'utf8').includes('atlas-diagram__viewport')), 'the viewer is counted');
  assert.ok(bytes < 60 * 1024, `${bytes} bytes`);
});

test('F enters fullscreen and Escape leaves it', async () => {
  const { page } = await open(ENTRY);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  await page.locator('.atlas-diagram__viewport').first().focus();
  await page.keyboard.press('f');
  await page.waitForFunction(() => document.fullscreenElement?.matches('[data-diagram]'));
  await page.keyboard.press('Escape');
  await page.waitForFunction(() => document.fullscreenElement === null);
});

test('the copy button copies the Mermaid source', async () => {
  const { page } = await open(ENTRY);
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin });
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const button = page.locator('button[data-action="copy"]').first();
  await button.click();
  assert.equal(await button.innerText(), 'Copied', 'the button confirms');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^flowchart LR\n\s+A\["10:00 UTC<br\/>DNS change deployed"\] --> B\["Zanzibar resolvers fail"\]/);
});

test('SVG and PNG downloads', async () => {
  const { page } = await open(ENTRY);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const [svgDownload] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="svg"]').first().click()]);
  assert.match(svgDownload.suggestedFilename(), /\.svg$/);
  assert.match(readFileSync(await svgDownload.path(), 'utf8'), /^<svg[\s\S]*>Zanzibar<[\s\S]*<\/svg>\s*$/, 'the SVG is the diagram');
  const [pngDownload] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="png"]').first().click()]);
  assert.match(pngDownload.suggestedFilename(), /\.png$/);
  const png = PNG.sync.read(readFileSync(await pngDownload.path()));
  const box = await page.locator('.atlas-diagram svg').first().evaluate((svg) => {
    const { width, height } = (svg as SVGSVGElement).viewBox.baseVal;
    return { width, height };
  });
  assert.ok(png.width >= box.width && png.height >= box.height, `PNG ${png.width}x${png.height} holds the ${box.width}x${box.height} diagram`);
  const ratio = box.width / box.height;
  assert.ok(Math.abs(png.width / png.height - ratio) / ratio < 0.03, `PNG keeps the diagram's proportions: ${png.width}x${png.height} for ${box.width}x${box.height}`);
  // Ink: pixels far from the background colour (the first pixel), as boxes, lines and text draw.
  const background = [...png.data.subarray(0, 3)];
  let ink = 0;
  for (let i = 0; i < png.data.length; i += 4) {
    if (Math.max(...[0, 1, 2].map((c) => Math.abs(png.data[i + c]! - background[c]!))) > 96) ink++;
  }
  const share = ink / (png.width * png.height);
  assert.ok(share > 0.01 && share < 0.9, `PNG shows the diagram: ${(share * 100).toFixed(1)}% of pixels are ink`);
  // Downloaded in the dark theme, the file keeps the dark colours.
  const dark = await open(ENTRY, { colorScheme: 'dark' });
  await dark.page.waitForSelector('[data-diagram][data-ready="true"]');
  const [download] = await Promise.all([dark.page.waitForEvent('download'), dark.page.locator('button[data-action="svg"]').first().click()]);
  const file = readFileSync(await download.path(), 'utf8');
  assert.match(file, /^<svg[^>]* data-theme="dark"/);
  // Its own background: light text on a transparent file is unreadable in a light viewer.
  const darkBackground = /^<svg[^>]* style="background-color: rgb\((\d+), (\d+), (\d+)\)/.exec(file);
  assert.ok(darkBackground && darkBackground.slice(1).every((c) => Number(c) < 60), `dark background in the file: ${file.slice(0, 300)}`);
});

/** The relative luminance of the computed stroke of a diagram's first edge. */
async function edgeLuminance(page: Page): Promise<number> {
  const stroke = await page.locator('.atlas-diagram svg .flowchart-link').first().evaluate((el) => getComputedStyle(el).stroke);
  const [r, g, b] = (stroke.match(/\d+/g) ?? []).map(Number) as [number, number, number];
  return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
}

test('switching to the dark theme shows the dark diagram', async () => {
  const { page } = await open(ENTRY);
  assert.ok((await edgeLuminance(page)) < 0.4, 'dark lines on the light theme');
  await page.selectOption('starlight-theme-select select', 'dark');
  assert.ok((await edgeLuminance(page)) > 0.6, 'light lines on the dark theme');
  const dark = await open(ENTRY, { colorScheme: 'dark' });
  assert.ok((await edgeLuminance(dark.page)) > 0.6, 'a dark system preference starts dark');
  // Where both variants ship, the theme picks which one shows.
  const charts = await open('/dashboard/', { colorScheme: 'dark' });
  await charts.page.locator('.atlas-diagram__theme--dark svg').first().waitFor({ state: 'visible' });
  assert.equal(await charts.page.locator('.atlas-diagram__theme--light svg').first().isVisible(), false);
});

test('search finds a phrase that appears only inside a diagram', async () => {
  const source = readFileSync(path.join(site, 'content/entries/incidents/example-2020-01-01/timeline.md'), 'utf8');
  const body = source.replace(/```mermaid[\s\S]*?```/g, '');
  assert.doesNotMatch(body, /Zanzibar/, 'the phrase is only in the diagram');
  const { page, outside } = await open('/');
  await page.locator('button[data-open-modal]').first().click();
  await page.locator('dialog input').first().fill('Zanzibar');
  const result = page.locator('dialog a[href*="example-2020-01-01/timeline"]').first();
  await result.waitFor({ state: 'visible', timeout: 15000 });
  assert.deepEqual(outside, []);
});

/** Nothing hostile ran or was injected: checked on the live page, never after a reload. */
async function assertHarmless({ page, errors }: Visit, where: string): Promise<void> {
  // A click on a safe link may be navigating: check the page it lands on.
  const evaluate = async <T>(fn: () => T): Promise<T> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await page.evaluate(fn);
      } catch (error) {
        if (attempt > 3 || !/context was destroyed|navigat/i.test(String(error))) throw error;
        await page.waitForLoadState('load');
      }
    }
  };
  assert.equal(await evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, `${where}: hostile text ran as code`);
  assert.deepEqual(errors.filter((e) => e.startsWith('dialog')), [], `${where}: a dialog opened`);
  const unsafe = await evaluate(() => {
    const found: string[] = [];
    // The site's own bundled scripts are the only scripts; none sits inside shown text.
    // (Expressive Code, which frames the entries' code blocks, places its bundled module next to them.)
    const bundled = (el: Element) => el.getAttribute('type') === 'module' && /\/_astro\/[\w.-]+\.js$/.test(el.getAttribute('src') ?? '');
    for (const el of document.querySelectorAll('h1 script, main td script, main li script, .sl-markdown-content script, .atlas-meta script, .atlas-figures script, dialog script')) {
      if (!bundled(el)) found.push(`script in ${el.parentElement?.tagName}`);
    }
    for (const el of document.querySelectorAll('body *')) {
      for (const attr of el.getAttributeNames()) {
        const value = el.getAttribute(attr) ?? '';
        if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
        if (/href$/.test(attr) && /^\s*javascript:/i.test(value)) found.push(`${el.tagName} ${attr}=${value}`);
      }
    }
    // Hostile markup shown as markup, even where nothing fired (yet).
    for (const el of document.querySelectorAll('img[src="x"], b[onmouseover], b[onclick], svg[onload]')) found.push(`injected ${el.outerHTML.slice(0, 80)}`);
    return found;
  });
  assert.deepEqual(unsafe, [], `${where}: no injected element, handler or javascript: link`);
}

/** Hovers and clicks everything a reader can reach, checking the page after each. */
async function pokeEverything(visit: Visit, url: string, selector: string): Promise<void> {
  const { page } = visit;
  await assertHarmless(visit, url);
  const count = await page.locator(selector).count();
  for (let i = 0; i < count; i++) {
    const node = page.locator(selector).nth(i);
    await node.hover({ timeout: 1000 }).catch(() => {});
    await node.click({ timeout: 1000, noWaitAfter: true }).catch(() => {});
    await page.waitForLoadState().catch(() => {});
    await assertHarmless(visit, `${url}, after clicking ${selector} #${i}`);
    // A safe link led elsewhere: that page was just checked; come back for the rest.
    if (new URL(page.url()).pathname !== url) await page.goto(origin + url);
  }
}

test('the hostile set executes nothing, on its pages and on every page that shows its text', async () => {
  for (const url of HOSTILE) {
    const visit = await open(url);
    await visit.page.waitForSelector('[data-diagram]');
    await pokeEverything(visit, url, '.atlas-diagram svg g.node, .atlas-diagram svg text, .sl-markdown-content a, .atlas-figures *, .atlas-meta *');
  }
  const respond = await open('/respond/');
  assert.match(await respond.page.locator('main').innerText(), /<img src=x onerror="window.__pwned='symptom'">/, 'the hostile symptom is shown as text');
  await pokeEverything(respond, '/respond/', 'main td, main a');
  const listing = await open('/debugging/');
  assert.ok((await listing.page.locator('main').innerText()).includes(HOSTILE_TITLE), 'the hostile title is shown as text, its entities unresolved');
  await pokeEverything(listing, '/debugging/', 'main li, main a, nav a');
  const dashboard = await open('/dashboard/');
  assert.ok((await dashboard.page.locator('main').innerText()).includes(HOSTILE_CATEGORY), 'the hostile category title is shown as text');
  await pokeEverything(dashboard, '/dashboard/', 'main td, .atlas-diagram svg text');

  // Search results (Pagefind UI) show titles and excerpts of the hostile entries.
  const search = await open('/');
  await search.page.locator('button[data-open-modal]').first().click();
  for (const query of ['hostile', 'diagram']) {
    await search.page.locator('dialog input').first().fill(query);
    await search.page.locator('dialog a[href*="hostile"]').first().waitFor({ state: 'visible', timeout: 15000 });
    await assertHarmless(search, `search results for "${query}"`);
    for (const result of await search.page.locator('dialog a[href*="hostile"], dialog mark').all()) {
      await result.hover({ timeout: 1000 }).catch(() => {});
      await assertHarmless(search, `search results for "${query}", after hovering a result`);
    }
  }
  // A quote is text, never markup.
  const sequence = await open(HOSTILE[1]!);
  assert.match(await sequence.page.locator('.atlas-figures blockquote').innerText(), /^<img src=x onerror="window.__pwned='quote'"> replied in 7 ms <script>/);
  const html = readFileSync(path.join(site, 'dist/debugging/hostile-diagram/index.html'), 'utf8');
  assert.match(html, /https:\/\/example\.com\/safe/, 'safe click links survive');
  // Starlight writes <title> raw; the route middleware escapes it, so entities stay text.
  const { page } = await open(HOSTILE[0]!);
  assert.equal(await page.title(), `${HOSTILE_TITLE} | Production Atlas`);
  assert.doesNotMatch(html, /<script>window\.__pwned/, 'no script element from the entry');
});

test('a state-changing step marked > [!CAUTION] renders as a Starlight aside that stands out in both themes', async () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    const { page } = await open(ENTRY, { colorScheme });
    const aside = page.locator('aside.starlight-aside--danger');
    assert.equal(await aside.count(), 1);
    assert.match(await aside.innerText(), /Changes state\.[\s\S]*Safeguard:[\s\S]*Undo:[\s\S]*systemctl reload named/);
    assert.doesNotMatch(await page.locator('.sl-markdown-content').innerText(), /\[!CAUTION\]/, 'the marker itself is not shown');
    const [asideBg, pageBg] = await Promise.all([aside.evaluate((el) => getComputedStyle(el).backgroundColor), page.evaluate(() => getComputedStyle(document.body).backgroundColor)]);
    assert.notEqual(asideBg, pageBg, `${colorScheme}: the aside has its own background`);
  }
});

test('axe finds no serious or critical violation on home, an entry and the dashboard', async () => {
  for (const url of ['/', ENTRY, '/dashboard/']) {
    const { page } = await open(url);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
      // Starlight's own search button names itself "Search" while also showing its shortcut
      // ("Ctrl K"); that upstream markup is the one finding of this rule, so it is not run.
      const result = await axe.run(document, { resultTypes: ['violations'], rules: { 'label-content-name-mismatch': { enabled: false } } });
      return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
    });
    assert.deepEqual(violations, [], url);
  }
});

/** Builds the fixture site with one more entry, which must fail the build: the previous dist/ stays byte for byte and no staging folder is left. */
function buildFailingWith(entry: string, text: string): SpawnSyncReturns<string> {
  const dist = path.join(site, 'dist');
  const before = treeDigest(dist);
  writeFileSync(path.join(site, entry), text);
  const run = buildSite(site);
  rmSync(path.join(site, entry));
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.deepEqual(treeDigest(dist), before, 'the staging folder (dist.building) keeps a failed build out of dist/');
  assert.equal(existsSync(path.join(site, 'dist.building')), false);
  return run;
}

test('a diagram that does not render fails the build at its file and line, and the previous site stays', () => {
  const run = buildFailingWith(
    'content/entries/debugging/broken-diagram.md',
    '---\nid: DEB-BROKEN\ntitle: Broken diagram\ndescription: A diagram Mermaid cannot parse.\ncategory: debugging\ntags: []\nversion: "1.0"\nstatus: draft\nlast_reviewed: 2026-11-01\n---\n\n```mermaid\nflowchart LR\n    A -->|unclosed label B\n```\n',
  );
  assert.match(run.stderr, /content\/entries\/debugging\/broken-diagram\.md:14:1  mermaid  diagram 1 does not render: Parse error on line 3/);
  assert.match(run.stderr, /dist\/ is unchanged/);
});

test('the build refuses a title that would close <title>, at its file and line, and the previous site stays', () => {
  const run = buildFailingWith(
    'content/entries/debugging/title-breakout.md',
    readFileSync(path.join(repoRoot, 'test/fixtures/hostile/rejected/title-breakout.md'), 'utf8'),
  );
  assert.match(run.stderr, /content\/entries\/debugging\/title-breakout\.md:3:1  schema  title: must be plain text without "<" or ">"/);
});

test('an Astro failure during the site build leaves the previous dist/ byte for byte', () => {
  // Valid for the atlas (the render stage passes), but Astro cannot build it: the image
  // it shows does not exist.
  const run = buildFailingWith(
    'content/entries/debugging/missing-image.md',
    '---\nid: DEB-MISSING-IMAGE\ntitle: Missing image\ndescription: An entry Astro cannot build.\ncategory: debugging\ntags: []\nversion: "1.0"\nstatus: draft\nlast_reviewed: 2026-11-01\nsources: []\nfacts: []\n---\n\n![a picture](./nowhere.png)\n\n```mermaid\nflowchart LR\n    A --> B\n```\n',
  );
  assert.match(run.stderr, /render stage: /, 'the render stage passed, so Astro failed');
  assert.match(run.stderr, /build failed: astro build failed; \S*dist\/ is unchanged/);
});
