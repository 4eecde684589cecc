import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FilePathTarget } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { MediaEncoder } from '../../audio/export/media-encoder.ts';
import {
  mainDataBegin,
  payloadOf,
  readMp3FrameHeader,
  reservoirFree,
} from '../../audio/export/mp3-frames.ts';
import { requireTools } from '../support/required-tools.ts';
import { segments, tempDir } from '../support/signals.ts';

// The seam frame of a parallel MP3 encode is rewritten to carry its own main data. The proof that
// the rewrite is exact: put it in place of the original frame in a real LAME stream, and an
// independent decoder (ffmpeg) must give the very same samples, with no complaint.

const dir = tempDir('mp3-frames');

async function lameStream(
  sampleRate: number,
  channels: number,
  name: string,
  seed = 5,
): Promise<Uint8Array[]> {
  // Speech-like bursts and pauses, so the encoder both fills and spends its bit reservoir.
  const parts = Array.from({ length: 12 }, (_, i) =>
    i % 3 === 2
      ? { seconds: 0.4, db: -50 }
      : { seconds: 0.6, db: -18 - (i % 4) * 4, tone: 150 + ((i * seed * 40) % 400) },
  );
  const audio = segments(sampleRate, channels, parts, seed);
  const path = join(dir, name);
  const encoder = await MediaEncoder.open(
    { format: 'mp3', sampleRate, channels, bitrate: 64_000, tags: {}, chapters: [] },
    new FilePathTarget(path),
  );
  for (let at = 0; at < audio[0]!.length; at += 4096)
    await encoder.push(audio.map((c) => c.subarray(at, at + 4096)));
  await encoder.finish();
  return framesOf(readFileSync(path));
}

/** The stream's audio frames, the leading Xing/Info frame left out. */
function framesOf(bytes: Uint8Array): Uint8Array[] {
  const frames: Uint8Array[] = [];
  for (let at = 0; at + 4 <= bytes.length; ) {
    const size = readMp3FrameHeader(bytes.subarray(at)).size;
    frames.push(bytes.subarray(at, at + size));
    at += size;
  }
  const first = new TextDecoder('latin1').decode(frames[0]!);
  return first.includes('Xing') || first.includes('Info') ? frames.slice(1) : frames;
}

function decode(frames: Uint8Array[], name: string): { pcm: Buffer; complaints: string } {
  const path = join(dir, name);
  writeFileSync(path, Buffer.concat(frames));
  const result = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], { maxBuffer: 1 << 28 });
  return { pcm: result.stdout, complaints: result.stderr.toString() };
}

requireTools('the seams are decoded by ffmpeg', 'ffmpeg');

describe('MP3 seam frames (bit reservoir)', () => {
  it.each([
    { sampleRate: 44_100, channels: 1, mpeg: 1 },
    { sampleRate: 22_050, channels: 2, mpeg: 2 },
  ])(
    'a frame rewritten to need no reservoir decodes exactly as before (MPEG-$mpeg, $channels channel)',
    async ({ sampleRate, channels, mpeg }) => {
      const frames = await lameStream(sampleRate, channels, `source-${mpeg}.mp3`);
      expect(readMp3FrameHeader(frames[0]!).mpeg).toBe(mpeg);
      const original = decode(frames, `original-${mpeg}.mp3`);
      expect(original.complaints).toBe('');
      // Frames that really borrow from the reservoir, and whose successor does too: the hard case.
      const borrowing = frames
        .map((_, k) => k)
        .filter(
          (k) =>
            k > 0 &&
            k + 1 < frames.length &&
            mainDataBegin(frames[k]!) > 0 &&
            mainDataBegin(frames[k + 1]!) > 0,
        );
      expect(borrowing.length).toBeGreaterThan(20);
      const tried = borrowing.filter((_, i) => i % Math.ceil(borrowing.length / 8) === 0);
      let rewritten = 0;
      for (const k of tried) {
        const before = Buffer.concat(frames.slice(Math.max(0, k - 8), k).map(payloadOf));
        const seam = reservoirFree(frames[k]!, before, mainDataBegin(frames[k + 1]!));
        if (!seam) continue;
        rewritten++;
        expect(mainDataBegin(seam)).toBe(0);
        const spliced = decode(
          [...frames.slice(0, k), seam, ...frames.slice(k + 1)],
          `spliced-${mpeg}-${k}.mp3`,
        );
        expect(spliced.complaints, `frame ${k}`).toBe('');
        expect(spliced.pcm.equals(original.pcm), `frame ${k} decodes differently`).toBe(true);
      }
      expect(rewritten).toBeGreaterThanOrEqual(tried.length - 1);
    },
  );

  it('is what makes a seam decodable: the frame as it was, after another encode, is misread', async () => {
    const frames = await lameStream(44_100, 1, 'source-check.mp3');
    const k = frames.findIndex((f, i) => i > 10 && mainDataBegin(f) > 100);
    // Another encode's frames (another signal) before it: unrewritten, the frame reads its start
    // from their bytes.
    const other = await lameStream(44_100, 1, 'source-other.mp3', 11);
    const own = decode(frames, 'own.mp3').pcm;
    const frameBytes = 1152 * 2;
    const at = (k + 1) * frameBytes; // the frame after the seam, decoded with the seam's overlap
    const asIs = decode([...other.slice(0, k), ...frames.slice(k)], 'as-is.mp3');
    const before = Buffer.concat(frames.slice(k - 8, k).map(payloadOf));
    const seam = reservoirFree(frames[k]!, before, mainDataBegin(frames[k + 1]!))!;
    const fixed = decode([...other.slice(0, k), seam, ...frames.slice(k + 1)], 'fixed.mp3');
    expect(fixed.complaints).toBe('');
    // From the frame after the seam on, the rewritten stream is the original's audio exactly.
    expect(fixed.pcm.subarray(at).equals(own.subarray(at))).toBe(true);
    expect(
      asIs.pcm
        .subarray(k * frameBytes, at + frameBytes)
        .equals(own.subarray(k * frameBytes, at + frameBytes)),
    ).toBe(false);
  });
});
