import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LOUDNESS_PRESETS, targetMissed } from '../../audio/export/loudness-target.ts';
import type { LoudnessResult } from '../../audio/loudness/loudness-meter.ts';
import { runCli } from '../support/run-cli.ts';
import { tempDir, writeWav } from '../support/signals.ts';

// A loudness target the delivered file did not reach is said, naming the file (the fresh tester:
// "--loudness -5" delivered -11.1 LUFS and a silent recording "-Infinity LUFS", both exit 0 and no
// word). The file is still written, its figures printed as measured.

const measured = (integrated: number, truePeak: number): LoudnessResult =>
  ({ integrated, truePeak }) as LoudnessResult;

describe('targetMissed', () => {
  const podcast = LOUDNESS_PRESETS.podcast;

  it('says nothing within 0.5 LU with the true peak under the ceiling (0.05 dB of rounding)', () => {
    expect(targetMissed(podcast, measured(-16.5, -1))).toBeUndefined();
    expect(targetMissed(podcast, measured(-15.5, -0.95))).toBeUndefined();
  });

  it('names a loudness short of or over the target, and a true peak over the ceiling', () => {
    expect(targetMissed(podcast, measured(-16.6, -2))).toBe(
      'target missed: -16.6 LUFS delivered, 0.6 LU short of the -16 LUFS target',
    );
    expect(targetMissed(podcast, measured(-15.3, -2))).toBe(
      'target missed: -15.3 LUFS delivered, 0.7 LU over the -16 LUFS target',
    );
    expect(targetMissed(podcast, measured(-16, -0.9))).toBe(
      'target missed: true peak -0.9 dBTP over the -1 dBTP ceiling',
    );
  });

  it('says a recording with nothing to measure took no gain, and leaves ACX to its own verdict', () => {
    expect(targetMissed(podcast, measured(Number.NEGATIVE_INFINITY, -40))).toMatch(
      /^the loudness target was not applied: the audio is silent or too short to measure/,
    );
    expect(targetMissed(LOUDNESS_PRESETS.acx, measured(-25, -2))).toBeUndefined();
  });
});

describe('cuewright export says when the target was missed', () => {
  const dir = tempDir('loudness-missed');

  it('for a real recording asked for -5 LUFS under the -1 dBTP ceiling, and for silence', () => {
    const speech = join(import.meta.dirname, '../../../shared/speech/casual/cold_corpus.wav');
    const loud = runCli(['export', speech, '-o', join(dir, 'loud.wav'), '--loudness', '-5'], dir, 300_000);
    expect(loud.status, loud.stderr).toBe(0);
    expect(loud.stderr).toMatch(
      new RegExp(
        `warning: ${join(dir, 'loud.wav')}: target missed: -\\d+\\.\\d LUFS delivered, \\d+\\.\\d LU short of the -5 LUFS target`,
      ),
    );
    const silent = writeWav(join(dir, 'silent.wav'), [new Float32Array(44_100 * 3)], 44_100);
    const quiet = runCli(['export', silent, '-o', join(dir, 'quiet.wav'), '--loudness', '-16'], dir, 300_000);
    expect(quiet.status, quiet.stderr).toBe(0);
    expect(quiet.stderr).toContain(
      `warning: ${join(dir, 'quiet.wav')}: the loudness target was not applied: the audio is silent or too short to measure`,
    );
  }, 300_000);
});
