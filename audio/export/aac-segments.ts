// Splitting one AAC encode into segments that run at once, then splicing their packets.
//
// An AAC packet carries the MDCT of one 1024-sample block overlapping the block before; it does
// not reach into other packets' bits (AAC has no MP3-style bit reservoir pointers). So packets
// from two encoders that have both been fed the same audio for a while can follow each other:
// packet k of an encoder started at frame s covers input [s + (k-1)·1024, s + (k+1)·1024).
// Each segment is encoded from a little before its first kept packet to a little after its last,
// so both encoders around a seam have settled on the same signal when their packets meet.

export const AAC_PACKET = 1024;

export interface AacSegment {
  /** Packets whose first frame lies in [keepFrom, keepTo) are kept from this segment. */
  keepFrom: number;
  keepTo: number;
  /** The stretch of input this segment's encoder is fed: [encodeFrom, encodeTo). */
  encodeFrom: number;
  encodeTo: number;
}

/**
 * `count` segments of about equal length over `frames`, seams on packet boundaries, each
 * encoded with `overlap` frames (rounded up to whole packets) of context on either side.
 */
export function planAacSegments(frames: number, count: number, overlap: number): AacSegment[] {
  const packets = Math.ceil(frames / AAC_PACKET);
  const n = Math.max(1, Math.min(count, Math.floor(packets / 2)));
  const context = Math.ceil(overlap / AAC_PACKET) * AAC_PACKET;
  const seams = Array.from({ length: n + 1 }, (_, i) =>
    i === 0 ? 0 : i === n ? Number.POSITIVE_INFINITY : Math.round((packets * i) / n) * AAC_PACKET,
  );
  return seams.slice(0, n).map((keepFrom, i) => {
    const keepTo = seams[i + 1]!;
    return {
      keepFrom,
      keepTo,
      encodeFrom: Math.max(0, keepFrom - context),
      encodeTo: Math.min(frames, keepTo + context),
    };
  });
}

/** Whether the packet that starts at `frame` (on the whole timeline) is kept from `segment`. */
export function keepsPacket(segment: AacSegment, frame: number): boolean {
  return frame >= segment.keepFrom && frame < segment.keepTo;
}
