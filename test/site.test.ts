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
import { PNG } from 'pngjs';
import { edit, makeAtlas, repoRoot, treeDigest } from './helpers.ts';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');
const ENTRY = '/incidents/example-2020-01-01/timeline/';
const HOSTILE = ['/debugging/hostile-diagram/', '/debugging/hostile-sequence/'];
/** Markup that must stay text wherever the site shows a category title. */
const HOSTILE_CATEGORY = "Debugging guides <img src=x onerror=window.__pwned='category'>";

let site: string;
let server: Server;
let origin: string;
let browser: Browser;
let buildOutput: string;

/** A site folder: the fixture atlas plus the hostile entries, built with the real code. */
function buildFixtureSite(): string {
  const dir = makeAtlas();
  cpSync(path.join(repoRoot, 'test/fixtures/hostile'), path.join(dir, 'content/entries/debugging'), { recursive: true });
  // Taxonomy text reaches the sidebar, the category listing and the dashboard's chart.
  edit(dir, 'content/taxonomy.yaml', (t) => t.replace('title: Debugging guides', `title: "${HOSTILE_CATEGORY}"`));
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
    for (const el of document.querySelectorAll('h1 script, main td script, main li script, .sl-markdown-content script, .atlas-meta script, .atlas-figures script, dialog script')) found.push(`script in ${el.parentElement?.tagName}`);
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
  assert.match(await listing.page.locator('main').innerText(), /Hostile diagram <script>window.__pwned = 'title'<\/script>/, 'the hostile title is shown as text');
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
  const html = readFileSync(path.join(site, 'dist/debugging/hostile-diagram/index.html'), 'utf8');
  assert.match(html, /https:\/\/example\.com\/safe/, 'safe click links survive');
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
  rmSync(path.join(site, broken));
  assert.equal(run.status, 1);
  assert.match(run.stderr, /content\/entries\/debugging\/broken-diagram\.md:14:1  mermaid  diagram 1 does not render: Parse error on line 3/);
  assert.match(run.stderr, /dist\/ is unchanged/);
  assert.equal(readFileSync(path.join(site, 'dist/index.html'), 'utf8'), before);
  assert.equal(existsSync(path.join(site, 'dist.building')), false);
});

test('an Astro failure during the site build leaves the previous dist/ byte for byte', () => {
  // Valid for the atlas (the render stage passes), but Astro cannot build it: the image
  // it shows does not exist.
  const entry = 'content/entries/debugging/missing-image.md';
  writeFileSync(
    path.join(site, entry),
    '---\nid: DEB-MISSING-IMAGE\ntitle: Missing image\ndescription: An entry Astro cannot build.\ncategory: debugging\ntags: []\nversion: "1.0"\nstatus: draft\nlast_reviewed: 2026-11-01\nsources: []\nfacts: []\n---\n\n![a picture](./nowhere.png)\n\n```mermaid\nflowchart LR\n    A --> B\n```\n',
  );
  const dist = path.join(site, 'dist');
  const before = treeDigest(dist);
  const run = spawnSync(process.execPath, ['src/site/build.ts'], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ATLAS_ROOT: site, ATLAS_OUT_DIR: dist, ASTRO_TELEMETRY_DISABLED: '1' },
  });
  rmSync(path.join(site, entry));
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /render stage: /, 'the render stage passed, so Astro failed');
  assert.match(run.stderr, /build failed: astro build failed; \S*dist\/ is unchanged/);
  assert.deepEqual(treeDigest(dist), before, 'the staging folder (dist.building) keeps a failed Astro build out of dist/');
  assert.equal(existsSync(path.join(site, 'dist.building')), false);
});
