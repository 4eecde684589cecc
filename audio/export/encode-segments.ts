// Splitting one encode into segments that run at once (one per core), then splicing their packets.
//
// AAC: a packet carries the MDCT of one 1024-sample block overlapping the block before, and does
// not reach into other packets' bits. MP3: a frame of 1152 samples (576 below 32 kHz) likewise,
// except that its main data may start in the frames before it (the bit reservoir), which the
// splice mends by rewriting the first frame after each seam (mp3-frames.ts). So packets from two
// encoders that have both been fed the same audio for a while can follow each other: packet k of
// an encoder started at frame s covers input from s + (k-1)·packet on. Each segment is encoded
// from a little before its first kept packet to a little after its last, so both encoders around
// a seam have settled on the same signal when their packets meet.

export const AAC_PACKET = 1024;

export interface EncodeSegment {
  /** Packets whose first frame lies in [keepFrom, keepTo) are kept from this segment. */
  keepFrom: number;
  keepTo: number;
  /** The stretch of input this segment's encoder is fed: [encodeFrom, encodeTo). */
  encodeFrom: number;
  encodeTo: number;
}

/**
 * Decoding costs about an eighth of what AAC or MP3 encoding does (wasm, speech at 64 kb/s): a seam
 * moves later by d frames, one encoder taking d more, to spare a pass 8·d frames of decoding.
 */
const DECODE_PER_ENCODE = 1 / 8;

/**
 * `count` segments of about equal length over `frames`, seams on packet boundaries (of `packet`
 * frames), each encoded with `overlap` frames (rounded up to whole packets) of context either side.
 * `starts`: frames a pass can begin at without decoding what is before (a production's joins). A
 * pass begins at the last of them before its context; a seam is moved a little later, to just past
 * a join and its context, where that spares more decoding than the encoding it shifts costs.
 */
export function planSegments(
  frames: number,
  count: number,
  overlap: number,
  packet: number,
  starts: readonly number[] = [],
): EncodeSegment[] {
  const packets = Math.ceil(frames / packet);
  const n = Math.max(1, Math.min(count, Math.floor(packets / 2)));
  const context = Math.ceil(overlap / packet) * packet;
  const most = (packets * packet) / n / 4;
  const inner = Array.from({ length: n - 1 }, (_, k) =>
    nearJoin(Math.round((packets * (k + 1)) / n) * packet, context, packet, starts, most),
  );
  const seams = [0, ...inner, Number.POSITIVE_INFINITY];
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

/**
 * The seam, or one a few packets later whose context begins right at a join (see planSegments),
 * moved by less than `most` frames (so the seams stay in order, each stretch long).
 */
function nearJoin(
  seam: number,
  context: number,
  packet: number,
  starts: readonly number[],
  most: number,
): number {
  const from = seam - context;
  const before = Math.max(0, ...starts.filter((j) => j <= from));
  const after = starts.filter((j) => j > from).reduce((a, b) => Math.min(a, b), Number.POSITIVE_INFINITY);
  if (after === Number.POSITIVE_INFINITY) return seam;
  const moved = Math.ceil((after + context) / packet) * packet;
  const shift = moved - seam;
  return shift < most && shift < (from - before) * DECODE_PER_ENCODE ? moved : seam;
}

/** Whether the packet that starts at `frame` (on the whole timeline) is kept from `segment`. */
export function keepsPacket(segment: EncodeSegment, frame: number): boolean {
  return frame >= segment.keepFrom && frame < segment.keepTo;
}
