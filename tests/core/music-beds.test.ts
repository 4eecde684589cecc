import { truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duckingPoints, gainAt } from '../../audio/mix/ducking.ts';
import { Resampler } from '../../audio/resample.ts';
import { wavHeader } from '../../audio/wav/wav-writer.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { addBed } from '../../cues/edit/bed-edits.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { sine, tempDir, toneAmplitude, toneOf, writeWav } from '../support/signals.ts';

const RATE = 44_100;

const tone = (seconds: number, hz: number, amplitude: number, rate = RATE) =>
  toneOf(seconds, hz, amplitude, rate);
const amplitudeAt = (samples: Float32Array, hz: number, from: number, to: number) =>
  toneAmplitude(samples, RATE, hz, from, to);

function sheetWith(cues: Array<[string, number, number]>): CueSheet {
  return {
    version: 1,
    title: 'Beds',
    chapters: [{ id: 'ch', title: 'Beds', cueIds: cues.map(([id]) => id) }],
    cues: cues.map(([id, start, end], i) => ({
      id,
      kind: id.startsWith('l') ? ('lyric' as const) : ('narration' as const),
      text: id,
      source: { start: i * 10, end: i * 10 + 2 },
      start,
      end,
    })),
  };
}

describe('music bed ducking', () => {
  it('ducks under spoken cues, not under sung ones, and bridges short gaps', () => {
    const sheet = addBed(
      sheetWith([
        ['n1', 2, 4],
        ['n2', 4.3, 6],
        ['l1', 8, 10],
      ]),
      '/music/bed.wav',
      0,
    );
    const bed = sheet.beds![0]!;
    const points = duckingPoints(sheet, bed);
    const db = (t: number) => 20 * Math.log10(gainAt(points, t).gain);
    expect(db(1)).toBeCloseTo(bed.gainDb, 6);
    expect(db(3)).toBeCloseTo(bed.gainDb + bed.duckDb, 6);
    expect(db(4.15)).toBeCloseTo(bed.gainDb + bed.duckDb, 6); // a 0.3 s gap stays ducked
    expect(db(7.5)).toBeCloseTo(bed.gainDb, 6);
    expect(db(9)).toBeCloseTo(bed.gainDb, 6); // under the song the bed stays up
    expect(db(6.3)).toBeGreaterThan(bed.gainDb + bed.duckDb); // ramping back up
    expect(db(6.3)).toBeLessThan(bed.gainDb);
  });

  it('mixes the bed into the export at its place, ducked under the narration', async () => {
    const dir = tempDir('beds');
    // Narration: a 200 Hz "voice" from 1.5 to 3 s in faint noise; the bed: a 1 kHz tone from 0.5 s.
    const narration = tone(4, 200, 0);
    narration.set(tone(1.5, 200, 0.3), Math.round(1.5 * RATE));
    for (let i = 0; i < narration.length; i++) narration[i]! += (Math.random() - 0.5) * 1e-4;
    const audio = writeWav(join(dir, 'narration.wav'), [narration], RATE);
    // The bed at 48 kHz: resampled to the narration's rate on the way in.
    const bedPath = writeWav(join(dir, 'bed.wav'), [tone(3.5, 1000, 0.5, 48_000)], 48_000);
    const base = sheetWith([['n1', 1.5, 3]]);
    const sheet = { ...addBed(base, bedPath, 0.5) };
    sheet.beds = [{ ...sheet.beds![0]!, gainDb: -6, duckDb: -12 }];
    const output = join(dir, 'mixed.wav');
    await exportAudio({ audio, output, sheet, tags: { title: 'Beds' } });
    const mixed = (await decodeAudioFile(output)).channels[0]!;

    const before = amplitudeAt(mixed, 1000, 0.05, 0.45);
    const full = amplitudeAt(mixed, 1000, 0.6, 1.1);
    const ducked = amplitudeAt(mixed, 1000, 1.6, 2.9);
    expect(before).toBeLessThan(0.001);
    expect(20 * Math.log10(full / 0.5)).toBeCloseTo(-6, 0);
    expect(20 * Math.log10(ducked / full)).toBeCloseTo(-12, 0);
    expect(amplitudeAt(mixed, 200, 1.6, 2.9)).toBeCloseTo(0.3, 2); // the narration is untouched
  });
});

/** A 16-bit WAV of digital silence that takes no disk: a header, then a hole. */
function sparseWav(path: string, sampleRate: number, channels: number, frames: number): string {
  writeFileSync(path, wavHeader({ sampleRate, channels, bitsPerSample: 16 }, frames));
  truncateSync(path, 44 + frames * channels * 2);
  return path;
}

/** A sheet with no spoken cues (the bed plays at its own gain throughout) and the given beds. */
function bedsOnly(beds: Array<[path: string, start: number, gainDb: number]>): CueSheet {
  return {
    version: 1,
    title: 'Beds',
    chapters: [],
    cues: [],
    beds: beds.map(([path, start, gainDb], i) => ({ id: `bed-${i}`, path, start, gainDb, duckDb: 0 })),
  };
}

