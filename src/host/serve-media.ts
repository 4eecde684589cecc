import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname } from 'node:path';
import { AUDIO_TYPES, parseByteRange } from './byte-range.ts';

/** Streams a file with HTTP range support, so the media element can seek in hours of audio. */
export async function serveMedia(path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  // A file gone since it was granted (moved, deleted) is not found, not a server error.
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT' || error.code === 'ENOTDIR') return undefined;
    throw error;
  });
  if (!stats) return void res.writeHead(404).end('no such file');
  // Only regular files are streamed (a pipe or a device never ends); an empty one is empty.
  if (!stats.isFile()) return void res.writeHead(404).end();
  const { size } = stats;
  if (size === 0) return void res.writeHead(200, { 'Content-Length': 0 }).end();
  const range = parseByteRange(req.headers.range, size);
  if (range === 'unsatisfiable') {
    res.writeHead(416, { 'Content-Range': `bytes */${size}` }).end();
    return;
  }
  const { start, end } = range ?? { start: 0, end: size - 1 };
  res.writeHead(range ? 206 : 200, {
    'Content-Type': AUDIO_TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': end - start + 1,
    'Accept-Ranges': 'bytes',
    ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(path, { start, end }).pipe(res);
}
