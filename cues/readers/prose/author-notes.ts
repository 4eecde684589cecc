import type { Span } from '../../text/paragraphs.ts';
import { splitSentences } from './sentences.ts';

// Fan fiction and self-published prose wrap the story in the author's own voice: disclaimers,
// "A/N:" notes, thanks, a "Title: / Author: / Rating:" header. Those become `note` cues, which are
// unspoken as in every format (Fountain's [[notes]], radio directions): the producer who wants one
// read removes its `"spoken": ""` from the saved cue sheet.

const NOTE_MARKER =
  /^\s*[([]?\s*(?:a\/n|a\.n\.|an|author['’]?s?['’]?\s*notes?|disclaimer|notes?|n\.b\.|ps|p\.s\.)\s*[:\-–—)\]]/i;

const AUTHOR_VOICE =
  /\b(?:disclaimer|(?:do|does)(?:n['’]t| not) own|belongs? to|all rights|copyright|let me know|thanks? (?:to|for|you)|thank you|please review|read (?:and|&) review|r&r|reviews?|hope you (?:like|enjoy|liked|enjoyed)|enjoy(?:ed)? this|this (?:story|fic|fanfic|one-?shot|chapter)|the song (?:is|was) called|lyrics (?:are|belong)|my (?:first|new) (?:story|fic)|(?:short|this) fic)\b/i;

/** A fan-fiction story header line: "Title: …", "Author: …", "Rating: T", "Pairing: …". */
const HEADER_LINE =
  /^\s*(title|author|rating|pairings?|fandoms?|summary|disclaimer|warnings?|genres?|characters?|spoilers?|word\s*count|beta(?: reader)?|category|status|timeline|setting|notes?|a\/n)\s*:/i;

/** Whether a line is a header line, and whether it is the title's ("Title: The Long Way"). */
export function headerKey(line: string): string | undefined {
  return HEADER_LINE.exec(line)?.[1]?.toLowerCase();
}

export function startsWithNoteMarker(paragraph: string): boolean {
  return NOTE_MARKER.test(paragraph);
}

export function isAuthorVoice(sentence: string): boolean {
  return AUTHOR_VOICE.test(sentence) || NOTE_MARKER.test(sentence);
}

/**
 * Where a front-matter paragraph stops being the author talking: the offset at which the story
 * begins (span.end when it is all note), or span.start when it does not open with a note.
 * The seed's disclaimer runs straight into the story: "Thanks to everyone that reads! =)Buffy walked".
 */
export function authorNoteEnd(text: string, span: Span): number {
  const sentences = splitSentences(text, span.start, span.end);
  const first = sentences[0];
  if (!first || !isAuthorVoice(text.slice(first.start, first.end))) return span.start;
  let lastNote = 0;
  sentences.forEach((s, i) => {
    if (isAuthorVoice(text.slice(s.start, s.end))) lastNote = i;
  });
  const storyStart = sentences[lastNote + 1];
  return storyStart ? storyStart.start : span.end;
}
