import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BufferTarget } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import {
  ENCODER_PRIMING,
  type EncoderSpec,
  MediaEncoder,
  metadataFor,
} from '../../audio/export/media-encoder.ts';
import { registerOpusEncoder } from '../../src/export/opus-encoder.ts';
import { flacVorbisComments, opusTagComments } from '../support/chapter-readers.ts';
import { mp4Box, mp4Boxes } from '../support/mp4-reader.ts';
import { infoTag, mpegHeader } from '../support/mpeg-audio-reader.ts';
import { requireTools } from '../support/required-tools.ts';
import { tempDir } from '../support/signals.ts';

// The encoder wrapper on tiny inputs (a fifth of a second): which container and codec each format
// gets, the tags and chapters it hands mediabunny, the planar sample layout and timestamps (a
// lossless FLAC decoded by ffmpeg must give back the very samples pushed, channel by channel).

requireTools('ffmpeg decodes the small encodes', 'ffmpeg');

const dir = tempDir('media-encoder');
const RATE = 22_050;
const CHAPTERS = [
  { title: 'One', start: 0, end: 0.1 },
  { title: 'Two', start: 0.1, end: 0.2 },
];

function spec(format: EncoderSpec['format'], extra: Partial<EncoderSpec> = {}): EncoderSpec {
  return { format, sampleRate: RATE, channels: 2, bitrate: 64_000, tags: {}, chapters: [], ...extra };
}

/** Two distinct channels in blocks of `block`, quantised to 16 bits so FLAC keeps them exactly. */
function audio(frames: number): Float32Array[] {
  const q = (x: number) => Math.round(x * 32767) / 32768;
  return [
    Float32Array.from({ length: frames }, (_, i) => q(0.5 * Math.sin((2 * Math.PI * 440 * i) / RATE))),
    Float32Array.from({ length: frames }, (_, i) => q(-0.25 * Math.sin((2 * Math.PI * 660 * i) / RATE))),
  ];
}

async function encode(s: EncoderSpec, segment = false, frames = 4410, block = 1000): Promise<Uint8Array> {
  const target = new BufferTarget();
  const encoder = await MediaEncoder.open(s, target, segment);
  const input = audio(frames).slice(0, s.channels);
  for (let at = 0; at < frames; at += block) await encoder.push(input.map((c) => c.subarray(at, at + block)));
  await encoder.push(input.map(() => new Float32Array(0))); // an empty block adds nothing
  await encoder.finish();
  return new Uint8Array(target.buffer!);
}

function decode(bytes: Uint8Array, name: string): Int16Array[] {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  const out = spawnSync('ffmpeg', ['-v', 'error', '-i', path, '-f', 's16le', '-'], { maxBuffer: 1 << 24 });
  if (out.status !== 0) throw new Error(out.stderr.toString());
  const all = new Int16Array(out.stdout.buffer, out.stdout.byteOffset, out.stdout.length / 2);
  return [0, 1].map((c) => all.filter((_, i) => i % 2 === c));
}

describe('encoder priming', () => {
  it('is LAME’s 576 for MP3, 1024 for AAC, none for FLAC and Opus (pre-skip is in OpusHead)', () => {
    expect(ENCODER_PRIMING).toEqual({ mp3: 576, m4b: 1024, flac: 0, opus: 0 });
  });
});

describe('metadataFor', () => {
  const cover = { data: Uint8Array.of(1, 2, 3), mimeType: 'image/png' };
  const tags = {
    title: 'T',
    artist: 'A',
    album: 'B',
    genre: 'G',
    comment: 'C',
    track: { number: 2, total: 9 },
    cover,
  };

  it('hands every tag set, and nothing for those unset', () => {
    expect(metadataFor(spec('m4b', { tags }))).toStrictEqual({
      title: 'T',
      artist: 'A',
      album: 'B',
      genre: 'G',
      comment: 'C',
      trackNumber: 2,
      tracksTotal: 9,
      images: [{ data: cover.data, mimeType: 'image/png', kind: 'coverFront' }],
      raw: {},
    });
    expect(metadataFor(spec('m4b', { tags: { title: '' } }))).toStrictEqual({ raw: {} });
  });

  it('puts chapters in Vorbis comments for FLAC and Opus only (M4B gets chpl after finalizing)', () => {
    const want = {
      CHAPTER001: '00:00:00.000',
      CHAPTER001NAME: 'One',
      CHAPTER002: '00:00:00.100',
      CHAPTER002NAME: 'Two',
    };
    expect(metadataFor(spec('flac', { chapters: CHAPTERS })).raw).toEqual(want);
    expect(metadataFor(spec('opus', { chapters: CHAPTERS })).raw).toEqual(want);
    expect(metadataFor(spec('m4b', { chapters: CHAPTERS })).raw).toEqual({});
    expect(metadataFor(spec('mp3', { chapters: CHAPTERS })).raw).toEqual({});
  });
});

