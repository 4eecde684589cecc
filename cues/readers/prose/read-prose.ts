import type { RawCue } from '../../build-cue-sheet.ts';
import { isolateLines, type Paragraph, type Span, splitParagraphs } from '../../text/paragraphs.ts';
import { isCreditLine, isNotesHeader } from '../structure-lines.ts';
import { authorNoteEnd, headerKey, isAuthorVoice, startsWithNoteMarker } from './author-notes.ts';
import { attributeTurns } from './conversation.ts';
import { scanDashSpeech, startsDashSpeech } from './dash-dialogue.ts';
import { isProseChapterHeading, isProseSeparator, isProseStructureLine } from './prose-structure.ts';
import { isOpeningQuote, type QuoteSpan } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { dialogueQuoteStyle, quoteScanner, scanSingleQuotes } from './single-quotes.ts';
import { SpeakerModel, type StoryParagraph } from './speakers.ts';

// Plain prose (novels, fan fiction, the seed): headings, a title, the author's notes, narration,
// quoted dialogue with its speaker, and sung verse quoted after a "she sang," cue. Speech is in
// double quotes or, as British novels print it, in single quotes (single-quotes.ts).

const SING_CUE =
  /\b(?:sing|sings|singing|sang|sung|hum|hums|hummed|humming|chant(?:s|ed|ing)?|croon(?:s|ed|ing)?|serenad(?:e|es|ed|ing))\b/i;
