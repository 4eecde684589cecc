import type { RawCue } from '../../build-cue-sheet.ts';
import { lineText, type Paragraph, type Span, splitParagraphs, trimSpan } from '../../text/paragraphs.ts';
import { isNarrator, OVERLAP, speakerName } from '../speaker-name.ts';
import { isChapterHeading, isNotesHeader, isSeparatorLine, isTransitionLine } from '../structure-lines.ts';
import { isBracketedSoundCue, soundCueHead, soundCueKind } from './sound-cues.ts';

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
/** A line that is all one bracket: "[Door slams]" (a direction or sound) or "[[cut?]]" (a writer's note). */
const BRACKET_LINE = /^\s*\[[^\n]*\]\s*$/;
const MARKDOWN_LEVEL = /^\s*(#{1,6})\s/;
/** A scene heading numbered as BBC radio scripts number theirs: "SCENE 1.", "Scene Two:". */
const NUMBERED_SCENE = /^\s*scene\s+\S/i;
/** Title-page lines (BBC Writersroom radio template): the by-line and the cast list, never said. */
const BY_LINE = /^\s*(?:(?:a\s+)?(?:radio\s+)?(?:play|drama|script)\s+)?(?:written\s+|adapted\s+)?by\s+\S/i;
/** A bare "by" line names someone ("by Sam Okafor"); "By morning the storm had passed." is the story. */
const BARE_BY = /^\s*by\s/i;
const BY_NAMES = /^\s*[Bb][Yy]\s+\p{Lu}[^.!?]*$/u;

function isByLine(line: string): boolean {
  return BY_LINE.test(line) && (!BARE_BY.test(line) || BY_NAMES.test(line));
}
/** The speaker of a name-alone line ("EDITH:") with a line under it in its paragraph, or undefined. */
function nameAlone(line: string, hasNext: boolean): string | undefined {
  const match = hasNext ? NAME_ALONE.exec(line) : null;
  if (!match || !isSpeakerName(match[1]!)) return undefined;
  const key = match[1]!.trim();
  // "CAST:", "NOTES:", "Title:" and "MUSIC:" head their own lines below; "SCENE 2:", "EPISODE 3:" are headings.
  if (FRONT_MATTER_KEYS.test(key) || NOTE_KEYS.test(key) || CAST_LIST.test(key)) return undefined;
  if (isChapterHeading(line) || SCENE_HEADING.test(line) || isTransitionKey(key)) return undefined;
  return soundCueKind(`${key}: x`) === undefined ? key : undefined;
}

/** "FADE IN", "FADE UP", "CUT TO", "DISSOLVE TO": a transition before its colon, never a speaker. */
function isTransitionKey(key: string): boolean {
  return isTransitionLine(`${key}:`);
}
const CAST_ALONE = /^\s*(?:cast(?:\s+list)?|characters|dramatis\s+personae)\s*:?\s*$/i;
const CAST_LIST = /^\s*(?:cast(?:\s+list)?|characters|dramatis\s+personae)\s*(?::|$)/i;
const LYRIC_MARK = /^\s*[♪♫]/;
/** A sung line, a performance note before its first mark or not: "♪ Daisy", "(SINGS) ♪ Daisy". */
const SUNG = /^\s*(?:(?:\([^()\n]*\)|\[[^[\]\n]*\])\s*)*[♪♫]/;
/** A speaker's name alone on its line, the speech below it: "EDITH:", "TOM (OFF):". */
const NAME_ALONE = /^\s*([\p{Lu}][\p{L}\p{N}'.\- ]{0,40}?)\s*(?:\([^)]{0,40}\))?\s*:\s*$/u;
const FRONT_MATTER_KEYS =
  /^(?:title|author|by|written by|draft|draft date|date|copyright|contact|episode|series)$/i;
const NOTE_KEYS = /^(?:note|notes|a\/n|an|author'?s? notes?|disclaimer)$/i;
/** A fan-fiction author's note ("A/N: …", "Author's note: …"): a note, never narration (its key is no speaker's). */
const AUTHOR_NOTE = /^\s*(?:a\/n|a\.n\.|author['’]?s?['’]?\s+notes?)\s*:\s*/i;

/**
 * The speaker a line opens with ("EDITH: Shut that", "12. TOM (OFF)<TAB>Only me"), or undefined for
 * any other line, title-page keys ("Title:", "Author:") included: what format detection counts.
 */
export function dramaSpeaker(line: string): string | undefined {
  const numbered = CUE_NUMBER.exec(line);
  const body = numbered ? line.slice(numbered[0].length) : line;
  // Only a tab or a wide space can set off a name without a colon: most lines skip that pattern.
  const speech = SPEECH_LINE.exec(body) ?? (/\t| {3}/.test(body) ? TABBED_SPEECH.exec(body) : null);
  if (!speech || !isSpeakerName(speech[1]!)) return undefined;
  const key = speech[1]!.trim();
  return FRONT_MATTER_KEYS.test(key) || NOTE_KEYS.test(key) || CAST_LIST.test(key) || isTransitionKey(key)
    ? undefined
    : key;
}

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

/** A first line that names the play: in capitals, or a short line with no sentence ending; never a direction ("(Night.)", "[Door slams]", "FADE IN:"). */
function looksLikeTitle(line: string): boolean {
  if (line.length > 200) return false;
  const trimmed = line.trim();
  if (trimmed.length > 80 || STAGE_DIRECTION.test(trimmed) || BRACKET_LINE.test(trimmed)) return false;
  if (isTransitionLine(trimmed)) return false; // "FADE IN:" opens the play, it does not name it
  return isCapitalsLine(trimmed) || (trimmed.split(/\s+/).length <= 8 && !/[.!?:,;]$/.test(trimmed));
}

export function readDrama(text: string): RawCue[] {
  const cues: RawCue[] = [];
  const paragraphs = splitParagraphs(text);
  const chapterLevel = markdownChapterLevel(text, paragraphs);
  let open: RawCue | null = null;
  const close = () => {
    open = null;
  };
  // The title page: the lines before the first speech, cue or heading (title, by-line, cast list).
  let front = true;
  let castList = false;
  // Authors' notes read before the title ("A/N: …" above it): the title is still the first line after them.
  let notesFirst = 0;
  // The speaker of a name alone on the line before ("EDITH:"), whose speech this line opens.
  let named: { speaker: string; overlaps: boolean } | null = null;
  for (const paragraph of paragraphs) {
    close();
    named = null;
    const last = cues[cues.length - 1];
    const castAlone = castList && last !== undefined && CAST_ALONE.test(text.slice(last.start, last.end));
    castList = false;
    if (castAlone && !dramaLineKind(text, paragraph.lines[0]!)) {
      // "CAST:" alone on its line, the names in the paragraph after it.
      cues.push({ kind: 'note', ...trimSpan(text, paragraph), silent: true });
      continue;
    }
    // "NOTES:" alone in its paragraph: the production notes are the paragraph after it.
    const notesAlone = last !== undefined && isNotesHeader(text.slice(last.start, last.end));
    if (notesAlone && !dramaLineKind(text, paragraph.lines[0]!)) {
      cues.push({ kind: 'note', ...trimSpan(text, paragraph), silent: true });
      continue;
    }
    let notes: RawCue | null = null;
    for (const [index, line] of paragraph.lines.entries()) {
      // The lines under "NOTES:" are notes up to a blank line or a speech, cue or heading.
      if (notes && !dramaLineKind(text, line)) {
        notes.end = line.end;
        continue;
      }
      notes = null;
      if (isNotesHeader(lineText(text, line))) {
        close();
        notes = { kind: 'note', ...trimSpan(text, line), silent: true };
        cues.push(notes);
        continue;
      }
      const numbered = CUE_NUMBER.exec(lineText(text, line));
      const afterNumber: Span = numbered ? { start: line.start + numbered[0].length, end: line.end } : line;
      const body = lineText(text, afterNumber);
      const whole = trimSpan(text, afterNumber);
      const current = open as RawCue | null;
      const waiting = named as { speaker: string; overlaps: boolean } | null;
      named = null;
      if (front && current?.kind === 'note' && current.silent && castList) {
        current.end = line.end; // the cast list runs to the end of its paragraph
        continue;
      }
      const authorNote = AUTHOR_NOTE.exec(body);
      if (authorNote) {
        close();
        const content = trimSpan(text, { start: afterNumber.start + authorNote[0].length, end: line.end });
        open = { kind: 'note', ...(content.end > content.start ? content : whole) };
        if (cues.length === notesFirst) notesFirst++;
        cues.push(open);
        continue;
      }
      const hasNext = index + 1 < paragraph.lines.length;
      const alone = nameAlone(body, hasNext);
      if (alone !== undefined) {
        close();
        front = false;
        named = { speaker: alone, overlaps: OVERLAP.test(body) };
        continue;
      }
      // "Title: …" and the other keys are read below, as keys.
      if (
        front &&
        !FRONT_MATTER_KEYS.test(SPEECH_LINE.exec(body)?.[1]?.trim() ?? '') &&
        !dramaLineKind(text, line)
      ) {
        const next = paragraph.lines[index + 1];
        const titleLine =
          paragraph.lines.length === 1 ||
          isCapitalsLine(body) ||
          (next !== undefined && isByLine(lineText(text, next)));
        const frontLine = isByLine(body) || CAST_LIST.test(body);
        if (
          cues.length === notesFirst &&
          titleLine &&
          !frontLine &&
          !LYRIC_MARK.test(body) &&
          looksLikeTitle(body)
        ) {
          cues.push({ kind: 'title', ...whole });
          continue;
        }
        if (frontLine) {
          open = { kind: 'note', ...whole, silent: true };
          castList = CAST_LIST.test(body);
          cues.push(open);
          continue;
        }
      }
      const sound = soundCueKind(body) ?? (hasNext ? soundCueHead(body) : undefined);
      if (sound) {
        close();
        front = false;
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
        front = false;
        const level = MARKDOWN_LEVEL.exec(body)?.[1]?.length;
        const opensChapter = isChapterHeading(body) && (level === undefined || level === chapterLevel);
        cues.push({ kind: 'heading', ...whole, opensChapter });
        continue;
      }
      const speech = SPEECH_LINE.exec(body) ?? TABBED_SPEECH.exec(body);
      // A title-page key in sentence case ("Written by:", "Draft date:") is a key, not a speaker.
      if (speech && (isSpeakerName(speech[1]!) || FRONT_MATTER_KEYS.test(speech[1]!.trim()))) {
        close();
        const content: Span = { start: afterNumber.start + speech[0].length, end: line.end };
        const key = speech[1]!.trim();
        if (isTransitionKey(key)) {
          // "FADE UP: A kitchen.", "CUT TO: The hall.": a technical direction, not a speaker's line.
          cues.push({ kind: 'note', ...whole, silent: true });
          continue;
        }
        if (FRONT_MATTER_KEYS.test(key)) {
          cues.push({ kind: /^title$/i.test(key) ? 'title' : 'note', ...content });
          continue;
        }
        front = false;
        if (NOTE_KEYS.test(key)) {
          open = { kind: 'note', ...content };
        } else if (isNarrator(key)) {
          open = { kind: 'narration', ...content };
        } else {
          const sung = SUNG.test(lineText(text, content));
          open = { kind: sung ? 'lyric' : 'dialogue', ...content, speaker: speakerName(key) };
          // "MARK (OVERLAPPING): …": the extension is not in the line's text, so it is kept apart.
          if (OVERLAP.test(speech[0])) open.overlaps = true;
        }
        cues.push(open);
        continue;
      }
      if (STAGE_DIRECTION.test(body) || BRACKET_LINE.test(body)) {
        // "(She turns.)", "[Door slams]", "[[cut?]]": a direction, sound or note of its own, never the speech's.
        close();
        cues.push({ kind: 'note', ...whole, silent: true });
        named = waiting; // "EDITH:" / "(quietly)" / the speech
        continue;
      }
      if (isTransitionLine(body)) {
        // "FADE OUT." under a speech ends it; it is never said.
        close();
        cues.push({ kind: 'note', ...whole, silent: true });
        continue;
      }
      const sung = SUNG.test(body);
      if (waiting) {
        front = false;
        if (isNarrator(waiting.speaker)) open = { kind: sung ? 'lyric' : 'narration', ...whole };
        else open = { kind: sung ? 'lyric' : 'dialogue', ...whole, speaker: speakerName(waiting.speaker) };
        if (waiting.overlaps) open.overlaps = true;
        cues.push(open);
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
      front = false;
      if (sung && current?.speaker) {
        // ♪ lines right under a speaker's line are that speaker singing.
        open = { kind: 'lyric', ...whole, speaker: current.speaker };
      } else {
        open = { kind: sung ? 'lyric' : 'narration', ...whole };
      }
      cues.push(open);
    }
  }
  scenesAsChapters(text, cues);
  return cues;
}

/** A line that is a speech, a sound cue or a heading: the end of a title page. */
function dramaLineKind(text: string, line: Span): boolean {
  const body = lineText(text, line);
  return (
    soundCueKind(body) !== undefined ||
    isChapterHeading(body) ||
    SCENE_HEADING.test(body) ||
    dramaSpeaker(body) !== undefined
  );
}

/** The shallowest Markdown heading level ("#" usually; "##" when the script has no "#"), as in Fountain. */
function markdownChapterLevel(text: string, paragraphs: Paragraph[]): number {
  let level = Number.POSITIVE_INFINITY;
  for (const p of paragraphs) {
    for (const l of p.lines) {
      const body = lineText(text, l);
      const marks = MARKDOWN_LEVEL.exec(body);
      if (marks && isChapterHeading(body)) level = Math.min(level, marks[1]!.length);
    }
  }
  return level;
}

/**
 * A radio play is usually cut by scene, not by chapter (BBC Writersroom: "SCENE 1. INT. … NIGHT."):
 * with no chapter heading in the script, each numbered SCENE opens a chapter.
 */
function scenesAsChapters(text: string, cues: RawCue[]): void {
  if (cues.some((c) => c.opensChapter)) return;
  for (const cue of cues) {
    if (cue.kind === 'heading' && NUMBERED_SCENE.test(text.slice(cue.start, cue.end)))
      cue.opensChapter = true;
  }
}
