// Diagrams as ways into the atlas, in the built site in real headless Chromium: node
// links by pointer and keyboard, a drag that never follows one, links the build adds for
// named subjects (and `%% atlas: nolink`), figures that show their provenance, links in
// the diagram text and in SVG downloads, and "Linked from".
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { cpSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../src/diagrams/browser.ts';
import { buildSite, makeAtlas, repoRoot, serveSite } from './helpers.ts';

const GUIDE = '/debugging/linked-diagram/';
const TIMELINE = '/incidents/example-2020-01-01/timeline/';
const HUB = '/guarantees/linearizability/';

let site: string;
let server: Server;
let origin: string;
let browser: Browser;

before(async () => {
  site = makeAtlas();
  cpSync(path.join(repoRoot, 'test/fixtures/site-links'), path.join(site, 'content/entries/debugging'), { recursive: true });
  const run = buildSite(site);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  ({ server, origin } = await serveSite(path.join(site, 'dist')));
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  server?.close();
});

async function open(url: string, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ colorScheme, viewport: { width: 1280, height: 900 }, acceptDownloads: true });
  const page = await context.newPage();
  await page.goto(origin + url);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  return page;
}

const nodeLink = (page: Page, href: string) => page.locator(`.atlas-diagram svg a.atlas-node-link[href="${href}"]`);

/** A point on the node's shape, off its label: where a reader clicks a box. */
async function edgeOfNode(page: Page, href: string): Promise<{ x: number; y: number }> {
  const box = (await nodeLink(page, href).boundingBox())!;
  return { x: box.x + 4, y: box.y + box.height / 2 };
}

/** Presses Tab until the focused element matches `selector`; fails after 40 presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  await page.locator('.atlas-diagram__viewport').first().focus();
  for (let i = 0; i < 40; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((s) => document.activeElement?.matches(s) ?? false, selector)) return;
  }
  assert.fail(`Tab never reached ${selector}`);
}

test('the build links named subjects once per diagram, skips nolink nodes, and adopts the author\'s click link', async () => {
  const html = readFileSync(path.join(site, 'dist', GUIDE, 'index.html'), 'utf8');
  const page = await open(GUIDE);
  const linked = await page.locator('.atlas-diagram svg g[data-linked]').evaluateAll((nodes) =>
    nodes.map((n) => [/-flowchart-(\w+)-/.exec(n.id)?.[1], n.querySelector('a')?.getAttribute('href')]),
  );
  // B names linearizability but says nolink; D is the next to name it; E is the same subject again.
  assert.deepEqual(linked, [['C', TIMELINE], ['D', HUB]]);
  // The diagram text lists the labels, the linked ones as links.
  const text = page.locator('.atlas-diagram__text p').first();
  assert.equal(await text.locator(`a[href="${TIMELINE}"]`).textContent(), 'Example outage: 45 minutes');
  assert.equal(await text.locator(`a[href="${HUB}"]`).textContent(), 'Linearizability once more');
  assert.doesNotMatch(html, /xlink:href/, 'every link is rewritten to a site path');
});

test('clicking a linked node lands on its page', async () => {
  const page = await open(GUIDE);
  const at = await edgeOfNode(page, TIMELINE);
  await Promise.all([page.waitForURL(origin + TIMELINE), page.mouse.click(at.x, at.y)]);
  assert.equal(new URL(page.url()).pathname, TIMELINE);
});

test('a node link is reached with Tab, shows a focus ring, and Enter follows it', async () => {
  for (const scheme of ['light', 'dark'] as const) {
    const page = await open(GUIDE, scheme);
    await tabTo(page, `a.atlas-node-link[href="${TIMELINE}"]`);
    const ring = await page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { outline: style.outlineStyle, width: parseFloat(style.outlineWidth), color: style.outlineColor };
    });
    assert.equal(ring.outline, 'solid', `${scheme}: a visible focus ring`);
    assert.ok(ring.width >= 2, `${scheme}: ring width ${ring.width}`);
    if (scheme === 'light') {
      await Promise.all([page.waitForURL(origin + TIMELINE), page.keyboard.press('Enter')]);
      assert.equal(new URL(page.url()).pathname, TIMELINE);
    }
  }
});

test('a drag that starts on a linked node pans and never follows the link', async () => {
  const page = await open(GUIDE);
  const at = await edgeOfNode(page, TIMELINE);
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x - 60, at.y, { steps: 6 });
  await page.mouse.move(at.x - 120, at.y + 10, { steps: 6 });
  await page.mouse.up();
  await page.waitForTimeout(300);
  assert.equal(new URL(page.url()).pathname, GUIDE);
});

test('a figure is focusable and shows what it measures, its source and quote; Escape hides it', async () => {
  const page = await open(GUIDE);
  await tabTo(page, '.atlas-figure');
  const popover = page.locator('.atlas-figure-popover');
  await popover.waitFor({ state: 'visible' });
  const shown = await popover.innerText();
  assert.match(shown, /45 minutes/);
  assert.match(shown, /How long the example outage lasted/);
  assert.match(shown, /The outage lasted 45 minutes\./);
  assert.equal(await popover.locator('a[href="https://example.com/postmortem"]').count(), 1, 'a link to the source');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-describedby')), 'atlas-figure-popover');
  await page.keyboard.press('Escape');
  await popover.waitFor({ state: 'hidden' });
  // Enter shows it again; hovering another page element and clicking away hides it.
  await page.keyboard.press('Enter');
  await popover.waitFor({ state: 'visible' });
  await page.mouse.click(5, 5);
  await popover.waitFor({ state: 'hidden' });
  // Hover shows it too.
  await page.locator('.atlas-figure').first().hover();
  await popover.waitFor({ state: 'visible' });
});

test('an SVG download keeps the node links, as absolute URLs', async () => {
  const page = await open(GUIDE);
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('button[data-action="svg"]').first().click()]);
  const file = readFileSync(await download.path(), 'utf8');
  assert.ok(file.includes(`href="${origin}${TIMELINE}"`), 'the author\'s link, absolute');
  assert.ok(file.includes(`href="${origin}${HUB}"`), 'the named subject\'s link, absolute');
});

test('an entry page lists the entries whose text or diagrams link to it', async () => {
  const page = await open(TIMELINE);
  const section = page.locator('.atlas-linked-from');
  assert.deepEqual(await section.locator('a').evaluateAll((as) => as.map((a) => [a.textContent, a.getAttribute('href')])), [
    ['A guide whose diagram leads into the atlas', GUIDE],
    ['Fixture: lookups time out', '/debugging/example-dns-timeouts/'],
  ]);
  const guide = await open(GUIDE);
  assert.match(await guide.locator('.atlas-linked-from').innerText(), /No other entry links here yet/);
});
