import { basename, dirname, extname, join } from 'node:path';
import type { AcxVerdict, DeliveredFile } from '../../audio/export/acx-delivery.ts';
import { type ChapterCut, fittedCuts, paddedCuts } from '../../audio/export/chapter-cuts.ts';
import type { GainPlan } from '../../audio/export/loudness-target.ts';
import { PeakLimiter } from '../../audio/export/peak-limiter.ts';
import type { PcmSink } from '../../audio/pcm.ts';
import { EnergyEnvelope } from '../../audio/silence/energy-envelope.ts';
import { QuietestWindow, roomTone } from '../../audio/silence/room-tone.ts';
import { InputError } from '../../cues/input-error.ts';
import { FileError } from '../io/file-error.ts';
import { refuseUnwritableFolder } from '../io/output-folder.ts';
import { type PartFile, refuseLongName } from '../io/part-file.ts';
import {
  createPart,
  type ExportRequest,
  exportFormatOf,
  type Measured,
  measureForExport,
  refuseOverwritingInputs,
  streamWithGain,
} from './export-audio.ts';
import { type OutputWriter, openOutput } from './output-writer.ts';
import { checkDelivered } from './read-delivered.ts';

// One file per chapter (ACX delivers a book this way), each with the recording's own room tone
// at both ends, tagged with its chapter title and track number. Every file is written as a part
// file and renamed when complete; a failure or cancel removes the one in progress.
// With a per-chapter preset (ACX) the room tone is fitted, not just added: the chapter's own
// quiet edges count towards it and any excess is cut, so each file has the head and tail the
// preset asks; each file gets its own gain to the preset's RMS, and is read back and checked.

export interface ChapterFilesRequest extends ExportRequest {
  /** Seconds of room tone at each end of every file, 1 to 5; with ACX, at the tail only. */
  roomTone?: number;
}

export interface ChapterFile {
  output: string;
  title: string;
  /** Where the chapter was in the whole narration. */
  start: number;
  end: number;
  /** The file's length, room tone included. */
  duration: number;
  /** With a preset that checks its files (ACX): what the delivered file measures, and the verdict. */
  check?: { file: DeliveredFile; verdict: AcxVerdict };
}

/** Seconds of head room tone a per-chapter preset gets: the middle of what it allows. */
const middle = ([least, most]: readonly [number, number]) => (least + most) / 2;