describe('MediaEncoder', () => {
  it('writes FLAC whose samples decode back exactly, each channel in its place, with tags and chapters', async () => {
    const bytes = await encode(spec('flac', { tags: { title: 'Flac title' }, chapters: CHAPTERS }));
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('fLaC');
    const comments = flacVorbisComments(bytes);
    expect(comments.TITLE).toBe('Flac title');
    expect(comments.CHAPTER002).toBe('00:00:00.100');
    expect(comments.CHAPTER002NAME).toBe('Two');
    const [left, right] = decode(bytes, 'exact.flac');
    const input = audio(4410);
    expect(left!.length).toBe(4410);
    const pcm = (x: number) => Math.round(x * 32768) + 0; // +0: no negative zero
    expect(Array.from(left!)).toEqual(Array.from(input[0]!, pcm));
    expect(Array.from(right!)).toEqual(Array.from(input[1]!, pcm));
  });

  it('writes MP3 as bare CBR frames at the bitrate and rate asked, no tag (the caller writes ID3 and Info)', async () => {
    const bytes = await encode(spec('mp3', { tags: { title: 'not written' } }));
    const first = mpegHeader(bytes);
    expect([first.bitrateKbps, first.sampleRate, first.mode === 3]).toEqual([64, RATE, false]);
    expect(infoTag(bytes)).toBeUndefined();
    expect(Buffer.from(bytes).includes('not written')).toBe(false);
    // Frame after frame to the end, every one 64 kbps.
    let at = 0;
    while (at < bytes.length) {
      const h = mpegHeader(bytes, at);
      expect(h.bitrateKbps).toBe(64);
      at += h.length;
    }
    expect(at).toBe(bytes.length);
  });

  it('writes an MP3 segment with its own Xing frame (the parallel encode strips it), mono when asked', async () => {
    const bytes = await encode(spec('mp3', { channels: 1 }), true);
    expect(mpegHeader(bytes).mode).toBe(3);
    expect(infoTag(bytes)).toBeDefined();
  });

  it('writes M4B with moov at the end and the tags in it; a segment as bare ADTS', async () => {
    const bytes = await encode(spec('m4b', { tags: { title: 'Book title' } }));
    const top = mp4Boxes(bytes).map((b) => b.type);
    expect(top.indexOf('moov')).toBe(top.length - 1);
    expect(top).toContain('mdat');
    expect(top.indexOf('mdat')).toBeLessThan(top.indexOf('moov'));
    const moov = bytes.subarray(mp4Boxes(bytes).at(-1)!.start);
    expect(Buffer.from(mp4Box(moov, 'moov', 'udta').body).includes('Book title')).toBe(true);
    const adts = await encode(spec('m4b', { tags: { title: 'Book title' } }), true);
    // ADTS: a 12-bit sync word, no boxes, no tags.
    expect([adts[0], adts[1]! & 0xf0]).toEqual([0xff, 0xf0]);
    expect(Buffer.from(adts).includes('Book title')).toBe(false);
    expect(Buffer.from(adts).includes('moov')).toBe(false);
  });

  it('writes the delivered file, not a segment, unless told', async () => {
    const target = new BufferTarget();
    const encoder = await MediaEncoder.open(spec('m4b'), target);
    await encoder.push(audio(2048));
    await encoder.finish();
    expect(mp4Boxes(new Uint8Array(target.buffer!)).map((b) => b.type)).toContain('moov');
  });

  it('writes Opus in Ogg with its tags and chapter comments (our opusscript encoder registered)', async () => {
    registerOpusEncoder();
    const bytes = await encode(
      spec('opus', { tags: { artist: 'Voice' }, chapters: CHAPTERS, sampleRate: 48_000 }),
    );
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('OggS');
    const comments = opusTagComments(bytes);
    expect(comments.ARTIST).toBe('Voice');
    expect(comments.CHAPTER001NAME).toBe('One');
  });

  it('cancels an encode without finishing it', async () => {
    const target = new BufferTarget();
    const encoder = await MediaEncoder.open(spec('flac'), target);
    await encoder.push(audio(100));
    await encoder.push([]); // no channels: nothing
    await encoder.cancel();
    expect(target.buffer).toBeNull();
    await expect(encoder.push(audio(100))).rejects.toThrow();
  });
});
