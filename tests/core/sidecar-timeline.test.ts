import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseFile } from 'music-metadata';
import { describe, expect, it } from 'vitest';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { chapterSeconds } from '../../src/audio-io/audio-metadata.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { writeSidecars } from '../../src/export/write-sidecars.ts';
import { ffmpeg, ffmpegInstalled, segments, tempDir, writeWav } from '../support/signals.ts';

// The MP3's ID3 chapters were moved by the encoder's priming (1105 samples: 50 ms at 22.05 kHz)
// while the sidecars beside it kept the recording's times, so the two disagreed by 50 ms. Now the
// file declares its priming (LAME tag; M4B: edit list) and decoders drop it: the audio, the
// chapters inside the file and every sidecar share one timeline. Tolerances are well under 50 ms.

const RATE = 22_050;
const STARTS = [0, 3.5, 7.25];
const TITLES = ['First', 'Second', 'Third'];
/** ms: the sidecars and chapters are written to the millisecond, a decoded click is one sample. */
const TOLERANCE = 0.002;
/** A CUE sheet counts 75 frames a second: it rounds to half of 13.3 ms. */
const CUE_TOLERANCE = 0.5 / 75 + 0.001;
const dir = tempDir('sidecar-timeline');

it('has ffmpeg to read the files back (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

function book(): { audio: string; sheet: CueSheet } {
  const channels = segments(RATE, 1, [{ seconds: 11, db: -40 }], 8);
  for (const start of STARTS.slice(1))
    for (let i = 0; i < 8; i++) channels[0]![Math.round(start * RATE) + i] = 0.9;
  const parsed = parseScript(TITLES.map((t) => `# ${t}\n\nA line of ${t}.`).join('\n\n'), {
    format: 'fountain',
  });
  const chapterOf = new Map(parsed.chapters.flatMap((c, i) => c.cueIds.map((id) => [id, i] as const)));
  const sheet = {
    ...parsed,
    cues: parsed.cues.map((c) => {
      const at = STARTS[chapterOf.get(c.id)!]! + (c.kind === 'heading' ? 0 : 1);
      return { ...c, start: at, end: at + 0.8 };
    }),
  };
  return { audio: writeWav(join(dir, 'clicks.wav'), channels, RATE, { bitsPerSample: 16 }), sheet };
}

/** Where ffmpeg hears each click, seconds. */
function clicks(path: string): number[] {
  const raw = join(dir, `${path.replace(/\W/g, '_')}.f32`);
  ffmpeg(['-i', path, '-ac', '1', '-f', 'f32le', raw]);
  const bytes = readFileSync(raw);
  const samples = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
  const found: number[] = [];
  for (let i = 0; i < samples.length; i++)
    if (Math.abs(samples[i]!) > 0.5 && (found.length === 0 || i - found[found.length - 1]! * RATE > RATE))
      found.push(i / RATE);
  return found;
}

/** Packet times of a subtitle-like file as ffprobe reads them (WebVTT, SRT, LRC), seconds. */
function probeTimes(path: string): number[] {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', path],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  return out.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Number.parseFloat(l));
}

/** Chapter starts as ffprobe reads them from the file, seconds. */
function probeChapters(path: string): number[] {
  const out = spawnSync(
    'ffprobe',
    ['-v', 'error', '-show_entries', 'chapter=start_time', '-of', 'csv=p=0', path],
    {
      encoding: 'utf8',
    },
  );
  if (out.status !== 0) throw new Error(`ffprobe ${path}: ${out.stderr}`);
  return out.stdout
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => Number.parseFloat(l));
}

/** Chapter starts in an ffmetadata file, seconds. */
function ffmetadataStarts(text: string): number[] {
  return [...text.matchAll(/\[CHAPTER\]\nTIMEBASE=(\d+)\/(\d+)\nSTART=(\d+)/g)].map(
    (m) => (Number(m[3]) * Number(m[1])) / Number(m[2]),
  );
}

describe('one timeline for the audio, the chapters in the file and the sidecars beside it', () => {
  for (const format of ['mp3', 'm4b'] as const) {
    it(`${format} at 22.05 kHz: chapters, sidecars and captions agree within 2 ms (the priming was 50 ms)`, async () => {
      const { audio, sheet } = book();
      const output = join(dir, `book.${format}`);
      const result = await exportAudio({ audio, output, sheet, tags: {} });
      expect(result.sampleRate).toBe(RATE);
      const paths = await writeSidecars(output, sheet, result.chapters, undefined, 'all');
      const sidecar = (suffix: string) => paths.find((p) => p.endsWith(suffix))!;

      // What a listener hears, and the chapters as ffmpeg and music-metadata read them from the file.
      const heard = clicks(output);
      expect(heard).toHaveLength(2);
      const meta = await parseFile(output, { includeChapters: true });
      const byMusicMetadata = (meta.format.chapters ?? []).map((c) =>
        chapterSeconds(c, meta.format.sampleRate!),
      );
      const readers: Record<string, number[]> = {
        // (ffmpeg's own ffmetadata dump of an MP3 moves chapters back by the priming it skipped,
        // as it does for MP3s it makes itself: the file holds the times, ffprobe shows them.)
        'chapters in the file (ffprobe)': probeChapters(output),
        'chapters in the file (music-metadata)': byMusicMetadata,
        '.chapters.vtt (ffprobe)': probeTimes(sidecar('.chapters.vtt')),
        '.chapters.json': (
          JSON.parse(readFileSync(sidecar('.chapters.json'), 'utf8')) as {
            chapters: Array<{ startTime: number }>;
          }
        ).chapters.map((c) => c.startTime),
        '.ffmetadata.txt': ffmetadataStarts(readFileSync(sidecar('.ffmetadata.txt'), 'utf8')),
        '.labels.txt': readFileSync(sidecar('.labels.txt'), 'utf8')
          .trim()
          .split('\n')
          .map((l) => Number(l.split('\t')[0])),
      };
      for (const [reader, starts] of Object.entries(readers)) {
        expect(starts, reader).toHaveLength(3);
        expect(starts[0], reader).toBe(0);
        heard.forEach((click, i) => {
          expect(Math.abs(starts[i + 1]! - click), `${reader}, chapter ${i + 2}`).toBeLessThanOrEqual(
            TOLERANCE,
          );
        });
      }
      const cueStarts = [
        ...readFileSync(sidecar('.cue'), 'utf8').matchAll(/INDEX 01 (\d+):(\d+):(\d+)/g),
      ].map((m) => Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) / 75);
      heard.forEach((click, i) => {
        expect(Math.abs(cueStarts[i + 1]! - click), `.cue chapter ${i + 2}`).toBeLessThanOrEqual(
          CUE_TOLERANCE,
        );
      });
      // Captions: each heading is spoken at its chapter's click.
      for (const suffix of ['.captions.vtt', '.captions.srt']) {
        const times = probeTimes(sidecar(suffix));
        expect(times).toHaveLength(sheet.cues.length);
        heard.forEach((click, i) => {
          const nearest = Math.min(...times.map((t) => Math.abs(t - click)));
          expect(nearest, `${suffix} heading ${i + 2}`).toBeLessThanOrEqual(TOLERANCE);
        });
      }
    });
  }
});
