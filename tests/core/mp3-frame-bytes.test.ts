import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  mainDataBegin,
  mainDataLength,
  mp3FrameSamples,
  payloadOf,
  readMp3FrameHeader,
  reservoirFree,
} from '../../audio/export/mp3-frames.ts';
import {
  crc16,
  infoFrameLayout,
  infoTagOf,
  LAME_ENCODER_DELAY,
  Mp3StreamScan,
  type Mp3StreamSummary,
  mp3InfoFrame,
} from '../../audio/export/mp3-info-frame.ts';
import { crc16Arc, infoTag, mpegHeader } from '../support/mpeg-audio-reader.ts';
import { requireTools } from '../support/required-tools.ts';
import { ffmpeg, tempDir } from '../support/signals.ts';

// MPEG audio Layer III frame headers, side information and the LAME/Xing Info frame, byte by byte
// against ISO/IEC 11172-3 / 13818-3 and the "Mp3 info tag rev 1" spec, with a reader written from
// them (tests/support/mpeg-audio-reader.ts); ffmpeg decodes a real LAME stream behind our Info
// frame to the exact sample count.

requireTools('ffmpeg encodes a small LAME stream and decodes it behind our Info frame', 'ffmpeg');

const dir = tempDir('mp3-bytes');

/** A 4-byte header: version bits, bitrate index, rate index, padding, mode, and the rest as given. */
function header(o: {
  version?: number;
  protection?: 0 | 1;
  bitrate: number;
  rate?: number;
  padding?: 0 | 1;
  priv?: 0 | 1;
  mode?: number;
  modeExt?: number;
  low?: number;
}): Uint8Array {
  const version = o.version ?? 3;
  return Uint8Array.of(
    0xff,
    0xe0 | (version << 3) | (1 << 1) | (o.protection ?? 1),
    (o.bitrate << 4) | ((o.rate ?? 0) << 2) | ((o.padding ?? 0) << 1) | (o.priv ?? 0),
    ((o.mode ?? 0) << 6) | ((o.modeExt ?? 0) << 4) | (o.low ?? 0),
  );
}

/** Writes bit fields MSB first (side information). */
class BitWriter {
  readonly bytes: Uint8Array;
  private bit = 0;
  constructor(size: number) {
    this.bytes = new Uint8Array(size);
  }
  write(value: number, count: number): this {
    for (let i = count - 1; i >= 0; i--, this.bit++)
      if ((value >> i) & 1) this.bytes[this.bit >> 3]! |= 0x80 >> (this.bit & 7);
    return this;
  }
}

/**
 * Side information with main_data_begin and each granule/channel's part2_3_length (the other
 * fields set to all ones, so a reader that skips the wrong number of bits reads ones).
 */
function sideInfo(mpeg: 1 | 2, mono: boolean, begin: number, lengths: number[]): Uint8Array {
  const size = mpeg === 1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const w = new BitWriter(size);
  const channels = mono ? 1 : 2;
  if (mpeg === 1) {
    w.write(begin, 9)
      .write(mono ? 0b11111 : 0b111, mono ? 5 : 3)
      .write((1 << (4 * channels)) - 1, 4 * channels);
    for (const length of lengths) w.write(length, 12).write(0x7fffffff, 31).write(0xffff, 16);
  } else {
    w.write(begin, 8).write(mono ? 1 : 3, mono ? 1 : 2);
    for (const length of lengths) w.write(length, 12).write(0x7fffffff, 31).write(0xfffff, 20);
  }
  return w.bytes;
}

function frameOf(head: Uint8Array, side: Uint8Array, payload: Uint8Array | number): Uint8Array {
  const size = mpegHeader(head).length;
  const out = new Uint8Array(size);
  out.set(head);
  out.set(side, 4);
  const bytes =
    typeof payload === 'number'
      ? Uint8Array.from({ length: size - 4 - side.length }, (_, i) => (payload + i) & 255)
      : payload;
  out.set(bytes.subarray(0, size - 4 - side.length), 4 + side.length);
  return out;
}

