// The page Mermaid renders in, served by a small HTTP server on loopback that Chromium uses
// as its only proxy: every request the page makes comes here, and anything but the page's
// own files is refused, so nothing leaves the machine. The files have versioned, immutable
// URLs on a fixed origin, so a persistent profile's HTTP cache keeps them and V8's code
// cache keeps the compiled Mermaid between runs: a warm start neither reads, patches nor
// compiles the 5 MB script again.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { FONT_PACKAGE, inlineFontFaceCss } from './font.ts';

const require = createRequire(import.meta.url);
export const PURIFY_SCRIPT = require.resolve('dompurify/dist/purify.min.js');
const FONT_VERSION: string = require(`${FONT_PACKAGE}/package.json`).version;

/** The page's fixed origin: `.invalid` never resolves, so only this server answers it. */
export const RENDER_ORIGIN = 'http://atlas-render.invalid';

/** A script the page loads: `key` names its content in its URL, `load` reads it on a cache miss. */
export interface PageScript {
  key: string;
  load(): string;
}

/** A script given by its text, keyed by its hash. */
export function scriptOf(text: string): PageScript {
  return { key: createHash('sha256').update(text).digest('hex').slice(0, 16), load: () => text };
}

/**
 * Runs inside the page before Mermaid loads: Mermaid cuts a word wider than its wrap width
 * into graphemes with Intl.Segmenter (its only use of it), which broke `pg_basebackup` and
 * hostnames in two. One segment per word keeps every word whole: labels wrap only at
 * spaces and `<br/>`.
 */
function keepWordsWhole() {
  (Intl as { Segmenter: unknown }).Segmenter = class {
    segment(text: string) {
      return [{ segment: text }];
    }
  };
}

export interface RenderPageServer {
  /** The `--proxy-server` value that sends all of Chromium's traffic here. */
  proxy: string;
  /** The render page. */
  url: string;
  close(): Promise<void>;
}

export async function serveRenderPage(mermaid: PageScript): Promise<RenderPageServer> {
  const purify = scriptOf(readFileSync(PURIFY_SCRIPT, 'utf8'));
  const files = new Map<string, { type: string; body: () => string }>([
    [`/font-${FONT_VERSION}.css`, { type: 'text/css', body: inlineFontFaceCss }],
    [`/mermaid-${mermaid.key}.js`, { type: 'text/javascript', body: () => mermaid.load() }],
    [`/purify-${purify.key}.js`, { type: 'text/javascript', body: purify.load }],
  ]);
  const [fontUrl, mermaidUrl, purifyUrl] = [...files.keys()];
  const page = `<!doctype html><html><head><link rel="stylesheet" href="${fontUrl}"><script>(${keepWordsWhole})()</script><script src="${mermaidUrl}"></script><script src="${purifyUrl}"></script></head><body></body></html>`;
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', RENDER_ORIGIN);
    const file = url.origin === RENDER_ORIGIN ? files.get(url.pathname) : undefined;
    if (url.origin === RENDER_ORIGIN && url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html', 'cache-control': 'no-store' }).end(page);
    } else if (file) {
      response.writeHead(200, { 'content-type': file.type, 'cache-control': 'public, max-age=31536000, immutable' }).end(file.body());
    } else {
      response.writeHead(403, { 'cache-control': 'no-store' }).end();
    }
  });
  // HTTPS and WebSocket tunnels are never opened.
  server.on('connect', (_request, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    proxy: `http://127.0.0.1:${port}`,
    url: `${RENDER_ORIGIN}/`,
    close: () => {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      return closed;
    },
  };
}
