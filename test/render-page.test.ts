// The render page's server is Chromium's only proxy: it serves the page's own files, with
// immutable versioned URLs, and refuses everything else, so nothing leaves the machine.
// (Chromium reaches the page only through it: every render test loads the page that way.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import net from 'node:net';
import { RENDER_ORIGIN, scriptOf, serveRenderPage } from '../src/diagrams/render-page.ts';

/** A GET through the proxy, as Chromium sends it: the absolute URL on the request line. */
function viaProxy(proxy: string, url: string): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  const { hostname, port } = new URL(proxy);
  return new Promise((resolve, reject) => {
    http
      .get({ host: hostname, port, path: url, headers: { host: new URL(url).host } }, (response) => {
        let body = '';
        response.on('data', (chunk) => (body += chunk)).on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
      })
      .on('error', reject);
  });
}

test('the render page server answers only its own files, and opens no tunnel', async () => {
  let loads = 0;
  const server = await serveRenderPage({ key: 'k1', load: () => (loads++, 'window.mermaid = {};') });
  try {
    const page = await viaProxy(server.proxy, server.url);
    assert.equal(page.status, 200);
    const scripts = [...page.body.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!);
    assert.deepEqual(scripts.map((s) => s.replace(/-[\w.]+\.js$/, '')), ['/mermaid', '/purify']);
    assert.match(scripts[0]!, /^\/mermaid-k1\.js$/, 'the script URL names its version');

    const script = await viaProxy(server.proxy, `${RENDER_ORIGIN}${scripts[0]}`);
    assert.equal(script.body, 'window.mermaid = {};');
    assert.match(String(script.headers['cache-control']), /immutable/);
    assert.equal(loads, 1, 'the script is read only when asked for');

    for (const url of ['http://example.com/', `${RENDER_ORIGIN}/other.js`, 'http://127.0.0.1:9/']) {
      assert.equal((await viaProxy(server.proxy, url)).status, 403, url);
    }
    const { hostname, port } = new URL(server.proxy);
    const tunnel = await new Promise<string>((resolve) => {
      const socket = net.connect(Number(port), hostname, () => socket.write('CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk)).on('close', () => resolve(answer));
    });
    assert.equal(tunnel, '', 'a CONNECT is closed without an answer');
  } finally {
    await server.close();
  }
});

test('a script given by its text is keyed by its content', () => {
  assert.equal(scriptOf('a').key, scriptOf('a').key);
  assert.notEqual(scriptOf('a').key, scriptOf('b').key);
});