describe('MPEG audio frame headers (ISO/IEC 11172-3 §2.4.2.3, 13818-3)', () => {
  const cases = [
    // version bits, bitrate index, rate index, padding, mode -> what the spec says
    { h: { bitrate: 9, rate: 0 }, mpeg: 1, kbps: 128, rate: 44_100, size: 417, side: 32 },
    {
      h: { bitrate: 9, rate: 0, padding: 1 as const },
      mpeg: 1,
      kbps: 128,
      rate: 44_100,
      size: 418,
      side: 32,
    },
    { h: { bitrate: 14, rate: 1, mode: 3 }, mpeg: 1, kbps: 320, rate: 48_000, size: 960, side: 17 },
    { h: { bitrate: 1, rate: 2 }, mpeg: 1, kbps: 32, rate: 32_000, size: 144, side: 32 },
    { h: { version: 2, bitrate: 8, rate: 0, mode: 3 }, mpeg: 2, kbps: 64, rate: 22_050, size: 208, side: 9 },
    { h: { version: 2, bitrate: 14, rate: 1 }, mpeg: 2, kbps: 160, rate: 24_000, size: 480, side: 17 },
    { h: { version: 2, bitrate: 1, rate: 2, mode: 1 }, mpeg: 2, kbps: 8, rate: 16_000, size: 36, side: 17 },
    { h: { version: 0, bitrate: 1, rate: 2 }, mpeg: 2, kbps: 8, rate: 8_000, size: 72, side: 17 },
    {
      h: { version: 0, bitrate: 13, rate: 0, padding: 1 as const },
      mpeg: 2,
      kbps: 144,
      rate: 11_025,
      size: 941,
      side: 17,
    },
    { h: { version: 0, bitrate: 5, rate: 1, mode: 3 }, mpeg: 2, kbps: 40, rate: 12_000, size: 240, side: 9 },
  ];
  it.each(cases)('reads $kbps kbps at $rate Hz: $size bytes, $side of side information', (c) => {
    const bytes = header(c.h);
    const spec = mpegHeader(bytes);
    expect([spec.bitrateKbps, spec.sampleRate, spec.length, spec.sideInfo]).toEqual([
      c.kbps,
      c.rate,
      c.size,
      c.side,
    ]);
    const ours = readMp3FrameHeader(bytes);
    expect(ours).toEqual({
      mpeg: c.mpeg,
      versionBits: c.h.version ?? 3,
      bitrateIndex: c.h.bitrate,
      sampleRate: c.rate,
      padding: (c.h.padding ?? 0) === 1,
      mono: (c.h.mode ?? 0) === 3,
      crc: false,
      size: c.size,
      sideInfoSize: c.side,
    });
  });

  it('reads the protection bit: 0 means a CRC follows', () => {
    expect(readMp3FrameHeader(header({ bitrate: 9, protection: 0 })).crc).toBe(true);
    expect(readMp3FrameHeader(header({ bitrate: 9, protection: 1 })).crc).toBe(false);
    // The mode is the top two bits of byte 3 only: joint stereo with every low bit set is not mono.
    expect(readMp3FrameHeader(header({ bitrate: 9, mode: 1, modeExt: 3, low: 15 })).mono).toBe(false);
    expect(readMp3FrameHeader(header({ bitrate: 9, mode: 2 })).mono).toBe(false);
  });

  it('refuses what is no Layer III frame, a free-format or a reserved header', () => {
    expect(() => readMp3FrameHeader(Uint8Array.of(0xff, 0xfb, 0x90))).toThrow('not an MPEG audio frame');
    expect(() => readMp3FrameHeader(Uint8Array.of(0xfe, 0xfb, 0x90, 0))).toThrow('not an MPEG audio frame');
    expect(() => readMp3FrameHeader(Uint8Array.of(0xff, 0xdb, 0x90, 0))).toThrow('not an MPEG audio frame');
    expect(() => readMp3FrameHeader(header({ version: 1, bitrate: 9 }))).toThrow('not a Layer III frame');
    const layer2 = header({ bitrate: 9 });
    layer2[1] = 0xfd; // layer bits 10: Layer II
    expect(() => readMp3FrameHeader(layer2)).toThrow('not a Layer III frame');
    const layer1 = header({ bitrate: 9 });
    layer1[1] = 0xff;
    expect(() => readMp3FrameHeader(layer1)).toThrow('not a Layer III frame');
    expect(() => readMp3FrameHeader(header({ bitrate: 0 }))).toThrow('free-format or reserved');
    expect(() => readMp3FrameHeader(header({ bitrate: 15 }))).toThrow('free-format or reserved');
    expect(() => readMp3FrameHeader(header({ bitrate: 9, rate: 3 }))).toThrow('free-format or reserved');
  });

  it('counts 1152 samples a frame at MPEG-1 rates (32 kHz and up) and 576 below', () => {
    expect([48_000, 44_100, 32_000, 31_999, 24_000, 8_000].map(mp3FrameSamples)).toEqual([
      1152, 1152, 1152, 576, 576, 576,
    ]);
  });
});

