import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BufferTarget } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { MediaEncoder } from '../../audio/export/media-encoder.ts';
import { registerBatchedAacEncoder } from '../../src/export/aac-encoder.ts';
import { framesThroughMediaEncoder, framesThroughWasm, RATE, stereo } from '../support/aac-reference.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// The batched AAC encoder (src/export/aac-encoder.ts) in place of the package's: registered first,
// so mediabunny takes it. Its frames must be the wasm's own in order, whatever blocks it is fed,
// across several batches and a padded last frame, and its M4B must read back at its length.

requireTools('ffprobe reads the M4B', 'ffprobe');
registerBatchedAacEncoder();
const dir = tempDir('aac-batched');

describe('the batched AAC encoder', () => {
  it('gives the wasm encoder’s frames over several batches, whatever the block size', async () => {
    const input = stereo(5 * RATE + 333); // 109 frames: three batches and a part
    const direct = await framesThroughWasm(input);
    for (const block of [1000, 4096, 70_000]) {
      const batched = await framesThroughMediaEncoder(input, block);
      expect(batched.length, `blocks of ${block}`).toBe(direct.length);
      batched.forEach((frame, i) => {
        expect(Buffer.from(frame).equals(Buffer.from(direct[i]!)), `blocks of ${block}, frame ${i}`).toBe(
          true,
        );
      });
    }
  });

  it('writes an M4B that reads back at its length', async () => {
    const frames = 2 * RATE + 500;
    const input = stereo(frames);
    const target = new BufferTarget();
    const spec = {
      format: 'm4b' as const,
      sampleRate: RATE,
      channels: 2,
      bitrate: 64_000,
      tags: {},
      chapters: [],
    };
    const encoder = await MediaEncoder.open(spec, target);
    await encoder.push(input);
    await encoder.finish();
    const path = join(dir, 'batched.m4b');
    writeFileSync(path, new Uint8Array(target.buffer!));
    const probe = spawnSync('ffprobe', ['-v', 'error', '-show_streams', '-of', 'json', path], {
      encoding: 'utf8',
    });
    const stream = JSON.parse(probe.stdout).streams[0];
    expect(stream.codec_name).toBe('aac');
    expect(Number(stream.sample_rate)).toBe(RATE);
    // Whole packets, the encoder's priming packet among them.
    expect(Number(stream.duration_ts)).toBe((Math.ceil(frames / 1024) + 1) * 1024);
  });
});
