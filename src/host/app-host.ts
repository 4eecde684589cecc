import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dispatch } from '../app/dispatch.ts';
import { createHandlers, type Handlers } from '../app/handlers.ts';
import { AccessError, PathGrants } from '../app/path-grants.ts';
import type { Picker } from '../app/picker.ts';
import { formatSize, PROJECT_LIMIT } from '../io/read-regular-file.ts';
import type { AppEvent } from '../shared/app-events.ts';
import { CONTENT_SECURITY_POLICY, FRAME_ANCESTORS } from './content-security.ts';
import { rendererFile } from './renderer-file.ts';
import { encodeReply, REPLY_WITH_BYTES } from './reply-envelope.ts';
import { serveMedia } from './serve-media.ts';

// The renderer as a plain web page, served with the same handlers the Electron app uses: calls
// arrive as POST /api/<method>, push events leave as server-sent events, audio streams from
// /media/<token>. Only this host's own page may call (a per-run token, an Origin check and a Host
// check), so other pages in the same browser cannot drive it.

export const RENDERER_DIST = fileURLToPath(new URL('../../renderer/dist/', import.meta.url));

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface AppHost {
  url: string;
  handlers: Handlers;
  grants: PathGrants;
  close(): Promise<void>;
}

export interface AppHostOptions {
  dataDir: string;
  picker: Picker;
  port?: number;
  distDir?: string;
  /** The folder picks are limited to (`serve --root`): a project's files must lie in it too. */
  root?: string;
  /** Start with the project last opened or saved, as the desktop app does (off: the sample). */
  reopenLast?: boolean;
}

/**
 * The largest request: a sheet as large as a project may be, plus the paths around it. Tied to the
 * project limit, so every project that opens can be saved over HTTP too.
 */
const MAX_BODY = PROJECT_LIMIT.maxBytes + 1024 * 1024;

export async function startAppHost(options: AppHostOptions): Promise<AppHost> {
  const token = randomBytes(16).toString('hex');
  const distDir = options.distDir ?? RENDERER_DIST;
  const listeners = new Set<ServerResponse>();
  const grants = new PathGrants();
  const emit = (event: AppEvent) => {
    const line = `data: ${JSON.stringify(event)}\n\n`;
    for (const res of listeners) res.write(line);
  };
  const handlers = createHandlers({
    dataDir: options.dataDir,
    picker: options.picker,
    grants,
    ...(options.root ? { referencesWithin: options.root } : {}),
    ...(options.reopenLast ? { reopenLast: true } : {}),
    mediaUrl: (media) => `/media/${media}`,
    emit,
  });
  let origin = '';

  const server: Server = createServer((req, res) => {
    route(req, res).catch((error) => {
      console.error('cuewright host:', error);
      if (!res.headersSent) res.writeHead(500).end('internal error');
      else res.destroy();
    });
  });

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    // DNS rebinding: a page of another site whose name now resolves to 127.0.0.1 reaches this
    // port with its own Host. Only the served address is answered (no token, no events, no media).
    if (req.headers.host !== new URL(origin).host) return void res.writeHead(421).end('wrong host');
    const url = new URL(req.url ?? '/', origin);
    if (url.pathname.startsWith('/api/')) return api(req, res, url.pathname.slice(5));
    if (url.pathname === '/events') return events(req, res, url);
    if (url.pathname.startsWith('/media/')) {
      let file: string | undefined;
      try {
        file = handlers.mediaFile(url.pathname.slice(7));
      } catch (error) {
        // The granted file was swapped for a link elsewhere since: refused, not an internal error.
        if (error instanceof AccessError) return void res.writeHead(403).end('not readable here');
        throw error;
      }
      if (!file) return void res.writeHead(404).end();
      return serveMedia(file, req, res);
    }
    return staticFile(res, url.pathname === '/' ? '/index.html' : url.pathname);
  }

  function trusted(req: IncomingMessage, given: string | null | undefined): boolean {
    const from = req.headers.origin;
    return given === token && (from === undefined || from === origin);
  }

  async function api(req: IncomingMessage, res: ServerResponse, method: string): Promise<void> {
    if (req.method !== 'POST') return void res.writeHead(405).end();
    if (!trusted(req, req.headers['x-cuewright-token'] as string | undefined))
      return void res.writeHead(403).end();
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, not kept: cutting the upload short resets the
    // connection, and the client may then never see the answer that says why.
    for await (const chunk of req) {
      size += (chunk as Buffer).length;
      if (size <= MAX_BODY) chunks.push(chunk as Buffer);
    }
    if (size > MAX_BODY) {
      const message = `${method}: the request is ${formatSize(size)}, more than a project may be (${formatSize(PROJECT_LIMIT.maxBytes)}); nothing was done`;
      return void json(res, 413, { ok: false, error: { name: 'ApiRequestError', message } });
    }
    let payload: unknown;
    try {
      payload = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    } catch {
      return void json(res, 400, {
        ok: false,
        error: { name: 'ApiRequestError', message: 'the request is not JSON' },
      });
    }
    const reply = await dispatch(handlers, method, payload);
    sendReply(res, reply);
  }

  function events(req: IncomingMessage, res: ServerResponse, url: URL): void {
    if (!trusted(req, url.searchParams.get('token'))) return void res.writeHead(403).end();
    res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store' });
    res.write(': connected\n\n');
    listeners.add(res);
    req.on('close', () => listeners.delete(res));
  }

  /** JSON, or the binary envelope when the reply carries bytes (3 hours of peaks are 4 MB: no base64). */
  function sendReply(res: ServerResponse, reply: unknown): void {
    const { json: text, blobs } = encodeReply(reply);
    if (blobs.length === 0) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(text);
      return;
    }
    const head = Buffer.from(text, 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(head.length);
    res.writeHead(200, { 'Content-Type': REPLY_WITH_BYTES });
    res.end(Buffer.concat([length, head, ...blobs]));
  }

  async function staticFile(res: ServerResponse, pathname: string): Promise<void> {
    const file = rendererFile(distDir, pathname);
    // A stray "%" is the client's error, not an internal one.
    if (file === 'malformed') return void res.writeHead(400).end('bad request');
    if (file === 'outside') return void res.writeHead(403).end();
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      return void res.writeHead(404).end('not found');
    }
    if (extname(file) === '.html') {
      // The page learns its API token from a meta tag: no inline script needed under the CSP.
      body = Buffer.from(body.toString('utf8').replace('%CUEWRIGHT_TOKEN%', token));
    }
    res.writeHead(200, {
      'Content-Type': STATIC_TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': `${CONTENT_SECURITY_POLICY}; ${FRAME_ANCESTORS}`,
      'Cache-Control': 'no-store',
    });
    res.end(body);
  }

  function json(
    res: ServerResponse,
    status: number,
    value: unknown,
    replacer?: (k: string, v: unknown) => unknown,
  ) {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(value, replacer as never));
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: origin,
    handlers,
    grants,
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of listeners) res.end();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
