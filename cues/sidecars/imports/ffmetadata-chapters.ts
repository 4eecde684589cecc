import { InputError } from '../../input-error.ts';
import { type ChapterImport, finishImport, type ImportedChapter } from './imported-chapters.ts';

// ffmpeg's metadata file (ffmpeg.org/ffmpeg-formats.html#Metadata-1), exactly as `ffmpeg -i x -f
// ffmetadata` writes it: ";FFMETADATA1", global key=value tags, then [CHAPTER] sections with
// TIMEBASE, START, END and title. '=', ';', '#', '\' and line breaks in a value are escaped with
// a backslash, so a value with a line break continues on the next line ("title=Middle\" then
// "Test" is the one title "Middle\nTest").

interface Section {
  line: number;
  timebase: [number, number];
  /** Whether the section said its TIMEBASE (ffmpeg's own default otherwise). */
  timebaseGiven?: boolean;
  start?: number;
  end?: number;
  title?: string;
}

/** One key=value per logical line: a line ending in an unescaped backslash goes on to the next. */
function logicalLines(text: string): Array<{ text: string; line: number }> {
  const physical = text.split(/\r\n|\r|\n/);
  const out: Array<{ text: string; line: number }> = [];
  for (let i = 0; i < physical.length; i++) {
    const line = i + 1;
    let value = physical[i]!;
    while (endsInEscape(value) && i + 1 < physical.length) value = `${value.slice(0, -1)}\n${physical[++i]!}`;
    out.push({ text: value, line });
  }
  return out;
}

function endsInEscape(line: string): boolean {
  const run = /\\+$/.exec(line)?.[0].length ?? 0;
  return run % 2 === 1;
}

/** ffmpeg's ffmetadata reader takes a chapter without TIMEBASE in 1/1e9 s (libavformat/ffmetadec.c). */
const FFMPEG_DEFAULT_TIMEBASE: [number, number] = [1, 1_000_000_000];

export function readFfmetadataChapters(text: string): ChapterImport {
  const lines = logicalLines(text);
  if (lines[0]?.text.trim() !== ';FFMETADATA1')
    throw new InputError('line 1: not an ffmetadata file (no ";FFMETADATA1")');
  const warnings: string[] = [];
  const chapters: ImportedChapter[] = [];
  let section: Section | undefined;
  const flush = () => {
    if (!section) return;
    const { timebase, start, end, title, line } = section;
    if (start === undefined) throw new InputError(`line ${line}: [CHAPTER] without START`);
    if (!section.timebaseGiven)
      warnings.push(
        `line ${line}: [CHAPTER] without TIMEBASE: START and END read as ffmpeg reads them, in nanoseconds (1/1000000000)`,
      );
    const seconds = (t: number) => (t * timebase[0]) / timebase[1];
    chapters.push({
      start: seconds(start),
      ...(end !== undefined ? { end: seconds(end) } : {}),
      title: title ?? `Chapter ${chapters.length + 1}`,
    });
  };
  for (const { text: line, line: number } of lines.slice(1)) {
    if (line.startsWith(';') || line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('[')) {
      flush();
      section =
        line.trim().toUpperCase() === '[CHAPTER]'
          ? { timebase: FFMPEG_DEFAULT_TIMEBASE, line: number }
          : undefined;
      continue;
    }
    if (!section) continue; // global and stream tags
    const eq = unescapedEquals(line);
    if (eq < 0)
      throw new InputError(`line ${number}: expected key=value: ${JSON.stringify(line.slice(0, 60))}`);
    const key = unescapeValue(line.slice(0, eq)).trim().toUpperCase();
    const value = unescapeValue(line.slice(eq + 1));
    if (key === 'TIMEBASE') {
      const m = /^(\d+)\/(\d+)$/.exec(value.trim());
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0)
        throw new InputError(
          `line ${number}: TIMEBASE must be like 1/1000 (got ${JSON.stringify(value.slice(0, 30))})`,
        );
      section.timebase = [Number(m[1]), Number(m[2])];
      section.timebaseGiven = true;
    } else if (key === 'START' || key === 'END') {
      if (!/^-?\d+$/.test(value.trim()))
        throw new InputError(`line ${number}: ${key} must be a whole number`);
      section[key === 'START' ? 'start' : 'end'] = Number(value);
    } else if (key === 'TITLE') {
      section.title = value;
    }
  }
  flush();
  return finishImport(chapters, warnings, 'ffmetadata file');
}

function unescapedEquals(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '=') return i;
  }
  return -1;
}

function unescapeValue(value: string): string {
  return value.replace(/\\([\s\S])/g, '$1');
}
