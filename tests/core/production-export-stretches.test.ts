import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportProduction } from '../../src/production/export-production.ts';
import { SPEECH_DIR } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// Parallel encoders on a production: each encoder's stretch begins at the join before it, the
// files before it never decoded (production-audio.ts, timeline-audio.ts). The three LibriVox
// sonnets (MP3) merged to M4B by three encoders at once (two of them starting inside the second
// and third file), and an edited timeline of them by four (one starting inside a clip crossfaded
// from the one before, which must begin at the hard join before that), must be the same audio as
// one encoder's pass over the whole, second by second, read back by ffmpeg.

/** The worst one-second signal-to-difference ratio of `b` against `a`, dB (silent seconds skipped). */
function worstSecond(a: Float32Array, b: Float32Array, rate: number): number {
  let worst = Number.POSITIVE_INFINITY;
  for (let at = 0; at + rate <= a.length; at += rate) {
    let signal = 0;
    let noise = 0;
    for (let i = at; i < at + rate; i++) {
      signal += a[i]! ** 2;
      noise += (a[i]! - b[i]!) ** 2;
    }
    if (signal > 1e-6) worst = Math.min(worst, 10 * Math.log10(signal / Math.max(noise, 1e-20)));
  }
  return worst;
}

function decode(path: string): Float32Array {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-ac', '1', '-f', 'f32le', '-'], {
    maxBuffer: 1 << 30,
  });
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

describe('a production encoded in parallel stretches', () => {
  const dir = tempDir('production-stretches');
  const files = [1, 2, 3].map((n) => join(SPEECH_DIR, `sonnets/sonnet00${n}.mp3`));
  let whole: Float32Array;
  let parallel: Float32Array;
  let rate = 0;

  beforeAll(async () => {
    requireTools('the exports are read back by ffmpeg', 'ffmpeg', 'shared data');
    const one = await exportProduction({
      recordings: files,
      output: join(dir, 'one.m4b'),
      encoders: 1,
      tags: {},
    });
    await exportProduction({ recordings: files, output: join(dir, 'three.m4b'), encoders: 3, tags: {} });
    rate = one.file!.sampleRate;
    whole = decode(join(dir, 'one.m4b'));
    parallel = decode(join(dir, 'three.m4b'));
  }, 300_000);

  it('gives the same audio as one encoder, second by second', () => {
    expect(parallel.length).toBe(whole.length);
    // Two AAC encoders' packets around a seam differ a little (26 dB at worst on these files, as
    // before the stretches skipped anything); a stretch placed even a few samples off is far below.
    expect(worstSecond(whole, parallel, rate)).toBeGreaterThan(20);
  });

  it('gives the same audio for an edited timeline with a crossfade', async () => {
    const ids = ['rec-1', 'rec-2', 'rec-3'];
    const timeline = [
      { recording: 'rec-1', from: 0, to: 45 },
      { recording: 'rec-2', from: 0, to: 50, gapBefore: 1 },
      { recording: 'rec-3', from: 0, to: 20, gapBefore: 0.5 },
      { recording: 'rec-3', from: 20.5, to: 52, gapBefore: -0.05 },
      { recording: 'rec-1', from: 0, to: 20, gapBefore: 1 },
    ];
    const script = {
      sheet: { version: 1 as const, title: 'Sonnets', chapters: [], cues: [] },
      placements: [],
      recordingIds: ids,
    };
    const out = (n: number) => join(dir, `timeline-${n}.m4b`);
    for (const encoders of [1, 4])
      await exportProduction({
        recordings: files,
        output: out(encoders),
        encoders,
        tags: {},
        script,
        timeline,
      });
    const one = decode(out(1));
    const four = decode(out(4));
    expect(four.length).toBe(one.length);
    expect(worstSecond(one, four, rate)).toBeGreaterThan(20);
  }, 300_000);
});
