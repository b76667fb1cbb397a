// The warm renderer: a background process that keeps one MermaidRenderer (Chromium with
// Mermaid loaded and its code compiled) between `atlas validate` runs, as a language
// server does, so validating one changed diagram costs one render instead of a browser
// start, a Mermaid load and Mermaid's first-render compilation. It answers render
// requests on a Unix domain socket (only its user may connect) named by the render cache
// it serves, and exits after ATLAS_RENDER_SERVER_IDLE_MS (default 10 minutes) without a
// request, or when asked to. It renders with the same code, Mermaid, configuration and sanitiser as an
// in-process renderer; the client post-processes and caches its results the same way.
//
// Identity: the server answers with the key of the renderer it runs (the render cache's
// generation, a digest of this folder's code and the scripts the render page loads, and
// the browser's file).
// A client whose key differs asks that server to exit and starts a new one; a dead or
// silent socket is removed and replaced. Every wait has a deadline, after which the
// client renders in-process as it would without a server.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire, enableCompileCache } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromiumPath, MermaidRenderer, type RenderResult, type Theme, type ThemedRender } from './browser.ts';
import { cacheGeneration, profilesDir, RenderCache } from './cache.ts';
import { FONT_PACKAGE } from './font.ts';
import { MERMAID_SCRIPT } from './mermaid-script.ts';
import { PURIFY_SCRIPT } from './render-page.ts';

const require = createRequire(import.meta.url);

/** A client waits this long for a running server to answer at all. */
const HELLO_MS = 3_000;
/** And this long for a server it started to listen (a Node start-up, on a loaded machine). */
const START_MS = 15_000;
/** And this long for one diagram (a fresh server launches Chromium and loads Mermaid first). */
const RENDER_MS = 90_000;
const DEFAULT_IDLE_MS = 10 * 60_000;
/** Linux allows 108 bytes for a socket path, macOS 104. */
const MAX_SOCKET_PATH = 100;

/** Whether `atlas validate` may use the warm renderer: ATLAS_RENDER_SERVER=1 or 0 decides, else not under CI. */
export function renderServerAllowed(env = process.env): boolean {
  const setting = env.ATLAS_RENDER_SERVER;
  return setting ? setting !== '0' : !env.CI;
}

/** The server's socket for this render cache (and user), or undefined where the path would be too long. */
export function serverSocket(cacheDir: string): string | undefined {
  const name = createHash('sha256').update(JSON.stringify([process.getuid?.(), path.resolve(cacheDir)])).digest('hex').slice(0, 16);
  const socket = path.join(os.tmpdir(), `atlas-render-${name}.sock`);
  return Buffer.byteLength(socket) <= MAX_SOCKET_PATH ? socket : undefined;
}

/** Everything whose change changes what the renderer makes, besides the cache's generation. */
function rendererFiles(): string[] {
  const own = readdirSync(import.meta.dirname)
    .filter((name) => name.endsWith('.ts'))
    .sort()
    .map((name) => path.join(import.meta.dirname, name));
  return [...own, MERMAID_SCRIPT, PURIFY_SCRIPT, require.resolve(`${FONT_PACKAGE}/package.json`), require.resolve('playwright-core/package.json')];
}

/** The browser, by path, size and time: an upgraded Chromium measures text anew. */
function browserIdentity(): string {
  try {
    const browser = chromiumPath();
    const { size, mtimeMs } = statSync(browser);
    return JSON.stringify([browser, size, mtimeMs]);
  } catch {
    return 'no Chromium'; // reported by the in-process renderer
  }
}

/** Names the renderer this code would run: a server answering with another key is stale. */
export function rendererKey(): string {
  const hash = createHash('sha256').update(cacheGeneration()).update(browserIdentity());
  for (const file of rendererFiles()) hash.update(`\0${file}\0`).update(readFileSync(file));
  return hash.digest('hex').slice(0, 32);
}

type Request = { type: 'hello' } | { type: 'render'; id: string; source: string; themes: Theme[] } | { type: 'exit' };
type Reply =
  | { key: string; pid: number }
  | { results: [Theme, RenderResult][]; renders: number }
  | { error: string }
  | { bye: true };

