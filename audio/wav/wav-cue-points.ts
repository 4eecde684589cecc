// Chapter points in a WAV: the `cue ` chunk (RIFF MCI spec: a count, then 24-byte points whose
// last field is the sample offset) and the `LIST/adtl` chunk's `labl` sub-chunks naming them.

export interface WavCuePoint {
  id: number;
  /** Sample frame where the point sits. */
  sample: number;
  /** The `labl` text's bytes (UTF-8 by common use, NUL-trimmed): decoded by the caller. */
  label?: Uint8Array;
}

/** The points of a `cue ` chunk body, named by the `labl`s of a `LIST` body of type adtl (if any). */
export function readWavCuePoints(cueBody: Uint8Array, adtlBody?: Uint8Array): WavCuePoint[] {
  const view = new DataView(cueBody.buffer, cueBody.byteOffset, cueBody.byteLength);
  const count = cueBody.length >= 4 ? view.getUint32(0, true) : 0;
  const points = new Map<number, WavCuePoint>();
  for (let i = 0; i < count && 4 + (i + 1) * 24 <= cueBody.length; i++) {
    const p = 4 + i * 24;
    const id = view.getUint32(p, true);
    points.set(id, { id, sample: view.getUint32(p + 20, true) });
  }
  if (adtlBody && ascii(adtlBody, 0, 4) === 'adtl') {
    const list = new DataView(adtlBody.buffer, adtlBody.byteOffset, adtlBody.byteLength);
    let p = 4;
    while (p + 8 <= adtlBody.length) {
      const id = ascii(adtlBody, p, 4);
      const size = list.getUint32(p + 4, true);
      if (id === 'labl' && size >= 4 && p + 8 + size <= adtlBody.length) {
        const point = points.get(list.getUint32(p + 8, true));
        let end = p + 8 + size;
        while (end > p + 12 && adtlBody[end - 1] === 0) end--;
        if (point) point.label = adtlBody.subarray(p + 12, end);
      }
      p += 8 + size + (size & 1);
    }
  }
  return [...points.values()].sort((a, b) => a.sample - b.sample);
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + n));
}
