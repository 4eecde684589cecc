import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../audio/wav/wav-writer.ts';
import { parseScript } from '../../cues/parse-script.ts';
import { loadProject, saveProject } from '../../src/project/project-store.ts';
import { SPEECH_DIR, speechRecordings } from '../support/human-speech.ts';
import { requireTools } from '../support/required-tools.ts';
import { runCli } from '../support/run-cli.ts';
import { ffmpeg, ffmpegLoudness, rng, tempDir } from '../support/signals.ts';
import { sonnetOneAtTruth } from '../support/sonnet-at-truth.ts';

// A MONO pickup into a STEREO recording: BS.1770 loudness of mono played on two channels is 3 dB
// more than of the mono measured alone, so the level match must measure both as they play. Two
// lines of LibriVox's sonnet I said again 6 dB quieter, mono at 22.05 kHz, into the reading as a
// stereo WAV: the gain is about +6 dB and the export, read by ffmpeg ebur128, plays the pickup's
// lines as loud as the original's.

const RATE = 16_000;

function decode(path: string, rate: number): Float32Array {
  const raw = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', path, '-ac', '1', '-ar', String(rate), '-f', 'f32le', '-'],
    {
      maxBuffer: 1 << 30,
    },
  );
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength));
}

/** ffmpeg ebur128's integrated loudness of `path` from `from` to `to` seconds. */
function loudnessOf(path: string, from: number, to: number, dir: string, name: string): number {
  const cut = join(dir, name);
  ffmpeg(['-i', path, '-ss', String(from), '-t', String(to - from), '-c:a', 'pcm_f32le', cut]);
  return ffmpegLoudness(cut).integrated;
}

describe('a mono pickup into a stereo recording', () => {
  const dir = tempDir('pickup-channels');
  const path = join(dir, 'sonnet.cwproj');
  let run: { status: number | null; stdout: string; stderr: string };

  beforeAll(async () => {
    requireTools('the recording is decoded and the export read back by ffmpeg', 'ffmpeg', 'shared data');
    const sonnet = speechRecordings().find((r) => r.name === 'sonnet001')!;
    const original = decode(join(SPEECH_DIR, 'sonnets/sonnet001.flac'), RATE);
    // Stereo: the reading on both channels.
    writeFileSync(join(dir, 'sonnet001.wav'), encodeWav([original, original.slice()], RATE));
    const text = readFileSync(sonnet.script, 'utf8');
    const sheet = parseScript(text);
    const truth = sonnet.truth.map((u) => u.start);
    await saveProject(path, sonnetOneAtTruth(sonnet, text, sheet, original.length / RATE));
    // Lines 5 and 6 (cues 6 and 7) again, 6 dB quieter, mono at 22.05 kHz, quiet room around.
    const high = decode(join(SPEECH_DIR, 'sonnets/sonnet001.flac'), 22_050);
    const lines = high
      .slice(Math.round((truth[5]! - 0.12) * 22_050), Math.round((truth[7]! - 0.35) * 22_050))
      .map((v) => v * 0.5);
    const random = rng(7);
    const pad = Math.round(0.8 * 22_050);
    const pickup = Float32Array.from({ length: pad * 2 + lines.length }, () => (random() - 0.5) * 0.002);
    pickup.set(lines, pad);
    writeFileSync(join(dir, 'pickup.wav'), encodeWav([pickup], 22_050));
    run = runCli(['pickup', path, join(dir, 'pickup.wav'), '--from', '6', '--to', '7'], undefined, 300_000);
  }, 300_000);

  it('brings the pickup to the reading as both play (about +6 dB, not +9)', async () => {
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const gain = Number(run.stdout.match(/gain ([+-][\d.]+) dB/)![1]);
    expect(gain).toBeGreaterThan(5);
    expect(gain).toBeLessThan(7);
    const out = join(dir, 'out.wav');
    const exported = runCli(['export', path, '-o', out], undefined, 300_000);
    expect(exported.stderr).toBe('');
    expect(exported.status).toBe(0);
    const [head, clip, tail] = (await loadProject(path)).timeline!;
    // The replaced stretch on the export (the pickup's clip) and on the original (what it replaced).
    const start = head!.to + clip!.gapBefore!;
    const played = loudnessOf(out, start, start + (clip!.to - clip!.from), dir, 'played.wav');
    const replaced = loudnessOf(join(dir, 'sonnet001.wav'), head!.to, tail!.from, dir, 'replaced.wav');
    expect(Math.abs(played - replaced)).toBeLessThan(1);
  }, 300_000);
});
