import type { Span } from '../../text/paragraphs.ts';
import type { QuoteSpan } from './quotes.ts';
import { splitSentences } from './sentences.ts';
import { FOREIGN_PRONOUN, FOREIGN_PRONOUN_GENDER, SPEECH_VERB } from './speech-verbs.ts';

// Who says a quoted line, from the narration around it: "…," Spike said / she said her next
// words, "…" / hearing his voice, "…" / Spike kissed her forehead, "…". Characters and their
// pronouns are learned from the story itself, so no name list is needed.

export interface StoryParagraph {
  span: Span;
  quotes: QuoteSpan[];
}

type Gender = 'male' | 'female';

/** "Mr. Bennet", "Miss Bates", "March Hare", "Dana", "she": titled and two-word names are one name. */
const TITLE = '(?:(?:Mr|Mrs|Ms|Dr|St)\\.?|Miss|Lady|Sir|Lord|Aunt|Uncle|Captain|Colonel)';
// A capital may stand inside a name after Mc or an apostrophe: McGonagall, O'Connor.
const NAME = `(?:${TITLE}\\s+)?\\p{Lu}(?:[\\p{Ll}']*\\p{Lu})?[\\p{Ll}']+(?:[ \\t]+\\p{Lu}(?:[\\p{Ll}']*\\p{Lu})?[\\p{Ll}']+)?`;
// Pronouns before names: "Sie" beside "fragte" is she, not a character called Sie.
const SUBJECT = `([Hh]e|[Ss]he|${FOREIGN_PRONOUN}|${NAME}|I)(?![\\p{L}'])`;
/** Between an inverted verb and its subject: a space, or French hyphens ("dit-il", "demanda-t-elle"). */
const INVERTED = '(?:\\s+|-t-|-)';
/** After a speech verb: not more of the word ("dit" in "ditch"); ASCII \\b fails after "preguntó". */
const VERB_END = '(?![\\p{L}])';
const SPEAKER_AFTER = new RegExp(
  `^[\\s,.;:]*(?:(?:the\\s+)?${SUBJECT}\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB})${VERB_END}|(?:${SPEECH_VERB})${INVERTED}(?:the\\s+)?${SUBJECT})`,
  'u',
);
/** An action beat right after a quote: `"Not now." Dana set down the cup.` — its subject speaks. */
const BEAT_AFTER = new RegExp(`^[\\s,.;:!?…—–-]*(?:the\\s+)?${SUBJECT}\\s+(?:\\p{Ll}+ly\\s+)?\\p{Ll}`, 'u');
/** Words that may start a capitalised run without being part of a name ("Then Tom said"). */
const TITLE_WORD = new RegExp(`^${TITLE}$`);
const SPEAKER_BEFORE = new RegExp(`${SUBJECT}\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB})${VERB_END}`, 'gu');
/**
 * A speaker named by kinship beside a speech verb: "cried his wife", "her father said". Novels of
 * titled families name them so; the family is the one whose titled name was read last.
 */