describe('side information: main_data_begin and part2_3_length', () => {
  it.each([
    { mpeg: 1 as const, mono: false, version: 3, begin: 301, lengths: [100, 200, 300, 405], bytes: 126 },
    { mpeg: 1 as const, mono: true, version: 3, begin: 511, lengths: [4095, 1], bytes: 512 },
    { mpeg: 2 as const, mono: false, version: 2, begin: 255, lengths: [17, 16], bytes: 5 },
    { mpeg: 2 as const, mono: true, version: 0, begin: 7, lengths: [4095], bytes: 512 },
  ])('MPEG-$mpeg mono=$mono: begin $begin, main data $bytes bytes', (c) => {
    const head = header({ version: c.version, bitrate: 14, mode: c.mono ? 3 : 0 });
    const frame = frameOf(head, sideInfo(c.mpeg, c.mono, c.begin, c.lengths), 0);
    expect(mainDataBegin(frame)).toBe(c.begin);
    expect(mainDataLength(frame)).toBe(c.bytes);
    expect(payloadOf(frame).length).toBe(mpegHeader(head).length - 4 - mpegHeader(head).sideInfo);
    expect(payloadOf(frame)[0]).toBe(0);
  });

  it('finds the side information after a CRC', () => {
    const head = header({ bitrate: 9, protection: 0 });
    const frame = new Uint8Array(mpegHeader(head).length);
    frame.set(head);
    frame.set([0xaa, 0xbb], 4);
    frame.set(sideInfo(1, false, 258, [8, 8, 8, 9]), 6);
    frame[38] = 0x5a;
    expect(mainDataBegin(frame)).toBe(258);
    expect(mainDataLength(frame)).toBe(5);
    expect(payloadOf(frame)[0]).toBe(0x5a);
    expect(payloadOf(frame).length).toBe(417 - 38);
  });
});

