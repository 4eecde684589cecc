import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { duckingPoints, gainAt } from '../../audio/mix/ducking.ts';
import type { CueSheet } from '../../cues/cue-sheet.ts';
import { addBed } from '../../cues/edit/bed-edits.ts';
import { decodeAudioFile } from '../../src/audio-io/decode-audio-file.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { tempDir, toneAmplitude, toneOf, writeWav } from '../support/signals.ts';

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
