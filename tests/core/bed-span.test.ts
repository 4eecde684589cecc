import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bedSpan, fadeGain, fileTimeAt } from '../../audio/mix/bed-span.ts';
import type { Bed, CueSheet } from '../../cues/cue-sheet.ts';
import { placeCueSound, updateBed } from '../../cues/edit/bed-edits.ts';
import { readDrama } from '../../cues/readers/drama/read-drama.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { tempDir, toneAmplitude, toneOf, writeWav } from '../support/signals.ts';

const RATE = 44_100;
const bed = (more: Partial<Bed> = {}): Bed => ({
  id: 'b',
  path: 'b.wav',
  start: 0,
  gainDb: 0,
  duckDb: 0,
  ...more,
});

/** A sheet with one spoken cue (1–3 s), an [SFX: …] cue at 2 s and a MUSIC cue at 3.5 s. */
function scene(): CueSheet {
  const cue = (id: string, kind: 'dialogue' | 'sfx' | 'music', start: number, end: number) => ({
    id,
    kind,
    text: id,
    source: { start: 0, end: 1 },
    start,
    end,
  });
  return {
    version: 1,
    title: 'Scene',
    chapters: [{ id: 'ch', title: 'Scene', cueIds: ['line', 'door', 'theme'] }],
    cues: [cue('line', 'dialogue', 1, 3), cue('door', 'sfx', 2, 2), cue('theme', 'music', 3.5, 3.5)],
  };
}

describe('a bed span: trim, loop and fades', () => {
  it('trims the head and tail, loops past the file, and keeps the fades inside the span', () => {
    const span = bedSpan(bed({ offset: 1, length: 5, fadeIn: 2, fadeOut: 10 }), 4);
    expect(span).toEqual({ offset: 1, length: 3, fadeIn: 2, fadeOut: 1, loop: false }); // no loop: the file's rest
    const looped = bedSpan(bed({ offset: 1, length: 5, loop: true }), 4);
    expect(looped.length).toBe(5);
    expect(fileTimeAt(looped, 4, 0.5)).toBeCloseTo(1.5);
    expect(fileTimeAt(looped, 4, 3.5)).toBeCloseTo(1.5); // 3 s of file after the offset: round again
    expect(fadeGain(span, 0)).toBe(0);
    expect(fadeGain(span, 1)).toBeCloseTo(0.5);
    expect(fadeGain(span, 2.5)).toBeCloseTo(0.5);
    expect(fadeGain(span, 3.5)).toBe(0);
  });

  it('updates keep numbers the schema accepts, and loop off leaves no loop field', () => {
    const sheet = { ...scene(), beds: [bed({ loop: true })] };
    const next = updateBed(sheet, 'b', { offset: -2, length: 0, fadeIn: -1, loop: false }).beds![0]!;
    expect(next).toMatchObject({ offset: 0, length: 0.05, fadeIn: 0 });
    expect('loop' in next).toBe(false);
  });
});

describe('sounds picked for the script’s cues', () => {
  it('the drama reader makes [SFX: …] and MUSIC: lines sound cues', () => {
    const kinds = readDrama('[SFX: A door slams]\nMUSIC: Theme up and under\nANNA: Who is there?\n').map(
      (c) => c.kind,
    );
    expect(kinds).toEqual(['sfx', 'music', 'dialogue']);
  });

  it('places an effect at its cue, not ducked; music ducked; a second pick replaces the first', () => {
    let sheet = placeCueSound(scene(), 'door', '/fx/door.wav');
    sheet = placeCueSound(sheet, 'theme', '/music/theme.wav');
    sheet = placeCueSound(sheet, 'door', '/fx/door2.wav');
    expect(sheet.beds!.map((b) => [b.path, b.start, b.cueId, b.sfx ?? false])).toEqual([
      ['/music/theme.wav', 3.5, 'theme', false],
      ['/fx/door2.wav', 2, 'door', true],
    ]);
    expect(() => placeCueSound(sheet, 'line', '/fx/x.wav')).toThrow(/only a sound or music cue/);
  });

  it('exports the effect audible at its cue time under speech, and the music trimmed, looped and faded', async () => {
    const dir = tempDir('cue-sounds');
    // Narration: a 200 Hz voice from 1 to 3 s, 8 s long.
    const narration = toneOf(8, 200, 0, RATE);
    narration.set(toneOf(2, 200, 0.3, RATE), RATE);
    const audio = writeWav(join(dir, 'narration.wav'), [narration], RATE);
    const door = writeWav(join(dir, 'door.wav'), [toneOf(0.5, 1000, 0.5, RATE)], RATE);
    // The theme: 0.25 s of 900 Hz (trimmed off), then 0.75 s of 500 Hz.
    const theme = new Float32Array(RATE);
    theme.set(toneOf(0.25, 900, 0.5, RATE));
    theme.set(toneOf(0.75, 500, 0.5, RATE), RATE / 4);
    const themePath = writeWav(join(dir, 'theme.wav'), [theme], RATE);
    let sheet = placeCueSound(placeCueSound(scene(), 'door', door), 'theme', themePath);
    const themeId = sheet.beds!.find((b) => b.cueId === 'theme')!.id;
    sheet = updateBed(sheet, themeId, { gainDb: 0, offset: 0.25, length: 3, loop: true, fadeIn: 0.5 });
    const output = join(dir, 'mix.wav');
    await exportAudio({ audio, output, sheet, tags: { title: 'Scene' } });

    // Read back the way a listener's tool would: ffmpeg decodes the delivered file.
    const raw = join(dir, 'mix.f32');
    const ff = spawnSync('ffmpeg', ['-v', 'error', '-y', '-i', output, '-f', 'f32le', '-ac', '1', raw]);
    expect(ff.status).toBe(0);
    const bytes = readFileSync(raw);
    const mix = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4);
    const at = (hz: number, from: number, to: number) => toneAmplitude(mix, RATE, hz, from, to);

    expect(at(1000, 1.5, 1.95)).toBeLessThan(0.001); // nothing before its cue
    expect(at(1000, 2.05, 2.45)).toBeCloseTo(0.5, 1); // at its cue, full level under the speech
    expect(at(1000, 2.6, 3.4)).toBeLessThan(0.001);
    expect(at(200, 1.5, 2.9)).toBeCloseTo(0.3, 2); // the voice is untouched

    expect(at(500, 3.1, 3.45)).toBeLessThan(0.001); // the theme starts at its cue
    expect(at(500, 4.6, 6.4)).toBeCloseTo(0.5, 1); // past its 0.75 s of file: looped
    expect(at(500, 3.55, 3.7)).toBeLessThan(0.3); // fading in
    expect(at(900, 3.5, 6.5)).toBeLessThan(0.01); // the trimmed head is never heard
    expect(at(500, 6.6, 7.9)).toBeLessThan(0.001); // its 3 s span is over
  });
});