/** One connection to a server: newline-delimited JSON, each request numbered and with a deadline. */
class Connection {
  private readonly socket: net.Socket;
  private readonly pending = new Map<number, { resolve(reply: Reply): void; reject(error: Error): void; timer: NodeJS.Timeout }>();
  private sent = 0;

  private constructor(socket: net.Socket) {
    this.socket = socket;
    createInterface({ input: socket }).on('line', (line) => {
      const { n, ...reply } = JSON.parse(line) as { n: number } & Reply;
      const waiting = this.pending.get(n);
      this.pending.delete(n);
      clearTimeout(waiting?.timer);
      waiting?.resolve(reply as Reply);
    });
    socket.on('close', () => this.fail(new Error('the warm renderer closed the connection')));
  }

  static open(socketPath: string): Promise<Connection | undefined> {
    return new Promise((resolve) => {
      const socket = net.connect(socketPath);
      const timer = setTimeout(() => (socket.destroy(), resolve(undefined)), HELLO_MS);
      socket.once('error', () => (clearTimeout(timer), resolve(undefined)));
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.on('error', () => {});
        resolve(new Connection(socket));
      });
    });
  }

  request(request: Request, ms: number): Promise<Reply> {
    const n = this.sent++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => this.fail(new Error(`the warm renderer did not answer within ${ms / 1000}s`)), ms);
      this.pending.set(n, { resolve, reject, timer });
      this.socket.write(`${JSON.stringify({ n, ...request })}\n`);
    });
  }

  close(): void {
    this.socket.destroy();
  }

  private fail(error: Error): void {
    this.socket.destroy();
    for (const { reject, timer } of this.pending.values()) {
      clearTimeout(timer);
      reject(error);
    }
    this.pending.clear();
  }
}

/** The server at `socketPath`, if one answers there in time, with the key it runs. */
async function hello(socketPath: string): Promise<{ connection: Connection; key: string; pid: number } | undefined> {
  const connection = await Connection.open(socketPath);
  const reply = await connection?.request({ type: 'hello' }, HELLO_MS).catch(() => undefined);
  if (connection && reply && 'key' in reply) return { connection, key: reply.key, pid: reply.pid };
  connection?.close();
  return undefined;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A connection to this renderer's server for `cacheDir`: the running one, or one started
 * now (after asking a server of another key to exit, or removing a dead socket). Undefined
 * when none can be had in time, or the socket belongs to another user.
 */
async function connect(cacheDir: string): Promise<Connection | undefined> {
  const socketPath = serverSocket(cacheDir);
  if (!socketPath) return undefined;
  const key = rendererKey();
  const owner = (() => {
    try {
      return lstatSync(socketPath).uid;
    } catch {
      return undefined;
    }
  })();
  // Another user's socket is neither trusted nor removed.
  if (owner !== undefined && owner !== process.getuid?.()) return undefined;
  if (owner !== undefined) {
    const running = await hello(socketPath);
    if (running?.key === key) return running.connection;
    if (running) {
      // Another renderer's server stops listening before it answers.
      await running.connection.request({ type: 'exit' }, HELLO_MS).catch(() => undefined);
      running.connection.close();
    }
    rmSync(socketPath, { force: true });
  }
  // Detached, with no stdio: it outlives this process and holds none of its pipes.
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), path.resolve(cacheDir)], { detached: true, stdio: 'ignore', cwd: os.tmpdir() });
  let exited = false;
  child.on('error', () => (exited = true)).on('exit', () => (exited = true)).unref();
  for (const deadline = Date.now() + START_MS; Date.now() < deadline; await sleep(50)) {
    // Once it has exited (it failed, or another server took the socket first), one last look.
    const last = exited;
    const started = await hello(socketPath);
    if (started?.key === key) return started.connection;
    // A server of another renderer started here at the same moment: leave it be.
    started?.connection.close();
    if (started || last) return undefined;
  }
  return undefined;
}

/**
 * Renders through the warm renderer; a diagram it cannot render (the server died or did
 * not answer in time) is rendered in-process, as without a server, and so is every later one.
 */
export class WarmRenderer {
  /** Whether the server rendered every diagram so far. */
  servedAll = true;
  private readonly connection: Connection;
  private readonly cache: RenderCache;
  private local?: Promise<MermaidRenderer>;

  private constructor(connection: Connection, cache: RenderCache) {
    this.connection = connection;
    this.cache = cache;
  }