describe('reservoirFree: a seam frame that needs no bytes before it', () => {
  // MPEG-1 mono 44.1 kHz: 32 kbps frames are 104 bytes, 4 + 17 + a payload of 83.
  const before = Uint8Array.from({ length: 200 }, (_, i) => (i * 7 + 3) & 255);

  function check(frame: Uint8Array, out: Uint8Array, nextBegin: number) {
    const begin = mainDataBegin(frame);
    const stream = Uint8Array.from([...before.subarray(before.length - begin), ...payloadOf(frame)]);
    const own = mainDataLength(frame);
    const h = mpegHeader(out);
    expect(out.length).toBe(h.length);
    expect(mainDataBegin(out)).toBe(0);
    expect(mainDataLength(out)).toBe(own);
    // Its own main data first, the next frame's borrowed bytes last.
    expect(Array.from(payloadOf(out).subarray(0, own))).toEqual(Array.from(stream.subarray(0, own)));
    if (nextBegin > 0)
      expect(Array.from(out.subarray(out.length - nextBegin))).toEqual(
        Array.from(stream.subarray(stream.length - nextBegin)),
      );
    // Side information past main_data_begin unchanged.
    expect(out[5]! & 0x7f).toBe(frame[5]! & 0x7f);
    expect(Array.from(out.subarray(6, 21))).toEqual(Array.from(frame.subarray(6, 21)));
    return h;
  }

  it('keeps the bitrate when the frame holds it, and the header’s other bits', () => {
    const head = header({ bitrate: 1, mode: 3, priv: 1, low: 0b0101 });
    const frame = frameOf(head, sideInfo(1, true, 41, [240, 160]), 9);
    const out = reservoirFree(frame, before, 20)!;
    const h = check(frame, out, 20);
    expect([h.bitrateKbps, h.padding, h.private, h.mode, h.sampleRate]).toEqual([32, false, true, 3, 44_100]);
    expect(out[3]).toBe(frame[3]);
    expect(out[1]).toBe(frame[1]);
  });

  it('never lowers the bitrate, keeps the rate bits, and clears a padding bit it does not need', () => {
    const head = header({ bitrate: 5, rate: 1, mode: 3, padding: 1 });
    const frame = frameOf(head, sideInfo(1, true, 3, [8, 8]), 1);
    const out = reservoirFree(frame, before, 0)!;
    const h = check(frame, out, 0);
    expect([h.bitrateKbps, h.sampleRate, h.padding]).toEqual([64, 48_000, false]);
  });

  it('moves up to the first bitrate and padding whose frame holds it', () => {
    // needed = 17 + own + tail; at 44.1 kHz 32 kbps gives 100 bytes after the header, 40 kbps 126,
    // 40 kbps padded 127.
    const head = header({ bitrate: 1, mode: 3 });
    const a = frameOf(head, sideInfo(1, true, 60, [80 * 8, 0]), 5);
    const ha = check(a, reservoirFree(a, before, 20)!, 20); // 117: 40 kbps
    expect([ha.bitrateKbps, ha.padding]).toEqual([40, false]);
    const b = frameOf(head, sideInfo(1, true, 60, [90 * 8, 0]), 5);
    const hb = check(b, reservoirFree(b, before, 20)!, 20); // 127: 40 kbps padded
    expect([hb.bitrateKbps, hb.padding, hb.length]).toEqual([40, true, 131]);
    const c = frameOf(head, sideInfo(1, true, 60, [83 * 8, 0]), 5);
    const hc = check(c, reservoirFree(c, before, 0)!, 0); // 100: exactly 32 kbps
    expect([hc.bitrateKbps, hc.padding]).toEqual([32, false]);
  });

  it('clears the 8-bit main_data_begin of MPEG-2 without touching the bits after it', () => {
    const head = header({ version: 2, bitrate: 8, mode: 3 });
    const frame = frameOf(head, sideInfo(2, true, 200, [50 * 8]), 4);
    const out = reservoirFree(frame, before, 10)!;
    expect(mainDataBegin(out)).toBe(0);
    expect(out[5]).toBe(frame[5]);
    expect(out[4]).toBe(0);
    expect(mpegHeader(out).bitrateKbps).toBe(64);
    expect(Array.from(out.subarray(13, 63))).toEqual(Array.from(before.subarray(0, 50)));
  });

  it('goes up to 320 kbps, the last bitrate, when only its frame holds it', () => {
    // 48 kHz mono 256 kbps: 768 bytes, 764 after the header; 17 + 800 bytes need 320 kbps (956).
    const head = header({ bitrate: 13, rate: 1, mode: 3 });
    const frame = frameOf(head, sideInfo(1, true, 100, [3200, 3200]), 0);
    const out = reservoirFree(frame, before, 0)!;
    expect(mpegHeader(out)).toMatchObject({ bitrateKbps: 320, padding: false, length: 960 });
    expect(mainDataLength(out)).toBe(800);
  });

  it('gives undefined when no bitrate’s frame is large enough', () => {
    // 48 kHz mono 320 kbps: 960 bytes, 956 after the header; 17 + 1000 bytes of main data do not fit.
    const head = header({ bitrate: 14, rate: 1, mode: 3 });
    const frame = frameOf(head, sideInfo(1, true, 100, [4000, 4000]), 0);
    expect(reservoirFree(frame, before, 0)).toBeUndefined();
  });

  it('refuses a CRC frame, missing bytes before it, and a next frame reaching into its own data', () => {
    const crcFrame = frameOf(header({ bitrate: 1, mode: 3, protection: 0 }), new Uint8Array(19), 0);
    expect(() => reservoirFree(crcFrame, before, 0)).toThrow('CRC-protected');
    const frame = frameOf(header({ bitrate: 1, mode: 3 }), sideInfo(1, true, 50, [400, 0]), 0);
    expect(() => reservoirFree(frame, before.subarray(0, 49), 0)).toThrow(
      'bytes before the frame are missing',
    );
    expect(reservoirFree(frame, before.subarray(0, 50), 0)).toBeDefined();
    // stream = 50 + 83 = 133 bytes, own 50: the next frame may reach back 83, not 84.
    expect(reservoirFree(frame, before, 83)).toBeDefined();
    expect(() => reservoirFree(frame, before, 84)).toThrow('the next frame overlaps this one');
  });
});

