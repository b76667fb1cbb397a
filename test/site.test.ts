// The built site, driven in real headless Chromium: diagrams, the viewer, themes,
// search, offline behaviour, the hostile set, and an axe-core audit.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../src/diagrams/browser.ts';
import { makeAtlas, repoRoot } from './helpers.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ENTRY = '/incidents/example-2020-01-01/timeline/';
const HOSTILE = ['/debugging/hostile-diagram/', '/debugging/hostile-sequence/'];
const HOSTILE_TITLE = "Hostile diagram &lt;/title&gt;&lt;script&gt;window.__pwned = 'title'&lt;/script&gt; &amp; more";

let site: string;
let server: Server;
let origin: string;
let browser: Browser;
let buildOutput: string;

/** A site folder: the fixture atlas plus the hostile entries, built with the real code. */
function buildFixtureSite(): string {
  const dir = makeAtlas();
  // rejected/ holds entries the schema refuses; they would fail the build (tested below).
  cpSync(path.join(repoRoot, 'test/fixtures/hostile'), path.join(dir, 'content/entries/debugging'), { recursive: true, filter: (src) => !src.includes(`${path.sep}rejected`) });
  const run = spawnSync(process.execPath, ['src/site/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_ROOT: dir, ATLAS_OUT_DIR: path.join(dir, 'dist'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  buildOutput = run.stdout + run.stderr;
  assert.equal(run.status, 0, buildOutput);
  return dir;
}

function serve(root: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm' };
  const s = createServer((req, res) => {
    let file = path.join(root, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      res.writeHead(404).end('not found');
      return;
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve(s)));
}

interface Visit {
  page: Page;
  errors: string[];
  outside: string[];
}

async function open(url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<Visit> {
  const context = await browser.newContext({ colorScheme: options.colorScheme ?? 'light', viewport: { width: 1280, height: 900 } });
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
  server = await serve(path.join(site, 'dist'));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
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
});

test('an entry page shows its diagram and its figures panel, with no console error or outside request', async () => {
  const { page, errors, outside } = await open(ENTRY);
  const svg = page.locator('.atlas-diagram svg');
  assert.equal(await svg.count(), 1);
  await svg.waitFor({ state: 'visible' });
  assert.ok((await svg.boundingBox())!.height > 50);
  assert.match(await page.locator('.atlas-figures').innerText(), /45 minutes[\s\S]*Derived from 10:00 UTC, 10:45 UTC/);
  assert.match(await page.locator('.atlas-gates').innerText(), /3 AM test/);
  assert.ok((await page.locator('.atlas-diagram__viewport').boundingBox())!.height >= 400, 'viewer at least 400px high');
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

test('illustrative figures are visibly marked', async () => {
  const { page } = await open('/costs/example-storage/');
  const row = page.locator('.atlas-fact--illustrative');
  assert.equal(await row.count(), 1);
  assert.match(await row.innerText(), /100 GB\s*Illustrative/i);
});

test('the viewer zooms by keyboard, buttons and Ctrl + wheel, pans by drag, and resets', async () => {
  const { page, errors } = await open(ENTRY);
  const figure = page.locator('[data-diagram]').first();
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  const viewport = figure.locator('.atlas-diagram__viewport');
  const scale = async () => Number(await figure.getAttribute('data-scale'));
  await viewport.focus();
  await page.keyboard.press('+');
  assert.ok((await scale()) > 1, 'plus zooms in');
  await page.keyboard.press('0');
  assert.equal(await scale(), 1, 'zero resets');
  await page.keyboard.press('-');
  assert.ok((await scale()) < 1, 'minus zooms out');
  for (let i = 0; i < 10; i++) await page.keyboard.press('-');
  assert.equal(await scale(), 0.5, 'never below 50%');
  await figure.locator('button[data-action="reset"]').click();
  for (let i = 0; i < 20; i++) await figure.locator('button[data-action="zoom-in"]').click();
  assert.equal(await scale(), 4, 'never above 400%');
  await figure.locator('button[data-action="reset"]').click();

  let box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 300);
  assert.equal(await scale(), 1, 'plain wheel scrolls, does not zoom');
  await viewport.scrollIntoViewIfNeeded();
  box = (await viewport.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.keyboard.down('Control');
  await page.mouse.wheel(0, -300);
  await page.keyboard.up('Control');
  assert.ok((await scale()) > 1, 'Ctrl + wheel zooms');

  const canvas = figure.locator('.atlas-diagram__canvas');
  const before = await canvas.evaluate((el) => getComputedStyle(el).transform);
  await page.mouse.move(box.x + 100, box.y + 100);
  await page.mouse.down();
  await page.mouse.move(box.x + 220, box.y + 160, { steps: 5 });
  await page.mouse.up();
  assert.notEqual(await canvas.evaluate((el) => getComputedStyle(el).transform), before, 'drag pans');

  await figure.locator('button[data-action="fit"]').click();
  assert.ok((await scale()) >= 0.5 && (await scale()) <= 4);
  assert.deepEqual(errors, []);
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
  await page.locator('button[data-action="copy"]').first().click();
  const text = await page.evaluate(() => navigator.clipboard.readText());
  assert.match(text, /^flowchart LR\n\s+A\["10:00 UTC<br\/>DNS change deployed"\] --> B\["Zanzibar resolvers fail"\]/);
});

test('SVG and PNG downloads', async () => {
  const { page } = await open(ENTRY);
  await page.waitForSelector('[data-diagram][data-ready="true"]');
  for (const [action, pattern] of [['svg', /\.svg$/], ['png', /\.png$/]] as const) {
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator(`button[data-action="${action}"]`).first().click()]);
    assert.match(download.suggestedFilename(), pattern);
    const file = await download.path();
    assert.ok(statSync(file).size > 500, `${action} has content`);
  }
  // Downloaded in the dark theme, the file keeps the dark colours.
  const dark = await open(ENTRY, { colorScheme: 'dark' });
  await dark.page.waitForSelector('[data-diagram][data-ready="true"]');
  const [download] = await Promise.all([dark.page.waitForEvent('download'), dark.page.locator('button[data-action="svg"]').first().click()]);
  assert.match(readFileSync(await download.path(), 'utf8'), /^<svg[^>]* data-theme="dark"/);
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

test('the hostile set executes nothing', async () => {
  for (const url of HOSTILE) {
    const { page, errors } = await open(url);
    await page.waitForSelector('[data-diagram]');
    await page.locator('svg').first().hover().catch(() => {});
    for (const node of await page.locator('.atlas-diagram svg g.node, .atlas-diagram svg text, .sl-markdown-content a').all()) {
      await node.click({ timeout: 1000, noWaitAfter: true }).catch(() => {});
    }
    await page.goto(origin + url);
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned), undefined, `${url}: nothing ran`);
    assert.deepEqual(errors.filter((e) => e.startsWith('dialog')), [], `${url}: no dialog`);
    const unsafe = await page.evaluate(() => {
      const found: string[] = [];
      // The site's own bundled viewer script is the only script allowed in main.
      for (const el of document.querySelectorAll('h1 script, .sl-markdown-content script, .atlas-meta script, .atlas-figures script')) found.push(`script in ${el.parentElement?.className}`);
      for (const el of document.querySelectorAll('main *')) {
        for (const attr of el.getAttributeNames()) {
          const value = el.getAttribute(attr) ?? '';
          if (attr.startsWith('on')) found.push(`${el.tagName} ${attr}`);
          if (/href$/.test(attr) && /^\s*javascript:/i.test(value)) found.push(`${el.tagName} ${attr}=${value}`);
        }
      }
      return found;
    });
    assert.deepEqual(unsafe, [], `${url}: no script, handler or javascript: link`);
  }
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

test('a diagram that does not render fails the build at its file and line, and the previous site stays', () => {
  const broken = 'content/entries/debugging/broken-diagram.md';
  writeFileSync(
    path.join(site, broken),
    '---\nid: DEB-BROKEN\ntitle: Broken diagram\ndescription: A diagram Mermaid cannot parse.\ncategory: debugging\ntags: []\nversion: "1.0"\nstatus: draft\nlast_reviewed: 2026-11-01\n---\n\n```mermaid\nflowchart LR\n    A -->|unclosed label B\n```\n',
  );
  const before = readFileSync(path.join(site, 'dist/index.html'), 'utf8');
  const run = spawnSync(process.execPath, ['src/site/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_ROOT: site, ATLAS_OUT_DIR: path.join(site, 'dist'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /content\/entries\/debugging\/broken-diagram\.md:14:1  mermaid  diagram 1 does not render: Parse error on line 3/);
  assert.match(run.stderr, /dist\/ is unchanged/);
  assert.equal(readFileSync(path.join(site, 'dist/index.html'), 'utf8'), before);
  assert.equal(existsSync(path.join(site, 'dist.building')), false);
});

test('the build refuses a title that would close <title>, at its file and line, and the previous site stays', () => {
  const rejected = 'content/entries/debugging/title-breakout.md';
  cpSync(path.join(repoRoot, 'test/fixtures/hostile/rejected/title-breakout.md'), path.join(site, rejected));
  const before = readFileSync(path.join(site, 'dist/index.html'), 'utf8');
  const run = spawnSync(process.execPath, ['src/site/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_ROOT: site, ATLAS_OUT_DIR: path.join(site, 'dist'), ASTRO_TELEMETRY_DISABLED: '1' },
  });
  rmSync(path.join(site, rejected));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /content\/entries\/debugging\/title-breakout\.md:3:1  schema  title: must be plain text without "<" or ">"/);
  assert.equal(readFileSync(path.join(site, 'dist/index.html'), 'utf8'), before);
});
