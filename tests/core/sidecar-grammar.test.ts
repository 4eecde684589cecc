import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { lrcLyrics, srtCaptions, webvttCaptions } from '../../cues/sidecars/captions.ts';
import { ffmetadata, podcastChapters, webvttChapters } from '../../cues/sidecars/chapter-files.ts';
import { chapterMarks } from '../../cues/sidecars/chapter-marks.ts';
import { ffmpegInstalled, tempDir } from '../support/signals.ts';

// Each sidecar escaped by its own grammar, read back by ffmpeg where it reads the format; one ♪
// on a song; no chapter made of a title page alone.
const dir = tempDir('sidecar-grammar');
const ADVERSARIAL = [
  'Before --> after',
  '<b>bold</b> & "quoted" &amp;',
  'key=value; # not a comment \\ backslash',
  '[ti:fake] [00:01.00] bracketed',
  'WEBVTT',
];
const marks = ADVERSARIAL.map((title, i) => ({ title, start: i * 10, end: i * 10 + 10 }));

function probeCount(path: string, format?: string): number {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', ...(format ? ['-f', format] : []), '-show_entries', 'packet=pts', '-of', 'csv=p=0', path],
    { encoding: 'utf8' },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  return out.stdout.trim().split('\n').filter(Boolean).length;
}

function unescapeVtt(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

it('has ffmpeg to compare with (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

describe('sidecars with adversarial titles', () => {
  it('WebVTT chapters: one timing line per cue, titles as character references; ffmpeg finds every cue', () => {
    const vtt = webvttChapters(marks);
    const blocks = vtt.trim().split('\n\n').slice(1);
    expect(blocks).toHaveLength(marks.length);
    blocks.forEach((block, i) => {
      const [id, timing, text, ...rest] = block.split('\n');
      expect(id).toBe(String(i + 1));
      expect(timing).toMatch(/^\d\d:\d\d:\d\d\.\d{3} --> \d\d:\d\d:\d\d\.\d{3}$/);
      expect(rest).toEqual([]);
      expect(text).not.toContain('-->');
      expect(text).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
      expect(unescapeVtt(text!)).toBe(ADVERSARIAL[i]);
    });
    const path = join(dir, 'chapters.vtt');
    writeFileSync(path, vtt);
    expect(probeCount(path)).toBe(marks.length);
  });

  it('captions (WebVTT and SRT) of a line holding "-->" keep one cue each, as ffmpeg reads them', () => {
    const parsed = parseScript('He typed A --> B and <stopped> & left.');
    const sheet = { ...parsed, cues: parsed.cues.map((c) => ({ ...c, start: 1, end: 3 })) };
    const vtt = join(dir, 'captions.vtt');
    const srt = join(dir, 'captions.srt');
    writeFileSync(vtt, webvttCaptions(sheet));
    writeFileSync(srt, srtCaptions(sheet));
    expect(probeCount(vtt)).toBe(sheet.cues.length);
    expect(probeCount(srt)).toBe(sheet.cues.length);
    expect(
      srtCaptions(sheet)
        .split('\n')
        .filter((l) => l.includes('-->')),
    ).toHaveLength(sheet.cues.length);
  });

  it('ffmetadata: ffmpeg reads every title back exactly', () => {
    const path = join(dir, 'chapters.ffmeta');
    writeFileSync(path, ffmetadata(marks, { title: ADVERSARIAL[2]! }));
    const out = spawnSync(
      'ffprobe',
      ['-v', 'error', '-show_chapters', '-of', 'json', '-f', 'ffmetadata', path],
      {
        encoding: 'utf8',
      },
    );
    const chapters = JSON.parse(out.stdout).chapters as Array<{ tags: { title: string } }>;
    expect(chapters.map((c) => c.tags.title)).toEqual(ADVERSARIAL);
  });

  it('Podcasting 2.0 JSON: titles round-trip through JSON', () => {
    const json = JSON.parse(podcastChapters(marks, ADVERSARIAL[1]));
    expect(json.chapters.map((c: { title: string }) => c.title)).toEqual(ADVERSARIAL);
  });
});

describe('songs and title pages', () => {
  const drama =
    'THE LOCKET\n\nSCENE 1\n\nDANA: Hello.\n\n♪ Crossing paths, I saw [the] past ♪\n♪ and it was good ♪\n\nSAM: Bye.\n';
  it('a sung passage is "♪ line" once, in chapters and LRC alike', () => {
    const parsed = parseScript(drama);
    const sheet = { ...parsed, cues: parsed.cues.map((c, i) => ({ ...c, start: i * 2, end: i * 2 + 1.5 })) };
    const titles = chapterMarks(sheet, { duration: 20, lyricsAsChapters: true }).map((m) => m.title);
    expect(titles).toContain('♪ Crossing paths, I saw [the] past');
    const lrc = lrcLyrics(sheet);
    expect(lrc).not.toContain('♪');
    // Every LRC line is one time or tag field, then plain text.
    for (const line of lrc.trim().split('\n')) expect(line).toMatch(/^\[[^[\]]+\][^[\]]*$/);
  });

  it('a title line before the first heading makes no chapter of its own', () => {
    const sheet = parseScript('The Locket\n\nChapter 1\n\nShe walked in. "Hello," said Dana.\n\nShe left.\n');
    expect(sheet.title).toBe('The Locket');
    expect(sheet.chapters.map((c) => c.title)).toEqual(['Chapter 1']);
    expect(sheet.chapters[0]!.cueIds).toHaveLength(sheet.cues.length);
  });
});