describe('CRC-16/ARC', () => {
  it('gives the catalogue check value for "123456789" and matches a bitwise CRC', () => {
    const digits = Uint8Array.from('123456789', (c) => c.charCodeAt(0));
    expect(crc16(digits)).toBe(0xbb3d);
    expect(crc16Arc(digits)).toBe(0xbb3d);
    const data = Uint8Array.from({ length: 1000 }, (_, i) => (i * 131 + 17) & 255);
    expect(crc16(data)).toBe(crc16Arc(data));
    // Continues from a running value.
    expect(crc16(data.subarray(300), crc16(data.subarray(0, 300)))).toBe(crc16Arc(data));
    expect(crc16(new Uint8Array())).toBe(0);
  });
});

describe('the Info frame layout', () => {
  it('uses the stream’s own bitrate when its frame holds the tag, else the lowest that does', () => {
    // MPEG-1 stereo needs 4 + 32 + 156 = 192 bytes: 64 kbps (208) is the first at 44.1 kHz.
    expect(infoFrameLayout(44_100, 2, 192_000)).toEqual({ bitrateIndex: 11, size: 626 });
    expect(infoFrameLayout(44_100, 2, 32_000)).toEqual({ bitrateIndex: 5, size: 208 });
    expect(infoFrameLayout(44_100, 2, 100_000)).toEqual({ bitrateIndex: 5, size: 208 });
    expect(infoFrameLayout(44_100, 2, 0)).toEqual({ bitrateIndex: 5, size: 208 });
    // Mono: 4 + 17 + 156 = 177: 56 kbps (182).
    expect(infoFrameLayout(44_100, 1, 32_000)).toEqual({ bitrateIndex: 4, size: 182 });
    // 56 kbps at 48 kHz is 168 bytes, short of 177: 64 kbps (192).
    expect(infoFrameLayout(48_000, 1, 56_000)).toEqual({ bitrateIndex: 5, size: 192 });
    // 32 kHz: 144 bytes at 32 kbps; MPEG-2 22.05 kHz mono needs 169: 56 kbps (182).
    expect(infoFrameLayout(32_000, 2, 320_000)).toEqual({ bitrateIndex: 14, size: 1440 });
    expect(infoFrameLayout(22_050, 1, 8_000)).toEqual({ bitrateIndex: 7, size: 182 });
    expect(infoFrameLayout(22_050, 1, 64_000)).toEqual({ bitrateIndex: 8, size: 208 });
    expect(infoFrameLayout(8_000, 2, 8_000)).toEqual({ bitrateIndex: 3, size: 216 });
    // 64 kbps at 24 kHz: its own bitrate (192 bytes) holds the 4 + 17 + 156 = 177 bytes.
    expect(infoFrameLayout(24_000, 2, 64_000)).toEqual({ bitrateIndex: 8, size: 192 });
    // 64 kbps at 48 kHz stereo is exactly the 192 bytes needed: it holds the tag.
    expect(infoFrameLayout(48_000, 2, 64_000)).toEqual({ bitrateIndex: 5, size: 192 });
  });

  it('refuses a rate at which no bitrate holds the tag', () => {
    expect(() => infoFrameLayout(1_000_000, 2, 128_000)).toThrow(
      'no bitrate at 1000000 Hz holds the Info frame',
    );
  });
});

function summary(o: Partial<Mp3StreamSummary> & { frames: number; frameSize: number }): Mp3StreamSummary {
  return {
    firstHeader: header({ bitrate: 9 }),
    bytes: o.frames * o.frameSize,
    positions: Uint32Array.from({ length: o.frames }, (_, i) => i * o.frameSize),
    constantBitrate: true,
    kbps: 128,
    crc: 0x1234,
    ...o,
  };
}

