import { childBoxes } from './mp4-chapters.ts';

// The movie timescale (mvhd) counts the movie's own durations: mvhd, each tkhd, each edit's
// segment duration. mediabunny writes 57600; readers built on mutagen (1.47 and older, e.g. the
// Cozy audiobook player) scale Nero chapter times by it as if it were 1000, and so put a chapter
// at 10.3 s at 0.18 s. ffmpeg writes 1000, which every reader handles: so do we.

/** ffmpeg's movie timescale for audio-only MP4s (ticks per second). */
export const MOVIE_TIMESCALE = 1000;

/**
 * The moov box (whole, header included) with its movie timescale set to `timescale` and every
 * duration counted in it rescaled: mvhd and tkhd durations rounded, edit segment durations
 * floored (as ffmpeg writes them: an edit never presents more than the media holds).
 * Box layout per ISO/IEC 14496-12 §8.2.2 (mvhd), §8.3.2 (tkhd), §8.6.6 (elst).
 */
export function withMovieTimescale(moov: Uint8Array, timescale = MOVIE_TIMESCALE): Uint8Array {
  const out = moov.slice();
  const view = new DataView(out.buffer);
  const children = childBoxes(out, 8, out.length);
  const mvhd = children.find((b) => b.type === 'mvhd');
  if (!mvhd) throw new Error('MP4 export: moov has no mvhd');
  const body = mvhd.start + mvhd.headerSize;
  const v1 = out[body] === 1;
  const scaleAt = body + (v1 ? 20 : 12);
  const old = view.getUint32(scaleAt);
  if (old === timescale || old === 0) return out;
  const rescale = (ticks: number, round: (x: number) => number) => round((ticks * timescale) / old);
  view.setUint32(scaleAt, timescale);
  rewriteDuration(view, scaleAt + 4, v1, (d) => rescale(d, Math.round));
  for (const trak of children.filter((b) => b.type === 'trak')) {
    for (const kid of childBoxes(out, trak.start + trak.headerSize, trak.start + trak.size)) {
      const at = kid.start + kid.headerSize;
      if (kid.type === 'tkhd') {
        // version/flags, created, modified, track id, reserved, then the duration.
        const v = out[at] === 1;
        rewriteDuration(view, at + (v ? 28 : 20), v, (d) => rescale(d, Math.round));
      } else if (kid.type === 'edts') {
        const elst = childBoxes(out, at, kid.start + kid.size).find((b) => b.type === 'elst');
        if (elst) rescaleEdits(view, out, elst.start + elst.headerSize, (d) => rescale(d, Math.floor));
      }
    }
  }
  return out;
}

function rewriteDuration(view: DataView, at: number, wide: boolean, map: (ticks: number) => number) {
  if (wide) {
    const ticks = Number(view.getBigUint64(at));
    // All ones means "unknown" (§8.2.2): leave it so.
    if (ticks !== 2 ** 64 - 1) view.setBigUint64(at, BigInt(map(ticks)));
  } else {
    const ticks = view.getUint32(at);
    if (ticks !== 0xffffffff) view.setUint32(at, map(ticks));
  }
}

function rescaleEdits(view: DataView, bytes: Uint8Array, at: number, map: (ticks: number) => number) {
  const wide = bytes[at] === 1;
  const count = view.getUint32(at + 4);
  const entry = wide ? 20 : 12;
  for (let i = 0; i < count; i++) rewriteDuration(view, at + 8 + i * entry, wide, map);
}
