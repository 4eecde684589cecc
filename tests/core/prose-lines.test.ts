import { describe, expect, it } from 'vitest';
import { parseScript } from '../../cues/parse-script.ts';
import { headerKey, isAuthorVoice, startsWithNoteMarker } from '../../cues/readers/prose/author-notes.ts';
import { splitSentences } from '../../cues/readers/prose/sentences.ts';
import { spokenText } from '../../cues/spoken-text.ts';

// The prose reader's line tests (issue 19, mutation testing): fan-fiction headers and authors'
// notes as archives and writers type them, and sentence ends as fan fiction writes them
// (emoticons, initials, spaced-out text), each at the bound of its pattern.

function sentences(text: string): string[] {
  return splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));
}

describe('sentences', () => {
  const CASES: Array<[text: string, expected: string[]]> = [
    ['She ran.  He hid.  ', ['She ran.', 'He hid.']],
    ['She ran.  ', ['She ran.']],
    ['   ', []],
    ['She stopped. “Who’s there?” he asked.', ['She stopped.', '“Who’s there?” he asked.']],
    [':) Thanks for reading! Buffy walked home.', [':)', 'Thanks for reading!', 'Buffy walked home.']],
    ['Thanks ^^ Buffy walked home.', ['Thanks ^^', 'Buffy walked home.']],
    ['Thanks =) Buffy walked.', ['Thanks =)', 'Buffy walked.']],
    ['Thanks =) see you soon.', ['Thanks =) see you soon.']],
    ['I saw Dr. E. Then I left.', ['I saw Dr. E.', 'Then I left.']],
  ];
  for (const [text, expected] of CASES)
    it(JSON.stringify(text), () => expect(sentences(text)).toEqual(expected));

  it('gives spans into the whole text, from the offset asked for', () => {
    const text = 'Title line\nShe ran.  He hid.';
    expect(splitSentences(text, 11, text.length)).toEqual([
      { start: 11, end: 19 },
      { start: 21, end: 28 },
    ]);
  });
});

describe('story header lines', () => {
  const KEYS: Array<[line: string, key: string | undefined]> = [
    ['Title: The Long Way', 'title'],
    ['Pairing: Buffy/Spike', 'pairing'],
    ['Pairings: B/S', 'pairings'],
    ['Fandom: Buffy', 'fandom'],
    ['Warning: violence', 'warning'],
    ['Genre: Romance', 'genre'],
    ['Character: Buffy S.', 'character'],
    ['Spoiler: season 7', 'spoiler'],
    ['Wordcount: 2,000', 'wordcount'],
    ['Word count: 2,000', 'word count'],
    ['Beta: Willow', 'beta'],
    ['Beta reader: Willow', 'beta reader'],
    ['Note: repost', 'note'],
    ['Rating : T', 'rating'],
    ['A/N: hi', 'a/n'],
    ['Relationship status: complicated', undefined],
    ['Subtitle: A Tale', undefined],
  ];
  for (const [line, key] of KEYS) it(JSON.stringify(line), () => expect(headerKey(line)).toBe(key));
});

describe("authors' notes", () => {
  const MARKED = [
    '(A/N: sorry for the wait!)',
    '[A/N: sorry]',
    "Author's note: thanks",
    'Authors note: thanks',
    'Author note - thanks',
    "Note: this chapter is unbeta'd.",
    'N.B.: fixed typos',
    'PS: review!',
    'P.S. - review!',
    'Disclaimer: not mine',
  ];
  for (const line of MARKED)
    it(`${JSON.stringify(line)} opens a note`, () => expect(startsWithNoteMarker(line)).toBe(true));
  for (const line of ['Plan: get in, get out.', 'Notebook in hand, she left.'])
    it(`${JSON.stringify(line)} is the story`, () => expect(startsWithNoteMarker(line)).toBe(false));

  const VOICE = [
    'The characters belong to J.K. Rowling.',
    'Leave a review!',
    'Enjoy this, guys!',
    'This oneshot was hard to write.',
    'Thank you all!',
    "I don't own Buffy.",
  ];
  for (const line of VOICE)
    it(`${JSON.stringify(line)} is the author talking`, () => expect(isAuthorVoice(line)).toBe(true));
  for (const line of ['She owned the shop.', 'He did not own a car.'])
    it(`${JSON.stringify(line)} is the story`, () => expect(isAuthorVoice(line)).toBe(false));
});

describe('pronouns of other languages beside a speech verb', () => {
  // Without the pronoun's gender the third speech would go to Anna by turn-taking.
  const GERMAN =
    'Tom kam herein. Er war nass. Anna wartete am Fenster. Sie war wütend.\n\n„Wo warst du?“, fragte Anna.\n\n„Draußen“, sagte Tom.\n\n„Und dann?“, fragte er.\n\n„Nichts“, sagte sie.';
  const FRENCH =
    'Tom entra. Il était mouillé. Anna attendait à la fenêtre. Elle était furieuse.\n\n« Où étais-tu ? » demanda Anna.\n\n« Dehors », dit Tom.\n\n« Et puis ? » demanda-t-il.\n\n« Rien », dit-elle.';
  for (const [language, text] of [
    ['German', GERMAN],
    ['French', FRENCH],
  ] as const) {
    it(`${language}: "er"/"il" is Tom, "sie"/"elle" is Anna`, () => {
      const speakers = parseScript(text, { format: 'prose' })
        .cues.filter((c) => c.kind === 'dialogue')
        .map((c) => c.speaker);
      expect(speakers).toEqual(['Anna', 'Tom', 'Tom', 'Anna']);
    });
  }
});

describe('speech opened by a dash', () => {
  it('an indented dash opens speech, its incise is narration, the speech resumes after it; an en-dash minus does not', () => {
    const text =
      'Paul ouvrit la porte.\n\n   — Juste dehors, dit-il, derrière la porte.\n\n–10 degrés cette nuit-là. Personne ne sortit.';
    expect(parseScript(text, { format: 'prose' }).cues.map((c) => [c.kind, spokenText(c)])).toEqual([
      ['narration', 'Paul ouvrit la porte.'],
      ['dialogue', 'Juste dehors'],
      ['narration', 'dit-il'],
      ['dialogue', 'derrière la porte.'],
      ['narration', '–10 degrés cette nuit-là. Personne ne sortit.'],
    ]);
  });
});