describe('mp3InfoFrame: the Xing/Info header and LAME tag', () => {
  it('writes every field where the spec puts it (MPEG-1 stereo CBR)', () => {
    const layout = infoFrameLayout(44_100, 2, 128_000);
    // 10 frames of 1152 hold 11,520 samples: 576 delay + 10,000 source + 944 padding.
    const stream = summary({ frames: 10, frameSize: 417, crc: 0xbeef });
    const frame = mp3InfoFrame(stream, 10_000, layout);
    expect(frame.length).toBe(417);
    const h = mpegHeader(frame);
    expect([h.version, h.layer, h.bitrateKbps, h.sampleRate, h.padding, h.protected]).toEqual([
      '1',
      3,
      128,
      44_100,
      false,
      false,
    ]);
    const tag = infoTag(frame)!;
    expect(tag.id).toBe('Info');
    expect(tag.offset).toBe(36);
    expect(tag.flags).toBe(15);
    expect(tag.frames).toBe(10);
    expect(tag.bytes).toBe(417 + 4170);
    expect(tag.quality).toBe(0);
    expect(tag.lame).toEqual({
      version: 'LAME3.100',
      revision: 0,
      method: 1,
      lowpass: 0,
      bitrate: 128,
      delay: 576,
      padding: 944,
      musicLength: 417 + 4170,
      musicCrc: 0xbeef,
      tagCrc: tag.lame!.computedTagCrc,
      computedTagCrc: crc16Arc(frame.subarray(0, 36 + 120 + 34)),
    });
    // Side information all zero: nothing is coded in this frame.
    expect(frame.subarray(4, 36).every((b) => b === 0)).toBe(true);
  });

  it('puts 12-bit delay and padding in three bytes, and says Xing and VBR for a varying stream', () => {
    // MPEG-2 mono 22.05 kHz: 576 a frame, the tag after 4 + 9 bytes.
    const layout = infoFrameLayout(22_050, 1, 64_000);
    const stream = summary({
      firstHeader: header({ version: 2, bitrate: 8, mode: 3 }),
      frames: 20,
      frameSize: 208,
      constantBitrate: false,
      kbps: 64,
    });
    // 20 x 576 = 11,520 = 0x123 delay + 8,409 source + 0xabc padding.
    const frame = mp3InfoFrame(stream, 11_520 - 0x123 - 0xabc, layout, 0x123);
    const tag = infoTag(frame)!;
    expect(tag.id).toBe('Xing');
    expect(tag.offset).toBe(13);
    expect(tag.lame).toMatchObject({ method: 4, delay: 0x123, padding: 0xabc, bitrate: 64 });
    expect(Array.from(frame.subarray(13 + 120 + 21, 13 + 120 + 24))).toEqual([0x12, 0x3a, 0xbc]);
    expect(tag.lame!.tagCrc).toBe(tag.lame!.computedTagCrc);
  });

  it('clears CRC, padding, private and mode-extension bits of the copied header, keeping the mode', () => {
    const first = header({
      bitrate: 10,
      protection: 0,
      padding: 1,
      priv: 1,
      mode: 1,
      modeExt: 3,
      low: 0b1111,
    });
    const layout = { bitrateIndex: 12, size: 731 };
    const frame = mp3InfoFrame(
      summary({ firstHeader: first, frames: 3, frameSize: 500, kbps: 320 }),
      3 * 1152 - 576,
      layout,
    );
    const h = mpegHeader(frame);
    expect(h).toMatchObject({
      protected: false,
      padding: false,
      private: false,
      mode: 1,
      modeExtension: 0,
      copyright: true,
      original: true,
      emphasis: 3,
      bitrateKbps: 224,
    });
    // A kbps above 255 is written as 255 (one byte).
    expect(infoTag(frame)!.lame!.bitrate).toBe(255);
    expect(infoTag(frame)!.lame!.padding).toBe(0);
  });

  it('fills the seek table with each percent’s byte position scaled to 256 of the whole', () => {
    const layout = { bitrateIndex: 9, size: 200 };
    const positions = Uint32Array.of(0, 100, 200, 300);
    const stream = summary({ frames: 4, frameSize: 100, positions });
    const toc = infoTag(mp3InfoFrame(stream, 4 * 1152 - 576 - 100, layout))!.toc!;
    // total = 200 + 400; percent i starts at frame floor(4i/100): 256·(200 + position)/600.
    expect([toc[0], toc[24], toc[25], toc[50], toc[75], toc[99]]).toEqual([85, 85, 128, 170, 213, 213]);
    // Rising with the percent, the last percent at frame 198 of 200.
    const big = summary({ frames: 200, frameSize: 417 });
    const bigToc = infoTag(mp3InfoFrame(big, 200 * 1152 - 576, infoFrameLayout(44_100, 2, 128_000)))!.toc!;
    expect(bigToc.every((v, i) => i === 0 || v >= bigToc[i - 1]!)).toBe(true);
    expect(bigToc[99]).toBe(Math.floor((256 * (417 + 198 * 417)) / (201 * 417)));
  });

  it('refuses padding or delay outside 12 bits, or frames too few for the samples', () => {
    const layout = infoFrameLayout(44_100, 2, 128_000);
    const stream = summary({ frames: 10, frameSize: 417 });
    expect(() => mp3InfoFrame(stream, 11_520 - 576 + 1, layout)).toThrow(
      '10 frames cannot hold 10945 samples after a delay of 576',
    );
    expect(mp3InfoFrame(stream, 11_520 - 576, layout)).toBeDefined(); // padding 0
    expect(() => mp3InfoFrame(stream, 11_520 - 576 - 4096, layout)).toThrow('cannot hold');
    expect(infoTag(mp3InfoFrame(stream, 11_520 - 576 - 4095, layout))!.lame!.padding).toBe(4095);
    expect(() => mp3InfoFrame(stream, 11_520 - 4096, layout, 4096)).toThrow('after a delay of 4096');
    expect(
      infoTag(mp3InfoFrame(summary({ frames: 4, frameSize: 417 }), 4608 - 4095, layout, 4095))!.lame!.delay,
    ).toBe(4095);
  });

  it('says LAME’s own delay: 576 samples', () => {
    expect(LAME_ENCODER_DELAY).toBe(576);
  });
});

