// Our own small readers for the chapter formats music-metadata does not read: FLAC Vorbis
// comments and WAV cue points with their adtl labels.

/** The OpusTags packet's comments (small tags: the packet is read from its first page). */
export function opusTagComments(bytes: Uint8Array): Record<string, string> {
  const at = Buffer.from(bytes).indexOf('OpusTags');
  if (at < 0) throw new Error('no OpusTags');
  return readVorbisComments(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength), bytes, at + 8);
}

function readVorbisComments(view: DataView, bytes: Uint8Array, from: number): Record<string, string> {
  const comments: Record<string, string> = {};
  let p = from;
  p += 4 + view.getUint32(p, true);
  const count = view.getUint32(p, true);
  p += 4;
  for (let i = 0; i < count; i++) {
    const len = view.getUint32(p, true);
    const entry = new TextDecoder().decode(bytes.subarray(p + 4, p + 4 + len));
    const eq = entry.indexOf('=');
    comments[entry.slice(0, eq).toUpperCase()] = entry.slice(eq + 1);
    p += 4 + len;
  }
  return comments;
}

export function flacVorbisComments(bytes: Uint8Array): Record<string, string> {
  if (String.fromCharCode(...bytes.subarray(0, 4)) !== 'fLaC') throw new Error('not FLAC');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let at = 4;
  for (;;) {
    const header = bytes[at]!;
    const length = (bytes[at + 1]! << 16) | (bytes[at + 2]! << 8) | bytes[at + 3]!;
    if ((header & 0x7f) === 4) return readVorbisComments(view, bytes, at + 4);
    if (header & 0x80) return {};
    at += 4 + length;
  }
}

export interface WavCue {
  id: number;
  sample: number;
  label?: string;
}

export function wavCuePoints(bytes: Uint8Array): WavCue[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const cues = new Map<number, WavCue>();
  let at = 12;
  while (at + 8 <= bytes.length) {
    const id = String.fromCharCode(...bytes.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    const body = at + 8;
    if (id === 'cue ') {
      const n = view.getUint32(body, true);
      for (let i = 0; i < n; i++) {
        const p = body + 4 + i * 24;
        cues.set(view.getUint32(p, true), {
          id: view.getUint32(p, true),
          sample: view.getUint32(p + 20, true),
        });
      }
    } else if (id === 'LIST' && String.fromCharCode(...bytes.subarray(body, body + 4)) === 'adtl') {
      let p = body + 4;
      while (p + 8 <= body + size) {
        const sub = String.fromCharCode(...bytes.subarray(p, p + 4));
        const len = view.getUint32(p + 4, true);
        if (sub === 'labl') {
          const cue = cues.get(view.getUint32(p + 8, true));
          if (cue)
            cue.label = new TextDecoder().decode(bytes.subarray(p + 12, p + 8 + len)).replace(/\0+$/, '');
        }
        p += 8 + len + (len & 1);
      }
    }
    at = body + size + (size & 1);
  }
  return [...cues.values()].sort((a, b) => a.sample - b.sample);
}
