import { clockTime } from '../../../cues/sidecars/timecode.ts';
import { counted } from '../../../cues/text/counted.ts';
import { namesSeveralFiles, readChaptersFrom } from '../../chapters/read-chapters.ts';
import { type Io, toJson } from '../output.ts';

export interface ChaptersArgs {
  file: string;
  /** The recording(s): a multi-file CUE sheet's files in order, or the one the chapters belong to. */
  audio: string[];
  json: boolean;
}

/**
 * `cuewright chapters FILE [--audio AUDIO] [--json]`: the chapters of a CUE sheet, ffmetadata,
 * Audacity labels, WebVTT chapters, Podcasting 2.0 JSON, or those inside an audio file.
 * JSON: `{ "chapters": [{ "start": s, "end"?: s, "title": "…" }], "warnings": ["…"] }`.
 */
export async function runChapters(args: ChaptersArgs, io: Io): Promise<void> {
  // A multi-file CUE sheet's files, in order; else the first is the recording the chapters belong
  // to and any more are said to be left out (they were dropped without a word).
  const several = await namesSeveralFiles(args.file);
  const [recording, ...extra] = args.audio;
  const read = await readChaptersFrom(
    args.file,
    several ? { files: args.audio } : recording !== undefined ? { recording } : {},
  );
  if (!several)
    read.warnings.push(
      ...extra.map((file) => `--audio ${file} is left out: ${args.file} has the chapters of one recording`),
    );
  if (args.json) {
    io.out(toJson({ chapters: read.chapters, warnings: read.warnings }));
    return;
  }
  const lines = [`${args.file}: ${counted(read.chapters.length, 'chapter')} (${read.source})`];
  for (const c of read.chapters) {
    const end = c.end !== undefined ? ` - ${clockTime(c.end)}` : '';
    lines.push(`  ${clockTime(c.start)}${end}  ${c.title.replace(/\s*[\r\n]+\s*/g, ' / ')}`);
  }
  for (const warning of read.warnings) lines.push(`warning: ${warning}`);
  io.out(`${lines.join('\n')}\n`);
}
