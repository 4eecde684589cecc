import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { beforeAll, describe, expect, it } from 'vitest';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir } from '../support/signals.ts';

// `--keep-chapters` beside a script: the three LibriVox sonnets as a project, sonnet I an M4A
// and sonnet II an MP3 that carry chapters of their own (written by ffmpeg from an ffmetadata
// file), sonnet III a FLAC with none. The export's chapters: each file's own, shifted to where it
// plays, in place of the script's "I" and "II"; the script's "III" where the FLAC says nothing.
// Read back by ffprobe and music-metadata.

const SONNETS = join(SPEECH_DIR, 'sonnets');

function withChapters(dir: string, source: string, out: string, chapters: Array<[number, string]>): void {
  const meta = join(dir, `${out}.ffmeta`);
  const ms = (t: number) => Math.round(t * 1000);
  writeFileSync(
    meta,
    `;FFMETADATA1\n${chapters
      .map(
        ([start, title], i) =>
          `[CHAPTER]\nTIMEBASE=1/1000\nSTART=${ms(start)}\nEND=${ms(chapters[i + 1]?.[0] ?? start + 1)}\ntitle=${title}\n`,
      )
      .join('')}`,
  );
  const codec = out.endsWith('.mp3') ? ['-c:a', 'libmp3lame', '-b:a', '96k'] : ['-c:a', 'aac', '-b:a', '64k'];
  execFileSync('ffmpeg', [
    '-v',
    'error',
    '-y',
    '-i',
    source,
    '-i',
    meta,
    '-map',
    '0:a',
    '-map_chapters',
    '1',
    ...codec,
    join(dir, out),
  ]);
}

function ffprobeChapters(path: string): Array<{ start: number; title: string }> {
  const out = spawnSync('ffprobe', ['-v', 'error', '-show_chapters', '-of', 'json', path], {
    encoding: 'utf8',
  });
  if (out.status !== 0) throw new Error(out.stderr);
  return (JSON.parse(out.stdout).chapters as Array<Record<string, unknown>>).map((c) => ({
    start: Number(c.start_time),
    title: String((c.tags as Record<string, string>)?.title),
  }));
}

describe('--keep-chapters with a script', () => {
  const dir = tempDir('production-keep-chapters');
  const project = join(dir, 'book.cwproj');
  const out = join(dir, 'book.m4b');
  let result: { recordings: Array<{ start: number }> };
  let thirdOpens: number;

  beforeAll(() => {
    requireTools(
      'the chaptered files are written by ffmpeg and the export read back by ffprobe',
      'ffmpeg',
      'ffprobe',
    );
    const script = join(dir, 'book.txt');
    writeFileSync(
      script,
      [1, 2, 3].map((n) => readFileSync(join(SONNETS, `sonnet00${n}.txt`), 'utf8')).join('\n\n'),
    );
    withChapters(dir, join(SONNETS, 'sonnet001.flac'), 'one.m4a', [
      [0, 'Increase'],
      [44, 'The couplet'],
    ]);
    withChapters(dir, join(SONNETS, 'sonnet002.flac'), 'two.mp3', [
      [0, 'Forty winters'],
      [25.9, 'Answer'],
    ]);
    execFileSync('ffmpeg', [
      '-v',
      'error',
      '-y',
      '-i',
      join(SONNETS, 'sonnet003.flac'),
      join(dir, 'three.flac'),
    ]);
    const files = ['one.m4a', 'two.mp3', 'three.flac'].map((f) => join(dir, f));
    const aligned = runCli(['align', script, ...files, '-o', project], undefined, 300_000);
    expect(aligned.status, aligned.stderr).toBe(0);
    const run = runCli(['export', project, '-o', out, '--keep-chapters', '--json'], undefined, 300_000);
    expect(run.status, run.stderr).toBe(0);
    result = JSON.parse(run.stdout);
    // Sonnet III's heading as aligned, on the export's timeline.
    const sheet = JSON.parse(readFileSync(project, 'utf8')) as {
      placements: Array<{ id: string; recording: string; start: number }>;
      sheet: { cues: Array<{ id: string; text: string }> };
    };
    const heading = sheet.sheet.cues.find((c) => c.text.trim() === 'III')!;
    const placed = sheet.placements.find((p) => p.id === heading.id)!;
    thirdOpens = result.recordings[2]!.start + placed.start;
  }, 600_000);

  it('puts each file’s own chapters where it plays, and the script’s where a file has none', async () => {
    const [, second, third] = result.recordings;
    const expected = [
      ['Increase', 0],
      ['The couplet', 44],
      ['Forty winters', second!.start],
      ['Answer', second!.start + 25.9],
      ['III', thirdOpens],
    ] as const;
    const probed = ffprobeChapters(out);
    expect(probed.map((c) => c.title)).toEqual(expected.map(([t]) => t));
    for (const [i, [, start]] of expected.entries())
      expect(Math.abs(probed[i]!.start - start), `${expected[i]![0]}`).toBeLessThanOrEqual(0.03);
    // The script's chapter III opens inside the FLAC, after it starts playing.
    expect(thirdOpens).toBeGreaterThan(third!.start);
    const meta = await parseFile(out, { includeChapters: true });
    expect(meta.format.chapters?.map((c) => c.title)).toEqual(expected.map(([t]) => t));
  });
});
