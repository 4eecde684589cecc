import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { sine, tempDir, writeWav } from '../support/signals.ts';

// Chapter tables have fixed-width counts: an M4B's Nero chpl counts chapters in one byte (255),
// an ID3v2 CTOC lists at most 255 entries (two levels: 255 x 255), Vorbis-comment chapters are
// numbered CHAPTER001 to CHAPTER999. A book with more is refused before any audio is decoded,
// never after a whole encode (M4B) or with a count that wrapped (MP3).

const RATE = 8000;

/** A sheet of `count` chapters of one cue each, `step` seconds apart. */
function chaptered(count: number, step: number): CueSheet {
  const cues = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    kind: 'narration' as const,
    text: 'x',
    source: { start: i, end: i + 1 },
    start: i * step,
    end: i * step + step / 2,
  }));
  return {
    version: 1,
    title: 'Many',
    chapters: cues.map((c, i) => ({ id: `ch${i}`, title: `Chapter ${i + 1}`, cueIds: [c.id] })),
    cues,
  };
}

async function refusedBeforeWork(name: string, count: number, message: string) {
  const dir = tempDir('chapter-limits');
  const audio = writeWav(join(dir, 'a.wav'), sine(RATE, 1, 1, 440, 0.3), RATE);
  const output = join(dir, name);
  const phases: string[] = [];
  await expect(
    exportAudio({
      audio,
      output,
      sheet: chaptered(count, 0.001),
      tags: {},
      onProgress: (phase) => phases.push(phase),
    }),
  ).rejects.toThrow(`${output}: ${count} chapters ${message}`);
  expect(phases).toEqual([]); // not one block measured
  expect(readdirSync(dir)).toEqual(['a.wav']); // no output, no part file
}

describe('chapter counts a format cannot hold', () => {
  it('M4B: 256 chapters are refused before any work', async () => {
    await refusedBeforeWork(
      'book.m4b',
      256,
      'are more than an M4B holds (255: its chpl list counts them in one byte)',
    );
  });

  it('MP3: 65,026 chapters are refused before any work (the CTOC count would wrap)', async () => {
    await refusedBeforeWork(
      'book.mp3',
      255 * 255 + 1,
      'are more than an MP3 holds (65025: ID3v2 tables of contents list 255 entries, two levels deep)',
    );
  });

  it('FLAC and Opus: 1,000 chapters are refused before any work (CHAPTER001 to CHAPTER999)', async () => {
    for (const name of ['book.flac', 'book.opus'])
      await refusedBeforeWork(
        name,
        1000,
        `are more than ${name.endsWith('flac') ? 'a FLAC' : 'an Opus'} file holds (999: Vorbis-comment chapters are numbered CHAPTER001 to CHAPTER999)`,
      );
  });

  it('at the limits, the files are written with every chapter (ffprobe reads them all)', async () => {
    const dir = tempDir('chapter-limits');
    const audio = writeWav(join(dir, 'a.wav'), sine(RATE, 1, 12, 440, 0.3), RATE);
    for (const [name, count] of [
      ['book.m4b', 255],
      ['book.flac', 999],
    ] as const) {
      const output = join(dir, name);
      await exportAudio({ audio, output, sheet: chaptered(count, 0.01), tags: {} });
      const probe = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', output], {
        encoding: 'utf8',
      });
      expect((JSON.parse(probe.stdout) as { chapters: unknown[] }).chapters.length, name).toBe(count);
    }
  });

  it('MP3: 300 chapters are written as a table of tables that lists every chapter once, in order', async () => {
    const dir = tempDir('chapter-limits');
    const audio = writeWav(join(dir, 'a.wav'), sine(RATE, 1, 4, 440, 0.3), RATE);
    const output = join(dir, 'book.mp3');
    await exportAudio({ audio, output, sheet: chaptered(300, 0.01), tags: {} });
    expect(existsSync(output)).toBe(true);
    const { native } = await parseFile(output);
    const frames = native['ID3v2.3'] ?? [];
    const tocs = new Map(
      frames
        .filter((f) => f.id === 'CTOC')
        .map((f) => {
          const v = f.value as { label: string; childElementIds: string[]; flags: { topLevel: boolean } };
          return [v.label, v] as const;
        }),
    );
    const chaps = new Set(
      frames.filter((f) => f.id === 'CHAP').map((f) => (f.value as { label: string }).label),
    );
    const top = [...tocs.values()].filter((t) => t.flags.topLevel);
    expect(top.length).toBe(1);
    const walk = (id: string): string[] => {
      const toc = tocs.get(id);
      return toc ? toc.childElementIds.flatMap(walk) : [id];
    };
    const listed = walk(top[0]!.label);
    expect(listed.length).toBe(300);
    expect(new Set(listed)).toEqual(chaps);
    expect(listed).toEqual(listed.slice().sort((a, b) => Number(a.slice(2)) - Number(b.slice(2))));
  });
});
