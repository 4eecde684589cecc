import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseBuffer } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { id3v2Tag } from '../../audio/export/id3v2.ts';
import type { ChapterMark } from '../../cues/sidecars/chapter-marks.ts';
import { id3v2Chapters, id3v2TablesOfContents, id3v2Text } from '../support/id3v2-reader.ts';
import { ffmpeg, rng, tempDir } from '../support/signals.ts';

// The ID3v2.3 chapter tag on a real MP3 (ffmpeg's), read back by music-metadata, ffprobe and a
// spec-written frame walker. Frames above 127 bytes are where a plain 32-bit size and a synchsafe
// one differ, so the tag carries a 30 kB cover, long and non-ASCII titles.

const dir = tempDir('id3v2');
let mp3: Uint8Array;

beforeAll(() => {
  const path = join(dir, 'tone.mp3');
  ffmpeg([
    '-f',
    'lavfi',
    '-i',
    'sine=frequency=440:duration=12',
    '-c:a',
    'libmp3lame',
    '-b:a',
    '64k',
    '-id3v2_version',
    '0',
    path,
  ]);
  mp3 = readFileSync(path);
});

/** A PNG-signed cover of `size` bytes (the readers take the bytes as they are). */
function cover(size: number): Uint8Array {
  const next = rng(7);
  const data = Uint8Array.from({ length: size }, () => Math.floor(next() * 256));
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return data;
}

function tagged(chapters: ChapterMark[], title = 'Die Brücke über den Fluß'): Uint8Array {
  const tag = id3v2Tag(
    {
      title,
      artist: 'Ådne Ødegård',
      album: 'Книга',
      comment: 'Read by 😀 — “Ø”',
      cover: { data: cover(30_000), mimeType: 'image/png' },
    },
    chapters,
  );
  const file = new Uint8Array(tag.length + mp3.length);
  file.set(tag);
  file.set(mp3, tag.length);
  return file;
}

const LONG =
  'Chapter one, in which a long title runs well past a hundred and twenty-seven bytes — “quoted”, accented (é, ñ, ø) and wide (章, 😀)';
const CHAPTERS: ChapterMark[] = [
  { title: LONG, start: 0, end: 3.25 },
  { title: 'Kapitel zwei: Größe', start: 3.25, end: 7.5 },
  { title: '第三章', start: 7.5, end: 12 },
];

function ffprobeChapters(file: Uint8Array): Array<{ start: number; end: number; title: string }> {
  const path = join(dir, `probe-${Math.random().toString(36).slice(2)}.mp3`);
  writeFileSync(path, file);
  const json = JSON.parse(probeChaptersJson(path)) as {
    chapters: Array<{ start_time: string; end_time: string; tags?: { title?: string } }>;
  };
  return json.chapters.map((c) => ({
    start: Number(c.start_time),
    end: Number(c.end_time),
    title: c.tags?.title ?? '',
  }));
}

function probeChaptersJson(path: string): string {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', path], {
    encoding: 'utf8',
  });
  if (out.error || out.status !== 0) throw new Error(`ffprobe ${path}: ${out.error?.message ?? out.stderr}`);
  return out.stdout;
}

describe('ID3v2.3 chapters with large frames', () => {
  it('music-metadata reads every chapter, title and the whole cover past a 30 kB picture', async () => {
    const meta = await parseBuffer(tagged(CHAPTERS), { mimeType: 'audio/mpeg' }, { includeChapters: true });
    expect(meta.common.title).toBe('Die Brücke über den Fluß');
    expect(meta.common.artist).toBe('Ådne Ødegård');
    expect(meta.common.album).toBe('Книга');
    expect(meta.common.comment?.[0]?.text).toBe('Read by 😀 — “Ø”');
    expect(meta.common.picture?.[0]?.format).toBe('image/png');
    expect(meta.common.picture?.[0]?.type).toBe('Cover (front)');
    expect(meta.common.picture?.[0]?.data.length).toBe(30_000);
    expect(meta.format.chapters?.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(meta.format.chapters?.map((c) => c.start)).toEqual([0, 3.25, 7.5]);
  });

  it('ffprobe reads each chapter with its own start and end', () => {
    const chapters = ffprobeChapters(tagged(CHAPTERS));
    expect(chapters.map((c) => c.title)).toEqual(CHAPTERS.map((c) => c.title));
    expect(chapters.map((c) => [c.start, c.end])).toEqual(CHAPTERS.map((c) => [c.start, c.end]));
  });

  it('walks frame by frame to the tag’s end with 2.3’s plain frame sizes (spec-written reader)', () => {
    const file = tagged(CHAPTERS);
    expect(file[3]).toBe(3);
    const chapters = id3v2Chapters(file);
    expect(chapters.map((c) => [c.startMs, c.endMs, c.title])).toEqual(
      CHAPTERS.map((c) => [c.start * 1000, c.end * 1000, c.title]),
    );
    expect(id3v2Text(file, 'TALB')).toBe('Книга');
  });

  it('marks the table of contents top-level and ordered, listing the chapters in order', () => {
    const tables = id3v2TablesOfContents(tagged(CHAPTERS));
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ topLevel: true, ordered: true });
    expect(tables[0]!.children).toEqual(id3v2Chapters(tagged(CHAPTERS)).map((c) => c.id));
  });
});

describe('more than 255 chapters', () => {
  const many: ChapterMark[] = Array.from({ length: 600 }, (_, i) => ({
    title: `Part ${i + 1}`,
    start: i * 0.02,
    end: (i + 1) * 0.02,
  }));

  it('splits them into ordered sub-tables under one top-level table, none lost or repeated', () => {
    const file = tagged(many);
    const tables = id3v2TablesOfContents(file);
    const top = tables.filter((t) => t.topLevel);
    expect(top).toHaveLength(1);
    const subs = top[0]!.children.map((id) => tables.find((t) => t.id === id));
    expect(subs.every((t) => t && !t.topLevel && t.ordered && t.children.length <= 255)).toBe(true);
    expect(subs.map((t) => t!.children.length)).toEqual([255, 255, 90]);
    const listed = subs.flatMap((t) => t!.children);
    expect(listed).toEqual(id3v2Chapters(file).map((c) => c.id));
    expect(new Set(listed).size).toBe(600);
  });

  it('ffprobe reads all 600, each ending where the next starts', () => {
    const chapters = ffprobeChapters(tagged(many));
    expect(chapters).toHaveLength(600);
    expect(chapters.every((c, i) => c.end > c.start && (i === 0 || c.start === chapters[i - 1]!.end))).toBe(
      true,
    );
  });
});
