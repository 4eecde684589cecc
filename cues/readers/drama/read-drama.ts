import type { RawCue } from '../../build-cue-sheet.ts';
import { lineText, type Span, splitParagraphs, trimSpan } from '../../text/paragraphs.ts';
import { isNarrator, speakerName } from '../speaker-name.ts';
import { isChapterHeading, isSeparatorLine } from '../structure-lines.ts';
import { isBracketedSoundCue, soundCueKind } from './sound-cues.ts';

// Radio-drama scripts: `NAME: line`, `[SFX: door slams]`, `[MUSIC: theme up]`, sung lines marked
// with ♪, stage directions in parentheses. A speech runs on over following lines until a blank
// line or the next speaker. Broadcasters' layouts too (BBC Writersroom radio template and the
// like): numbered cues ("12. EDITH: …"), bare `SFX:` / `FX:` / `MUSIC:` / `GRAMS:` lines,
// `SCENE 1:` headings, technical directions in capitals ("FADE", "A KETTLE BEGINS TO SING."),
// a title in capitals on the first line, and "NAME<TAB>speech" without a colon.

export const SPEECH_LINE = /^\s*([\p{Lu}][\p{L}\p{N}'.\- ]{0,40}?)\s*(?:\([^)]{0,40}\))?\s*:\s*(?=\S)/u;
/** "EDITH<TAB>Shut that" or "EDITH (OFF)   Shut that": a capitals name set off by a tab or wide space. */
const TABBED_SPEECH =
  /^\s*(\p{Lu}[\p{Lu}\p{N}'.-]*(?: [\p{Lu}\p{N}'.-]+){0,2})\s*(?:\([^)]{0,40}\))?(?:\t+|\s{3,})(?=\S)/u;
/** A broadcaster's running cue number before a speech or a sound cue: "12." or "12". */
const CUE_NUMBER = /^\s*\d{1,4}\.?[ \t]+(?=\S)/;
const NUMBER_WORD = 'one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve';
const SCENE_HEADING = new RegExp(
  `^\\s*(?:scene\\s+(?:\\d+[a-z]?|[ivxlc]+|${NUMBER_WORD})\\b(?:\\s*[:.\\-–—]\\s*.*)?|(?:int|ext|int\\.?\\/ext|i\\/e)[. ].*)$`,
  'i',
);
const STAGE_DIRECTION = /^\s*\(.*\)\s*$/;
const LYRIC_MARK = /^\s*[♪♫]/;
const FRONT_MATTER_KEYS = /^(?:title|author|by|written by|draft|date|copyright|contact|episode|series)$/i;
const NOTE_KEYS = /^(?:note|notes|a\/n|an|author'?s? notes?|disclaimer)$/i;

/** A speaker name: one to four words, not a sentence that happens to contain a colon. */
export function isSpeakerName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length <= 4 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
}

/** A line in capitals that is not a speech: a technical direction ("FADE", "DOOR OPENS."). */
function isCapitalsLine(line: string): boolean {
  // The lower-case test first: it stops at the first small letter of an ordinary (or endless) line.
  return !/\p{Ll}/u.test(line) && /\p{L}[\s\S]*\p{L}/u.test(line);
}

/** A first line that names the play: in capitals, or a short line with no sentence ending. */
function looksLikeTitle(line: string): boolean {
  if (line.length > 200) return false;
  const trimmed = line.trim();
  if (trimmed.length > 80 || STAGE_DIRECTION.test(trimmed)) return false;
  return isCapitalsLine(trimmed) || (trimmed.split(/\s+/).length <= 8 && !/[.!?:,;]$/.test(trimmed));
}

export function readDrama(text: string): RawCue[] {
  const cues: RawCue[] = [];
  let open: RawCue | null = null;
  const close = () => {
    open = null;
  };
  for (const paragraph of splitParagraphs(text)) {
    close();
    for (const line of paragraph.lines) {
      const numbered = CUE_NUMBER.exec(lineText(text, line));
      const afterNumber: Span = numbered ? { start: line.start + numbered[0].length, end: line.end } : line;
      const body = lineText(text, afterNumber);
      const whole = trimSpan(text, afterNumber);
      const sound = soundCueKind(body);
      if (sound) {
        close();
        const cue: RawCue = { kind: sound, ...whole };
        cues.push(cue);
        if (!isBracketedSoundCue(body)) open = cue; // a bare cue may wrap onto the next line
        continue;
      }
      if (isSeparatorLine(body)) {
        close();
        cues.push({ kind: 'separator', ...whole });
        continue;
      }
      if (isChapterHeading(body) || SCENE_HEADING.test(body)) {
        close();
        cues.push({ kind: 'heading', ...whole, opensChapter: isChapterHeading(body) });
        continue;
      }
      const speech = SPEECH_LINE.exec(body) ?? TABBED_SPEECH.exec(body);
      if (speech && isSpeakerName(speech[1]!)) {
        close();
        const content: Span = { start: afterNumber.start + speech[0].length, end: line.end };
        const key = speech[1]!.trim();
        if (FRONT_MATTER_KEYS.test(key)) {
          cues.push({ kind: /^title$/i.test(key) ? 'title' : 'note', ...content });
          continue;
        }
        if (NOTE_KEYS.test(key)) {
          open = { kind: 'note', ...content };
        } else if (isNarrator(key)) {
          open = { kind: 'narration', ...content };
        } else {
          const sung = LYRIC_MARK.test(lineText(text, content));
          open = { kind: sung ? 'lyric' : 'dialogue', ...content, speaker: speakerName(key) };
        }
        cues.push(open);
        continue;
      }
      if (STAGE_DIRECTION.test(body)) {
        close();
        cues.push({ kind: 'note', ...whole, silent: true });
        continue;
      }
      const sung = LYRIC_MARK.test(body);
      const current = open as RawCue | null;
      if (!current && !sung && paragraph.lines.length === 1 && cues.length === 0 && looksLikeTitle(body)) {
        cues.push({ kind: 'title', ...whole });
        continue;
      }
      if (!current && !sung && isCapitalsLine(body)) {
        cues.push({ kind: 'note', ...whole, silent: true });
        continue;
      }
      if (current && (!sung || current.kind === 'lyric')) {
        current.end = line.end; // a speech or stanza running on to the next line
        continue;
      }
      if (sung && current?.speaker) {
        // ♪ lines right under a speaker's line are that speaker singing.
        open = { kind: 'lyric', ...whole, speaker: current.speaker };
      } else {
        open = { kind: sung ? 'lyric' : 'narration', ...whole };
      }
      cues.push(open);
    }
  }
  return cues;
}