  /** The warm renderer of `cache`, started if need be; undefined when it cannot be had. */
  static async connect(cache: RenderCache): Promise<WarmRenderer | undefined> {
    const connection = await connect(cache.dir);
    return connection && new WarmRenderer(connection, cache);
  }

  async render(id: string, source: string, themes: readonly Theme[]): Promise<ThemedRender> {
    if (!this.local) {
      const reply = await this.connection.request({ type: 'render', id, source, themes: [...themes] }, RENDER_MS).catch(() => undefined);
      if (reply && 'results' in reply) return { results: new Map(reply.results), renders: reply.renders };
      this.connection.close();
      this.local ??= MermaidRenderer.start({ pages: 1, profiles: profilesDir(this.cache) });
    }
    this.servedAll = false;
    return (await this.local).render(id, source, themes);
  }

  async close(): Promise<void> {
    this.connection.close();
    await this.local?.then(
      (renderer) => renderer.close(),
      () => {},
    );
  }
}

/** Asks the server of `cacheDir`, if one answers, to exit; resolves to its process id. */
export async function stopRenderServer(cacheDir: string): Promise<number | undefined> {
  const socketPath = serverSocket(cacheDir);
  const running = socketPath ? await hello(socketPath) : undefined;
  if (!running) return undefined;
  await running.connection.request({ type: 'exit' }, HELLO_MS).catch(() => undefined);
  running.connection.close();
  return running.pid;
}

/** The server process: `node render-server.ts CACHE_DIR`, started by a client. */
async function serve(cacheDir: string): Promise<void> {
  const socketPath = serverSocket(cacheDir);
  if (!socketPath) return;
  // The socket (and the browser profile) are this user's alone: no one else may connect.
  process.umask(0o077);
  const key = rendererKey();
  const idleMs = Number(process.env.ATLAS_RENDER_SERVER_IDLE_MS) || DEFAULT_IDLE_MS;
  // Started once this server holds the socket: requests come only after that.
  let renderer: Promise<MermaidRenderer> | undefined;
  let inode: number | undefined;
  let busy = 0;
  let idle: NodeJS.Timeout | undefined;
  const server = net.createServer((socket) => {
    socket.on('error', () => {});
    createInterface({ input: socket }).on('line', (line) => void answer(socket, line));
  });
  // Closing a listener removes its path: only while the path is still this server's.
  const stopListening = () => {
    try {
      if (lstatSync(socketPath).ino === inode) server.close();
    } catch {
      // Already removed.
    }
  };
  const shutdown = async () => {
    clearTimeout(idle);
    stopListening();
    await renderer?.then((r) => r.close()).catch(() => {});
    process.exit(0);
  };
  const waitIdle = () => {
    clearTimeout(idle);
    idle = setTimeout(() => void (busy ? waitIdle() : shutdown()), idleMs);
  };

  async function answer(socket: net.Socket, line: string): Promise<void> {
    let request: { n: number } & Request;
    try {
      request = JSON.parse(line);
    } catch {
      return void socket.destroy();
    }
    const send = (reply: Reply, then?: () => void) => socket.write(`${JSON.stringify({ n: request.n, ...reply })}\n`, then);
    busy++;
    waitIdle();
    try {
      if (request.type === 'hello') send({ key, pid: process.pid });
      else if (request.type === 'exit') {
        stopListening();
        send({ bye: true }, () => void shutdown());
      } else {
        const rendered = await (await renderer!).render(request.id, request.source, request.themes);
        send({ results: [...rendered.results], renders: rendered.renders });
      }
    } catch (error) {
      // A renderer that failed is not kept: the next client starts a fresh one.
      stopListening();
      send({ error: String((error as Error).message ?? error) }, () => void shutdown());
    } finally {
      busy--;
      waitIdle();
    }
  }

  // Another server listening here already (two clients started one at once): that one serves.
  server.once('error', () => process.exit(0));
  server.listen(socketPath, () => {
    inode = lstatSync(socketPath).ino;
    renderer = MermaidRenderer.start({ pages: 1, profiles: profilesDir(new RenderCache(cacheDir)) });
    renderer.catch(() => {}); // reported to the first render request
    waitIdle();
  });
}

if (import.meta.main) {
  enableCompileCache();
  await serve(process.argv[2]!);
}
