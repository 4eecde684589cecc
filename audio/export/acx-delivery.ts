import type { AcxReport } from '../acx.ts';
import type { DeliverySpec } from './delivery-spec.ts';

// ACX (Audible) audio submission requirements, as the ACX preset delivers them and as each
// delivered file is checked: MP3, CBR at 192 kbps or more, 44.1 kHz, mono or stereo, RMS -23 to
// -18 dB, peaks at -3 dB or below, noise floor -60 dB or below, 0.5-1 s of room tone at the head
// and 1-5 s at the tail, one file per chapter, none longer than 120 minutes.

export const ACX_DELIVERY = {
  sampleRate: 44_100,
  bitrate: 192_000,
  minBitrate: 192_000,
  formats: ['mp3'],
  perChapter: { head: [0.5, 1], tail: [1, 5] },
  // The middle of ACX's -23..-18 dB.
  fileRms: -20.5,
  check: 'acx',
} as const satisfies DeliverySpec;

/** What a delivered file measures, read back from the file itself. */
export interface DeliveredFile {
  format: string;
  sampleRate: number;
  channels: number;
  /** MP3: every audio frame at one bitrate, and its Info frame says CBR. */
  constantBitrate?: boolean;
  /** Bits per second of the audio frames (MP3). */
  bitrate?: number;
  /** Seconds. */
  duration: number;
  /** RMS, sample peak and noise floor in dBFS (audio/acx.ts). */
  acx: AcxReport;
  /** Seconds of room tone before the first sound and after the last. */
  head: number;
  tail: number;
}

export interface AcxVerdict {
  pass: boolean;
  problems: string[];
}

/** The ACX requirements this file misses, each named with what was measured. */
export function acxVerdict(file: DeliveredFile): AcxVerdict {
  const problems: string[] = [];
  const [headLeast, headMost] = ACX_DELIVERY.perChapter.head;
  const [tailLeast, tailMost] = ACX_DELIVERY.perChapter.tail;
  if (file.format !== 'MP3') problems.push(`${file.format}, not MP3`);
  if (file.constantBitrate !== true) problems.push('not constant bitrate (CBR)');
  if ((file.bitrate ?? 0) < ACX_DELIVERY.minBitrate)
    problems.push(`${Math.round((file.bitrate ?? 0) / 1000)} kbps is under 192 kbps`);
  if (file.sampleRate !== ACX_DELIVERY.sampleRate) problems.push(`${file.sampleRate} Hz, not 44100 Hz`);
  if (file.channels > 2) problems.push(`${file.channels} channels, not mono or stereo`);
  problems.push(...file.acx.problems);
  if (file.head < headLeast || file.head > headMost)
    problems.push(`${file.head.toFixed(2)} s of room tone at the head, not ${headLeast}-${headMost} s`);
  if (file.tail < tailLeast || file.tail > tailMost)
    problems.push(`${file.tail.toFixed(2)} s of room tone at the tail, not ${tailLeast}-${tailMost} s`);
  if (file.duration > 120 * 60) problems.push(`${(file.duration / 60).toFixed(1)} minutes long, over 120`);
  return { pass: problems.length === 0, problems };
}
