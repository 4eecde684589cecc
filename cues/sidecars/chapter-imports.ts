import { InputError } from '../input-error.ts';

// Chapter marks brought in from other tools: CUE sheets (CD rippers, m4b-tool) and ffmpeg's
// metadata files. Both give titles and start times; errors name the line.

export interface ImportedChapter {
  title: string;
  start: number;
}

/** CUE sheet: every TRACK's TITLE and its INDEX 01 (mm:ss:ff, 75 frames a second). */
export function readCueSheetChapters(text: string): ImportedChapter[] {
  const chapters: ImportedChapter[] = [];
  let track: { title: string; start?: number } | undefined;
  const flush = () => {
    if (track?.start !== undefined) chapters.push({ title: track.title, start: track.start });
  };
  text.split(/\r\n|\r|\n/).forEach((raw, i) => {
    const line = raw.trim();
    const [keyword = ''] = line.split(/\s+/, 1);
    switch (keyword.toUpperCase()) {
      case 'TRACK':
        flush();
        track = { title: `Track ${chapters.length + 1}` };
        break;
      case 'TITLE':
        if (track) track.title = unquote(line.slice(5).trim());
        break;
      case 'INDEX': {
        const m = /^INDEX\s+(\d+)\s+(\d+):(\d{1,2}):(\d{1,2})$/i.exec(line);
        if (!m || Number(m[3]) > 59 || Number(m[4]) > 74)
          throw new InputError(
            `line ${i + 1}: not a CUE INDEX (mm:ss:ff): ${JSON.stringify(line.slice(0, 60))}`,
          );
        if (!track) throw new InputError(`line ${i + 1}: INDEX before any TRACK`);
        if (Number(m[1]) === 1) track.start = Number(m[2]) * 60 + Number(m[3]) + Number(m[4]) / 75;
        break;
      }
    }
  });
  flush();
  return chapters;
}

/** ffmpeg metadata: [CHAPTER] sections with TIMEBASE, START and title (escapes undone). */
export function readFfmetadataChapters(text: string): ImportedChapter[] {
  const lines = text.split(/\r\n|\r|\n/);
  if (lines[0]?.trim() !== ';FFMETADATA1')
    throw new InputError('line 1: not an ffmetadata file (no ";FFMETADATA1")');
  const chapters: ImportedChapter[] = [];
  let section: { timebase: [number, number]; start?: number; title?: string; line: number } | undefined;
  const flush = () => {
    if (!section) return;
    if (section.start === undefined) throw new InputError(`line ${section.line}: [CHAPTER] without START`);
    chapters.push({
      title: section.title ?? `Chapter ${chapters.length + 1}`,
      start: (section.start * section.timebase[0]) / section.timebase[1],
    });
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.startsWith(';') || line.startsWith('#') || line.trim() === '') continue;
    if (line.startsWith('[')) {
      flush();
      section = line.trim().toUpperCase() === '[CHAPTER]' ? { timebase: [1, 1000], line: i + 1 } : undefined;
      continue;
    }
    if (!section) continue;
    const eq = unescapedEquals(line);
    if (eq < 0)
      throw new InputError(`line ${i + 1}: expected key=value: ${JSON.stringify(line.slice(0, 60))}`);
    const key = line.slice(0, eq).toUpperCase();
    const value = unescapeValue(line.slice(eq + 1));
    if (key === 'TIMEBASE') {
      const m = /^(\d+)\/(\d+)$/.exec(value.trim());
      if (!m || Number(m[1]) === 0 || Number(m[2]) === 0)
        throw new InputError(`line ${i + 1}: TIMEBASE must be like 1/1000`);
      section.timebase = [Number(m[1]), Number(m[2])];
    } else if (key === 'START') {
      if (!/^\d+$/.test(value.trim())) throw new InputError(`line ${i + 1}: START must be a whole number`);
      section.start = Number(value);
    } else if (key === 'TITLE') {
      section.title = value;
    }
  }
  flush();
  return chapters;
}

function unquote(value: string): string {
  return value.startsWith('"') && value.endsWith('"') && value.length >= 2 ? value.slice(1, -1) : value;
}

function unescapedEquals(line: string): number {
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '\\') i++;
    else if (line[i] === '=') return i;
  }
  return -1;
}

function unescapeValue(value: string): string {
  return value.replace(/\\(.)/g, '$1');
}
