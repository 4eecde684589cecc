import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAudioSpecificConfig, withSbrAbsent } from '../../audio/aac/audio-specific-config.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { analyzeAudio } from '../../src/audio-io/analyze-audio.ts';
import { exportAudio } from '../../src/export/export-audio.ts';
import { ffmpegReference, ffprobeExtradata } from '../support/ffmpeg-reference.ts';
import { ffmpegInstalled, segments, tempDir, writeWav } from '../support/signals.ts';

// AAC whose config leaves SBR implicit (ADTS, and MP4s remuxed from it or spliced from ADTS
// packets) was decoded at twice the rate but labelled at the container's: twice its length. Mono
// AAC whose mp4a box says 2 channels was read as stereo, 3 LU loud. ffmpeg is the reference.
const CASES = join(import.meta.dirname, '../../../shared/cases/decode');
const AAC_FRAME = 1024;
const dir = tempDir('aac-config');

it('has ffmpeg to compare with (these tests fail without it, never pass quietly)', () => {
  expect(ffmpegInstalled).toBe(true);
});

describe('AudioSpecificConfig', () => {
  it('makes an implicit AAC-LC config say "no SBR" explicitly, as ffmpeg writes it', () => {
    // 22.05 kHz mono AAC-LC, as an ADTS header implies it; ffmpeg's M4A carries the 5-byte form.
    expect([...withSbrAbsent(Uint8Array.of(0x13, 0x88))]).toEqual([0x13, 0x88, 0x56, 0xe5, 0x00]);
    expect(parseAudioSpecificConfig(Uint8Array.of(0x13, 0x88)).sbrSignalling).toBe('implicit');
    expect(parseAudioSpecificConfig(Uint8Array.of(0x13, 0x88, 0x56, 0xe5, 0x00))).toEqual({
      objectType: 2,
      sampleRate: 22_050,
      channelConfig: 1,
      sbrSignalling: 'explicit',
    });
    // Explicit HE-AAC (object type 5) and configs already explicit are left alone.
    const he = Uint8Array.of(0x2b, 0x92, 0x08, 0x00);
    expect(withSbrAbsent(he)).toBe(he);
    const explicit = Uint8Array.of(0x13, 0x88, 0x56, 0xe5, 0x00);
    expect(withSbrAbsent(explicit)).toBe(explicit);
  });
});

describe('the real-world AAC files of shared/cases/decode read as ffmpeg reads them', () => {
  const files = readdirSync(CASES).filter((f) => /\.(aac|m4a|m4b)$/.test(f));
  it('finds the cases', () => expect(files.length).toBeGreaterThanOrEqual(3));
  for (const file of files) {
    it(file, async () => {
      const path = join(CASES, file);
      const ours = await analyzeAudio(path);
      const reference = ffmpegReference(path);
      expect(ours.sampleRate).toBe(reference.sampleRate);
      expect(ours.channels).toBe(reference.channels);
      expect(Math.abs(ours.duration * ours.sampleRate - reference.frames)).toBeLessThanOrEqual(AAC_FRAME);
      expect(Math.abs(ours.loudness.integrated! - reference.integrated)).toBeLessThanOrEqual(0.1);
    });
  }
});

describe('our own M4B at 22.05 kHz mono reads back at its length', () => {
  const RATE = 22_050;
  const SECONDS = 12;
  const source = writeWav(
    join(dir, 'narration.wav'),
    segments(RATE, 1, [{ seconds: SECONDS, db: -24, tone: 220 }], 7),
    RATE,
  );
  const parsed = parseScript('One line of narration.');
  const sheet = { ...parsed, cues: parsed.cues.map((c) => ({ ...c, start: 1, end: 3 })) };
  // One encoder, and two stretches at once spliced from ADTS packets (books of 2 minutes or more).
  for (const encoders of [1, 2]) {
    it(`${encoders} encoder${encoders > 1 ? 's' : ''}: the config says "no SBR", and analyze reads ${SECONDS} s`, async () => {
      const output = join(dir, `book-${encoders}.m4b`);
      await exportAudio({ audio: source, output, sheet, tags: {}, encoders });
      const config = parseAudioSpecificConfig(ffprobeExtradata(output));
      expect(config).toMatchObject({
        objectType: 2,
        sampleRate: RATE,
        channelConfig: 1,
        sbrSignalling: 'explicit',
      });
      const ours = await analyzeAudio(output);
      const reference = ffmpegReference(output);
      expect(ours.sampleRate).toBe(RATE);
      expect(ours.channels).toBe(1);
      expect(Math.abs(ours.duration - SECONDS)).toBeLessThanOrEqual(AAC_FRAME / RATE);
      expect(Math.abs(ours.duration * RATE - reference.frames)).toBeLessThanOrEqual(AAC_FRAME);
      expect(Math.abs(ours.loudness.integrated! - reference.integrated)).toBeLessThanOrEqual(0.1);
    });
  }
});
