import type { RawCue } from '../../build-cue-sheet.ts';
import { lineText, type Span, splitParagraphs, trimSpan } from '../../text/paragraphs.ts';
import { isNarrator, speakerName } from '../speaker-name.ts';
import { isChapterHeading, isSeparatorLine } from '../structure-lines.ts';

// Radio-drama scripts: `NAME: line`, `[SFX: door slams]`, `[MUSIC: theme up]`, sung lines marked
// with ♪, stage directions in parentheses. A speech runs on over following lines until a blank
// line or the next speaker.

export const SPEECH_LINE = /^\s*([\p{Lu}][\p{L}\p{N}'.\- ]{0,40}?)\s*(?:\([^)]{0,40}\))?\s*:\s*(?=\S)/u;
const BRACKET_CUE = /^\s*[[(]\s*(sfx|sound|fx|music|song)\s*[:\-–—]\s*[^\])]*[\])]\s*$/i;
const SCENE_HEADING = /^\s*(?:scene\s+\d+|(?:int|ext|int\.?\/ext|i\/e)[. ].*)$/i;
const STAGE_DIRECTION = /^\s*\(.*\)\s*$/;
const LYRIC_MARK = /^\s*[♪♫]/;
const FRONT_MATTER_KEYS = /^(?:title|author|by|written by|draft|date|copyright|contact|episode|series)$/i;
const NOTE_KEYS = /^(?:note|notes|a\/n|an|author'?s? notes?|disclaimer)$/i;

/** A speaker name: one to four words, not a sentence that happens to contain a colon. */
export function isSpeakerName(name: string): boolean {
  const words = name.trim().split(/\s+/);
  return words.length <= 4 && words.every((w) => /^[\p{Lu}\p{N}]/u.test(w));
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
      const body = lineText(text, line);
      const whole = trimSpan(text, line);
      const bracket = BRACKET_CUE.exec(body);
      if (bracket) {
        close();
        const kind = /music|song/i.test(bracket[1]!) ? 'music' : 'sfx';
        cues.push({ kind, ...whole });
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
      const speech = SPEECH_LINE.exec(body);
      if (speech && isSpeakerName(speech[1]!)) {
        close();
        const content: Span = { start: line.start + speech[0].length, end: line.end };
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
        cues.push({ kind: 'note', ...whole });
        continue;
      }
      const sung = LYRIC_MARK.test(body);
      const current = open as RawCue | null;
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
