import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { mp4Boxes } from './mp4-reader.ts';
import { ffmpeg, tempDir } from './signals.ts';

// Small MP4s for the box writers' tests: real ones from ffmpeg (a second of AAC, moov at the end,
// as our writer leaves it), and hand-laid ones (ISO/IEC 14496-12 field by field) for what ffmpeg
// does not write: version-1 boxes, unknown durations, several edits, tracks of other kinds.

const dir = tempDir('mp4-fixtures');

/** A second (or `seconds`) of 44.1 kHz mono AAC from ffmpeg, with its moov and where it starts. */
export function ffmpegM4a(
  name: string,
  options: { seconds?: number; movieTimescale?: number } = {},
): { file: Uint8Array; moov: Uint8Array; moovAt: number } {
  const path = join(dir, `${name}.m4a`);
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    `sine=frequency=440:duration=${options.seconds ?? 1}:sample_rate=44100`,
    '-c:a',
    'aac',
    '-b:a',
    '32k',
    '-movie_timescale',
    String(options.movieTimescale ?? 1000),
    path,
  ]);
  const file = new Uint8Array(readFileSync(path));
  const top = mp4Boxes(file);
  const moov = top.find((b) => b.type === 'moov')!;
  if (moov.start + moov.size !== file.length) throw new Error('ffmpeg put moov before the end');
  return { file, moov: file.subarray(moov.start, moov.start + moov.size), moovAt: moov.start };
}

/** `file` with its trailing moov replaced by `moov` and `after` appended. */
export function replaceMoov(
  file: Uint8Array,
  moovAt: number,
  moov: Uint8Array,
  after: Uint8Array = new Uint8Array(),
): Uint8Array {
  const out = new Uint8Array(moovAt + moov.length + after.length);
  out.set(file.subarray(0, moovAt));
  out.set(moov, moovAt);
  out.set(after, moovAt + moov.length);
  return out;
}

export interface ProbedChapter {
  start: number;
  end: number;
  title: string;
}

/** ffprobe's chapters and format duration of `bytes` written to a file. */
export function probe(
  bytes: Uint8Array,
  name: string,
): { chapters: ProbedChapter[]; duration: number; streams: string[] } {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_chapters', '-show_format', '-show_streams', '-of', 'json', path],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  const json = JSON.parse(out.stdout) as {
    chapters: Array<{ start_time: string; end_time: string; tags?: { title?: string } }>;
    format: { duration: string };
    streams: Array<{ codec_type: string }>;
  };
  return {
    chapters: json.chapters.map((c) => ({
      start: Number(c.start_time),
      end: Number(c.end_time),
      title: c.tags?.title ?? '',
    })),
    duration: Number(json.format.duration),
    streams: json.streams.map((s) => s.codec_type),
  };
}

// Hand-laid boxes.
type Part = Uint8Array | number[];
const flat = (parts: Part[]) => {
  const arrays = parts.map((p) => (p instanceof Uint8Array ? p : Uint8Array.from(p)));
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
};
export const be32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];
export const be64 = (v: number) => be32(Math.floor(v / 2 ** 32)).concat(be32(v % 2 ** 32));
const zero = (n: number) => new Array<number>(n).fill(0);
const fourcc = (t: string) => Array.from(t, (c) => c.charCodeAt(0));

export function rawBox(type: string, ...parts: Part[]): Uint8Array {
  const body = flat(parts);
  return flat([be32(body.length + 8), fourcc(type), body]);
}
const full = (type: string, version: number, ...parts: Part[]) => rawBox(type, [version, 0, 0, 0], ...parts);
const MATRIX = [0x10000, 0, 0, 0, 0x10000, 0, 0, 0, 0x40000000].flatMap(be32);

export function mvhd(version: 0 | 1, timescale: number, duration: number, nextTrackId: number) {
  const times =
    version === 1 ? [zero(16), be32(timescale), be64(duration)] : [zero(8), be32(timescale), be32(duration)];
  return full(
    'mvhd',
    version,
    ...times,
    be32(0x10000),
    [1, 0],
    zero(10),
    MATRIX,
    zero(24),
    be32(nextTrackId),
  );
}

export function tkhd(version: 0 | 1, trackId: number, duration: number) {
  const times =
    version === 1
      ? [zero(16), be32(trackId), zero(4), be64(duration)]
      : [zero(8), be32(trackId), zero(4), be32(duration)];
  return rawBox('tkhd', [version, 0, 0, 3], ...times, zero(8), [0, 0, 0, 0, 1, 0, 0, 0], MATRIX, zero(8));
}

export function mdhd(version: 0 | 1, timescale: number, duration: number) {
  const times =
    version === 1 ? [zero(16), be32(timescale), be64(duration)] : [zero(8), be32(timescale), be32(duration)];
  return full('mdhd', version, ...times, [0x55, 0xc4, 0, 0]);
}

export function hdlr(type: string) {
  return full('hdlr', 0, zero(4), fourcc(type), zero(12), fourcc('handler'), [0]);
}

export function elst(version: 0 | 1, entries: Array<[number, number]>) {
  return rawBox(
    'edts',
    full(
      'elst',
      version,
      be32(entries.length),
      ...entries.map(([d, t]) =>
        version === 1 ? [...be64(d), ...be64(t), 0, 1, 0, 0] : [...be32(d), ...be32(t), 0, 1, 0, 0],
      ),
    ),
  );
}

/** A trak of `handler` type with tkhd, optional extra boxes after it, and mdia/mdhd+hdlr+minf. */
export function trak(
  handlerType: string,
  tkhdBox: Uint8Array,
  mdhdBox: Uint8Array,
  between: Uint8Array[] = [],
): Uint8Array {
  return rawBox(
    'trak',
    tkhdBox,
    ...between,
    rawBox('mdia', mdhdBox, hdlr(handlerType), rawBox('minf', zero(0))),
  );
}

export function moovOf(...children: Uint8Array[]): Uint8Array {
  return rawBox('moov', ...children);
}