describe('infoTagOf', () => {
  it('finds Info or Xing after the side information, or 2 bytes on (a CRC bit set), else nothing', () => {
    const layout = infoFrameLayout(44_100, 1, 64_000);
    const mono = summary({ firstHeader: header({ bitrate: 5, mode: 3 }), frames: 3, frameSize: 208 });
    expect(infoTagOf(mp3InfoFrame(mono, 3 * 1152 - 576, layout))).toBe('Info');
    expect(infoTagOf(mp3InfoFrame({ ...mono, constantBitrate: false }, 3 * 1152 - 576, layout))).toBe('Xing');
    const shifted = new Uint8Array(417);
    shifted.set(header({ bitrate: 9, protection: 0 }));
    shifted.set(
      Array.from('Xing', (c) => c.charCodeAt(0)),
      38,
    );
    expect(infoTagOf(shifted)).toBe('Xing');
    const audio = frameOf(header({ bitrate: 9 }), new Uint8Array(32), 0x41);
    expect(infoTagOf(audio)).toBeUndefined();
  });
});

describe('Mp3StreamScan', () => {
  /** Frames at 44.1 kHz: 128 kbps (417/418) then any others given. */
  function stream(indices: Array<[number, 0 | 1]>): { bytes: Uint8Array; starts: number[] } {
    const frames = indices.map(([bitrate, padding], k) =>
      frameOf(header({ bitrate, padding }), new Uint8Array(32), k),
    );
    const starts: number[] = [];
    let at = 0;
    for (const f of frames) {
      starts.push(at);
      at += f.length;
    }
    return { bytes: Uint8Array.from(frames.flatMap((f) => Array.from(f))), starts };
  }

  it.each([1, 3, 4, 5, 417, 1000, 100_000])('finds every frame fed in pieces of %i bytes', (piece) => {
    const { bytes, starts } = stream([
      [9, 0],
      [9, 1],
      [9, 0],
      [9, 1],
      [9, 0],
    ]);
    const scan = new Mp3StreamScan();
    for (let at = 0; at < bytes.length; at += piece) scan.push(bytes.subarray(at, at + piece));
    const result = scan.result();
    expect(result.frames).toBe(5);
    expect(Array.from(result.positions)).toEqual(starts);
    expect(starts).toEqual([0, 417, 835, 1252, 1670]);
    expect(result.bytes).toBe(bytes.length);
    expect(result.constantBitrate).toBe(true);
    expect(result.kbps).toBe(128);
    expect(result.crc).toBe(crc16Arc(bytes));
    expect(Array.from(result.firstHeader)).toEqual(Array.from(bytes.subarray(0, 4)));
  });

  it('tells a varying bitrate, and reads kbps from the first frame', () => {
    const { bytes } = stream([
      [11, 0],
      [9, 0],
      [11, 0],
    ]);
    const scan = new Mp3StreamScan();
    scan.push(bytes);
    const result = scan.result();
    expect(result.constantBitrate).toBe(false);
    expect(result.kbps).toBe(192);
    const later = stream([
      [9, 0],
      [9, 0],
      [10, 0],
    ]);
    const scan2 = new Mp3StreamScan();
    scan2.push(later.bytes);
    expect(scan2.result().constantBitrate).toBe(false);
  });

  it('keeps counting past its first table of 4096 positions', () => {
    // MPEG-2.5 8 kHz 8 kbps frames: 72 bytes each.
    const one = frameOf(header({ version: 0, bitrate: 1, rate: 2 }), new Uint8Array(17), 0);
    const n = 9000;
    const bytes = new Uint8Array(n * 72);
    for (let k = 0; k < n; k++) bytes.set(one, k * 72);
    const scan = new Mp3StreamScan();
    scan.push(bytes.subarray(0, 100_000));
    scan.push(bytes.subarray(100_000));
    const result = scan.result();
    expect(result.frames).toBe(n);
    expect(result.positions.length).toBe(n);
    expect(result.positions[4095]).toBe(4095 * 72);
    expect(result.positions[4096]).toBe(4096 * 72);
    expect(result.positions[n - 1]).toBe((n - 1) * 72);
    expect(result.kbps).toBe(8);
  });

  it('refuses a stream that is empty or does not end on a whole frame', () => {
    expect(() => new Mp3StreamScan().result()).toThrow('does not end on a whole frame (0 bytes)');
    const { bytes } = stream([
      [9, 0],
      [9, 0],
    ]);
    const scan = new Mp3StreamScan();
    scan.push(bytes.subarray(0, 500));
    expect(() => scan.result()).toThrow('(500 bytes)');
  });
});

