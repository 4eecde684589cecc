import { basename, dirname, extname, join } from 'node:path';
import type { PcmSink } from '../../audio/pcm.ts';
import { QuietestWindow, roomTone } from '../../audio/silence/room-tone.ts';
import { InputError } from '../../cues/input-error.ts';
import { FileError } from '../io/file-error.ts';
import { type PartFile, refuseLongName } from '../io/part-file.ts';
import {
  createPart,
  type ExportRequest,
  exportFormatOf,
  measureForExport,
  refuseOverwritingInputs,
  streamWithGain,
} from './export-audio.ts';
import { type OutputWriter, openOutput } from './output-writer.ts';

// One file per chapter (ACX delivers a book this way), each padded with the recording's own room
// tone at both ends, tagged with its chapter title and track number. Every file is written as a
// part file and renamed when complete; a failure or cancel removes the one in progress.

export interface ChapterFilesRequest extends ExportRequest {
  /** Seconds of room tone at each end of every file, 1 to 5. */
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
}

export async function exportChapterFiles(request: ChapterFilesRequest): Promise<ChapterFile[]> {
  const format = exportFormatOf(request.output);
  const padSeconds = request.roomTone ?? 2;
  if (!(padSeconds >= 1 && padSeconds <= 5))
    throw new InputError(`room tone must be 1 to 5 seconds (got ${padSeconds})`);
  let quiet: QuietestWindow | undefined;
  const { probe, info, gain, chapters, beds } = await measureForExport(request, (probed) => {
    quiet = new QuietestWindow(probed.sampleRate, probed.channels);
    return [quiet];
  });
  const rate = info.sampleRate;
  const pad = Math.round(padSeconds * rate);
  const linear = 10 ** ((gain?.gainDb ?? 0) / 20);
  const tone = roomTone(quiet?.window, info.channels, pad).map((c) => c.map((x) => x * linear));
  const bounds = chapters.map((c) => Math.round(c.start * rate)).concat(info.frames);
  const files = chapters.map((chapter, i) => ({
    output: chapterPath(request.output, i + 1, chapters.length, chapter.title),
    title: chapter.title,
    start: chapter.start,
    end: chapter.end,
    duration: (bounds[i + 1]! - bounds[i]! + 2 * pad) / rate,
  }));
  // Every name is known now: one with no room for its part file stops the export before any file.
  for (const file of files) refuseLongName(file.output);
  await refuseOverwritingInputs(
    request,
    files.map((f) => f.output),
  );

  let index = -1;
  let position = 0;
  let part: PartFile | undefined;
  let writer: OutputWriter | undefined;
  const open = async () => {
    index++;
    const file = files[index]!;
    part = await createPart(file.output);
    const frames = bounds[index + 1]! - bounds[index]! + 2 * pad;
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
      ...(request.bitrate ? { bitrate: request.bitrate } : {}),
    });
    await writer.push(tone.map((c) => c.slice()));
  };
  const close = async () => {
    await writer!.push(tone.map((c) => c.slice()));
    await writer!.finish();
    await part!.commit();
    part = undefined;
  };
  const router: PcmSink = {
    async push(channels) {
      const n = channels[0]!.length;
      let at = 0;
      while (at < n) {
        if (index < 0 || position === bounds[index + 1]) {
          if (index >= 0) await close();
          await open();
        }
        const take = Math.min(n - at, bounds[index + 1]! - position);
        await writer!.push(channels.map((c) => c.subarray(at, at + take)));
        at += take;
        position += take;
      }
    },
  };
  try {
    await streamWithGain(request, gain, router, probe, beds);
    if (index >= 0) await close();
  } catch (error) {
    await writer?.cancel().catch(() => undefined);
    await part?.discard();
    throw FileError.wrap(files[Math.max(0, index)]?.output ?? request.output, error);
  }
  return files;
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