export async function exportChapterFiles(request: ChapterFilesRequest): Promise<ChapterFile[]> {
  const format = exportFormatOf(request.output);
  const delivery = request.loudness?.delivery;
  const fitted = delivery?.perChapter;
  const [least, most] = fitted?.tail ?? [1, 5];
  const padSeconds = request.roomTone ?? 2;
  if (!(padSeconds >= least && padSeconds <= most))
    throw new InputError(`room tone must be ${least} to ${most} seconds (got ${padSeconds})`);
  // Checked before the measuring pass (the chapter files go beside the output).
  await refuseUnwritableFolder(request.output);
  let quiet: QuietestWindow | undefined;
  let envelope: EnergyEnvelope | undefined;
  const measured = await measureForExport(request, (shape) => {
    quiet = new QuietestWindow(shape.sampleRate, shape.channels);
    envelope = new EnergyEnvelope(shape.sampleRate);
    return [quiet, envelope];
  });
  const { info, chapters } = measured;
  const rate = info.sampleRate;
  const bounds = chapters.map((c) => Math.round(c.start * rate)).concat(info.frames);
  const tail = Math.round(padSeconds * rate);
  const frameLength = Math.round(envelope!.frameSeconds * rate);
  const cuts = fitted
    ? fittedCuts(bounds, envelope!, frameLength, Math.round(middle(fitted.head) * rate), tail)
    : paddedCuts(bounds, tail);
  // A per-file RMS (ACX) replaces the book's gain: each file is brought there on its own.
  const fileRms = delivery?.fileRms;
  const window = quiet?.window;
  const bookGain = fileRms === undefined ? measured.gain : undefined;
  const bookLinear = 10 ** ((bookGain?.gainDb ?? 0) / 20);
  const gains = cuts.map((cut) =>
    fileRms === undefined ? 1 : fileGain(cut, envelope!, frameLength, window, fileRms),
  );
  const files = chapters.map((chapter, i) => ({
    output: chapterPath(request.output, i + 1, chapters.length, chapter.title),
    title: chapter.title,
    start: chapter.start,
    end: chapter.end,
    duration: (cuts[i]!.to - cuts[i]!.from + cuts[i]!.head + cuts[i]!.tail) / rate,
  }));
  // Every name is known now: one with no room for its part file stops the export before any file.
  for (const file of files) refuseLongName(file.output);
  await refuseOverwritingInputs(
    request,
    files.map((f) => f.output),
  );
  const tone = (frames: number) =>
    roomTone(window, info.channels, frames).map((c) => (bookLinear === 1 ? c : c.map((x) => x * bookLinear)));
  const limit =
    fileRms === undefined
      ? undefined
      : { rate, channels: info.channels, ceiling: 10 ** ((request.loudness!.truePeakCeiling - 1) / 20) };
  const quietly = { ...request, onProgress: () => {} };
  if (fileRms !== undefined) {
    // Limiting costs RMS (most where peaks are many): measure each file as it will be, correct once.
    const squares = cuts.map(() => ({ sum: 0, frames: 0 }));
    await routeCuts(cuts, quietly, measured, async (i) => {
      const meter: PcmSink = {
        push(channels) {
          for (const channel of channels) for (const x of channel) squares[i]!.sum += x * x;
          squares[i]!.frames += channels[0]!.length * channels.length;
        },
      };
      return withRoomTone(fileStage(meter, gains[i]!, limit), tone, cuts[i]!);
    });
    squares.forEach(({ sum, frames }, i) => {
      if (sum > 0) gains[i]! *= 10 ** ((fileRms - 10 * Math.log10(sum / frames)) / 20);
    });
  }
  const checked: ChapterFile[] = [];
  let part: PartFile | undefined;
  let writer: OutputWriter | undefined;
  let current = 0;
  try {
    await routeCuts(
      cuts,
      request,
      measured,
      async (index) => {
        current = index;
        const file = files[index]!;
        const cut = cuts[index]!;
        part = await createPart(file.output);
        const frames = cut.to - cut.from + cut.head + cut.tail;
        writer = await openOutput(part, {
          format,
          sampleRate: rate,
          channels: info.channels,
          frames,
          chapters: [{ title: file.title, start: 0, end: frames / rate }],
          tags: {
            ...request.tags,
            title: file.title,
            album: request.tags.album ?? request.tags.title ?? request.sheet.title,
            track: { number: index + 1, total: files.length },
          },
          ...(measured.shape.bitrate ? { bitrate: measured.shape.bitrate } : {}),
        });
        const into = writer;
        const staged = withRoomTone(fileStage(into, gains[index]!, limit), tone, cut);
        return {
          push: (channels) => staged.push(channels),
          close: async () => {
            await staged.close();
            await into.finish();
            await part!.commit();
            part = undefined;
            checked.push(
              delivery?.check === 'acx' ? { ...file, check: await checkDelivered(file.output) } : file,
            );
          },
        };
      },
      bookGain,
    );
  } catch (error) {
    if (part) await writer?.cancel().catch(() => undefined);
    await part?.discard();
    throw FileError.wrap(files[current]?.output ?? request.output, error);
  }
  return checked;
}

/** One file's audio as it is routed: pushed, then closed once its cut is complete. */
interface FileSink {
  push(channels: Float32Array[]): Promise<void>;
  close(): Promise<void>;
}

/**
 * Streams the recording as delivered once, handing each cut's stretch to the file sink opened
 * for it (in order); stretches between cuts are left out.
 */