describe('music beds are streamed, never decoded whole', () => {
  it('a 512 MB bed under ten minutes of narration: memory stays bounded (it was 3.4 GB)', async () => {
    const dir = tempDir('bed-stream');
    const audio = sparseWav(join(dir, 'narration.wav'), 44_100, 1, 44_100 * 600);
    // 48 kHz stereo, so it is resampled on the way in, as beds usually are.
    const bed = sparseWav(join(dir, 'bed.wav'), 48_000, 2, (512 * 1024 * 1024) / 4);
    const output = join(dir, 'mixed.wav');
    const rss = () => process.memoryUsage.rss();
    const before = rss();
    let peak = before;
    // Sampled once per block as the export streams: no clock involved.
    await exportAudio({
      audio,
      output,
      sheet: bedsOnly([[bed, 0, -6]]),
      tags: {},
      onProgress: () => {
        peak = Math.max(peak, rss());
      },
    });
    peak = Math.max(peak, rss());
    // Decoded whole, the bed alone is 1 GB of samples at 48 kHz and again as much resampled.
    expect((peak - before) / 2 ** 20).toBeLessThan(300);
  });

  it('mixes a resampled bed sample for sample as a whole-file mix would, across every block seam', async () => {
    const dir = tempDir('bed-stream');
    const rate = 44_100;
    const narration = [new Float32Array(rate * 8), new Float32Array(rate * 8)];
    const audio = writeWav(join(dir, 'narration.wav'), narration, rate);
    // Two channels of different tones at 48 kHz, 3 s from 1.234 s; a second bed runs past the
    // narration's end; a third starts after it (never read).
    const bedAudio = [...sine(48_000, 1, 3, 330, 0.4), ...sine(48_000, 1, 3, 550, 0.3)];
    const bed = writeWav(join(dir, 'bed.wav'), bedAudio, 48_000);
    const long = writeWav(join(dir, 'long.wav'), sine(rate, 1, 10, 770, 0.2), rate);
    const sheet = bedsOnly([
      [bed, 1.234, -6],
      [long, 6, 0],
      [bed, 100, 0],
    ]);
    const output = join(dir, 'mixed.wav');
    await exportAudio({ audio, output, sheet, tags: {} });
    const mixed = (await decodeAudioFile(output)).channels;

    const resampler = new Resampler(48_000, rate, 2);
    const parts = [resampler.push(bedAudio), resampler.flush()];
    const gain = 10 ** (-6 / 20);
    const startA = Math.round(1.234 * rate);
    const startB = 6 * rate;
    let worst = 0;
    for (let c = 0; c < 2; c++) {
      const resampled = Float32Array.from([...parts[0]![c]!, ...parts[1]![c]!]);
      const longSamples = sine(rate, 1, 10, 770, 0.2)[0]!;
      for (let i = 0; i < mixed[c]!.length; i++) {
        let want = 0;
        if (i >= startA && i - startA < resampled.length) want += resampled[i - startA]! * gain;
        if (i >= startB) want += longSamples[i - startB]!;
        worst = Math.max(worst, Math.abs(mixed[c]![i]! - want));
      }
    }
    expect(mixed[0]!.length).toBe(rate * 8);
    expect(worst).toBeLessThan(1.5 / 32768); // 16-bit rounding, nothing more
  });

  it('every pass and every parallel encoder reads the bed from its own start (MP3, three encoders, loudness)', async () => {
    const dir = tempDir('bed-stream');
    const rate = 44_100;
    const audio = writeWav(join(dir, 'narration.wav'), [new Float32Array(rate * 15)], rate);
    // Five seconds each of 500, 1000 and 2000 Hz: a bed read from the wrong place is heard so.
    const bedAudio = Float32Array.from([
      ...toneOf(5, 500, 0.3, rate),
      ...toneOf(5, 1000, 0.3, rate),
      ...toneOf(5, 2000, 0.3, rate),
    ]);
    const bed = writeWav(join(dir, 'bed.wav'), [bedAudio], rate);
    const output = join(dir, 'mixed.mp3');
    await exportAudio({
      audio,
      output,
      sheet: bedsOnly([[bed, 0, 0]]),
      tags: {},
      encoders: 3,
      loudness: { name: 'test', integrated: -20, truePeakCeiling: -1 },
    });
    const mixed = (await decodeAudioFile(output)).channels[0]!;
    for (const [hz, from] of [
      [500, 0.5],
      [1000, 5.5],
      [2000, 10.5],
    ] as const) {
      const here = amplitudeAt(mixed, hz, from, from + 4);
      for (const other of [500, 1000, 2000].filter((f) => f !== hz))
        expect(amplitudeAt(mixed, other, from, from + 4), `${other} Hz at ${from} s`).toBeLessThan(
          here / 100,
        );
    }
  });
});