describe('a real LAME stream behind our Info frame', () => {
  it('decodes (ffmpeg) to exactly the samples encoded, its delay and padding removed', () => {
    const path = join(dir, 'raw.mp3');
    const samples = 30_000;
    ffmpeg([
      '-f',
      'lavfi',
      '-i',
      'sine=frequency=300:sample_rate=44100',
      '-af',
      `atrim=end_sample=${samples}`,
      '-ac',
      '1',
      '-c:a',
      'libmp3lame',
      '-b:a',
      '64k',
      '-write_xing',
      '0',
      '-id3v2_version',
      '0',
      path,
    ]);
    const raw = new Uint8Array(readFileSync(path));
    const scan = new Mp3StreamScan();
    for (let at = 0; at < raw.length; at += 1000) scan.push(raw.subarray(at, at + 1000));
    const result = scan.result();
    const info = mp3InfoFrame(result, samples, infoFrameLayout(44_100, 1, 64_000));
    const tagged = join(dir, 'tagged.mp3');
    writeFileSync(tagged, Buffer.concat([info, raw]));
    const decoded = spawnSync('ffmpeg', ['-v', 'error', '-i', tagged, '-f', 's16le', '-'], {
      maxBuffer: 1 << 24,
    });
    expect(decoded.stderr.toString()).toBe('');
    expect(decoded.stdout.length / 2).toBe(samples);
    // Without the tag, the frames decode to whole frames: 28 x 1152.
    const plain = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], {
      maxBuffer: 1 << 24,
    });
    expect(plain.stdout.length / 2).toBe(result.frames * 1152);
  });
});
