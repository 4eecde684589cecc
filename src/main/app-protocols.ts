import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { Readable } from 'node:stream';
import { protocol } from 'electron';
import type { Handlers } from '../app/handlers.ts';
import { AUDIO_TYPES, parseByteRange } from '../host/byte-range.ts';
import { CONTENT_SECURITY_POLICY } from '../host/content-security.ts';
import { rendererFile } from '../host/renderer-file.ts';

// Two schemes instead of file://: app://cuewright/ serves only the built renderer, and
// cuewright-media://audio/<token> serves only the open project's audio (with ranges for seeking).
// A page on either can reach no other file on disk.

export function registerSchemes(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } },
    {
      scheme: 'cuewright-media',
      privileges: { standard: true, secure: true, stream: true, supportFetchAPI: true },
    },
  ]);
}

const PAGE_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export function handleProtocols(rendererDir: string, handlers: Handlers): void {
  protocol.handle('app', async (request) => {
    const url = new URL(request.url);
    const file = rendererFile(rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (url.host !== 'cuewright' || file === 'malformed' || file === 'outside') {
      return new Response('not found', { status: 404 });
    }
    try {
      return new Response(await readFile(file), {
        headers: {
          'Content-Type': PAGE_TYPES[extname(file)] ?? 'application/octet-stream',
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
        },
      });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });

  protocol.handle('cuewright-media', async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'audio' ? handlers.mediaFile(url.pathname.slice(1)) : undefined;
    if (!file) return new Response('not found', { status: 404 });
    const { size } = await stat(file);
    const range = parseByteRange(request.headers.get('Range'), size);
    if (range === 'unsatisfiable')
      return new Response(null, { status: 416, headers: { 'Content-Range': `bytes */${size}` } });
    const { start, end } = range ?? { start: 0, end: size - 1 };
    const body = Readable.toWeb(createReadStream(file, { start, end })) as ReadableStream<Uint8Array>;
    return new Response(body, {
      status: range ? 206 : 200,
      headers: {
        'Content-Type': AUDIO_TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': String(end - start + 1),
        'Accept-Ranges': 'bytes',
        ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
      },
    });
  });
}
