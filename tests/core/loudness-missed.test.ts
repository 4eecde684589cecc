import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../support/run-cli.ts';
import { tempDir, writeWav } from '../support/signals.ts';

// A loudness target the delivered file did not reach is said, naming the file (the fresh tester:
// "--loudness -5" delivered -11.1 LUFS and a silent recording "-Infinity LUFS", both exit 0 and no
// word). The file is still written, its figures printed as measured.

// Its unit cases (every message and edge of targetMissed) are in loudness-plan.test.ts, the
// module's mutation test list.

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
