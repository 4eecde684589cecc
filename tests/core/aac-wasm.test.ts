import { describe, expect, it } from 'vitest';
import { framesThroughMediaEncoder, framesThroughWasm, stereo } from '../support/aac-reference.ts';

// src/export/aac-wasm.ts drives @mediabunny/aac-encoder's wasm directly: it must give the very
// bitstream the package's own encoder gives (the one MediaEncoder registers when nothing else is).

describe('the AAC wasm driven directly', () => {
  it("gives the package encoder's frames, byte for byte", async () => {
    const input = stereo(3 * 22_050 + 77);
    const reference = await framesThroughMediaEncoder(input, 1000);
    const direct = await framesThroughWasm(input);
    expect(direct.length).toBe(reference.length);
    expect(direct.length).toBe(Math.ceil(input[0]!.length / 1024) + 1);
    direct.forEach((frame, i) => {
      expect(Buffer.from(frame).equals(Buffer.from(reference[i]!)), `frame ${i}`).toBe(true);
    });
  });
});
