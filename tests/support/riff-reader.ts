// RIFF chunks read from the specification (Microsoft/IBM "Multimedia Programming Interface and Data
// Specifications 1.0", 1991: chunks are id, little-endian size, data, and a pad byte when the size
// is odd; `cue ` points are six 32-bit fields; `LIST`/`adtl` holds `labl` chunks of a cue point
// id and a NUL-terminated text), independent of our writer. Walks must land exactly on the end.

export interface RiffChunk {
  id: string;
  /** The size field (without the pad byte). */
  size: number;
  data: Uint8Array;
  /** Whether a pad byte follows (odd size). */
  padded: boolean;
}

const ascii = (b: Uint8Array) => String.fromCharCode(...b);

/** Chunks laid end to end in `bytes`, which they must fill exactly (pad bytes included). */
export function riffChunks(bytes: Uint8Array): RiffChunk[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const chunks: RiffChunk[] = [];
  let at = 0;
  while (at < bytes.length) {
    if (at + 8 > bytes.length) throw new Error(`a chunk header cut short at ${at}`);
    const size = view.getUint32(at + 4, true);
    const padded = size % 2 === 1;
    const end = at + 8 + size + (padded ? 1 : 0);
    if (end > bytes.length) throw new Error(`chunk at ${at} runs past the end`);
    if (padded && bytes[end - 1] !== 0) throw new Error(`pad byte of the chunk at ${at} is not 0`);
    chunks.push({
      id: ascii(bytes.subarray(at, at + 4)),
      size,
      data: bytes.subarray(at + 8, at + 8 + size),
      padded,
    });
    at = end;
  }
  return chunks;
}

export interface CuePoint {
  name: number;
  position: number;
  chunk: string;
  chunkStart: number;
  blockStart: number;
  sampleOffset: number;
}

export function cuePoints(chunk: RiffChunk): CuePoint[] {
  const view = new DataView(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  const count = view.getUint32(0, true);
  if (chunk.size !== 4 + count * 24) throw new Error(`cue of ${count} points is ${chunk.size} bytes`);
  return Array.from({ length: count }, (_, i) => {
    const at = 4 + i * 24;
    return {
      name: view.getUint32(at, true),
      position: view.getUint32(at + 4, true),
      chunk: ascii(chunk.data.subarray(at + 8, at + 12)),
      chunkStart: view.getUint32(at + 12, true),
      blockStart: view.getUint32(at + 16, true),
      sampleOffset: view.getUint32(at + 20, true),
    };
  });
}

/** A LIST chunk's form type and sub-chunks. */
export function listOf(chunk: RiffChunk): { form: string; chunks: RiffChunk[] } {
  return { form: ascii(chunk.data.subarray(0, 4)), chunks: riffChunks(chunk.data.subarray(4)) };
}

/** A labl/note chunk: the cue point it names and its text (NUL-terminated, UTF-8 here). */
export function label(chunk: RiffChunk): { name: number; text: string; terminated: boolean } {
  const view = new DataView(chunk.data.buffer, chunk.data.byteOffset, chunk.data.byteLength);
  const text = chunk.data.subarray(4);
  const terminated = text[text.length - 1] === 0;
  return {
    name: view.getUint32(0, true),
    text: new TextDecoder('utf-8', { fatal: true }).decode(terminated ? text.subarray(0, -1) : text),
    terminated,
  };
}

/** A whole WAV: RIFF/WAVE around fmt (PCM 16-bit), data and `extra` chunks after it. */
export function wavFile(samples: Int16Array, sampleRate: number, extra: Uint8Array): Uint8Array {
  const fmt = new Uint8Array(16);
  const f = new DataView(fmt.buffer);
  f.setUint16(0, 1, true);
  f.setUint16(2, 1, true);
  f.setUint32(4, sampleRate, true);
  f.setUint32(8, sampleRate * 2, true);
  f.setUint16(12, 2, true);
  f.setUint16(14, 16, true);
  const data = new Uint8Array(samples.buffer, samples.byteOffset, samples.byteLength);
  const chunk = (id: string, body: Uint8Array) => {
    const out = new Uint8Array(8 + body.length + (body.length & 1));
    out.set(Array.from(id, (c) => c.charCodeAt(0)));
    new DataView(out.buffer).setUint32(4, body.length, true);
    out.set(body, 8);
    return out;
  };
  const parts = [
    Uint8Array.from('WAVE', (c) => c.charCodeAt(0)),
    chunk('fmt ', fmt),
    chunk('data', data),
    extra,
  ];
  const body = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    body.set(p, at);
    at += p.length;
  }
  return chunk('RIFF', body);
}