const KIN = '(his|her)\\s+(wife|lady|husband|mother|father)';
const KIN_AFTER = new RegExp(
  `^[\\s,]*(?:${KIN}\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB})${VERB_END}|(?:${SPEECH_VERB})\\s+${KIN}\\b)`,
  'u',
);
const KIN_BEFORE = new RegExp(`${KIN}\\s+(?:\\p{Ll}+ly\\s+)?(?:${SPEECH_VERB})${VERB_END}`, 'gu');
/** Family words used as names ("said Mum", "Dad laughed"): the speaker is called by them. */
const KIN_NAMES: Readonly<Record<string, Gender>> = {
  Mum: 'female',
  Mom: 'female',
  Mummy: 'female',
  Mommy: 'female',
  Mother: 'female',
  Mama: 'female',
  Ma: 'female',
  Gran: 'female',
  Granny: 'female',
  Grandma: 'female',
  Nan: 'female',
  Nana: 'female',
  Auntie: 'female',
  Dad: 'male',
  Daddy: 'male',
  Father: 'male',
  Papa: 'male',
  Pa: 'male',
  Grandpa: 'male',
  Grandad: 'male',
  Granddad: 'male',
};
const KIN_NAME_TOKEN = new RegExp(`(?<![\\p{L}'])(?:${Object.keys(KIN_NAMES).join('|')})(?![\\p{L}'])`, 'gu');
/** "Mrs. Hale" and "Mrs Hale" are one person: the title without its dot is the key. */
const TITLE_WORD_START = /^(?:Mr|Mrs|Ms|Dr|St)\.?\s/;
const TITLE_DOT = /^(Mr|Mrs|Ms|Dr|St)\.\s*/;
const TITLED_SURNAME = /^(?:Mr|Mrs|Ms|Miss|Sir|Lady|Lord)\.?\s+(?:\p{Lu}\p{Ll}+\s+)?(\p{Lu}\p{Ll}+)$/u;
const KIN_MENTION = /\b(his|her)\s+(wife|lady|husband|mother|father)\b/g;
/** A name said to someone: at the start of a speech or after a comma, followed by , ! ? or . */
const VOCATIVE = new RegExp(
  `(?:^|[,;]\\s*|^\\p{Lu}\\p{Ll}*[,!]?\\s+)(${TITLE}\\s+\\p{Lu}\\p{Ll}+|\\p{Lu}\\p{Ll}+)(?=\\s*[,!?.])`,
  'gu',
);
const VOICE_OWNER = /\b(his|her|\p{Lu}[\p{Ll}]+'s)\s+(?:\p{Ll}+\s+)?voice\b/u;
const ANY_SUBJECT = new RegExp(
  `(?<![\\p{L}'])(${TITLE}\\s+\\p{Lu}[\\p{Ll}']+|\\p{Lu}[\\p{Ll}']+|[Hh]e|[Ss]he)(?![\\p{L}'])`,
  'gu',
);
/** One name word: "Tom", and "O'Connor", "McGonagall", "MacDonald" (a capital inside, after Mc or an apostrophe). */
const NAME_WORD = "\\p{Lu}(?:\\p{Ll}+|\\p{Ll}*'?\\p{Lu}\\p{Ll}+)";
/** Name words in running text. */
const NAME_TOKEN = new RegExp(`(?<![\\p{L}'])${NAME_WORD}(?![\\p{L}])`, 'gu');
/** A word that is a name word whole. */
const NAME_SHAPE = new RegExp(`^${NAME_WORD}$`, 'u');
// "Mrs. John Dashwood" is one person; "the Miss Dashwoods" (a plural) is none.
const TITLED_NAME = new RegExp(
  `(?<![\\p{L}'])(?<!\\bthe\\s+)${TITLE}\\s+\\p{Lu}\\p{Ll}+(?:[ \\t]+\\p{Lu}\\p{Ll}+)?(?![\\p{L}'])`,
  'gu',
);
const MALE_TITLE = /^(?:Mr|Sir|Lord|Uncle|Captain|Colonel)\b/;
const FEMALE_TITLE = /^(?:Mrs|Ms|Miss|Lady|Aunt)\b/;
const CALENDAR =
  /^(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Christmas)$/;

// Capitalised words that start sentences but are not people.
/**
 * "Slowly", "Suddenly", "Shaking": a capitalised adverb or participle, never a name. The stem has
 * four letters or more, so Lily, Emily, Molly, Kelly, King and Irving stay names (they were read
 * as no one beside "said").
 */
const ADVERB_OR_PARTICIPLE = /^\p{L}{4,}(?:ly|ing)$/u;

const NOT_NAMES = new Set(
  (
    'I The A An She He It They We You His Her Hers Him Their Our My Your Its This That These Those There Then When ' +
    'While After Before As At In On Of For With Without But And Or Nor So If Instead However Now Somewhere What Why ' +
    'How Who Whom Whose Where Which Just Not No Yes Oh Ah Well Even Still Maybe Perhaps Once Only All Some Every Each ' +
    'Nothing Everything Something Someone Everyone Anyone Nobody To From By Into Over Under Again Also Because Since ' +
    'Until Though Although Yet Soon Later Today Tonight Tomorrow Yesterday Here Mr Mrs Ms Dr Sir Madam God Chapter ' +
    'Part Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July ' +
    'August September October November December Christmas English Outside Inside Behind Above Below Around Through ' +
    'Never Always Sometimes Finally Suddenly Meanwhile Afterwards Besides Despite Like Unlike Both Either Neither ' +
    'Most Many Much More Few Several Other Another Such Same Next Last First Second Third One Two Three Four Five ' +
    'Half Hey Hi Hello Please Thanks Okay Ok Sorry Dear Love Mom Mum Dad Mother Father ' +
    // Adverbs and participles too short for ADVERB_OR_PARTICIPLE's stem.
    'Early Oddly Sadly Madly Duly Truly Dryly Shyly Slyly Wryly Coyly Daily Fully Being Going Doing Dying Lying'
  ).split(' '),
);

interface Mention {
  at: number;
  name: string;
}

/** A paragraph's narration (quotes masked out) and its sentences, computed once and shared. */
interface NarrationView {
  masked: string;
  sentences: Span[];
}

export class SpeakerModel {
  private readonly views = new Map<StoryParagraph, NarrationView>();
  private readonly genders = new Map<string, Gender>();
  private readonly mentions: Mention[] = [];

  constructor(text: string, story: StoryParagraph[]) {
    for (const paragraph of story) {
      const masked = maskQuotes(text, paragraph);
      this.views.set(paragraph, { masked, sentences: splitSentences(masked, 0, masked.length) });
    }
    const names = this.findNames(story);
    this.learnGenders(story, names);
    for (const paragraph of story) {
      const { masked } = this.views.get(paragraph)!;
      const titled = new Set<number>();
      for (const m of masked.matchAll(TITLED_NAME)) {
        const name = this.spelled(m[0].replace(/\s+/g, ' '), true);
        this.mentions.push({ at: paragraph.span.start + m.index, name });
        titled.add(m.index + m[0].lastIndexOf(' ') + 1);
        // A title says who is a man and who is a woman: "Mrs. Bennet" … "she".
        if (MALE_TITLE.test(name)) this.genders.set(name, 'male');
        else if (FEMALE_TITLE.test(name)) this.genders.set(name, 'female');
      }
      for (const m of masked.matchAll(KIN_NAME_TOKEN)) {
        this.mentions.push({ at: paragraph.span.start + m.index, name: m[0] });
        this.genders.set(m[0], KIN_NAMES[m[0]]!);
      }
      for (const m of masked.matchAll(NAME_TOKEN)) {
        this.narrationWords.add(m[0]);
        if (names.has(m[0]) && !titled.has(m.index))
          this.mentions.push({ at: paragraph.span.start + m.index, name: m[0] });
      }
    }
    this.mentions.sort((a, b) => a.at - b.at);
    for (const m of this.mentions) {
      const surname = TITLED_SURNAME.exec(m.name)?.[1];
      if (surname) this.titled.push({ at: m.at, name: m.name, surname });
    }
    // "his wife's views", "her husband": kin named in the narration are mentions of those people.
    const kin: Mention[] = [];
    for (const paragraph of story) {
      const { masked } = this.views.get(paragraph)!;
      for (const m of masked.matchAll(KIN_MENTION)) {
        const at = paragraph.span.start + m.index;
        const name = this.kin(m[1]!, m[2]!, at);
        if (!name) continue;
        kin.push({ at, name });
        // Named now, the relative can anchor the next kinship ("his wife" … "her husband").
        let slot = this.titled.length;
        while (slot > 0 && this.titled[slot - 1]!.at > at) slot--;
        this.titled.splice(slot, 0, { at, name, surname: name.slice(name.lastIndexOf(' ') + 1) });
        this.genders.set(name, /^Mrs\b/.test(name) ? 'female' : 'male');
      }
    }
    if (kin.length > 0) this.mentions.push(...kin);
    this.mentions.sort((a, b) => a.at - b.at);
    this.text = text;
    for (const { name } of this.mentions) {
      this.known.add(name);
      const last = name.slice(name.lastIndexOf(' ') + 1);
      if (last !== name) this.bySurname.set(last, [...new Set([...(this.bySurname.get(last) ?? []), name])]);
    }
  }

  private readonly text: string;
  /** The spelling of each titled name as the text first writes it, by its undotted form. */
  private readonly spellings = new Map<string, string>();
  private dottedTitles = 0;
  private plainTitles = 0;

  /**
   * A titled name as the text spells it: "Mrs. Hale" is "Mrs Hale" in a book that writes it so.
   * `seen`: it is in the text (the first spelling is kept). A name the text never writes (one made
   * from "her mother") takes the text's usual style, never one of our own.
   */
  private spelled(name: string, seen = false): string {
    const key = name.replace(TITLE_DOT, '$1 ');
    const known = this.spellings.get(key);
    if (known) return known;
    if (seen) {
      if (key !== name) this.dottedTitles++;
      else if (/^(?:Mr|Mrs|Ms|Dr|St)\s/.test(name)) this.plainTitles++;
      this.spellings.set(key, name);
      return name;
    }
    const title = /^(Mr|Mrs|Ms|Dr|St)\s+/.exec(key);
    return title && this.dottedTitles >= this.plainTitles
      ? `${title[1]}. ${key.slice(title[0].length)}`
      : key;
  }

  /** Every name mentioned, and the titled names each surname belongs to: looked up per speech. */
  private readonly known = new Set<string>();
  private readonly bySurname = new Map<string, string[]>();
  /** The characters of each gender, once the model is built (pronouns with no mention before them). */
  private byGender: Record<Gender, string[]> | undefined;
  /** Mentions by title ("Mrs. John Dashwood") with their surname, in order: kinship resolves on them. */
  private readonly titled: Array<{ at: number; name: string; surname: string }> = [];
  /** Capitalised words of the narration: a name called in a speech must be one of them. */
  private readonly narrationWords = new Set<string>();

  /**
   * Whom a speech calls by name ("Come, Darcy, …", "…, Mr. Bennet!"): most likely the next to
   * speak. A bare name that one titled character carries becomes that name ("Darcy" → "Mr. Darcy").
   */
  addressee(quote: QuoteSpan): string | undefined {
    const speech = this.text.slice(quote.start, Math.min(quote.end, quote.start + 400));
    for (const m of speech.matchAll(VOCATIVE)) {
      const word = m[1]!.replace(/\s+/g, ' ');
      if (NOT_NAMES.has(word)) continue;
      if (this.known.has(word)) return word;
      const titled = this.bySurname.get(word);
      if (titled?.length === 1) return titled[0];
      if (!titled && this.narrationWords.has(word)) return word;
    }
    return undefined;
  }

  /** The character named last in the narration before `at`, other than `not` ("Mr. Bennet made no answer."). */
  lastNamedBefore(at: number, not: string): string | undefined {
    for (let i = this.mentions.length - 1; i >= 0; i--) {
      const m = this.mentions[i]!;
      if (m.at < at && m.name !== not) return m.name;
    }
    return undefined;
  }

  /** The characters found, in order of first mention. */
  get characters(): string[] {
    return [...new Set(this.mentions.map((m) => m.name))];
  }

  speakerFor(paragraph: StoryParagraph, quote: QuoteSpan): string | undefined {
    return this.attribution(paragraph, quote).speaker;
  }

  /**
   * Who says a quote, and whether a speech verb names them (`strong`: "…," said Alice) or only the
   * narration nearby does (a beat, a voice, the subject of the sentence before).
   */
  attribution(paragraph: StoryParagraph, quote: QuoteSpan): { speaker?: string; strong: boolean } {
    const { masked, sentences } = this.views.get(paragraph)!;
    const base = paragraph.span.start;
    const leadEnd = (quote.openMark ?? quote.start) - base;
    const tailStart = (quote.closeMark ?? quote.end) + 1 - base;

    const tail = masked.slice(Math.max(0, tailStart), Math.max(0, tailStart) + 200);
    const after = SPEAKER_AFTER.exec(tail);
    const fromTail = after && this.resolve(after[1] ?? after[2]!, quote.start, true);
    if (fromTail) return { speaker: fromTail, strong: true };
    const kinAfter = KIN_AFTER.exec(tail);
    const fromKin =
      kinAfter && this.kin(kinAfter[1] ?? kinAfter[3]!, kinAfter[2] ?? kinAfter[4]!, quote.start);
    if (fromKin) return { speaker: fromKin, strong: true };
    const beat = BEAT_AFTER.exec(tail);
    const beatSpeaker = beat ? this.resolve(beat[1]!, quote.start) : undefined;

    // The sentence the quote sits in (cut at the quote) and the one before it.
    const k = lastSentenceBefore(sentences, leadEnd);
    if (k < 0) return weak(beatSpeaker);
    // Windows are bounded so a paragraph with no sentence breaks stays linear.
    const last = clipTail(masked, sentences[k]!.start, Math.min(sentences[k]!.end, leadEnd));
    const previous = k > 0 ? clipTail(masked, sentences[k - 1]!.start, sentences[k - 1]!.end) : undefined;
    const before = [...last.matchAll(SPEAKER_BEFORE)].pop();
    const fromVerb = before && this.resolve(before[1]!, quote.start, true);
    if (fromVerb) return { speaker: fromVerb, strong: true };
    const kinBefore = /\bh(?:is|er)\s/.test(last) ? [...last.matchAll(KIN_BEFORE)].pop() : undefined;
    const fromKinBefore = kinBefore && this.kin(kinBefore[1]!, kinBefore[2]!, quote.start);
    if (fromKinBefore) return { speaker: fromKinBefore, strong: true };
    if (beatSpeaker) return weak(beatSpeaker);
    const voice = VOICE_OWNER.exec(last);
    const fromVoice = voice && this.resolve(voice[1]!.replace(/'s$/, ''), quote.start);
    if (fromVoice) return weak(fromVoice);
    for (const sentence of [last, previous]) {
      for (const m of sentence?.matchAll(ANY_SUBJECT) ?? []) {
        const who = this.resolve(m[1]!, quote.start);
        if (who) return weak(who);
      }
    }
    return weak(undefined);
  }

  /**
   * "his wife" → "Mrs. Bennet" when the last titled name read before `at` is of the Bennets; "her
   * father" → "Mr. Bennet". Undefined in a story without titled names.
   */
  private kin(owner: string, relation: string, at: number): string | undefined {
    if ((relation === 'wife' || relation === 'lady') && owner !== 'his') return undefined;
    if (relation === 'husband' && owner !== 'her') return undefined;
    // Titled names read before `at` (few in any book; none in most modern fiction).
    let before = 0;
    while (before < this.titled.length && this.titled[before]!.at < at) before++;
    let family: string | undefined;
    if (relation === 'mother' || relation === 'father') {
      // A parent is of the family named most so far: the household the story is about.
      const counts = new Map<string, number>();
      for (const t of this.titled.slice(0, before)) counts.set(t.surname, (counts.get(t.surname) ?? 0) + 1);
      family = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0];
    } else {
      // A spouse is of the family of the last man ("his wife") or woman ("her husband") named.
      const of = owner === 'his' ? 'male' : 'female';
      for (let i = before - 1; i >= 0 && !family; i--)
        if (this.genders.get(this.titled[i]!.name) === of) family = this.titled[i]!.surname;
    }
    if (!family) return undefined;
    const female = relation === 'wife' || relation === 'lady' || relation === 'mother';
    return this.spelled(`${female ? 'Mrs' : 'Mr'} ${family}`);
  }

  /**
   * A name stays itself; he/she/his/her become the latest character of that gender before `at`.
   * Beside a speech verb ("Spike said") a name seen only this once is accepted too.
   */
  private resolve(found: string, at: number, besideSpeechVerb = false): string | undefined {
    const named = nameOf(found);
    if (named === undefined) return undefined;
    const word = TITLE_WORD_START.test(named) ? this.spelled(named) : named;
    if (KIN_NAMES[word]) return word;
    const lower = word.toLowerCase();
    const gender: Gender | undefined =
      lower === 'he' || lower === 'his'
        ? 'male'
        : lower === 'she' || lower === 'her'
          ? 'female'
          : this.known.has(word)
            ? undefined
            : FOREIGN_PRONOUN_GENDER[lower];
    if (!gender) {
      if (this.genders.has(word) || this.known.has(word)) return word;
      const last = word.slice(word.lastIndexOf(' ') + 1);
      const nameLike = NAME_SHAPE.test(last) && !ADVERB_OR_PARTICIPLE.test(last) && !NOT_NAMES.has(last);
      return besideSpeechVerb && nameLike ? word : undefined;
    }
    for (let i = lastMentionBefore(this.mentions, at); i >= 0; i--) {
      const mention = this.mentions[i]!;
      if (this.genders.get(mention.name) === gender) return mention.name;
    }
    this.byGender ??= {
      male: [...this.genders].filter(([, g]) => g === 'male').map(([n]) => n),
      female: [...this.genders].filter(([, g]) => g === 'female').map(([n]) => n),
    };
    const ofGender = this.byGender[gender];
    return ofGender.length === 1 ? ofGender[0] : undefined;
  }

  private *sentencesOf(story: StoryParagraph[]): Generator<{ words: string[]; next?: string[] }> {
    for (const paragraph of story) {
      const { masked, sentences: spans } = this.views.get(paragraph)!;
      const sentences = spans.map((s) => words(masked.slice(s.start, s.end)));
      for (let i = 0; i < sentences.length; i++) yield { words: sentences[i]!, next: sentences[i + 1] };
    }
  }

  private findNames(story: StoryParagraph[]): Set<string> {
    const score = new Map<string, number>();
    const bump = (w: string) => score.set(w, (score.get(w) ?? 0) + 1);
    for (const { words: w } of this.sentencesOf(story)) {
      w.forEach((word, i) => {
        if (!NAME_SHAPE.test(word) || NOT_NAMES.has(word)) return;
        if (i > 0) bump(word);
        else if (/^\p{Ll}/u.test(w[1] ?? '') && !ADVERB_OR_PARTICIPLE.test(word)) bump(word);
      });
    }
    return new Set([...score].filter(([, n]) => n >= 2).map(([w]) => w));
  }

  /** "Buffy walked up to her room… She reached her door": the next sentence's pronoun names her. */
  private learnGenders(story: StoryParagraph[], names: Set<string>): void {
    const votes = new Map<string, number>();
    for (const { words: w, next } of this.sentencesOf(story)) {
      const subject = w[0];
      if (!subject || !names.has(subject) || !/^\p{Ll}/u.test(w[1] ?? '')) continue;
      let vote = 0;
      if (w.includes('himself')) vote++;
      if (w.includes('herself')) vote--;
      // The next sentence's pronoun, in English or another language ("Anna lachte. Sie war froh.").
      const pronoun = next?.[0]?.toLowerCase() ?? '';
      if (pronoun === 'he' || FOREIGN_PRONOUN_GENDER[pronoun] === 'male') vote++;
      if (pronoun === 'she' || FOREIGN_PRONOUN_GENDER[pronoun] === 'female') vote--;
      votes.set(subject, (votes.get(subject) ?? 0) + vote);
    }
    for (const [name, vote] of votes) if (vote !== 0) this.genders.set(name, vote > 0 ? 'male' : 'female');
  }
}

/**
 * The name in a capitalised run: "Then Tom" → "Tom", "Mr.  Bennet" → "Mr. Bennet", "March Hare"
 * stays; undefined when nothing of it is a name ("The", "Then").
 */
function nameOf(found: string): string | undefined {
  if (!/\s/.test(found)) return found;
  const words = found.split(/\s+/);
  if (words.length === 1) return found;
  if (TITLE_WORD.test(words[0]!)) return words.join(' ');
  while (words.length > 0 && NOT_NAMES.has(words[0]!.replace(/'s$/, '')) && !CALENDAR.test(words[0]!))
    words.shift();
  return words.length > 0 ? words.join(' ') : undefined;
}

/** A guess from the narration around a quote, not a speech verb. */
function weak(speaker: string | undefined): { speaker?: string; strong: false } {
  return speaker ? { speaker, strong: false } : { strong: false };
}

/** Index of the last mention before `at` (binary search over mentions in text order), or -1. */
function lastMentionBefore(mentions: Mention[], at: number): number {
  let lo = 0;
  let hi = mentions.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (mentions[mid]!.at < at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

const WINDOW = 600;

function clipTail(text: string, start: number, end: number): string {
  return text.slice(Math.max(start, end - WINDOW), end);
}

/** Index of the last sentence starting before `at` (binary search), or -1. */
function lastSentenceBefore(sentences: Span[], at: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sentences[mid]!.start < at) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

function words(sentence: string): string[] {
  return sentence.match(/[\p{L}']+/gu) ?? [];
}

/**
 * The paragraph's narration only: quoted words become spaces (same length, so offsets hold), and a
 * quote that ended a sentence leaves a full stop so "…okay." He wished splits where it should.
 */
function maskQuotes(text: string, paragraph: StoryParagraph): string {
  let out = '';
  let at = paragraph.span.start;
  for (const quote of paragraph.quotes) {
    const from = quote.openMark ?? quote.start;
    const to = quote.closeMark === null ? quote.end : Math.min(quote.closeMark + 1, paragraph.span.end);
    out += text.slice(at, from);
    if (to > from) {
      const endsSentence = /[.!?…]\s*$/.test(text.slice(Math.max(quote.start, quote.end - 8), quote.end));
      out += ' '.repeat(to - from - 1) + (endsSentence ? '.' : ' ');
    }
    at = Math.max(at, to);
  }
  out += text.slice(at, paragraph.span.end);
  return out;
}