const INTRODUCES_QUOTE = /(?:[,:;—–]|\.\.\.|…)\s*$/;
/** A verse line opens with a capital ("I" alone is as likely mid-sentence) or a song mark. */
const VERSE_LINE_START = /^\s*["'“‘♪♫]?\s*(?:[\p{Lu}\p{N}](?![\s,.'’])|[♪♫])/u;

const LEFT_BY_QUOTE = /[\s,.;:]/;

interface DialogueSite {
  cue: RawCue;
  paragraph: StoryParagraph;
  quote: QuoteSpan;
  /** The speech this one carries on: a quote left open at the end of the paragraph before. */
  continues?: DialogueSite;
  /** A chapter heading or scene break came between this speech and the one before. */
  newScene: boolean;
}

export function readProse(text: string): RawCue[] {
  return new ProseReader(text).read();
}

class ProseReader {
  private readonly cues: RawCue[] = [];
  private readonly story: StoryParagraph[] = [];
  private readonly sites: DialogueSite[] = [];
  private storyStarted = false;
  private titleSeen = false;
  private inNotes = false;
  /** A "NOTES:" line stood alone: the paragraph after it is production notes. */
  private notesBelow = false;
  private lyricOpen = false;
  private lastNarration = '';
  /** A speech left open at the end of the last story paragraph (it may go on in the next one). */
  private openSpeech: DialogueSite | undefined;
  private sceneBreak = false;

  private readonly text: string;
  private readonly scanQuotes: ReturnType<typeof quoteScanner>;

  constructor(text: string) {
    this.text = text;
    this.scanQuotes = quoteScanner(dialogueQuoteStyle(text));
  }

  read(): RawCue[] {
    const paragraphs = isolateLines(this.text, splitParagraphs(this.text), isProseStructureLine);
    paragraphs.forEach((paragraph, i) => {
      this.readParagraph(paragraph, paragraphs[i + 1]);
    });
    const speakers = new SpeakerModel(this.text, this.story);
    const found = this.sites.map((site) => speakers.attribution(site.paragraph, site.quote));
    // A speech verb naming its speaker ("“Nothing,” Buffy said.") answers the speech left open
    // before (its closing mark lost) rather than carrying it on.
    const carries = (site: DialogueSite, i: number) => site.continues !== undefined && !found[i]!.strong;
    const indexOf = new Map(this.sites.map((site, i) => [site, i]));
    const turns = attributeTurns(
      this.sites.map((site, i) => ({
        paragraph: site.paragraph,
        found: carries(site, i) ? undefined : found[i]!.speaker,
        strong: carries(site, i) ? false : found[i]!.strong,
        continues: carries(site, i) ? indexOf.get(site.continues!) : undefined,
        newScene: site.newScene,
      })),
      (turn, not) => speakers.lastNamedBefore(turn.paragraph.span.start, not),
      (index) => speakers.addressee(this.sites[index]!.quote),
    );
    this.sites.forEach((site, i) => {
      const speaker = turns[i];
      if (speaker) site.cue.speaker = speaker;
    });
    return this.cues;
  }

  private readParagraph(paragraph: Paragraph, next: Paragraph | undefined): void {
    // "She began to sing," leads into a quote only from the paragraph right before it.
    const leadIn = this.lastNarration;
    this.lastNarration = '';
    const body = this.text.slice(paragraph.start, paragraph.end);
    const singleLine = paragraph.lines.length === 1;
    if (singleLine && isProseSeparator(body)) {
      this.push('separator', paragraph);
      this.sceneBreak = true;
      this.openSpeech = undefined;
      this.lyricOpen = false;
      // A rule followed by the author talking ("A/N: …") turns everything up to the next rule or
      // heading into notes; a scene break followed by story does not.
      this.inNotes = next !== undefined && this.opensNotes(next);
      return;
    }
    if (singleLine && isProseChapterHeading(body)) {
      this.cues.push({ kind: 'heading', start: paragraph.start, end: paragraph.end, opensChapter: true });
      this.sceneBreak = true;
      this.openSpeech = undefined;
      this.inNotes = false;
      this.lyricOpen = false;
      return;
    }
    if (this.lyricOpen && !this.continuesLyric(paragraph)) this.lyricOpen = false;
    // "NOTES:" alone on its first line: production notes for the reader, never said.
    const notesBelow = this.notesBelow && !this.opensWithSpeech(paragraph);
    this.notesBelow = false;
    if (notesBelow || isNotesHeader(this.text.slice(paragraph.lines[0]!.start, paragraph.lines[0]!.end))) {
      this.push('note', paragraph, true);
      this.notesBelow = !notesBelow && singleLine;
      return;
    }
    if (this.inNotes || (!this.lyricOpen && startsWithNoteMarker(body))) {
      this.push('note', paragraph);
      return;
    }
    let story: Span = paragraph;
    if (!this.storyStarted) {
      if (this.readHeader(paragraph)) return;
      if (!this.titleSeen && this.readTitleAndCredits(paragraph)) return;
      if (!this.titleSeen && this.looksLikeTitle(paragraph, body)) {
        this.titleSeen = true;
        this.push('title', paragraph);
        return;
      }
      const noteEnd = authorNoteEnd(this.text, paragraph);
      if (noteEnd > paragraph.start) {
        this.push('note', { start: paragraph.start, end: noteEnd });
        if (noteEnd >= paragraph.end) return;
        story = { start: noteEnd, end: paragraph.end };
      }
    }
    this.readStory(story, paragraph, leadIn);
  }

  private readStory(span: Span, paragraph: Paragraph, leadIn: string): void {
    const quotes =
      !this.lyricOpen && startsDashSpeech(this.text, span.start, span.end)
        ? scanDashSpeech(this.text, span.start, span.end)
        : this.scanQuotes(this.text, span.start, span.end, this.lyricOpen);
    const storyParagraph: StoryParagraph = { span, quotes };
    this.story.push(storyParagraph);
    let at = span.start;
    let lyricOpenAfter = false;
    const carriedOn = this.openSpeech;
    this.openSpeech = undefined;
    for (const quote of quotes) {
      const lead = { start: at, end: quote.openMark ?? quote.start };
      this.pushNarration(lead);
      const leadText = this.text.slice(lead.start, lead.end);
      const introducedBy = /\S/.test(leadText) ? leadText : at === span.start ? leadIn : '';
      const sung =
        quote.openMark === null || this.isVerse(quote, paragraph) || this.isSingCue(introducedBy, leadText);
      if (sung) {
        this.push('lyric', quote);
        lyricOpenAfter = quote.closeMark === null;
      } else {
        const cue = this.push('dialogue', quote);
        if (cue) {
          // A speech over several paragraphs opens each with a quote mark and closes only the last.
          const continues = carriedOn && quote.openMark === span.start ? carriedOn : undefined;
          const site: DialogueSite = {
            cue,
            paragraph: storyParagraph,
            quote,
            ...(continues ? { continues } : {}),
            newScene: this.sceneBreak,
          };
          this.sites.push(site);
          this.sceneBreak = false;
          if (quote.closeMark === null) this.openSpeech = site;
        }
      }
      // A dash speech that runs to the paragraph's end closes just past it.
      at = quote.closeMark === null ? quote.end : Math.min(quote.closeMark + 1, span.end);
      this.lastNarration = '';
    }
    this.pushNarration({ start: at, end: span.end });
    this.lyricOpen = lyricOpenAfter;
    this.storyStarted = true;
  }

  private pushNarration(whole: Span): void {
    // The punctuation a quote leaves behind (German „…“, fragte; British '…', said) is no narration.
    let start = whole.start;
    while (start < whole.end && LEFT_BY_QUOTE.test(this.text[start]!)) start++;
    const span = { start, end: whole.end };
    const body = this.text.slice(span.start, span.end);
    // Punctuation left between two quotes ('"No," he said. "Yes."' leaves ". ") is not a cue.
    if (!/[\p{L}\p{N}]/u.test(body)) return;
    this.push('narration', span);
    this.lastNarration = body;
  }

  /**
   * `silent`: a story header's key lines ("Author: …", "Rating: T") are never read. Author's notes
   * and disclaimers stay spoken notes, read in the author's voice apart from the story or cut by the
   * producer (a narrator reading them is what the alignment harness and real sessions hold).
   */
  private push(kind: RawCue['kind'], span: Span, silent = false): RawCue | undefined {
    if (span.end <= span.start) return undefined;
    const cue: RawCue = silent
      ? { kind, start: span.start, end: span.end, silent: true }
      : { kind, start: span.start, end: span.end };
    this.cues.push(cue);
    return cue;
  }

  /** "Buffy softly began to sing to herself," — a sing verb in the sentence that leads into the quote. */
  private isSingCue(introducedBy: string, leadText: string): boolean {
    const lead = /\S/.test(leadText) ? leadText : introducedBy;
    if (!INTRODUCES_QUOTE.test(lead)) return false;
    const sentences = splitSentences(lead, 0, lead.length);
    const last = sentences[sentences.length - 1];
    return last !== undefined && SING_CUE.test(lead.slice(last.start, last.end));
  }

  /**
   * Quoted text broken into several short lines, each opening with a capital as verse does, is
   * sung or recited, not conversation. Hard-wrapped prose (Project Gutenberg's 70-column lines)
   * breaks mid-sentence, so its lines mostly go on in lower case.
   */
  private isVerse(quote: QuoteSpan, paragraph: Paragraph): boolean {
    const lines = paragraph.lines.filter((l) => l.end > quote.start && l.start < quote.end);
    if (lines.length < 2 || !lines.every((l) => l.end - l.start <= 100)) return false;
    const wrapped = lines.slice(0, -1).every((l) => l.end - l.start >= 60);
    const capitalised = lines
      .slice(1)
      .filter((l) => VERSE_LINE_START.test(this.text.slice(l.start, Math.min(l.end, l.start + 8))));
    return !wrapped && capitalised.length * 3 >= (lines.length - 1) * 2;
  }

  /** A song's next stanza: still inside the open quote, so verse-shaped or closing the quote. */
  private continuesLyric(paragraph: Paragraph): boolean {
    const body = this.text.slice(paragraph.start, paragraph.end).trim();
    if (isOpeningQuote(body[0])) return false;
    const verse = paragraph.lines.length >= 2 && paragraph.lines.every((l) => l.end - l.start <= 100);
    return verse || /["”»]$/.test(body);
  }

  /**
   * A fan-fiction header before the story ("Title: …", "Author: …", "Rating: T"): notes, but for
   * the title's value, which titles the book. Its first line must be a header line, and a single
   * line only "Title:" or "Author:" (a lone "Summary: …" line may open the story's own text).
   */
  private readHeader(paragraph: Paragraph): boolean {
    const keys = paragraph.lines.map((l) => headerKey(this.text.slice(l.start, l.end)));
    const first = keys[0];
    if (first === undefined) return false;
    if (keys.filter((k) => k !== undefined).length < 2 && first !== 'title' && first !== 'author')
      return false;
    const titleAt = this.titleSeen ? -1 : keys.indexOf('title');
    const line = paragraph.lines[titleAt];
    if (!line) {
      this.push('note', paragraph, true);
      return true;
    }
    const value = this.text.indexOf(':', line.start) + 1;
    this.push('note', { start: paragraph.start, end: value }, true);
    this.push('title', { start: value, end: line.end });
    this.push('note', { start: line.end, end: paragraph.end }, true);
    this.titleSeen = true;
    return true;
  }

  /** "THE LIGHTHOUSE" over "by Jane Doe": the title, and credits that are not said. */
  private readTitleAndCredits(paragraph: Paragraph): boolean {
    const [title, credit] = paragraph.lines;
    if (!credit || paragraph.lines.length > 4 || !isCreditLine(this.text.slice(credit.start, credit.end)))
      return false;
    const titleLine: Paragraph = { start: title!.start, end: title!.end, lines: [title!] };
    if (!this.looksLikeTitle(titleLine, this.text.slice(title!.start, title!.end))) return false;
    this.titleSeen = true;
    this.push('title', title!);
    this.push('note', { start: credit.start, end: paragraph.end }, true);
    return true;
  }

  private opensNotes(next: Paragraph): boolean {
    const body = this.text.slice(next.start, next.end);
    if (startsWithNoteMarker(body)) return true;
    const first = splitSentences(this.text, next.start, next.end)[0];
    return this.storyStarted && first !== undefined && isAuthorVoice(this.text.slice(first.start, first.end));
  }

  /**
   * A paragraph that starts with speech: a double-quote or guillemet mark, a dialogue dash, or a
   * single quote that opens a quote (‘Get up!’; "'Tis" is an elision, "'Salem's Lot" never closes).
   */
  private opensWithSpeech(paragraph: Span): boolean {
    let s = paragraph.start;
    while (s < paragraph.end && /\s/.test(this.text[s]!)) s++;
    const ch = this.text[s];
    if (isOpeningQuote(ch) || startsDashSpeech(this.text, s, paragraph.end)) return true;
    if (ch !== "'" && ch !== '‘') return false;
    const quote = scanSingleQuotes(this.text, s, paragraph.end)[0];
    return quote?.openMark === s && quote.closeMark !== null;
  }

  /** A short single line before the story: "My Love. My Life. My Forever." Never a speech. */
  private looksLikeTitle(paragraph: Paragraph, body: string): boolean {
    const trimmed = body.trim();
    if (paragraph.lines.length !== 1 || trimmed.length > 100 || this.opensWithSpeech(paragraph)) return false;
    if (isAuthorVoice(trimmed)) return false;
    const words = trimmed.match(/[\p{L}\p{N}']+/gu) ?? [];
    if (words.length === 0 || words.length > 12) return false;
    if (!/[.!?,;:]$/.test(trimmed)) return true;
    const capitalised = words.filter((w) => /^[\p{Lu}\p{N}]/u.test(w)).length;
    return capitalised / words.length >= 0.6;
  }
}
