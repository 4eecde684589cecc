import type { Bed } from '../../cues/cue-sheet.ts';
import type { BedReader } from './bed-mixer.ts';

// Where a bed sits in its file and on the timeline: trimmed head (offset), how long it lasts
// (length: trimmed tail, or a looped span), and its fades. The export and the preview both read
// these, so what is drawn, heard and delivered agree.

export interface BedSpan {
  /** Seconds into the file the bed starts from. */
  offset: number;
  /** Seconds the bed lasts on the timeline. */
  length: number;
  fadeIn: number;
  fadeOut: number;
  loop: boolean;
}

/**
 * A trimmed head (`offset` seconds into a file `fileSeconds` long) as it plays: never past the
 * file's last 10 ms, and the seconds left after it. Beds and a drama's sounds (drama-sounds.ts).
 */
export function headTrim(offset: number, fileSeconds: number): { offset: number; rest: number } {
  const at = Math.min(Math.max(0, offset), Math.max(0, fileSeconds - 0.01));
  return { offset: at, rest: Math.max(0.01, fileSeconds - at) };
}

/** The bed's span for a file `fileSeconds` long (a bed without loop never outlasts its file). */
export function bedSpan(bed: Bed, fileSeconds: number): BedSpan {
  const { offset, rest } = headTrim(bed.offset ?? 0, fileSeconds);
  const wanted = bed.length ?? rest;
  const length = bed.loop ? wanted : Math.min(wanted, rest);
  // Fades share the span: together they never take more than all of it.
  const fadeIn = Math.min(bed.fadeIn ?? 0, length);
  const fadeOut = Math.min(bed.fadeOut ?? 0, length - fadeIn);
  return { offset, length, fadeIn, fadeOut, loop: bed.loop === true };
}

/** The fades' gain (0..1) at `t` seconds from the bed's start; 0 outside the span. */
export function fadeGain(span: BedSpan, t: number): number {
  if (t < 0 || t > span.length) return 0;
  let gain = 1;
  if (span.fadeIn > 0 && t < span.fadeIn) gain = t / span.fadeIn;
  const left = span.length - t;
  if (span.fadeOut > 0 && left < span.fadeOut) gain = Math.min(gain, left / span.fadeOut);
  return gain;
}

/** The second of the file heard `t` seconds from the bed's start (wrapping when looped). */
export function fileTimeAt(span: BedSpan, fileSeconds: number, t: number): number {
  const body = Math.max(0.01, fileSeconds - span.offset);
  return span.offset + (span.loop ? t % body : Math.min(t, body));
}

/**
 * A reader of the bed's span in frames: skips `offsetFrames` of the file, stops after
 * `lengthFrames`, and with `loop` reopens the file (from the offset again) whenever it ends.
 */
export function spanReader(
  open: () => BedReader,
  offsetFrames: number,
  lengthFrames: number,
  loop: boolean,
): BedReader {
  let reader: BedReader | undefined;
  let given = 0;
  let done = false;
  const skip = async (r: BedReader) => {
    for (let left = offsetFrames; left > 0; ) {
      const got = (await r.read(Math.min(left, 65_536)))[0]?.length ?? 0;
      if (got === 0) return false;
      left -= got;
    }
    return true;
  };
  return {
    async read(frames) {
      const parts: Float32Array[][] = [];
      let filled = 0;
      let emptyPasses = 0;
      while (!done && filled < frames && given < lengthFrames) {
        if (!reader) {
          reader = open();
          if (!(await skip(reader))) {
            await reader.close();
            reader = undefined;
            done = true;
            break;
          }
        }
        const wanted = Math.min(frames - filled, lengthFrames - given);
        const part = await reader.read(wanted);
        const got = part[0]?.length ?? 0;
        if (got > 0) {
          parts.push(part);
          filled += got;
          given += got;
          emptyPasses = 0;
        }
        if (got < wanted) {
          // The file ended: loop from the offset again, or stop. A file with nothing after its
          // offset would loop forever: two passes in a row that give nothing end it.
          await reader.close();
          reader = undefined;
          if (!loop || (got === 0 && ++emptyPasses > 1)) done = true;
        }
      }
      const channels = Math.max(1, ...parts.map((p) => p.length));
      const out = Array.from({ length: channels }, () => new Float32Array(filled));
      let at = 0;
      for (const part of parts) {
        for (const [c, channel] of out.entries()) channel.set(part[c % part.length]!, at);
        at += part[0]!.length;
      }
      return out;
    },
    async close() {
      done = true;
      const r = reader;
      reader = undefined;
      await r?.close();
    },
  };
}
