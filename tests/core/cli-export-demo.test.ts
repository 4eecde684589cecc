import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import { readCueSheet } from '../../cues/read-cue-sheet.ts';
import { SAMPLE_SEED } from '../support/paths.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

const dir = tempDir('demo');

describe('cuewright demo: the sample production end to end', () => {
  it('narrates the seed and delivers chaptered MP3 and M4B with every sidecar', async () => {
    const out = join(dir, 'out');
    // A hang limit: the demo encodes 6 minutes to MP3 and M4B at 44.1 kHz, each re-encoded until
    // its loudness is met (90 s on a busy 2-core machine; past 120 s under the whole suite).
    const result = runCli(['demo', '--out', out], undefined, 600_000);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const sheet = readCueSheet(readFileSync(join(out, 'sample.cues.json'), 'utf8'));
    const lyrics = sheet.cues.filter((c) => c.kind === 'lyric');
    expect(lyrics).toHaveLength(4);
    for (const format of ['mp3', 'm4b']) {
      const meta = await parseFile(join(out, `sample.${format}`), { includeChapters: true });
      expect(meta.common.title).toBe('My Love. My Life. My Forever.');
      // One chapter plus each of the 3 sung passages and the story resuming after each (each resumption
      // titled apart: a player's list never shows the same title twice).
      expect(meta.format.chapters?.map((c) => c.title)).toEqual([
        'Chapter 1',
        '♪ Crossing paths, I saw the past, realized how good it was',
        'Chapter 1 (continued)',
        '♪ You messed up and you lost a real good thing,',
        'Chapter 1 (continued 2)',
        '♪ You messed up and you lost a real good thing, baby,',
        'Chapter 1 (continued 3)',
      ]);
      expect(Math.abs(meta.format.duration! - 380.6)).toBeLessThan(0.2);
    }
    for (const sidecar of [
      'chapters.vtt',
      'chapters.json',
      'cue',
      'ffmetadata.txt',
      'labels.txt',
      'captions.srt',
      'captions.vtt',
      'lyrics.lrc',
    ]) {
      expect(existsSync(join(out, `sample.${sidecar}`)), sidecar).toBe(true);
    }
    expect(readFileSync(join(out, 'sample.lyrics.lrc'), 'utf8')).toContain(
      ']Crossing paths, I saw the past, realized how good it was',
    );
    // ffmpeg reads our ffmetadata sidecar as chapters: the same 7 as in the files.
    const probe = ffmpeg([
      '-v',
      'quiet',
      '-f',
      'ffmetadata',
      '-i',
      join(out, 'sample.ffmetadata.txt'),
      '-f',
      'ffmetadata',
      '-',
    ]);
    expect(probe.match(/\[CHAPTER\]/g)).toHaveLength(7);
  }, 900_000);
});

describe('cuewright export', () => {
  it('exports a timed cue sheet with --json and checks its options', () => {
    const wav = join(dir, 'narration.wav');
    const cues = join(dir, 'narration.cues.json');
    expect(runCli(['scratch', SAMPLE_SEED, '-o', wav, '--cues', cues]).status).toBe(0);
    const flac = join(dir, 'book.flac');
    const result = runCli([
      'export',
      SAMPLE_SEED,
      wav,
      '--cues',
      cues,
      '-o',
      flac,
      '--loudness',
      '-24',
      '--json',
    ]);
    expect(result.status).toBe(0);
    const report = JSON.parse(result.stdout);
    expect(report).toMatchObject({ format: 'flac', output: flac });
    expect(report.chapters[0]).toMatchObject({ title: 'Chapter 1', start: 0 });
    expect(report.gain.expectedIntegrated).toBeCloseTo(-24, 1);
    const bad: Array<[string[], RegExp]> = [
      [
        ['export', SAMPLE_SEED, wav, '--cues', cues, '-o', join(dir, 'x.mp3'), '--loudness', 'loud'],
        /--loudness takes LUFS/,
      ],
      [['export', SAMPLE_SEED, wav, '-o', join(dir, 'x.mp3')], /the cue sheet has no times yet/],
      [
        ['export', SAMPLE_SEED, wav, '--cues', SAMPLE_SEED, '-o', join(dir, 'x.mp3')],
        /seed-chapter\.txt: not valid JSON/,
      ],
      [
        ['export', SAMPLE_SEED, SAMPLE_SEED, '--cues', cues, '-o', join(dir, 'x.mp3')],
        /unknown audio format/,
      ],
      [
        ['export', SAMPLE_SEED, wav, '--cues', cues, '-o', join(dir, 'x.aiff')],
        /name the output \.mp3, \.m4b, \.flac, \.opus or \.wav/,
      ],
    ];
    for (const [args, message] of bad) {
      const run = runCli(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(run.stderr).toMatch(message);
    }
    expect(existsSync(join(dir, 'x.mp3'))).toBe(false);
  }, 120_000);
});