async function routeCuts(
  cuts: ChapterCut[],
  request: ExportRequest,
  source: Measured,
  open: (index: number) => Promise<FileSink>,
  gain?: GainPlan,
): Promise<void> {
  let index = 0;
  let position = 0;
  let file: FileSink | undefined;
  const close = async () => {
    await file!.close();
    file = undefined;
    index++;
  };
  const router: PcmSink = {
    async push(channels) {
      const n = channels[0]!.length;
      let at = 0;
      while (at < n && index < cuts.length) {
        const cut = cuts[index]!;
        const here = position + at;
        if (here < cut.from) {
          at += Math.min(n - at, cut.from - here);
          continue;
        }
        file ??= await open(index);
        const take = Math.min(n - at, cut.to - here);
        if (take > 0) await file.push(channels.map((c) => c.subarray(at, at + take)));
        at += take;
        if (position + at === cut.to) await close();
      }
      position += n;
    },
  };
  await streamWithGain(request, gain, router, source);
  while (index < cuts.length) {
    file ??= await open(index);
    await close();
  }
}

/** Room tone before a file's first block and after its last. */
function withRoomTone(
  stage: { push(c: Float32Array[]): Promise<void>; flush(): Promise<void> },
  tone: (frames: number) => Float32Array[],
  cut: ChapterCut,
): FileSink {
  let started = false;
  return {
    async push(channels) {
      if (!started) await stage.push(tone(cut.head));
      started = true;
      await stage.push(channels);
    },
    async close() {
      if (!started) await stage.push(tone(cut.head));
      await stage.push(tone(cut.tail));
      await stage.flush();
    },
  };
}

/**
 * The gain (linear) that brings a file's RMS, room tone included, to `target` dBFS, from the
 * recording's 10 ms energies over the cut and the room tone's own energy over its pads.
 */
function fileGain(
  cut: ChapterCut,
  envelope: EnergyEnvelope,
  frame: number,
  window: Float32Array[] | undefined,
  target: number,
): number {
  const energies = envelope.energies;
  let sum = 0;
  const first = Math.floor(cut.from / frame);
  const last = Math.min(energies.length, Math.ceil(cut.to / frame));
  for (let k = first; k < last; k++) sum += energies[k]! * frame;
  let toneSquare = 0;
  let toneLength = 0;
  for (const channel of window ?? []) {
    for (const x of channel) toneSquare += x * x;
    toneLength += channel.length;
  }
  const toneMean = toneLength > 0 ? toneSquare / toneLength : 0;
  sum += toneMean * (cut.head + cut.tail);
  const frames = (last - first) * frame + cut.head + cut.tail;
  const meanSquare = frames > 0 ? sum / frames : 0;
  if (!(meanSquare > 0)) return 1;
  return 10 ** ((target - 10 * Math.log10(meanSquare)) / 20);
}

/** A file's own gain (and, with one, a limiter under the preset's ceiling) before its writer. */
function fileStage(
  writer: PcmSink,
  linear: number,
  limit: { rate: number; ceiling: number; channels: number } | undefined,
) {
  const limiter = limit
    ? new PeakLimiter({ sampleRate: limit.rate, channels: limit.channels, ceiling: limit.ceiling })
    : undefined;
  return {
    async push(channels: Float32Array[]) {
      if ((channels[0]?.length ?? 0) === 0) return;
      const scaled = linear === 1 ? channels : channels.map((c) => c.map((x) => x * linear));
      const out = limiter ? limiter.process(scaled) : scaled;
      if ((out[0]?.length ?? 0) > 0) await writer.push(out);
    },
    async flush() {
      if (!limiter) return;
      const out = limiter.flush();
      if ((out[0]?.length ?? 0) > 0) await writer.push(out);
    },
  };
}

/** "out/book.mp3", chapter 3 of 12 titled "The Fall" → "out/book 03 - The Fall.mp3". */
export function chapterPath(output: string, number: number, total: number, title: string): string {
  const ext = extname(output);
  const stem = basename(output, ext);
  const safe =
    title
      .replace(/[\\/:*?"<>|\p{Cc}]/gu, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 60) || 'Chapter';
  return join(
    dirname(output),
    `${stem} ${String(number).padStart(Math.max(2, String(total).length), '0')} - ${safe}${ext}`,
  );
}
