// The warm renderer (src/diagrams/render-server.ts): the real CLI in real Chromium, with
// the background server it starts. Every test stops the servers it started and checks
// that their process and browser are gone, so nothing outlives the suite.
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { rendererKey, renderServerAllowed, serverSocket, stopRenderServer } from '../src/diagrams/render-server.ts';
import { edit, makeAtlas, repoRoot, TIMELINE, type Run } from './helpers.ts';

const WARM = /\(0 from cache, rendered by the warm renderer\): 0 findings/;

/** `atlas validate ARGS` with the warm renderer allowed, killed if it takes longer than `ms`. */
function validate(dir: string, cache: string, args: string[], env: Record<string, string> = {}, ms = 180_000): Promise<Run> {
  const child = spawn(process.execPath, [path.join(repoRoot, 'bin', 'atlas.ts'), 'validate', ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ATLAS_CACHE_DIR: cache, ATLAS_RENDER_SERVER: '1', ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const timer = setTimeout(() => child.kill('SIGKILL'), ms);
  return new Promise((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, stdout, stderr });
    }),
  );
}

/** What the server at `socket` says in answer to hello, within two seconds. */
function hello(socket: string): Promise<{ key: string; pid: number } | undefined> {
  return new Promise((resolve) => {
    const connection = net.connect(socket);
    const done = (reply?: { key: string; pid: number }) => (connection.destroy(), resolve(reply));
    const timer = setTimeout(done, 2000);
    connection.on('error', () => (clearTimeout(timer), done()));
    connection.on('connect', () => connection.write(`${JSON.stringify({ n: 0, type: 'hello' })}\n`));
    createInterface({ input: connection }).once('line', (line) => (clearTimeout(timer), done(JSON.parse(line))));
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** Processes whose command line names `dir`: a server, and the Chromium it runs with its profile there. */
const processesUsing = (dir: string) =>
  spawnSync('ps', ['-eo', 'pid=,args='], { encoding: 'utf8' })
    .stdout.split('\n')
    .filter((line) => line.includes(dir));

async function until(what: string, done: () => boolean, ms = 60_000): Promise<void> {
  for (const deadline = Date.now() + ms; !done(); await new Promise((wake) => setTimeout(wake, 200))) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
  }
}

/** A render cache of its own (so a server of its own); its server is stopped when the test ends. */
/** A stand-in render server: records each request's type and answers with `answer`. */
function fakeServer(answer: (type: string, close: () => void) => object): { server: net.Server; asked: string[] } {
  const asked: string[] = [];
  const server = net.createServer((connection) =>
    createInterface({ input: connection }).on('line', (line) => {
      const request = JSON.parse(line) as { n: number; type: string };
      asked.push(request.type);
      connection.write(`${JSON.stringify({ n: request.n, ...answer(request.type, () => server.close()) })}\n`);
    }),
  );
  return { server, asked };
}

function serverCache(t: TestContext): { cache: string; socket: string } {
  const cache = mkdtempSync(path.join(os.tmpdir(), 'atlas-warm-cache-'));
  t.after(async () => {
    await stopRenderServer(cache);
    await until(`no process uses ${cache}`, () => processesUsing(cache).length === 0);
  });
  return { cache, socket: serverSocket(cache)! };
}

/** Every SVG in a render cache, by file name. */
const svgs = (cache: string) =>
  Object.fromEntries(
    readdirSync(cache)
      .filter((f) => f.endsWith('.svg'))
      .map((f) => [f, readFileSync(path.join(cache, f), 'utf8')]),
  );

test('ATLAS_RENDER_SERVER decides; without it, CI turns the warm renderer off', () => {
  assert.equal(renderServerAllowed({}), true);
  assert.equal(renderServerAllowed({ CI: 'true' }), false);
  assert.equal(renderServerAllowed({ CI: 'true', ATLAS_RENDER_SERVER: '1' }), true);
  assert.equal(renderServerAllowed({ ATLAS_RENDER_SERVER: '0' }), false);
});

test('validate FILE starts the warm renderer; the next run renders a changed diagram through it, byte for byte as in-process', { timeout: 600_000 }, async (t) => {
  const dir = makeAtlas();
  const { cache, socket } = serverCache(t);

  const first = await validate(dir, cache, [TIMELINE]);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stderr, WARM);
  const server = await hello(socket);
  assert.equal(server?.key, rendererKey(), 'a server of this renderer is running');
  assert.equal(statSync(socket).mode & 0o077, 0, 'no one else may connect to its socket');

  edit(dir, TIMELINE, (text) => text.replace('change reverted', 'change rolled back'));
  const second = await validate(dir, cache, ['--json', TIMELINE]);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(JSON.parse(second.stdout).diagrams, { rendered: 1, renders: 1, cached: 0, failed: 0, warm: true });
  assert.equal((await hello(socket))?.pid, server.pid, 'the same server rendered it');

  // The same diagram rendered in-process, as under CI: the same bytes. (Its cache too is
  // one whose server the test stops: where CI did not turn the server off, one starts.)
  const inProcess = serverCache(t).cache;
  const local = await validate(dir, inProcess, [TIMELINE], { CI: 'true', ATLAS_RENDER_SERVER: '' });
  assert.equal(local.code, 0, local.stderr);
  assert.match(local.stderr, /\(0 from cache\): 0 findings/, 'rendered in-process');
  const [[file, svg]] = Object.entries(svgs(inProcess)) as [[string, string]];
  assert.match(svg, /rolled/, 'the changed diagram');
  assert.equal(svgs(cache)[file], svg);
  assert.ok(!existsSync(serverSocket(inProcess)!), 'no server under CI');
});

test('a server of another renderer is asked to exit and replaced, never used', { timeout: 600_000 }, async (t) => {
  const dir = makeAtlas();
  const { cache, socket } = serverCache(t);
  const { server: stale, asked } = fakeServer((type, close) => {
    if (type === 'hello') return { key: 'an older renderer', pid: process.pid };
    if (type === 'exit') return (close(), { bye: true });
    return { results: [['light', { ok: true, svg: '<svg>stale</svg>' }]], renders: 1 };
  });
  await new Promise<void>((listening) => stale.listen(socket, listening));
  t.after(() => stale.close(() => {}));

  const run = await validate(dir, cache, [TIMELINE]);
  assert.equal(run.code, 0, run.stderr);
  assert.deepEqual(asked, ['hello', 'exit'], 'the stale server renders nothing');
  assert.match(run.stderr, WARM);
  const server = await hello(socket);
  assert.equal(server?.key, rendererKey());
  assert.notEqual(server.pid, process.pid, 'a new server took its place');
});

test('a socket of another user is neither used nor removed', { timeout: 600_000, skip: process.getuid?.() !== 0 && 'needs root, to give the socket to another user' }, async (t) => {
  const dir = makeAtlas();
  const { cache, socket } = serverCache(t);
  const { server: foreign, asked } = fakeServer((type) =>
    type === 'hello' ? { key: rendererKey(), pid: process.pid } : { results: [['light', { ok: true, svg: '<svg>foreign</svg>' }]], renders: 1 },
  );
  await new Promise<void>((listening) => foreign.listen(socket, listening));
  t.after(() => foreign.close(() => {}));
  chownSync(socket, 65534, 65534);

  const run = await validate(dir, cache, [TIMELINE]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /\(0 from cache\): 0 findings/, 'rendered in-process');
  assert.deepEqual(asked, [], 'never asked');
  assert.equal(statSync(socket).uid, 65534, 'left in place');
});

test('a dead socket file and a server that never answers are replaced: validate neither hangs nor fails', { timeout: 600_000 }, async (t) => {
  const dir = makeAtlas();
  const { cache, socket } = serverCache(t);

  // A socket file left by a process that died without closing it.
  const listen = `require('node:net').createServer(() => {}).listen(${JSON.stringify(socket)}, () => console.log('listening'))`;
  spawnSync(process.execPath, ['-e', `${listen}; setTimeout(() => process.exit(0), 50)`]);
  assert.ok(existsSync(socket), 'the stale socket file is there');
  const afterDead = await validate(dir, cache, [TIMELINE]);
  assert.equal(afterDead.code, 0, afterDead.stderr);
  assert.match(afterDead.stderr, WARM);
  assert.equal((await hello(socket))?.key, rendererKey());
  await stopRenderServer(cache);
  await until('the server stopped', () => !existsSync(socket));

  // A process that accepts connections and never answers.
  const silent = spawn(process.execPath, ['-e', listen], { stdio: ['ignore', 'pipe', 'ignore'] });
  t.after(() => silent.kill('SIGKILL'));
  await new Promise((ready) => silent.stdout.once('data', ready));
  edit(dir, TIMELINE, (text) => text.replace('change reverted', 'change rolled back'));
  const afterSilent = await validate(dir, cache, [TIMELINE], {}, 120_000);
  assert.equal(afterSilent.code, 0, `validate finished: ${afterSilent.stderr}`);
  assert.match(afterSilent.stderr, WARM);
  assert.equal((await hello(socket))?.key, rendererKey());
});

test('the warm renderer exits by itself when idle, and closes its browser', { timeout: 600_000 }, async (t) => {
  const dir = makeAtlas();
  const { cache, socket } = serverCache(t);
  const run = await validate(dir, cache, [TIMELINE], { ATLAS_RENDER_SERVER_IDLE_MS: '4000' });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, WARM);
  const server = await hello(socket);
  assert.ok(server, 'running right after the run');
  await until('the idle server exited', () => !alive(server.pid) && !existsSync(socket));
  assert.deepEqual(processesUsing(cache), [], 'its Chromium is gone too');
});
